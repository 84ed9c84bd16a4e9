package io.troupe.stream;

/**
 * What {@link Sink#queue()} materializes: a {@link SinkQueue} that can also cancel the stream.
 *
 * @param <T> the element type
 */
public interface SinkQueueWithCancel<T> extends SinkQueue<T> {
  /** Cancels the stream; waiting pulls complete empty. */
  void cancel();
}
