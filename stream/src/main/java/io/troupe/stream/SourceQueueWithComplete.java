package io.troupe.stream;

/**
 * A {@link SourceQueue} that the producer can also complete or fail.
 *
 * @param <T> the type of element offered
 */
public interface SourceQueueWithComplete<T> extends SourceQueue<T> {
  /** Completes the stream once the elements already accepted are emitted. */
  void complete();

  /** Fails the stream at once with {@code ex}; accepted elements not yet emitted are lost. */
  void fail(Throwable ex);
}
