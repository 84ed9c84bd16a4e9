package io.troupe.actor.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigFactory;
import io.troupe.actor.Cancellable;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HashedWheelSchedulerTest {
  private final HashedWheelScheduler scheduler = new HashedWheelScheduler(
      ConfigFactory.parseString("troupe.scheduler { tick-duration = 1 ms, ticks-per-wheel = 8 }"),
      r -> new Thread(r, "wheel-test"));

  @AfterEach
  void close() {
    scheduler.close();
  }

  @Test
  void aOneShotTaskRunsOnceAndNotBeforeItsDelay() throws Exception {
    CountDownLatch ran = new CountDownLatch(1);
    long[] ranAt = new long[1];
    long start = System.nanoTime();
    scheduler.scheduleOnce(Duration.ofMillis(30), () -> {
      ranAt[0] = System.nanoTime();
      ran.countDown();
    }, CallingThreadExecutor.INSTANCE);
    assertThat(ran.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(ranAt[0] - start).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(30));
  }

  @Test
  void periodicTasksKeepRunningUntilCancelled() throws Exception {
    // A wheel turn of 8 s: a periodic task put back in the wrong bucket would wait a whole turn
    // between runs, and five runs would not fit in the await below.
    try (HashedWheelScheduler wide = new HashedWheelScheduler(
        ConfigFactory.parseString("troupe.scheduler { tick-duration = 1 ms, ticks-per-wheel = 8192 }"),
        r -> new Thread(r, "wide-wheel-test"))) {
      periodicTasksKeepRunningUntilCancelled(wide);
    }
  }

  private static void periodicTasksKeepRunningUntilCancelled(HashedWheelScheduler scheduler) throws Exception {
    for (boolean fixedRate : new boolean[] {true, false}) {
      AtomicInteger runs = new AtomicInteger();
      CountDownLatch fiveRuns = new CountDownLatch(5);
      Runnable task = () -> {
        runs.incrementAndGet();
        fiveRuns.countDown();
      };
      Cancellable c = fixedRate
          ? scheduler.scheduleAtFixedRate(Duration.ZERO, Duration.ofMillis(3), task, CallingThreadExecutor.INSTANCE)
          : scheduler.scheduleWithFixedDelay(Duration.ZERO, Duration.ofMillis(3), task, CallingThreadExecutor.INSTANCE);
      assertThat(fiveRuns.await(7, TimeUnit.SECONDS)).as("fixedRate=" + fixedRate).isTrue();
      assertThat(c.cancel()).isTrue();
      assertThat(c.isCancelled()).isTrue();
    }
  }

  @Test
  void tasksLongerThanOneWheelTurnWaitTheirRounds() throws Exception {
    // 8 buckets of 1 ms: a 40 ms delay goes round the wheel five times
    CountDownLatch ran = new CountDownLatch(1);
    long start = System.nanoTime();
    long[] ranAt = new long[1];
    scheduler.scheduleOnce(Duration.ofMillis(40), () -> {
      ranAt[0] = System.nanoTime();
      ran.countDown();
    }, CallingThreadExecutor.INSTANCE);
    assertThat(ran.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(ranAt[0] - start).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(40));
  }

  @Test
  void aCancelledTaskNeverRuns() throws Exception {
    AtomicInteger runs = new AtomicInteger();
    Cancellable c = scheduler.scheduleOnce(Duration.ofMillis(20), runs::incrementAndGet, CallingThreadExecutor.INSTANCE);
    assertThat(c.cancel()).isTrue();
    CountDownLatch later = new CountDownLatch(1);
    scheduler.scheduleOnce(Duration.ofMillis(40), later::countDown, CallingThreadExecutor.INSTANCE);
    assertThat(later.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(runs.get()).isZero();
    assertThat(c.cancel()).isFalse();
  }

  @Test
  void badArgumentsAreRejected() {
    assertThatThrownBy(() -> scheduler.scheduleOnce(Duration.ofMillis(-1), () -> {}, CallingThreadExecutor.INSTANCE))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("delay must not be negative");
    assertThatThrownBy(() -> scheduler.scheduleAtFixedRate(Duration.ZERO, Duration.ZERO, () -> {}, CallingThreadExecutor.INSTANCE))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("interval must be positive");
  }
}
