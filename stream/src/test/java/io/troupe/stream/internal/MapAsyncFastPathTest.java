package io.troupe.stream.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.troupe.actor.ActorSystem;
import io.troupe.stream.Sink;
import io.troupe.stream.Source;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code mapAsync} hands already-completed futures straight on without breaking its order. */
class MapAsyncFastPathTest {
  private static ActorSystem<Void> system;

  @BeforeAll
  static void start() {
    system = ActorSystem.create("map-async-test");
  }

  @AfterAll
  static void stop() throws Exception {
    system.terminate();
    system.getWhenTerminated().toCompletableFuture().get(20, TimeUnit.SECONDS);
  }

  private static <T> T await(CompletionStage<T> stage) throws Exception {
    return stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void completedFuturesBehindPendingOnesKeepTheirPlace() throws Exception {
    Executor later = CompletableFuture.delayedExecutor(1, TimeUnit.MILLISECONDS);
    List<Integer> result =
        await(
            Source.range(1, 200)
                .mapAsync(
                    4,
                    i -> i % 3 == 0
                        ? CompletableFuture.supplyAsync(() -> i, later)
                        : CompletableFuture.completedFuture(i))
                .runWith(Sink.seq(), system));

    assertThat(result).isEqualTo(IntStream.rangeClosed(1, 200).boxed().toList());
  }

  @Test
  void aCompletedNullIsDroppedAndTheStreamGoesOn() throws Exception {
    List<Integer> result =
        await(
            Source.range(1, 6)
                .mapAsync(
                    2, i -> CompletableFuture.completedFuture(i % 2 == 0 ? null : i))
                .runWith(Sink.seq(), system));

    assertThat(result).containsExactly(1, 3, 5);
  }
}
