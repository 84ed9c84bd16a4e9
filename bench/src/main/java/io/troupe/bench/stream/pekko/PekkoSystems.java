package io.troupe.bench.stream.pekko;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.troupe.bench.Rounds;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.slf4j.LoggerFactory;

/**
 * Starts and stops the Pekko systems of the stream operator benchmarks. The configuration is
 * Pekko's default except for what keeps a benchmark run quiet: log level WARNING and no JVM
 * shutdown hooks (JMH forks end their JVM themselves). Dispatchers and stream settings stay
 * untouched.
 */
final class PekkoSystems {
  private PekkoSystems() {}

  private static final Config QUIET =
      ConfigFactory.parseString(
          """
          pekko.loglevel = WARNING
          pekko.stdout-loglevel = WARNING
          pekko.jvm-shutdown-hooks = off
          pekko.coordinated-shutdown.run-by-jvm-shutdown-hook = off
          """);

  /** A system named {@code name} with guardian {@code guardian} and the quiet default config. */
  static <T> ActorSystem<T> start(Behavior<T> guardian, String name) {
    // Logging starts here, on one thread, not in a race between the system's first threads.
    LoggerFactory.getILoggerFactory();
    return ActorSystem.create(guardian, name, QUIET.withFallback(ConfigFactory.load()));
  }

  /** Terminates {@code system} and waits, within the round bound, until it has. */
  static void terminate(ActorSystem<?> system) throws InterruptedException {
    system.terminate();
    Rounds.await(system.getWhenTerminated().toCompletableFuture(), "terminating the Pekko system");
  }
}
