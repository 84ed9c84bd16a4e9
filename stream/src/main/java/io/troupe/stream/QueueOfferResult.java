package io.troupe.stream;

import java.util.Objects;

/**
 * The answer to offering an element to a source queue: enqueued, dropped, the queue closed, or
 * the stream failed.
 *
 * <p>What to do with each: {@link #enqueued()} — nothing, the element will be emitted; {@link
 * #dropped()} — the buffer was full (or the strategy dropped it), retry later or give up; {@link
 * #queueClosed()} — the stream completed or was cancelled, stop offering; {@link Failure} — the
 * stream failed with the given cause, stop offering.
 */
public sealed interface QueueOfferResult
    permits QueueOfferResult.Enqueued,
        QueueOfferResult.Dropped,
        QueueOfferResult.QueueClosed,
        QueueOfferResult.Failure {

  /** The element was accepted and will be emitted. */
  static QueueOfferResult enqueued() {
    return Enqueued.INSTANCE;
  }

  /** The element was dropped by the queue's overflow strategy. */
  static QueueOfferResult dropped() {
    return Dropped.INSTANCE;
  }

  /** The queue no longer accepts elements: the stream completed or downstream cancelled. */
  static QueueOfferResult queueClosed() {
    return QueueClosed.INSTANCE;
  }

  /** The stream failed with {@code cause}; the element was not accepted. */
  static QueueOfferResult failure(Throwable cause) {
    return new Failure(cause);
  }

  /** Whether the element was accepted. */
  default boolean isEnqueued() {
    return this == Enqueued.INSTANCE;
  }

  /** The element was accepted. */
  enum Enqueued implements QueueOfferResult {
    INSTANCE
  }

  /** The element was dropped. */
  enum Dropped implements QueueOfferResult {
    INSTANCE
  }

  /** The queue was closed. */
  enum QueueClosed implements QueueOfferResult {
    INSTANCE
  }

  /**
   * The stream failed.
   *
   * @param cause why
   */
  record Failure(Throwable cause) implements QueueOfferResult {
    /** A failure answer; {@code cause} must not be null. */
    public Failure {
      Objects.requireNonNull(cause, "cause");
    }
  }
}
