package io.troupe.actor;

import io.troupe.actor.internal.ControlAwareMessageQueue;
import io.troupe.actor.internal.PriorityMessageQueue;
import io.troupe.actor.spi.MessageQueue;
import java.util.Comparator;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Chooses an actor's mailbox: unbounded (the default) or bounded, where a message that finds the
 * mailbox full becomes a {@link DeadLetter} at once and the sender is never blocked.
 */
public final class MailboxSelector extends Props {
  private static final MailboxSelector DEFAULT = new MailboxSelector(0, null, null);

  private final int capacity;
  private final String configPath;
  private final Supplier<MessageQueue> queueFactory;

  private MailboxSelector(int capacity, String configPath, Supplier<MessageQueue> queueFactory) {
    super(null, null);
    this.capacity = capacity;
    this.configPath = configPath;
    this.queueFactory = queueFactory;
  }

  /**
   * A mailbox whose messages wait in a queue that {@code queueFactory} makes for each actor, such
   * as a priority queue; {@code capacity} bounds it when positive (0: unbounded).
   *
   * @throws IllegalArgumentException if {@code capacity} is negative
   */
  public static MailboxSelector fromQueue(Supplier<MessageQueue> queueFactory, int capacity) {
    Objects.requireNonNull(queueFactory, "queueFactory");
    if (capacity < 0) {
      throw new IllegalArgumentException("mailbox capacity must not be negative, was " + capacity);
    }
    return new MailboxSelector(capacity, null, queueFactory);
  }

  /**
   * An unbounded mailbox that hands the actor the message {@code comparator} ranks lowest first;
   * messages that rank equal keep their order of arrival. The comparator sees user messages (and,
   * for timers, message adapters and piped results, the message they carry), so it should accept
   * any object, e.g. {@code Comparator.comparingInt(m -> m instanceof Urgent ? 0 : 1)}.
   */
  public static MailboxSelector priority(Comparator<Object> comparator) {
    Objects.requireNonNull(comparator, "comparator");
    return fromQueue(() -> new PriorityMessageQueue(comparator), 0);
  }

  /**
   * An unbounded mailbox that hands the actor every {@link ControlMessage} before any other
   * message; within each kind, messages keep their order of arrival.
   */
  public static MailboxSelector controlAware() {
    return fromQueue(ControlAwareMessageQueue::new, 0);
  }

  /** Marks messages that a {@link #controlAware()} mailbox delivers ahead of all others. */
  public interface ControlMessage {}

  /** The factory of a custom queue, or {@code null} for the built-in one. */
  public Supplier<MessageQueue> queueFactory() {
    return queueFactory;
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
    return new MailboxSelector(capacity, null, null);
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
    return new MailboxSelector(0, path, null);
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
