package io.troupe.stream.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.troupe.actor.ActorSystem;
import io.troupe.actor.Done;
import io.troupe.japi.Pair;
import io.troupe.stream.Keep;
import io.troupe.stream.Materializer;
import io.troupe.stream.Sink;
import io.troupe.stream.Source;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code StreamTestKit.assertAllStagesStopped} on the paths where streams end other than by
 * completing: failure and cancellation, and the failure it reports for a stream left running.
 * Each test uses its own materializer, so that streams of other tests do not count.
 */
class StreamTestKitTest {
  static ActorSystem<Void> system;

  @BeforeAll
  static void start() {
    system = ActorSystem.create("stream-test-kit-test");
  }

  @AfterAll
  static void stop() throws Exception {
    system.terminate();
    system.getWhenTerminated().toCompletableFuture().get(20, TimeUnit.SECONDS);
  }

  private static Throwable failureOf(CompletionStage<?> stage) throws Exception {
    try {
      stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      return e.getCause();
    }
    throw new AssertionError("expected the stage to fail");
  }

  @Test
  void passesAfterAStreamFailed() throws Exception {
    Materializer mat = Materializer.createMaterializer(system);
    IllegalStateException boom = new IllegalStateException("boom");
    Throwable failure =
        StreamTestKit.assertAllStagesStopped(
            mat,
            () ->
                failureOf(
                    Source.range(1, 10)
                        .map(i -> {
                          if (i == 3) {
                            throw boom;
                          }
                          return i;
                        })
                        .async()
                        .runWith(Sink.seq(), mat)));
    assertThat(failure).isSameAs(boom);
    mat.shutdown();
  }

  @Test
  void passesAfterTheDownstreamCancelled() throws Exception {
    Materializer mat = Materializer.createMaterializer(system);
    StreamTestKit.assertAllStagesStopped(
        mat,
        () -> {
          Pair<TestPublisher.Probe<Integer>, TestSubscriber.Probe<Integer>> p =
              TestSource.<Integer>create(system)
                  .async()
                  .map(i -> i + 1)
                  .toMat(TestSink.create(system), Keep.both())
                  .run(mat);
          p.second().request(1);
          p.first().sendNext(1);
          p.second().expectNext(2).cancel();
          p.first().expectCancellation();
          return null;
        });
    mat.shutdown();
  }

  @Test
  void passesAfterTheUpstreamFailedIntoAProbe() throws Exception {
    Materializer mat = Materializer.createMaterializer(system);
    StreamTestKit.assertAllStagesStopped(
        mat,
        () -> {
          Pair<TestPublisher.Probe<Integer>, TestSubscriber.Probe<Integer>> p =
              TestSource.<Integer>create(system).toMat(TestSink.create(system), Keep.both()).run(mat);
          RuntimeException boom = new RuntimeException("upstream broke");
          p.first().sendError(boom);
          assertThat(p.second().expectError()).isSameAs(boom);
          return null;
        });
    mat.shutdown();
  }

  @Test
  void passesAfterATakeCancelledAnEndlessSource() throws Exception {
    Materializer mat = Materializer.createMaterializer(system);
    CompletionStage<Done> done =
        StreamTestKit.assertAllStagesStopped(
            mat,
            () -> {
              Pair<CompletionStage<Done>, CompletionStage<java.util.List<Integer>>> p =
                  Source.repeat(1)
                      .watchTermination(Keep.right())
                      .async()
                      .take(3)
                      .toMat(Sink.seq(), Keep.both())
                      .run(mat);
              assertThat(p.second().toCompletableFuture().get(10, TimeUnit.SECONDS))
                  .containsExactly(1, 1, 1);
              return p.first();
            });
    assertThat(done.toCompletableFuture().isDone()).isTrue();
    mat.shutdown();
  }

  @Test
  void failsNamingTheIslandsLeftRunning() throws Exception {
    Materializer mat = Materializer.createMaterializer(system);
    AtomicReference<CompletableFuture<Optional<Integer>>> maybe = new AtomicReference<>();
    assertThatThrownBy(
            () ->
                StreamTestKit.assertAllStagesStopped(
                    mat,
                    Duration.ofMillis(200),
                    () -> {
                      maybe.set(Source.<Integer>maybe().async().to(Sink.ignore()).run(mat));
                      return null;
                    }))
        .isInstanceOf(AssertionError.class)
        .hasMessage("2 stream island(s) still running PT0.2S after the block ended");
    // once the stream is let finish, the same materializer passes the check
    StreamTestKit.assertAllStagesStopped(mat, () -> maybe.get().complete(Optional.empty()));
    mat.shutdown();
  }

  @Test
  void rejectsANegativeTimeout() {
    Materializer mat = Materializer.matFromSystem(system);
    assertThatThrownBy(() -> StreamTestKit.assertAllStagesStopped(mat, Duration.ofSeconds(-1), () -> 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("timeout must not be negative, was PT-1S");
  }
}
