package io.troupe.stream;

import io.troupe.stream.stage.GraphStageLogic;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The restart count of one restarting stage and the decision whether, and after which delay, the
 * inner stream may start again (see {@link RestartSettings}). Runs on the stage's island; the
 * clock is the actor system scheduler's, so a manual clock drives it in tests.
 */
final class RestartTracker {
  private final RestartSettings settings;
  private final GraphStageLogic logic;
  private int restartCount;
  private long resetDeadline;

  RestartTracker(RestartSettings settings, GraphStageLogic logic) {
    this.settings = settings;
    this.logic = logic;
  }

  private long now() {
    return logic.materializer().system().scheduler().nanoTime();
  }

  /** Call when an inner stream starts. */
  void started() {
    resetDeadline = now() + settings.maxRestartsWithin().toNanos();
  }

  /** Whether {@code failure} may restart the inner stream (the restart predicate). */
  boolean restartsOn(Throwable failure) {
    return settings.restartOn().test(failure);
  }

  /**
   * The delay before the next start, counting it as a restart; {@code null} when the restart
   * limit is reached and the operator must end.
   */
  Duration nextRestart() {
    if (now() - resetDeadline >= 0) {
      restartCount = 0;
    }
    if (restartCount == settings.maxRestarts()) {
      return null;
    }
    Duration delay = settings.backoff(restartCount, ThreadLocalRandom.current().nextDouble());
    restartCount++;
    return delay;
  }

  /** Whether {@code cause} of a cancellation is a failure rather than "no more elements needed". */
  static boolean isFailure(Throwable cause) {
    return !(cause instanceof GraphStageLogic.NoMoreElementsNeeded);
  }
}
