package io.troupe.stream;

import io.troupe.stream.stage.GraphStageLogic;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * The restart count of one restarting stage and the decision whether, and after which delay, the
 * inner stream may start again (see {@link RestartSettings}). Runs on the stage's island; the
 * clock is the actor system scheduler's, so a manual clock drives it in tests.
 */
final class RestartTracker {
  private final RestartSettings settings;
  private final GraphStageLogic logic;
  private final Logger log;
  private int restartCount;
  private long resetDeadline;

  /** For the stage {@code logic} of the operator {@code operator}, which names the logger. */
  RestartTracker(RestartSettings settings, GraphStageLogic logic, Class<?> operator) {
    this.settings = settings;
    this.logic = logic;
    this.log = LoggerFactory.getLogger(operator);
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
   * The delay before the next start, counting it as a restart and logging it (see {@link
   * RestartSettings.LogSettings}); {@code null} when the restart limit is reached and the
   * operator must end. {@code failure} is what ended the inner stream, {@code null} for a
   * completion.
   */
  Duration nextRestart(Throwable failure) {
    if (now() - resetDeadline >= 0) {
      restartCount = 0;
    }
    if (restartCount == settings.maxRestarts()) {
      return null;
    }
    Duration delay = settings.backoff(restartCount, ThreadLocalRandom.current().nextDouble());
    restartCount++;
    logRestart(failure, delay);
    return delay;
  }

  private void logRestart(Throwable failure, Duration delay) {
    if (failure == null) {
      log.debug("Restarting the stream after it completed [{}], in {}", restartCount, delay);
      return;
    }
    RestartSettings.LogSettings s = settings.logSettings();
    Level level = restartCount > s.criticalLogLevelAfter() ? s.criticalLogLevel() : s.logLevel();
    boolean verbose =
        s.verboseLogsAfter().isPresent() && restartCount > s.verboseLogsAfter().getAsInt();
    org.slf4j.spi.LoggingEventBuilder event = log.atLevel(level);
    if (verbose) {
      event = event.setCause(failure);
    }
    event.log("Restarting the stream after a failure [{}], in {}: {}",
        restartCount, delay, String.valueOf(failure));
  }

  /** Whether {@code cause} of a cancellation is a failure rather than "no more elements needed". */
  static boolean isFailure(Throwable cause) {
    return !(cause instanceof GraphStageLogic.NoMoreElementsNeeded);
  }
}
