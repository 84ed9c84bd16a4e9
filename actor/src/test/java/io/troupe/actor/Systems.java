package io.troupe.actor;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.util.concurrent.TimeUnit;

final class Systems {
  private Systems() {}

  static final Config NO_HOOK =
      ConfigFactory.parseString("troupe.coordinated-shutdown.run-by-jvm-shutdown-hook = off");

  static <T> ActorSystem<T> create(Behavior<T> guardian, String name) {
    return ActorSystem.create(guardian, name, NO_HOOK);
  }

  static <T> ActorSystem<T> manual(Behavior<T> guardian, String name) {
    return ActorSystem.create(guardian, name, ManualScheduler.config());
  }

  static void terminate(ActorSystem<?> system) throws Exception {
    system.terminate();
    assertThat(system.getWhenTerminated().toCompletableFuture().get(20, TimeUnit.SECONDS)).isEqualTo(Done.INSTANCE);
  }
}
