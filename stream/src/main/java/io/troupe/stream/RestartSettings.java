package io.troupe.stream;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Predicate;
import org.slf4j.event.Level;

/**
 * How a restarting operator ({@link RestartSource}, {@link RestartFlow}, {@link RestartSink})
 * backs off between restarts and when it gives up.
 *
 * <p>The delay before restart number {@code n} (counting from 0) is {@code minBackoff * 2^n},
 * capped at {@code maxBackoff}, then stretched by a random share of up to {@code randomFactor}
 * (0.2 = up to 20% longer). The count goes back to 0 once the inner stream has run for {@code
 * maxRestartsWithin} (which is {@code minBackoff} unless set by {@link #withMaxRestarts}) without
 * ending; when it reaches {@code maxRestarts}, the next end of the inner stream ends the operator.
 * Failures restart only if {@link #withRestartOn the restart predicate} accepts them.
 */
public final class RestartSettings {
  private static final Predicate<Throwable> ALWAYS = ex -> true;

  private final Duration minBackoff;
  private final Duration maxBackoff;
  private final double randomFactor;
  private final int maxRestarts;
  private final Duration maxRestartsWithin;
  private final Predicate<Throwable> restartOn;
  private final LogSettings logSettings;

  private RestartSettings(
      Duration minBackoff,
      Duration maxBackoff,
      double randomFactor,
      int maxRestarts,
      Duration maxRestartsWithin,
      Predicate<Throwable> restartOn,
      LogSettings logSettings) {
    this.minBackoff = minBackoff;
    this.maxBackoff = maxBackoff;
    this.randomFactor = randomFactor;
    this.maxRestarts = maxRestarts;
    this.maxRestartsWithin = maxRestartsWithin;
    this.restartOn = restartOn;
    this.logSettings = logSettings;
  }

  /**
   * Settings with unlimited restarts that restart on every failure.
   *
   * @throws IllegalArgumentException if {@code minBackoff} is not positive, {@code maxBackoff <
   *     minBackoff}, or {@code randomFactor} is negative
   */
  public static RestartSettings create(Duration minBackoff, Duration maxBackoff, double randomFactor) {
    checkBackoffs(minBackoff, maxBackoff);
    checkRandomFactor(randomFactor);
    return new RestartSettings(minBackoff, maxBackoff, randomFactor, Integer.MAX_VALUE, minBackoff,
        ALWAYS, LogSettings.DEFAULT);
  }

  private static void checkBackoffs(Duration minBackoff, Duration maxBackoff) {
    Objects.requireNonNull(minBackoff, "minBackoff");
    Objects.requireNonNull(maxBackoff, "maxBackoff");
    if (minBackoff.isNegative() || minBackoff.isZero()) {
      throw new IllegalArgumentException("RestartSettings: minBackoff must be positive, was " + minBackoff);
    }
    if (maxBackoff.compareTo(minBackoff) < 0) {
      throw new IllegalArgumentException(
          "RestartSettings: maxBackoff must be >= minBackoff (" + minBackoff + "), was " + maxBackoff);
    }
  }

  private static void checkRandomFactor(double randomFactor) {
    if (!(randomFactor >= 0.0) || Double.isInfinite(randomFactor)) {
      throw new IllegalArgumentException("RestartSettings: randomFactor must be >= 0, was " + randomFactor);
    }
  }

  /**
   * These settings with another first delay.
   *
   * @throws IllegalArgumentException if it is not positive or above {@code maxBackoff}
   */
  public RestartSettings withMinBackoff(Duration value) {
    checkBackoffs(value, maxBackoff);
    return new RestartSettings(
        value, maxBackoff, randomFactor, maxRestarts, maxRestartsWithin, restartOn, logSettings);
  }

  /**
   * These settings with another longest delay.
   *
   * @throws IllegalArgumentException if it is below {@code minBackoff}
   */
  public RestartSettings withMaxBackoff(Duration value) {
    checkBackoffs(minBackoff, value);
    return new RestartSettings(
        minBackoff, value, randomFactor, maxRestarts, maxRestartsWithin, restartOn, logSettings);
  }

  /**
   * These settings with another random stretch of each delay.
   *
   * @throws IllegalArgumentException if it is negative
   */
  public RestartSettings withRandomFactor(double value) {
    checkRandomFactor(value);
    return new RestartSettings(
        minBackoff, maxBackoff, value, maxRestarts, maxRestartsWithin, restartOn, logSettings);
  }

  /**
   * These settings with at most {@code count} restarts in a row, where a row ends once the inner
   * stream ran for {@code within}; past that, the inner stream's next completion or failure ends
   * the operator. {@code 0} means no restart at all, a negative count means no limit (as in
   * Pekko).
   *
   * @throws IllegalArgumentException if {@code within} is not positive
   */
  public RestartSettings withMaxRestarts(int count, Duration within) {
    Objects.requireNonNull(within, "within");
    if (within.isNegative() || within.isZero()) {
      throw new IllegalArgumentException("RestartSettings: maxRestartsWithin must be positive, was " + within);
    }
    return new RestartSettings(minBackoff, maxBackoff, randomFactor, count, within, restartOn, logSettings);
  }

  /**
   * These settings restarting only on failures that {@code predicate} accepts; any other failure
   * of the inner stream fails the operator. Completions are not failures: they restart (or not)
   * as the operator says.
   */
  public RestartSettings withRestartOn(Predicate<Throwable> predicate) {
    Objects.requireNonNull(predicate, "predicate");
    return new RestartSettings(
        minBackoff, maxBackoff, randomFactor, maxRestarts, maxRestartsWithin, predicate, logSettings);
  }

