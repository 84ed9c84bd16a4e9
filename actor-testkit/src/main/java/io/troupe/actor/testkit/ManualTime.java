package io.troupe.actor.testkit;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.troupe.actor.ActorSystem;
import io.troupe.actor.testkit.internal.ManualScheduler;
import java.time.Duration;
import java.util.Objects;

/**
 * Control of a system's clock in tests: timers, receive timeouts, ask timeouts and backoffs fire
 * only when the test says {@link #timePasses}, so tests of timing take no real time and are exact.
 *
 * <pre>{@code
 * ActorTestKit testKit = ActorTestKit.create(ManualTime.config());
 * ManualTime manualTime = ManualTime.get(testKit.system());
 * ...
 * manualTime.timePasses(Duration.ofSeconds(5));   // runs what falls due within 5 s, in order
 * probe.expectMessage(new Tick());
 * }</pre>
 *
 * <p>The due tasks are handed to their executors on the calling thread; the messages they send
 * are then handled by the actors as usual, on the system's threads, so wait for their effects
 * with probes. The system's {@link io.troupe.actor.Scheduler#nanoTime()} is this clock too, so
 * restart windows and backoff resets follow it.
 */
public final class ManualTime {
  private static final Config CONFIG = ConfigFactory.parseString(
      "troupe.scheduler.implementation = \"" + ManualScheduler.class.getName() + "\"");

  private final ManualScheduler scheduler;

  private ManualTime(ManualScheduler scheduler) {
    this.scheduler = scheduler;
  }

  /** The config that gives a system manual time; pass it to {@link ActorTestKit#create(Config)}. */
  public static Config config() {
    return CONFIG;
  }

  /**
   * The clock of {@code system}.
   *
   * @throws IllegalArgumentException if the system was not created with {@link #config()}
   */
  public static ManualTime get(ActorSystem<?> system) {
    Objects.requireNonNull(system, "system");
    if (system.scheduler() instanceof ManualScheduler s) {
      return new ManualTime(s);
    }
    throw new IllegalArgumentException("ManualTime.get: the actor system [" + system.name() + "] uses the scheduler "
        + system.scheduler().getClass().getName() + "; create it with ManualTime.config() in its configuration");
  }

  /**
   * Moves the clock forward by {@code amount}, running each timer that falls due on the way, in
   * deadline order.
   *
   * @throws IllegalArgumentException if {@code amount} is negative
   */
  public void timePasses(Duration amount) {
    scheduler.timePasses(amount);
  }

  /** The clock's time since the system started. */
  public Duration elapsed() {
    return Duration.ofNanos(scheduler.nanoTime());
  }

  /**
   * Lets {@code duration} pass and checks that none of {@code on} got a message, each watching
   * for {@code expect-no-message-default} of real time, since the actors react asynchronously.
   */
  public void expectNoMessageFor(Duration duration, TestProbe<?>... on) {
    Objects.requireNonNull(on, "on");
    timePasses(duration);
    for (TestProbe<?> probe : on) {
      probe.expectNoMessage();
    }
  }

  @Override
  public String toString() {
    return "ManualTime(" + Texts.duration(elapsed()) + ")";
  }
}
