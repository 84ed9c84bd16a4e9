package io.troupe.stream.stage;

import io.troupe.stream.internal.GraphInterpreter;

/**
 * Reacts to what happens at an outlet: downstream asked for an element, downstream cancelled.
 *
 * <p>Handlers run one at a time on the stage's island; they must not block.
 */
public interface OutHandler {
  /** Downstream asked for one element, which may now be pushed. */
  void onPull() throws Exception;

  /**
   * Downstream cancelled with {@code cause}; by default the stage cancels its inlets with the same
   * cause and completes its other outlets.
   */
  default void onDownstreamFinish(Throwable cause) throws Exception {
    GraphInterpreter.currentLogic().cancelStage(cause);
  }
}
