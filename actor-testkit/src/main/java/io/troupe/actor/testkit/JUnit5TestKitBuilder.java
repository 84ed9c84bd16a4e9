package io.troupe.actor.testkit;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.troupe.actor.ActorSystem;
import java.util.Objects;

/**
 * Builds the {@link ActorTestKit} of a {@link JUnit5TestKit} field with a name, a config or an
 * existing system:
 *
 * <pre>{@code
 * @JUnit5TestKit
 * static ActorTestKit testKit = new JUnit5TestKitBuilder().withName("orders").withCustomConfig(config).build();
 * }</pre>
 */
public final class JUnit5TestKitBuilder {
  private String name;
  private Config customConfig = ConfigFactory.empty();
  private ActorSystem<?> system;

  /** A builder of a kit named after the calling test class, with the default config. */
  public JUnit5TestKitBuilder() {}

  /** Names the kit's system {@code name}. */
  public JUnit5TestKitBuilder withName(String name) {
    this.name = Objects.requireNonNull(name, "name");
    return this;
  }

  /** Puts {@code customConfig} over the kit's default config. */
  public JUnit5TestKitBuilder withCustomConfig(Config customConfig) {
    this.customConfig = Objects.requireNonNull(customConfig, "customConfig");
    return this;
  }

  /** Makes the kit wrap {@code system} instead of creating one (name and config are then ignored). */
  public JUnit5TestKitBuilder withSystem(ActorSystem<?> system) {
    this.system = Objects.requireNonNull(system, "system");
    return this;
  }

  /** Creates the kit and its system. */
  public ActorTestKit build() {
    if (system != null) {
      return ActorTestKit.create(system);
    }
    return ActorTestKit.create(name != null ? name : ActorTestKit.testNameFromCallStack(), customConfig);
  }
}
