package io.troupe.examples.workerpool;

import io.troupe.actor.SupervisorStrategy;
import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link Coordinator} runs its pool.
 *
 * @param workers how many workers run at once
 * @param maxInFlightPerWorker how many batches each worker may hold, so it never waits for work
 * @param maxAttempts how often a batch is tried before it counts as failed
 * @param reportInterval how often a progress {@link Report} goes to the reporter
 * @param runFor how long the pool takes new batches; {@link Duration#ZERO} takes them until the
 *     source runs dry or the pool is drained
 * @param workerSupervision how a worker that fails on a batch is restarted
 */
public record PoolSettings(
    int workers,
    int maxInFlightPerWorker,
    int maxAttempts,
    Duration reportInterval,
    Duration runFor,
    SupervisorStrategy workerSupervision) {

  /** Checks every setting and names the bad one. */
  public PoolSettings {
    if (workers <= 0) {
      throw new IllegalArgumentException("workers must be positive, was " + workers);
    }
    if (maxInFlightPerWorker <= 0) {
      throw new IllegalArgumentException("maxInFlightPerWorker must be positive, was " + maxInFlightPerWorker);
    }
    if (maxAttempts <= 0) {
      throw new IllegalArgumentException("maxAttempts must be positive, was " + maxAttempts);
    }
    Objects.requireNonNull(reportInterval, "reportInterval");
    if (reportInterval.isNegative() || reportInterval.isZero()) {
      throw new IllegalArgumentException("reportInterval must be positive, was " + reportInterval);
    }
    Objects.requireNonNull(runFor, "runFor");
    if (runFor.isNegative()) {
      throw new IllegalArgumentException("runFor must not be negative, was " + runFor);
    }
    Objects.requireNonNull(workerSupervision, "workerSupervision");
  }

  /**
   * Four workers with two batches each, three attempts per batch, a report every second, no time
   * limit, and restarts after 10 ms doubling up to 1 s; a worker that fails five times in a row
   * stops and is replaced.
   */
  public static PoolSettings defaults() {
    return new PoolSettings(
        4,
        2,
        3,
        Duration.ofSeconds(1),
        Duration.ZERO,
        SupervisorStrategy.restartWithBackoff(Duration.ofMillis(10), Duration.ofSeconds(1), 0.2)
            .withMaxRestarts(5)
            .withLoggingEnabled(false));
  }

  /** These settings with {@code n} workers. */
  public PoolSettings withWorkers(int n) {
    return new PoolSettings(n, maxInFlightPerWorker, maxAttempts, reportInterval, runFor, workerSupervision);
  }

  /** These settings with {@code n} batches in flight per worker. */
  public PoolSettings withMaxInFlightPerWorker(int n) {
    return new PoolSettings(workers, n, maxAttempts, reportInterval, runFor, workerSupervision);
  }

  /** These settings with {@code n} attempts per batch. */
  public PoolSettings withMaxAttempts(int n) {
    return new PoolSettings(workers, maxInFlightPerWorker, n, reportInterval, runFor, workerSupervision);
  }

  /** These settings with a report every {@code interval}. */
  public PoolSettings withReportInterval(Duration interval) {
    return new PoolSettings(workers, maxInFlightPerWorker, maxAttempts, interval, runFor, workerSupervision);
  }

  /** These settings taking new batches for {@code duration}. */
  public PoolSettings withRunFor(Duration duration) {
    return new PoolSettings(workers, maxInFlightPerWorker, maxAttempts, reportInterval, duration, workerSupervision);
  }

  /** These settings supervising workers with {@code strategy}. */
  public PoolSettings withWorkerSupervision(SupervisorStrategy strategy) {
    return new PoolSettings(workers, maxInFlightPerWorker, maxAttempts, reportInterval, runFor, strategy);
  }
}
