package io.troupe.actor.testkit;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.troupe.actor.ActorSystem;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.WeakHashMap;

/**
 * The timeouts and the time factor of the test kit, read from {@code troupe.actor.testkit.typed}.
 *
 * <p>Every duration here is already {@linkplain #dilated dilated} by the time factor.
 */
public final class TestKitSettings {
  /** The config path of the test kit's settings. */
  public static final String CONFIG_PATH = "troupe.actor.testkit.typed";

  private static final Map<ActorSystem<?>, TestKitSettings> BY_SYSTEM = new WeakHashMap<>();

  private final double testTimeFactor;
  private final Duration singleExpectDefaultTimeout;
  private final Duration expectNoMessageDefaultTimeout;
  private final Duration defaultTimeout;
  private final Duration defaultActorSystemShutdownTimeout;
  private final boolean throwOnShutdownTimeout;
  private final Duration filterLeeway;

  private TestKitSettings(Config c) {
    double factor = c.getDouble("timefactor");
    if (!(factor > 0) || Double.isInfinite(factor)) {
      throw new IllegalArgumentException(
          CONFIG_PATH + ".timefactor must be a positive finite number, was " + factor);
    }
    this.testTimeFactor = factor;
    this.singleExpectDefaultTimeout = dilated(c.getDuration("single-expect-default"));
    this.expectNoMessageDefaultTimeout = dilated(c.getDuration("expect-no-message-default"));
    this.defaultTimeout = dilated(c.getDuration("default-timeout"));
    this.defaultActorSystemShutdownTimeout = dilated(c.getDuration("system-shutdown-default"));
    this.throwOnShutdownTimeout = c.getBoolean("throw-on-shutdown-timeout");
    this.filterLeeway = dilated(c.getDuration("filter-leeway"));
  }

  /**
   * Reads the settings from {@code config}, which may be a whole application config (then
   * {@value #CONFIG_PATH} is read) or that section itself; the reference defaults fill what is
   * missing.
   *
   * @throws IllegalArgumentException if the time factor is not positive and finite
   * @throws com.typesafe.config.ConfigException if a value has the wrong type
   */
  public static TestKitSettings create(Config config) {
    Objects.requireNonNull(config, "config");
    Config section = config.hasPath(CONFIG_PATH) ? config.getConfig(CONFIG_PATH) : config;
    Config reference = ConfigFactory.defaultReference(TestKitSettings.class.getClassLoader())
        .getConfig(CONFIG_PATH);
    return new TestKitSettings(section.withFallback(reference));
  }

  /** The settings of {@code system}'s configuration; computed once per system. */
  public static TestKitSettings create(ActorSystem<?> system) {
    Objects.requireNonNull(system, "system");
    synchronized (BY_SYSTEM) {
      return BY_SYSTEM.computeIfAbsent(system, s -> create(s.settings().config()));
    }
  }

  /** The factor every timeout of the kit is multiplied by ({@code timefactor}). */
  public double testTimeFactor() {
    return testTimeFactor;
  }

  /** {@code duration} multiplied by the time factor. */
  public Duration dilated(Duration duration) {
    Objects.requireNonNull(duration, "duration");
    if (testTimeFactor == 1.0) {
      return duration;
    }
    double nanos = duration.toNanos() * testTimeFactor;
    return nanos >= Long.MAX_VALUE ? Duration.ofNanos(Long.MAX_VALUE) : Duration.ofNanos((long) nanos);
  }

  /** How long an expectation waits when no timeout is given; dilated. */
  public Duration singleExpectDefaultTimeout() {
    return singleExpectDefaultTimeout;
  }

  /** How long {@code expectNoMessage()} waits; dilated. */
  public Duration expectNoMessageDefaultTimeout() {
    return expectNoMessageDefaultTimeout;
  }

  /** How long spawn, stop and the kit's asks wait; dilated. */
  public Duration defaultTimeout() {
    return defaultTimeout;
  }

  /** How long {@code shutdownTestKit()} waits for termination; dilated. */
  public Duration defaultActorSystemShutdownTimeout() {
    return defaultActorSystemShutdownTimeout;
  }

  /** Whether a system that does not terminate in time fails the shutdown. */
  public boolean throwOnShutdownTimeout() {
    return throwOnShutdownTimeout;
  }

  /** How long {@code LoggingTestKit} waits after its block for late events; dilated. */
  public Duration filterLeeway() {
    return filterLeeway;
  }

  @Override
  public String toString() {
    return "TestKitSettings(timefactor=" + testTimeFactor + ", single-expect-default="
        + Texts.duration(singleExpectDefaultTimeout) + ", expect-no-message-default="
        + Texts.duration(expectNoMessageDefaultTimeout) + ")";
  }
}
