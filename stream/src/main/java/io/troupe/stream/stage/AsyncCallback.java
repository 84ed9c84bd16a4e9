package io.troupe.stream.stage;

import io.troupe.actor.Done;
import java.util.concurrent.CompletionStage;

/**
 * A way into a running stage from any thread: the value is handed to the stage's island and the
 * handler runs there, in order with the stage's other events. Obtained with {@link
 * GraphStageLogic#getAsyncCallback}.
 *
 * @param <T> the type of value passed in
 */
public interface AsyncCallback<T> {
  /** Hands {@code value} to the stage; dropped if the stage has stopped. */
  void invoke(T value);

  /**
   * Hands {@code value} to the stage; the result completes when the handler has run, or fails
   * with {@link io.troupe.stream.StreamDetachedException} if the stage had stopped, or with the
   * handler's exception.
   */
  CompletionStage<Done> invokeWithFeedback(T value);
}
