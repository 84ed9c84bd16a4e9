package io.troupe.stream;

/**
 * The handle of a running {@link Source#queue(int)}: a bounded buffer whose {@link #offer} answers
 * at once and never waits, so producers on any thread can feed the stream cheaply.
 *
 * @param <T> the type of element offered
 */
public interface BoundedSourceQueue<T> {
  /**
   * Offers {@code element} and answers at once: {@link QueueOfferResult#enqueued()}, {@link
   * QueueOfferResult#dropped()} when the buffer is full, {@link QueueOfferResult#queueClosed()}
   * after completion or cancellation, or a {@link QueueOfferResult.Failure} after failure.
   *
   * @throws NullPointerException if {@code element} is null
   */
  QueueOfferResult offer(T element);

  /** Completes the stream once the buffered elements are emitted. */
  void complete();

  /** Fails the stream at once with {@code ex}; buffered elements are lost. */
  void fail(Throwable ex);

  /** How many elements are buffered right now (a snapshot). */
  int size();
}
