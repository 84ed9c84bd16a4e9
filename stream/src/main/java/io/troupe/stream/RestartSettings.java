package io.troupe.stream;

import java.time.Duration;
import java.util.Objects;

/**
 * How a restarting operator ({@link RestartSource}) backs off between restarts: the delay starts
 * at {@code minBackoff}, doubles with each restart up to {@code maxBackoff}, is stretched by up to
 * {@code randomFactor} at random, and goes back to {@code minBackoff} once the inner stream ran
 * for {@code minBackoff}; at most {@code maxRestarts} restarts within {@code maxRestartsWithin}.
 */
public final class RestartSettings {
  private final Duration minBackoff;
  private final Duration maxBackoff;
  private final double randomFactor;
  private final int maxRestarts;
  private final Duration maxRestartsWithin;

  private RestartSettings(
      Duration minBackoff, Duration maxBackoff, double randomFactor, int maxRestarts, Duration maxRestartsWithin) {
    this.minBackoff = minBackoff;
    this.maxBackoff = maxBackoff;
    this.randomFactor = randomFactor;
    this.maxRestarts = maxRestarts;
    this.maxRestartsWithin = maxRestartsWithin;
  }

  /**
   * Settings with unlimited restarts.
   *
   * @throws IllegalArgumentException if a backoff is not positive, {@code maxBackoff <
   *     minBackoff}, or {@code randomFactor} is negative
   */
  public static RestartSettings create(Duration minBackoff, Duration maxBackoff, double randomFactor) {
    Objects.requireNonNull(minBackoff, "minBackoff");
    Objects.requireNonNull(maxBackoff, "maxBackoff");
    if (minBackoff.isNegative() || minBackoff.isZero()) {
      throw new IllegalArgumentException("RestartSettings: minBackoff must be positive, was " + minBackoff);
    }
    if (maxBackoff.compareTo(minBackoff) < 0) {
      throw new IllegalArgumentException(
          "RestartSettings: maxBackoff must be >= minBackoff (" + minBackoff + "), was " + maxBackoff);
    }
    if (!(randomFactor >= 0.0)) {
      throw new IllegalArgumentException("RestartSettings: randomFactor must be >= 0, was " + randomFactor);
    }
    return new RestartSettings(minBackoff, maxBackoff, randomFactor, Integer.MAX_VALUE, minBackoff);
  }

  /**
   * These settings with at most {@code count} restarts within {@code within}; past that, the
   * operator ends with the inner stream's last completion or failure.
   *
   * @throws IllegalArgumentException if {@code count} is negative or {@code within} not positive
   */
  public RestartSettings withMaxRestarts(int count, Duration within) {
    Objects.requireNonNull(within, "within");
    if (count < 0) {
      throw new IllegalArgumentException("RestartSettings: maxRestarts must be >= 0, was " + count);
    }
    if (within.isNegative() || within.isZero()) {
      throw new IllegalArgumentException("RestartSettings: maxRestartsWithin must be positive, was " + within);
    }
    return new RestartSettings(minBackoff, maxBackoff, randomFactor, count, within);
  }

  /** The first delay. */
  public Duration minBackoff() {
    return minBackoff;
  }

  /** The longest delay. */
  public Duration maxBackoff() {
    return maxBackoff;
  }

  /** The random stretch of each delay (0.2 = up to 20% longer). */
  public double randomFactor() {
    return randomFactor;
  }

  /** The most restarts within {@link #maxRestartsWithin()}. */
  public int maxRestarts() {
    return maxRestarts;
  }

  /** The window for {@link #maxRestarts()}. */
  public Duration maxRestartsWithin() {
    return maxRestartsWithin;
  }

  /** The delay before restart number {@code restartCount} (0 for the first restart). */
  Duration backoff(int restartCount, double random) {
    double factor = Math.pow(2, Math.min(restartCount, 30));
    double nanos = Math.min(maxBackoff.toNanos(), minBackoff.toNanos() * factor);
    nanos = nanos * (1.0 + random * randomFactor);
    return Duration.ofNanos((long) Math.min(Long.MAX_VALUE / 2.0, nanos));
  }

  @Override
  public String toString() {
    return "RestartSettings(minBackoff=" + minBackoff + ", maxBackoff=" + maxBackoff + ", randomFactor="
        + randomFactor + ", maxRestarts=" + maxRestarts + ", within=" + maxRestartsWithin + ")";
  }
}
