package io.troupe.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.troupe.actor.ActorSystem;
import io.troupe.actor.testkit.ManualTime;
import io.troupe.stream.stage.AsyncCallback;
import io.troupe.stream.stage.GraphStage;
import io.troupe.stream.stage.GraphStageLogic;
import io.troupe.stream.stage.InHandler;
import io.troupe.stream.stage.OutHandler;
import io.troupe.stream.stage.TimerGraphStageLogic;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Ending a stage that kept going stops it; periodic timers follow the scheduler's clock. */
class StageLifecycleFixesTest {
  private static ActorSystem<Void> system;

  @BeforeAll
  static void start() {
    system = ActorSystem.create(io.troupe.actor.Behaviors.<Void>empty(), "lifecycle-fixes", ManualTime.config());
  }

  @AfterAll
  static void stop() throws Exception {
    system.terminate();
    system.getWhenTerminated().toCompletableFuture().get(20, TimeUnit.SECONDS);
  }

  /** Passes elements; keeps going after its ports closed until the test ends it by callback. */
  private static final class KeptGoing extends GraphStage<FlowShape<Integer, Integer>> {
    final Inlet<Integer> in = Inlet.create("kept.in");
    final Outlet<Integer> out = Outlet.create("kept.out");
    final CompletableFuture<AsyncCallback<String>> ender = new CompletableFuture<>();
    final CountDownLatch postStop = new CountDownLatch(1);

    @Override
    public FlowShape<Integer, Integer> shape() {
      return FlowShape.of(in, out);
    }

    @Override
    public GraphStageLogic createLogic(Attributes attrs) {
      return new Logic();
    }

    private final class Logic extends GraphStageLogic implements InHandler, OutHandler {
      @SuppressWarnings("this-escape")
      Logic() {
        super(shape());
        setHandlers(in, out, this);
      }

      @Override
      public void preStart() {
        setKeepGoing(true);
        AsyncCallback<String> cb =
            getAsyncCallback(
                how -> {
                  switch (how) {
                    case "complete" -> completeStage();
                    case "fail" -> failStage(new IllegalStateException("ended"));
                    default -> cancelStage(noMoreElementsNeeded());
                  }
                });
        ender.complete(cb);
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
      public void onUpstreamFinish() {
        complete(out); // every port is now closed, but the stage keeps going
      }

      @Override
      public void postStop() {
        postStop.countDown();
      }
    }
  }

  private void endsAfterKeepGoing(String how) throws Exception {
    KeptGoing stage = new KeptGoing();
    CompletableFuture<java.util.List<Integer>> result =
        Source.range(1, 3).via(stage).runWith(Sink.seq(), system).toCompletableFuture();
    assertThat(result.get(10, TimeUnit.SECONDS)).containsExactly(1, 2, 3);
    assertThat(stage.postStop.getCount()).as("still running: it keeps going").isEqualTo(1);
    stage.ender.get(10, TimeUnit.SECONDS).invoke(how);
    assertThat(stage.postStop.await(10, TimeUnit.SECONDS)).as("postStop ran").isTrue();
  }

  @Test
  void completeStageStopsAStageThatKeptGoing() throws Exception {
    endsAfterKeepGoing("complete");
  }

  @Test
  void failStageStopsAStageThatKeptGoing() throws Exception {
    endsAfterKeepGoing("fail");
  }

  @Test
  void cancelStageStopsAStageThatKeptGoing() throws Exception {
    endsAfterKeepGoing("cancel");
  }

  @Test
  void completeStageInsideAHandlerStopsAStageThatKeepsGoing() throws Exception {
    CountDownLatch stopped = new CountDownLatch(1);
    GraphStage<FlowShape<Integer, Integer>> stage =
        new GraphStage<>() {
          final Inlet<Integer> in = Inlet.create("k.in");
          final Outlet<Integer> out = Outlet.create("k.out");

          @Override
          public FlowShape<Integer, Integer> shape() {
            return FlowShape.of(in, out);
          }

          @Override
          public GraphStageLogic createLogic(Attributes attrs) {
            return new GraphStageLogic(shape()) {
              {
                setHandler(
                    in,
                    () -> {
                      setKeepGoing(true);
                      push(out, grab(in));
                      completeStage();
                    });
                setHandler(out, () -> pull(in));
              }

              @Override
              public void postStop() {
                stopped.countDown();
              }
            };
          }
        };
    assertThat(
            Source.repeat(7).via(stage).runWith(Sink.seq(), system).toCompletableFuture().get(10, TimeUnit.SECONDS))
        .containsExactly(7);
    assertThat(stopped.await(10, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void periodicTimersFollowTheManualClockExactly() throws Exception {
    ManualTime time = ManualTime.get(system);
    CountDownLatch armed = new CountDownLatch(1);
    AtomicReference<Integer> counter = new AtomicReference<>(0);
    GraphStage<SourceShape<Integer>> ticks =
        new GraphStage<>() {
          final Outlet<Integer> out = Outlet.create("ticks.out");

          @Override
          public SourceShape<Integer> shape() {
            return SourceShape.of(out);
          }

          @Override
          public GraphStageLogic createLogic(Attributes attrs) {
            return new TimerGraphStageLogic(shape()) {
              {
                setHandler(out, () -> {});
              }

              @Override
              public void preStart() {
                scheduleAtFixedRate("tick", Duration.ofMillis(100), Duration.ofMillis(100));
                armed.countDown();
              }

              @Override
              protected void onTimer(Object key) {
                int n = counter.updateAndGet(i -> i + 1);
                if (isAvailable(out)) {
                  push(out, n);
                }
              }
            };
          }
        };
    Probes.Sub<Integer> sub = new Probes.Sub<>();
    Source.fromGraph(ticks).runWith(sub.sink(), system);
    sub.request(10);
    assertThat(armed.await(10, TimeUnit.SECONDS)).isTrue();
    for (int i = 1; i <= 5; i++) {
      time.timePasses(Duration.ofMillis(100));
      assertThat(sub.expectNext()).isEqualTo(i);
    }
    sub.cancel();
  }
}
