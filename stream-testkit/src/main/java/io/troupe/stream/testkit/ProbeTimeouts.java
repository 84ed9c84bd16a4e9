package io.troupe.stream.testkit;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.troupe.actor.ActorSystem;
import io.troupe.actor.testkit.TestKitSettings;
import java.time.Duration;
import java.util.Objects;

/** How long stream probes wait: read from {@code troupe.stream.testkit}, dilated by the time factor. */
record ProbeTimeouts(Duration expect, Duration noMessage, Duration allStagesStopped) {
  static final String CONFIG_PATH = "troupe.stream.testkit";

  /** The defaults, for probes created without an actor system. */
  static final ProbeTimeouts DEFAULT =
      new ProbeTimeouts(
          TestSubscriber.DEFAULT_TIMEOUT, Duration.ofMillis(100), Duration.ofSeconds(10));

  static ProbeTimeouts of(ActorSystem<?> system) {
    Objects.requireNonNull(system, "system");
    Config config =
        system
            .settings()
            .config()
            .withFallback(ConfigFactory.defaultReference(ProbeTimeouts.class.getClassLoader()))
            .getConfig(CONFIG_PATH);
    TestKitSettings kit = TestKitSettings.create(system);
    return new ProbeTimeouts(
        kit.dilated(config.getDuration("expect-timeout")),
        kit.dilated(config.getDuration("expect-no-message-timeout")),
        kit.dilated(config.getDuration("all-stages-stopped-timeout")));
  }
}
