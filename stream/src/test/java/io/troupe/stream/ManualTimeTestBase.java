package io.troupe.stream;

import io.troupe.actor.ActorSystem;
import io.troupe.actor.Behaviors;
import io.troupe.actor.testkit.ManualTime;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** One actor system with a manual clock per test class. */
abstract class ManualTimeTestBase {
  static ActorSystem<Void> system;
  static ManualTime time;

  /**
   * The tests move the manual clock far ahead of the streams (seconds per microsecond), so a
   * substream source that is materialized a turn after it was handed out could already look 5 s
   * old; the subscription timeout is raised to an hour here (SubscriptionTimeoutTest tests it).
   */
  @BeforeAll
  static void startSystem() {
    system = ActorSystem.create(Behaviors.<Void>empty(), "manual-time-streams",
        com.typesafe.config.ConfigFactory.parseString(
                "troupe.stream.materializer.subscription-timeout.timeout = 1h")
            .withFallback(ManualTime.config()));
    time = ManualTime.get(system);
  }

  @AfterAll
  static void stopSystem() throws Exception {
    system.terminate();
    system.getWhenTerminated().toCompletableFuture().get(20, TimeUnit.SECONDS);
  }

  /** The manual clock, in nanoseconds since the system started. */
  static long clock() {
    return system.scheduler().nanoTime();
  }

  /**
   * Moves the clock forward in {@code step}s until {@code done} completes (up to 10 s of real
   * time), and returns its value; the stream decides how far the clock had to go.
   */
  static <T> T advanceUntilDone(CompletableFuture<T> done, Duration step) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!done.isDone()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the stream did not finish within 10 s of real time");
      }
      time.timePasses(step);
      Thread.yield();
    }
    return done.get();
  }
}
