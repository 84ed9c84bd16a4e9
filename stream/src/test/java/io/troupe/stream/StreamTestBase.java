package io.troupe.stream;

import io.troupe.actor.ActorSystem;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** One actor system per test class, and a bounded wait for results. */
abstract class StreamTestBase {
  static final Duration TIMEOUT = Duration.ofSeconds(10);
  static ActorSystem<Void> system;

  @BeforeAll
  static void startSystem() {
    system = ActorSystem.create("streams-test");
  }

  @AfterAll
  static void stopSystem() throws Exception {
    system.terminate();
    system.getWhenTerminated().toCompletableFuture().get(20, TimeUnit.SECONDS);
  }

  static <T> T await(CompletionStage<T> stage) throws Exception {
    return stage.toCompletableFuture().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
  }

  static Throwable awaitFailure(CompletionStage<?> stage) throws Exception {
    try {
      stage.toCompletableFuture().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      return e.getCause();
    }
    throw new AssertionError("expected the stage to fail, but it completed");
  }
}
