package io.troupe.stream;

import io.troupe.actor.Done;
import java.util.concurrent.CompletionStage;

/**
 * The handle of a running {@link Source#queue(int, OverflowStrategy)}: offers elements to the
 * stream from any thread.
 *
 * @param <T> the type of element offered
 */
public interface SourceQueue<T> {
  /**
   * Offers {@code element}; the answer completes once the queue took it (with a backpressure
   * strategy, when there is room), or dropped it, or cannot take it any more. Offering more
   * elements than the allowed concurrent offers while earlier ones wait fails the answer with
   * {@link IllegalStateException}.
   */
  CompletionStage<QueueOfferResult> offer(T element);

  /** Completes when the stream completes, fails when it fails. */
  CompletionStage<Done> watchCompletion();
}
