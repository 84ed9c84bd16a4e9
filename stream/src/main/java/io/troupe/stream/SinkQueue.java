package io.troupe.stream;

import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * A queue to pull a stream's elements from, one future per element; see {@link
 * SinkQueueWithCancel}, which {@link Sink#queue()} materializes.
 *
 * @param <T> the element type
 */
public interface SinkQueue<T> {
  /**
   * The next element: a stage completed with it, with an empty {@code Optional} once the stream
   * completed and every element was taken, or failed when the stream failed. At most {@code
   * maxConcurrentPulls} pulls may wait at once; one more fails with an {@link
   * IllegalStateException}. After the stream stopped, a pull fails with a {@link
   * StreamDetachedException}.
   */
  CompletionStage<Optional<T>> pull();
}
