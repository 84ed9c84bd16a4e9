package io.troupe.bench.stream.troupe;

import io.troupe.actor.ActorSystem;
import io.troupe.actor.Behavior;
import io.troupe.bench.Rounds;
import org.slf4j.LoggerFactory;

/**
 * Starts and stops the Troupe systems of the stream operator benchmarks, in Troupe's default
 * configuration.
 */
final class TroupeSystems {
  private TroupeSystems() {}

  /** A system named {@code name} with guardian {@code guardian} and the default config. */
  static <T> ActorSystem<T> start(Behavior<T> guardian, String name) {
    // Logging starts here, on one thread, not in a race between the system's first threads.
    LoggerFactory.getILoggerFactory();
    return ActorSystem.create(guardian, name);
  }

  /** Terminates {@code system} and waits, within the round bound, until it has. */
  static void terminate(ActorSystem<?> system) throws InterruptedException {
    system.terminate();
    Rounds.await(system.getWhenTerminated().toCompletableFuture(), "terminating the Troupe system");
  }
}
