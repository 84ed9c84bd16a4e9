package io.troupe.actor;

import java.time.Duration;

/** The {@link SupervisorStrategy#restart()} strategy, with its optional limit. */
public final class RestartSupervisorStrategy extends SupervisorStrategy {
  static final RestartSupervisorStrategy UNLIMITED =
      new RestartSupervisorStrategy(-1, Duration.ZERO, true, true);

  private final int maxRestarts;
  private final Duration withinTimeRange;
  private final boolean stopChildren;

  private RestartSupervisorStrategy(
      int maxRestarts, Duration withinTimeRange, boolean stopChildren, boolean logging) {
    super(logging);
    this.maxRestarts = maxRestarts;
    this.withinTimeRange = withinTimeRange;
    this.stopChildren = stopChildren;
  }

  /**
   * Restarts at most {@code maxNrOfRetries} times within {@code withinTimeRange} (zero: in all);
   * the failure after that stops the actor.
   *
   * @throws IllegalArgumentException if {@code maxNrOfRetries} is negative or the range is
   */
  public RestartSupervisorStrategy withLimit(int maxNrOfRetries, Duration withinTimeRange) {
    if (maxNrOfRetries < 0) {
      throw new IllegalArgumentException("maxNrOfRetries must not be negative, was " + maxNrOfRetries);
    }
    requireNonNegative(withinTimeRange, "withinTimeRange");
    return new RestartSupervisorStrategy(maxNrOfRetries, withinTimeRange, stopChildren, loggingEnabled());
  }

  /** Whether children are stopped on restart (the default) or kept. */
  public RestartSupervisorStrategy withStopChildren(boolean enabled) {
    return new RestartSupervisorStrategy(maxRestarts, withinTimeRange, enabled, loggingEnabled());
  }

  @Override
  public RestartSupervisorStrategy withLoggingEnabled(boolean enabled) {
    return new RestartSupervisorStrategy(maxRestarts, withinTimeRange, stopChildren, enabled);
  }

  /** The most restarts allowed within {@link #withinTimeRange()}; -1 for no limit. */
  public int maxRestarts() {
    return maxRestarts;
  }

  /** The window the limit counts in; zero counts all restarts. */
  public Duration withinTimeRange() {
    return withinTimeRange;
  }

  /** Whether children are stopped on restart. */
  public boolean stopChildren() {
    return stopChildren;
  }

  @Override
  public String toString() {
    return "Restart(maxRestarts=" + maxRestarts + ", within=" + withinTimeRange
        + ", stopChildren=" + stopChildren + ")";
  }
}
