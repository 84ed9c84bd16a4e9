package io.troupe.actor;

import java.util.Objects;

/**
 * Chooses an actor's mailbox: unbounded (the default) or bounded, where a message that finds the
 * mailbox full becomes a {@link DeadLetter} at once and the sender is never blocked.
 */
public final class MailboxSelector extends Props {
  private static final MailboxSelector DEFAULT = new MailboxSelector(0, null);

  private final int capacity;
  private final String configPath;

  private MailboxSelector(int capacity, String configPath) {
    super(null, null);
    this.capacity = capacity;
    this.configPath = configPath;
  }

  /** The unbounded mailbox. */
  public static MailboxSelector defaultMailbox() {
    return DEFAULT;
  }

  /**
   * A mailbox that holds at most {@code capacity} messages.
   *
   * @throws IllegalArgumentException if {@code capacity} is not positive
   */
  public static MailboxSelector bounded(int capacity) {
    if (capacity <= 0) {
      throw new IllegalArgumentException("mailbox capacity must be positive, was " + capacity);
    }
    return new MailboxSelector(capacity, null);
  }

  /**
   * The mailbox configured at {@code path}: a section with {@code mailbox-capacity} (a positive
   * number bounds it, -1 leaves it unbounded).
   */
  public static MailboxSelector fromConfig(String path) {
    Objects.requireNonNull(path, "path");
    if (path.isBlank()) {
      throw new IllegalArgumentException("mailbox path must not be blank");
    }
    return new MailboxSelector(0, path);
  }

  /** The capacity for a bounded mailbox; 0 when unbounded or taken from config. */
  public int capacity() {
    return capacity;
  }

  /** The configuration path, or {@code null}. */
  public String configPath() {
    return configPath;
  }

  @Override
  public MailboxSelector mailboxSelector() {
    return this;
  }

  @Override
  public String toString() {
    return configPath != null ? "MailboxSelector(" + configPath + ")"
        : capacity > 0 ? "MailboxSelector(bounded " + capacity + ")" : "MailboxSelector(unbounded)";
  }
}
