package io.troupe.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.troupe.actor.ActorSystem;
import io.troupe.actor.Done;
import io.troupe.actor.NotUsed;
import io.troupe.stream.stage.GraphStage;
import io.troupe.stream.stage.GraphStageLogic;
import io.troupe.stream.stage.InHandler;
import io.troupe.stream.stage.OutHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class AsyncAndLifecycleTest extends StreamTestBase {

  @Test
  void elementsCrossAsyncBoundariesInOrder() throws Exception {
    List<Integer> expected = new ArrayList<>();
    for (int i = 1; i <= 10_000; i++) {
      expected.add(i * 3);
    }
    CompletionStage<List<Integer>> r =
        Source.range(1, 10_000)
            .map(i -> i * 3)
            .async()
            .filter(i -> true)
            .async()
            .map(i -> i)
            .runWith(Sink.seq(), system);
    assertThat(await(r)).containsExactlyElementsOf(expected);
  }

  @Test
  void failureCrossesAnAsyncBoundary() throws Exception {
    IllegalStateException boom = new IllegalStateException("upstream island failed");
    CompletionStage<List<Integer>> r =
        Source.range(1, 100)
            .map(i -> {
              if (i == 50) {
                throw boom;
              }
              return i;
            })
            .async()
            .runWith(Sink.seq(), system);
    assertThat(awaitFailure(r)).isSameAs(boom);
  }

  @Test
  void cancellationCrossesAnAsyncBoundary() throws Exception {
    CompletionStage<Done> upstreamDone =
        Source.repeat(1).watchTermination(Keep.right()).async().take(10).to(Sink.ignore()).run(system);
    assertThat(await(upstreamDone)).isEqualTo(Done.INSTANCE);
  }

  @Test
  void anEndlessFastSourceIntoASlowSinkKeepsABoundedNumberOfElementsInFlight() throws Exception {
    AtomicLong produced = new AtomicLong();
    AtomicLong consumed = new AtomicLong();
    AtomicLong maxInFlight = new AtomicLong();
    Semaphore permits = new Semaphore(0);
    CountDownLatch done = new CountDownLatch(1);
    // The sink takes an element only when the test hands it a permit: as slow as we like.
    Source.repeat(1)
        .map(i -> {
          produced.incrementAndGet();
          return i;
        })
        .async()
        .map(i -> i)
        .async()
        .mapAsync(1, i -> CompletableFuture.supplyAsync(() -> {
          try {
            permits.acquire();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return i;
        }))
        .take(2_000)
        .addAttributes(Attributes.inputBuffer(16, 16))
        .runForeach(
            i -> {
              long c = consumed.incrementAndGet();
              maxInFlight.accumulateAndGet(produced.get() - c, Math::max);
            },
            system)
        .thenRun(done::countDown);
    for (int i = 0; i < 2_000; i++) {
      permits.release();
    }
    assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
    // Two async boundaries of 16 (set above; the default is larger) plus a few elements held by
    // stages: never the whole stream.
    assertThat(maxInFlight.get()).isLessThan(100);
    assertThat(produced.get()).isLessThan(2_000 + 100);
  }

  @Test
  void withTheDefaultBufferTheUpstreamRunsAheadByAtMostOneBoundaryBuffer() throws Exception {
    AtomicLong produced = new AtomicLong();
    Semaphore permits = new Semaphore(0);
    CompletionStage<Done> done =
        Source.repeat(1)
            .map(i -> produced.incrementAndGet())
            .async()
            .mapAsync(1, i -> CompletableFuture.supplyAsync(() -> {
              permits.acquireUninterruptibly();
              return i;
            }))
            .take(5)
            .runWith(Sink.ignore(), system);
    permits.release(5);
    await(done);
    // The default boundary buffer is 256 elements (as Reactor's publishOn prefetch).
    assertThat(produced.get()).isLessThanOrEqualTo(5 + 256 + 2);
  }

  @Test
  void aSlowDownstreamStopsTheUpstreamFromRunningAhead() throws Exception {
    AtomicLong produced = new AtomicLong();
    Semaphore permits = new Semaphore(0);
    CompletionStage<Done> done =
        Source.repeat(1)
            .map(i -> produced.incrementAndGet())
            .async()
            .mapAsync(1, i -> CompletableFuture.supplyAsync(() -> {
              permits.acquireUninterruptibly();
              return i;
            }))
            .take(5)
            .addAttributes(Attributes.inputBuffer(16, 16))
            .runWith(Sink.ignore(), system);
    permits.release(5);
    await(done);
    // Upstream can only run ahead by the boundary buffer and the one element mapAsync holds.
    assertThat(produced.get()).isLessThanOrEqualTo(5 + 16 + 2);
  }

  /** A stage that records its life cycle, for checking that postStop always runs. */
  static final class Recorder<T> extends GraphStage<FlowShape<T, T>> {
    final Inlet<T> in = Inlet.create("recorder.in");
    final Outlet<T> out = Outlet.create("recorder.out");
    final CountDownLatch started = new CountDownLatch(1);
    final CompletableFuture<Done> stopped = new CompletableFuture<>();

    @Override
    public FlowShape<T, T> shape() {
      return FlowShape.of(in, out);
    }

    @Override
    public GraphStageLogic createLogic(Attributes attrs) {
      return new Logic();
    }

    final class Logic extends GraphStageLogic implements InHandler, OutHandler {
      Logic() {
        super(shape());
        setHandlers(in, out, this);
      }

      @Override
      public void preStart() {
        started.countDown();
      }

      @Override
      public void onPush() {
        push(out, grab(in));
      }

      @Override
      public void onPull() {
        pull(in);
      }

      @Override
      public void postStop() {
        stopped.complete(Done.INSTANCE);
      }
    }
  }

  @Test
  void shuttingDownAMaterializerStopsItsStreamsAndRunsPostStop() throws Exception {
    Materializer mat = Materializer.createMaterializer(system);
    Recorder<Integer> recorder = new Recorder<>();
    CompletionStage<Done> result =
        Source.<Integer>maybe().via(recorder).async().runWith(Sink.ignore(), mat);
    assertThat(recorder.started.await(10, TimeUnit.SECONDS)).isTrue();
    mat.shutdown();
    assertThat(await(recorder.stopped)).isEqualTo(Done.INSTANCE);
    assertThat(awaitFailure(result)).isInstanceOf(AbruptStageTerminationException.class);
    assertThat(mat.isShutdown()).isTrue();
    assertThatThrownBy(() -> Source.single(1).runWith(Sink.ignore(), mat))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("shut down");
    // The system's shared materializer is unaffected.
    assertThat(await(Source.single(1).runWith(Sink.head(), system))).isEqualTo(1);
  }

  @Test
  void terminatingTheSystemStopsItsStreams() throws Exception {
    ActorSystem<Void> other = ActorSystem.create("stream-shutdown");
    Recorder<Integer> recorder = new Recorder<>();
    CompletionStage<Done> result = Source.<Integer>maybe().via(recorder).runWith(Sink.ignore(), other);
    assertThat(recorder.started.await(10, TimeUnit.SECONDS)).isTrue();
    other.terminate();
    other.getWhenTerminated().toCompletableFuture().get(20, TimeUnit.SECONDS);
    assertThat(recorder.stopped).isDone();
    assertThat(awaitFailure(result)).isInstanceOf(AbruptStageTerminationException.class);
  }

  @Test
  void postStopRunsWhenTheStreamCompletesNormally() throws Exception {
    Recorder<Integer> recorder = new Recorder<>();
    await(Source.range(1, 3).via(recorder).runWith(Sink.ignore(), system));
    assertThat(await(recorder.stopped)).isEqualTo(Done.INSTANCE);
  }

  @Test
  void dispatcherAttributeRunsTheIslandThere() throws Exception {
    CompletionStage<String> thread =
        Source.single(1)
            .map(i -> Thread.currentThread().getName())
            .withAttributes(ActorAttributes.blockingIoDispatcher())
            .runWith(Sink.head(), system);
    assertThat(await(thread)).isNotEmpty();
  }

  @Test
  void customStageWithEmitAndTimers() throws Exception {
    // A stage that emits each element twice using emitMultiple.
    GraphStage<FlowShape<Integer, Integer>> twice =
        new GraphStage<>() {
          final Inlet<Integer> in = Inlet.create("twice.in");
          final Outlet<Integer> out = Outlet.create("twice.out");

          @Override
          public FlowShape<Integer, Integer> shape() {
            return FlowShape.of(in, out);
          }

          @Override
          public GraphStageLogic createLogic(Attributes attrs) {
            return new GraphStageLogic(shape()) {
              {
                setHandler(in, () -> {
                  Integer e = grab(in);
                  emitMultiple(out, List.of(e, e), () -> {});
                });
                setHandler(out, () -> pull(in));
              }
            };
          }
        };
    assertThat(await(Source.range(1, 3).via(twice).runWith(Sink.seq(), system)))
        .containsExactly(1, 1, 2, 2, 3, 3);
  }

  @Test
  void tickEmitsUntilCancelled() throws Exception {
    AtomicInteger ticks = new AtomicInteger();
    CompletionStage<List<String>> r =
        Source.tick(java.time.Duration.ZERO, java.time.Duration.ofMillis(5), "t")
            .map(t -> {
              ticks.incrementAndGet();
              return t;
            })
            .take(3)
            .runWith(Sink.seq(), system);
    assertThat(await(r)).containsExactly("t", "t", "t");
  }

  @Test
  void aStageWithoutHandlerIsReportedAtMaterialization() {
    GraphStage<FlowShape<Integer, Integer>> broken =
        new GraphStage<>() {
          final Inlet<Integer> in = Inlet.create("broken.in");
          final Outlet<Integer> out = Outlet.create("broken.out");

          @Override
          public FlowShape<Integer, Integer> shape() {
            return FlowShape.of(in, out);
          }

          @Override
          public GraphStageLogic createLogic(Attributes attrs) {
            return new GraphStageLogic(shape()) {
              {
                setHandler(in, () -> {});
              }
            };
          }
        };
    assertThatThrownBy(() -> Source.single(1).via(broken).runWith(Sink.ignore(), system))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("No handler defined")
        .hasMessageContaining("broken.out");
  }

  @Test
  void manyTinyStreamsAllComplete() throws Exception {
    List<CompletableFuture<Integer>> all = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      all.add(Source.single(i).runWith(Sink.head(), system).toCompletableFuture());
    }
    CompletableFuture.allOf(all.toArray(new CompletableFuture<?>[0])).get(10, TimeUnit.SECONDS);
    for (int i = 0; i < 1000; i++) {
      assertThat(all.get(i).get()).isEqualTo(i);
    }
  }

  @Test
  void unusedNotUsedIsSingleton() {
    assertThat(Source.single(1).to(Sink.ignore()).run(system)).isSameAs(NotUsed.INSTANCE);
  }
}
