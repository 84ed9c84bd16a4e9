package io.troupe.actor;

import java.time.Duration;
import java.util.Objects;

/**
 * What an actor does when its behavior throws: {@link #resume() resume} with the same behavior,
 * {@link #restart() restart} from the initial one, {@link #stop() stop}, or
 * {@link #restartWithBackoff restart after a growing delay}. Apply it with
 * {@link Behaviors#supervise}; without one, a failure stops the actor.
 */
public abstract sealed class SupervisorStrategy
    permits SupervisorStrategy.Resume,
        SupervisorStrategy.Stop,
        RestartSupervisorStrategy,
        BackoffSupervisorStrategy {

  private final boolean loggingEnabled;

  SupervisorStrategy(boolean loggingEnabled) {
    this.loggingEnabled = loggingEnabled;
  }

  /** Keeps the current behavior and its state; the failing message is dropped. */
  public static SupervisorStrategy resume() {
    return Resume.LOGGED;
  }

  /**
   * Restarts from the initial behavior, as often as it fails; the failing message is dropped.
   * Children are stopped first unless {@link RestartSupervisorStrategy#withStopChildren(boolean)
   * withStopChildren(false)}. A failure while starting stops the actor unless a
   * {@linkplain RestartSupervisorStrategy#withLimit limit} is set.
   */
  public static RestartSupervisorStrategy restart() {
    return RestartSupervisorStrategy.UNLIMITED;
  }

  /** Stops the actor; watchers see the failure as {@link ChildFailed} (parent) or {@link Terminated}. */
  public static SupervisorStrategy stop() {
    return Stop.LOGGED;
  }

  /**
   * Restarts after a delay that doubles with each failure from {@code minBackoff} up to {@code
   * maxBackoff}, each delay stretched by up to {@code randomFactor} (0.2 adds up to 20 %). Messages
   * that arrive meanwhile wait in the mailbox. The delay resets after {@code minBackoff} without
   * failure, or as {@link BackoffSupervisorStrategy#withResetBackoffAfter} says.
   *
   * @throws IllegalArgumentException if a duration is negative, {@code maxBackoff < minBackoff},
   *     or {@code randomFactor} is outside [0, 1]
   */
  public static BackoffSupervisorStrategy restartWithBackoff(
      Duration minBackoff, Duration maxBackoff, double randomFactor) {
    return BackoffSupervisorStrategy.create(minBackoff, maxBackoff, randomFactor);
  }

  /** Whether failures are logged (at error level) when handled. */
  public final boolean loggingEnabled() {
    return loggingEnabled;
  }

  /** A copy that logs handled failures, or does not. */
  public abstract SupervisorStrategy withLoggingEnabled(boolean enabled);

  static Duration requireNonNegative(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isNegative()) {
      throw new IllegalArgumentException(name + " must not be negative, was " + d);
    }
    return d;
  }

  /** The {@link #resume()} strategy. */
  public static final class Resume extends SupervisorStrategy {
    static final Resume LOGGED = new Resume(true);

    private Resume(boolean logging) {
      super(logging);
    }

    @Override
    public Resume withLoggingEnabled(boolean enabled) {
      return new Resume(enabled);
    }

    @Override
    public String toString() {
      return "Resume";
    }
  }

  /** The {@link #stop()} strategy. */
  public static final class Stop extends SupervisorStrategy {
    static final Stop LOGGED = new Stop(true);

    private Stop(boolean logging) {
      super(logging);
    }

    @Override
    public Stop withLoggingEnabled(boolean enabled) {
      return new Stop(enabled);
    }

    @Override
    public String toString() {
      return "Stop";
    }
  }
}
