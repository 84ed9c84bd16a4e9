package io.troupe.actor;

import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * Deployment settings for a spawned actor: which dispatcher runs it and which mailbox holds its
 * messages. {@link DispatcherSelector} and {@link MailboxSelector} are props themselves; combine
 * them with the {@code with...} methods.
 */
public class Props {
  private static final Props EMPTY = new Props(null, null);

  private final DispatcherSelector dispatcher;
  private final MailboxSelector mailbox;

  Props(DispatcherSelector dispatcher, MailboxSelector mailbox) {
    this.dispatcher = dispatcher;
    this.mailbox = mailbox;
  }

  /** No settings: the default dispatcher and an unbounded mailbox. */
  public static Props empty() {
    return EMPTY;
  }

  /** The dispatcher selected, or {@code null} for the default. */
  public DispatcherSelector dispatcherSelector() {
    return dispatcher;
  }

  /** The mailbox selected, or {@code null} for the default. */
  public MailboxSelector mailboxSelector() {
    return mailbox;
  }

  /** These props with the given dispatcher. */
  public Props withDispatcher(DispatcherSelector selector) {
    return new Props(Objects.requireNonNull(selector, "selector"), mailbox);
  }

  /** These props with the given mailbox. */
  public Props withMailbox(MailboxSelector selector) {
    return new Props(dispatcher, Objects.requireNonNull(selector, "selector"));
  }

  /** These props with the dispatcher configured at {@code path}. */
  public Props withDispatcherFromConfig(String path) {
    return withDispatcher(DispatcherSelector.fromConfig(path));
  }

  /** These props with the default dispatcher. */
  public Props withDispatcherDefault() {
    return withDispatcher(DispatcherSelector.defaultDispatcher());
  }

  /** These props with the parent's dispatcher. */
  public Props withDispatcherSameAsParent() {
    return withDispatcher(DispatcherSelector.sameAsParent());
  }

  /** These props with the given executor as dispatcher. */
  public Props withExecutor(Executor executor) {
    return withDispatcher(DispatcherSelector.fromExecutor(executor));
  }

  /** These props with the mailbox configured at {@code path}. */
  public Props withMailboxFromConfig(String path) {
    return withMailbox(MailboxSelector.fromConfig(path));
  }

  @Override
  public String toString() {
    return "Props(dispatcher=" + dispatcher + ", mailbox=" + mailbox + ")";
  }
}
