package io.troupe.actor;

import java.time.Duration;
import java.util.concurrent.Executor;

/**
 * Runs tasks after a delay or periodically: the system's timer service.
 *
 * <p>The default implementation is a hashed wheel driven by one thread, with a resolution of
 * {@code troupe.scheduler.tick-duration}. Another implementation (such as the test kit's manual
 * time) is chosen with {@code troupe.scheduler.implementation}: a class that implements this
 * interface and {@link AutoCloseable}, with a public constructor taking
 * {@code (com.typesafe.config.Config, java.util.concurrent.ThreadFactory)}.
 *
 * <p>Prefer {@link TimerScheduler} inside actors: its timers are cancelled exactly.
 */
public interface Scheduler {

  /** Runs {@code task} on {@code executor} once, after {@code delay} (zero or more). */
  Cancellable scheduleOnce(Duration delay, Runnable task, Executor executor);

  /**
   * Runs {@code task} on {@code executor} after {@code initialDelay}, then again {@code delay}
   * after each run was handed to the executor.
   */
  Cancellable scheduleWithFixedDelay(
      Duration initialDelay, Duration delay, Runnable task, Executor executor);

  /**
   * Runs {@code task} on {@code executor} after {@code initialDelay}, then every {@code interval}
   * measured from the first run, catching up after a delay.
   */
  Cancellable scheduleAtFixedRate(
      Duration initialDelay, Duration interval, Runnable task, Executor executor);

  /** This scheduler's clock, in nanoseconds from an arbitrary origin. */
  long nanoTime();
}
