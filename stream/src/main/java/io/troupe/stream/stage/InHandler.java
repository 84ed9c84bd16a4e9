package io.troupe.stream.stage;

import io.troupe.stream.internal.GraphInterpreter;

/**
 * Reacts to what happens at an inlet: an element arrived, upstream completed, upstream failed.
 *
 * <p>Handlers run one at a time on the stage's island; they must not block.
 */
public interface InHandler {
  /** An element arrived and can be taken with {@code grab}. */
  void onPush() throws Exception;

  /** Upstream completed; by default the stage completes. */
  default void onUpstreamFinish() throws Exception {
    GraphInterpreter.currentLogic().completeStage();
  }

  /** Upstream failed with {@code ex}; by default the stage fails with it. */
  default void onUpstreamFailure(Throwable ex) throws Exception {
    GraphInterpreter.currentLogic().failStage(ex);
  }
}
