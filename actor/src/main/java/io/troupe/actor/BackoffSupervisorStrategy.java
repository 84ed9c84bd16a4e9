package io.troupe.actor;

import java.time.Duration;

/** The {@link SupervisorStrategy#restartWithBackoff} strategy. */
public final class BackoffSupervisorStrategy extends SupervisorStrategy {
  private final Duration minBackoff;
  private final Duration maxBackoff;
  private final double randomFactor;
  private final Duration resetBackoffAfter;
  private final int maxRestarts;
  private final boolean stopChildren;

  private BackoffSupervisorStrategy(
      Duration minBackoff,
      Duration maxBackoff,
      double randomFactor,
      Duration resetBackoffAfter,
      int maxRestarts,
      boolean stopChildren,
      boolean logging) {
    super(logging);
    this.minBackoff = minBackoff;
    this.maxBackoff = maxBackoff;
    this.randomFactor = randomFactor;
    this.resetBackoffAfter = resetBackoffAfter;
    this.maxRestarts = maxRestarts;
    this.stopChildren = stopChildren;
  }

  static BackoffSupervisorStrategy create(Duration min, Duration max, double randomFactor) {
    requireNonNegative(min, "minBackoff");
    requireNonNegative(max, "maxBackoff");
    if (max.compareTo(min) < 0) {
      throw new IllegalArgumentException(
          "maxBackoff must not be less than minBackoff, was " + max + " < " + min);
    }
    if (!(randomFactor >= 0.0 && randomFactor <= 1.0)) {
      throw new IllegalArgumentException("randomFactor must be within [0, 1], was " + randomFactor);
    }
    return new BackoffSupervisorStrategy(min, max, randomFactor, min, -1, true, true);
  }

  /** Resets the delay to {@code minBackoff} after this long without a failure. */
  public BackoffSupervisorStrategy withResetBackoffAfter(Duration timeout) {
    requireNonNegative(timeout, "resetBackoffAfter");
    return new BackoffSupervisorStrategy(
        minBackoff, maxBackoff, randomFactor, timeout, maxRestarts, stopChildren, loggingEnabled());
  }

  /**
   * Stops the actor at the failure after {@code maxRestarts} restarts without a reset.
   *
   * @throws IllegalArgumentException if negative
   */
  public BackoffSupervisorStrategy withMaxRestarts(int maxRestarts) {
    if (maxRestarts < 0) {
      throw new IllegalArgumentException("maxRestarts must not be negative, was " + maxRestarts);
    }
    return new BackoffSupervisorStrategy(
        minBackoff, maxBackoff, randomFactor, resetBackoffAfter, maxRestarts, stopChildren, loggingEnabled());
  }

  /** Whether children are stopped on restart (the default) or kept. */
  public BackoffSupervisorStrategy withStopChildren(boolean enabled) {
    return new BackoffSupervisorStrategy(
        minBackoff, maxBackoff, randomFactor, resetBackoffAfter, maxRestarts, enabled, loggingEnabled());
  }

  @Override
  public BackoffSupervisorStrategy withLoggingEnabled(boolean enabled) {
    return new BackoffSupervisorStrategy(
        minBackoff, maxBackoff, randomFactor, resetBackoffAfter, maxRestarts, stopChildren, enabled);
  }

  /**
   * The delay before the restart that follows {@code restartCount} earlier restarts, given a
   * uniform random number in [0, 1).
   */
  public Duration backoffFor(int restartCount, double random) {
    double rnd = 1.0 + random * randomFactor;
    double minNanos = minBackoff.toNanos();
    double maxNanos = maxBackoff.toNanos();
    double grown = restartCount >= 62 ? maxNanos : Math.min(maxNanos, minNanos * Math.pow(2, restartCount));
    double nanos = grown * rnd;
    return Duration.ofNanos(nanos >= Long.MAX_VALUE ? Long.MAX_VALUE : (long) nanos);
  }

  /** The shortest delay. */
  public Duration minBackoff() {
    return minBackoff;
  }

  /** The longest delay. */
  public Duration maxBackoff() {
    return maxBackoff;
  }

  /** How much each delay may be stretched at random. */
  public double randomFactor() {
    return randomFactor;
  }

  /** How long without failure resets the delay. */
  public Duration resetBackoffAfter() {
    return resetBackoffAfter;
  }

  /** The most restarts without a reset; -1 for no limit. */
  public int maxRestarts() {
    return maxRestarts;
  }

  /** Whether children are stopped on restart. */
  public boolean stopChildren() {
    return stopChildren;
  }

  @Override
  public String toString() {
    return "Backoff(min=" + minBackoff + ", max=" + maxBackoff + ", randomFactor=" + randomFactor
        + ", resetAfter=" + resetBackoffAfter + ", maxRestarts=" + maxRestarts + ")";
  }
}