  /** These settings logging restarts as {@code settings} say. */
  public RestartSettings withLogSettings(LogSettings settings) {
    Objects.requireNonNull(settings, "settings");
    return new RestartSettings(
        minBackoff, maxBackoff, randomFactor, maxRestarts, maxRestartsWithin, restartOn, settings);
  }

  /** How restarts are logged. */
  public LogSettings logSettings() {
    return logSettings;
  }

  /** The first delay. */
  public Duration minBackoff() {
    return minBackoff;
  }

  /** The longest delay (before the random stretch). */
  public Duration maxBackoff() {
    return maxBackoff;
  }

  /** The random stretch of each delay (0.2 = up to 20% longer). */
  public double randomFactor() {
    return randomFactor;
  }

  /** The most restarts in a row; negative for no limit. */
  public int maxRestarts() {
    return maxRestarts;
  }

  /** How long the inner stream must run for the restart count to go back to 0. */
  public Duration maxRestartsWithin() {
    return maxRestartsWithin;
  }

  /** Which failures restart the inner stream. */
  public Predicate<Throwable> restartOn() {
    return restartOn;
  }

  /** The delay before restart number {@code restartCount} (0 for the first restart). */
  Duration backoff(int restartCount, double random) {
    return backoff(restartCount, minBackoff, maxBackoff, randomFactor, random);
  }

  /**
   * {@code min * 2^count} capped at {@code max}, stretched by {@code random * randomFactor}
   * ({@code random} in [0, 1)); shared with {@link RetryFlow}.
   */
  static Duration backoff(int count, Duration min, Duration max, double randomFactor, double random) {
    double factor = Math.pow(2, Math.min(count, 62));
    double nanos = Math.min((double) max.toNanos(), min.toNanos() * factor);
    nanos = nanos * (1.0 + random * randomFactor);
    return Duration.ofNanos((long) Math.min(Long.MAX_VALUE / 2.0, nanos));
  }

  /**
   * How a restarting operator logs its restarts (through SLF4J, under the operator's class name):
   * a restart after a failure at {@code logLevel} (by default {@code WARN}), or at {@code
   * criticalLogLevel} (by default {@code ERROR}) from restart number {@code
   * criticalLogLevelAfter} + 1 in a row on; with the failure's stack trace from restart number
   * {@code verboseLogsAfter} + 1 on (by default never). A restart after the inner stream
   * completed is logged at {@code DEBUG}.
   */
  public static final class LogSettings {
    static final LogSettings DEFAULT = new LogSettings(Level.WARN, Level.ERROR, Integer.MAX_VALUE, -1);

    private final Level logLevel;
    private final Level criticalLogLevel;
    private final int criticalLogLevelAfter;
    private final int verboseLogsAfter;

    private LogSettings(
        Level logLevel, Level criticalLogLevel, int criticalLogLevelAfter, int verboseLogsAfter) {
      this.logLevel = logLevel;
      this.criticalLogLevel = criticalLogLevel;
      this.criticalLogLevelAfter = criticalLogLevelAfter;
      this.verboseLogsAfter = verboseLogsAfter;
    }

    /** Logging restarts after failures at {@code logLevel}, without stack traces. */
    public static LogSettings create(Level logLevel) {
      return DEFAULT.withLogLevel(logLevel);
    }

    /** These settings with restarts after failures logged at {@code level}. */
    public LogSettings withLogLevel(Level level) {
      Objects.requireNonNull(level, "level");
      return new LogSettings(level, criticalLogLevel, criticalLogLevelAfter, verboseLogsAfter);
    }

    /**
     * These settings logging at {@code level} once more than {@code afterRestarts} restarts came
     * in a row.
     *
     * @throws IllegalArgumentException if {@code afterRestarts} is negative
     */
    public LogSettings withCriticalLogLevel(Level level, int afterRestarts) {
      Objects.requireNonNull(level, "level");
      if (afterRestarts < 0) {
        throw new IllegalArgumentException(
            "LogSettings: afterRestarts must be >= 0, was " + afterRestarts);
      }
      return new LogSettings(logLevel, level, afterRestarts, verboseLogsAfter);
    }

    /**
     * These settings adding the failure's stack trace once more than {@code afterRestarts}
     * restarts came in a row.
     *
     * @throws IllegalArgumentException if {@code afterRestarts} is negative
     */
    public LogSettings withVerboseLogsAfter(int afterRestarts) {
      if (afterRestarts < 0) {
        throw new IllegalArgumentException(
            "LogSettings: afterRestarts must be >= 0, was " + afterRestarts);
      }
      return new LogSettings(logLevel, criticalLogLevel, criticalLogLevelAfter, afterRestarts);
    }

    /** The level of a restart after a failure. */
    public Level logLevel() {
      return logLevel;
    }

    /** The level once more than {@link #criticalLogLevelAfter} restarts came in a row. */
    public Level criticalLogLevel() {
      return criticalLogLevel;
    }

    /** Restarts in a row after which {@link #criticalLogLevel} is used. */
    public int criticalLogLevelAfter() {
      return criticalLogLevelAfter;
    }

    /** Restarts in a row after which the stack trace is logged too; empty for never. */
    public java.util.OptionalInt verboseLogsAfter() {
      return verboseLogsAfter < 0 ? java.util.OptionalInt.empty()
          : java.util.OptionalInt.of(verboseLogsAfter);
    }
  }

  @Override
  public String toString() {
    return "RestartSettings(minBackoff=" + minBackoff + ", maxBackoff=" + maxBackoff + ", randomFactor="
        + randomFactor + ", maxRestarts=" + maxRestarts + ", maxRestartsWithin=" + maxRestartsWithin + ")";
  }
}
