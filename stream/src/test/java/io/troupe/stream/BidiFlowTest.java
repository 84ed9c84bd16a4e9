package io.troupe.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.troupe.actor.NotUsed;
import io.troupe.japi.Pair;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BidiFlowTest extends StreamTestBase {

  /** Top: int → "i:<n>"; bottom: "<s>" → its length. */
  private static final BidiFlow<Integer, String, String, Integer, NotUsed> CODEC =
      BidiFlow.fromFunctions(i -> "i:" + i, String::length);

  @Test
  void joinClosesTheRightSideWithAFlowAndTransformsBothWays() throws Exception {
    // I1 (int) → "i:n" → transport (echo, upper-cased) → bottom: length
    Flow<Integer, Integer, NotUsed> roundTrip = CODEC.join(Flow.<String>create().map(String::toUpperCase));
    assertThat(await(Source.from(List.of(1, 22, 333)).via(roundTrip).runWith(Sink.seq(), system)))
        .containsExactly(3, 4, 5);
  }

  @Test
  void atopStacksLayersWithTheRightMostClosestToTheTransport() throws Exception {
    List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
    BidiFlow<String, String, String, String, NotUsed> upper =
        BidiFlow.fromFunctions(s -> s + "U", s -> s + "u");
    BidiFlow<String, String, String, String, NotUsed> lower =
        BidiFlow.fromFunctions(s -> s + "L", s -> s + "l");
    Flow<String, String, NotUsed> transport =
        Flow.<String>create().map(s -> {
          seen.add(s);
          return s + "|";
        });
    List<String> out =
        await(Source.single("x").via(upper.atop(lower).join(transport)).runWith(Sink.seq(), system));
    // outgoing passes upper then lower; incoming passes lower then upper
    assertThat(seen).containsExactly("xUL");
    assertThat(out).containsExactly("xUL|lu");
  }

  @Test
  void reversedTurnsTheDirectionsAround() throws Exception {
    BidiFlow<String, Integer, Integer, String, NotUsed> reversed = CODEC.reversed();
    assertThat(reversed.shape().in1()).isSameAs(CODEC.shape().in2());
    assertThat(reversed.shape().out2()).isSameAs(CODEC.shape().out1());
    // top of the reversed one is the length function, bottom the "i:" prefix
    Flow<String, String, NotUsed> f = reversed.join(Flow.<Integer>create().map(i -> i * 10));
    assertThat(await(Source.from(List.of("ab", "abcd")).via(f).runWith(Sink.seq(), system)))
        .containsExactly("i:20", "i:40");
    // reversing twice gives the original behaviour
    Flow<Integer, Integer, NotUsed> twice =
        CODEC.reversed().reversed().join(Flow.<String>create());
    assertThat(await(Source.single(7).via(twice).runWith(Sink.seq(), system))).containsExactly(3);
  }

  @Test
  void identityPassesBothDirectionsUnchanged() throws Exception {
    Flow<String, String, NotUsed> f =
        BidiFlow.<String, String>identity().join(Flow.<String>create().map(s -> s + "!"));
    assertThat(await(Source.from(List.of("a", "b")).via(f).runWith(Sink.seq(), system)))
        .containsExactly("a!", "b!");
  }

  @Test
  void flowJoinBidiClosesTheLeftSideAndYieldsTheTransportFacingFlow() throws Exception {
    // a server: the application answers each length n with n*2; the codec faces the wire
    Flow<Integer, Integer, NotUsed> application = Flow.<Integer>create().map(n -> n * 2);
    Flow<String, String, NotUsed> handler = application.join(CODEC);
    assertThat(await(Source.from(List.of("ab", "abc")).via(handler).runWith(Sink.seq(), system)))
        .containsExactly("i:4", "i:6");
  }

  @Test
  void materializedValuesCombineAsAskedEverywhere() throws Exception {
    BidiFlow<Integer, Integer, Integer, Integer, Pair<String, String>> both =
        BidiFlow.fromFlowsMat(
            Flow.<Integer>create().mapMaterializedValue(n -> "top"),
            Flow.<Integer>create().mapMaterializedValue(n -> "bottom"),
            Keep.both());
    BidiFlow<Integer, Integer, Integer, Integer, String> top =
        both.mapMaterializedValue(Pair::first);
    BidiFlow<Integer, Integer, Integer, Integer, String> stacked =
        top.atopMat(both.mapMaterializedValue(Pair::second), (a, b) -> a + "+" + b);
    BidiFlow<Integer, Integer, Integer, Integer, String> viaPekkoOverload =
        top.atop(both.mapMaterializedValue(Pair::second), Keep.right());
    Flow<Integer, Integer, String> joined =
        stacked.joinMat(Flow.<Integer>create().mapMaterializedValue(n -> "wire"), (a, b) -> a + "/" + b);

    Pair<String, CompletionStage<List<Integer>>> r =
        Source.from(List.of(1, 2)).viaMat(joined, Keep.right()).toMat(Sink.seq(), Keep.both()).run(system);
    assertThat(r.first()).isEqualTo("top+bottom/wire");
    assertThat(await(r.second())).containsExactly(1, 2);

    String right =
        Source.single(1)
            .viaMat(viaPekkoOverload.join(Flow.<Integer>create(), Keep.left()), Keep.right())
            .to(Sink.ignore())
            .run(system);
    assertThat(right).isEqualTo("bottom");
    assertThat(Source.single(1).viaMat(top.join(Flow.<Integer>create()), Keep.right()).to(Sink.ignore()).run(system))
        .isEqualTo("top");
    Flow<Integer, Integer, String> serverSide =
        Flow.<Integer>create().mapMaterializedValue(n -> "app").joinMat(top, (a, b) -> a + "&" + b);
    assertThat(Source.single(1).viaMat(serverSide, Keep.right()).to(Sink.ignore()).run(system))
        .isEqualTo("app&top");
  }

  @Test
  void aBlueprintRunsAnyNumberOfTimes() throws Exception {
    AtomicInteger created = new AtomicInteger();
    BidiFlow<Integer, Integer, Integer, Integer, Integer> counting =
        BidiFlow.fromFlowsMat(
            Flow.<Integer>create().mapMaterializedValue(n -> created.incrementAndGet()),
            Flow.<Integer>create(),
            Keep.left());
    Flow<Integer, Integer, Integer> f = counting.join(Flow.<Integer>create().map(i -> -i));
    for (int run = 1; run <= 3; run++) {
      Pair<Integer, CompletionStage<List<Integer>>> r =
          Source.from(List.of(1, 2, 3)).viaMat(f, Keep.right()).toMat(Sink.seq(), Keep.both()).run(system);
      assertThat(r.first()).isEqualTo(run);
      assertThat(await(r.second())).containsExactly(-1, -2, -3);
    }
  }

  @Test
  void bidiFlowsAddedToGraphDslExposeTheirFourPorts() throws Exception {
    BidiProbes.Ports<Integer, String, String, Integer, NotUsed> p = BidiProbes.probe(CODEC, system);
    p.out1().request(2);
    p.out2().request(2);
    p.in1().sendNext(5);
    p.in2().sendNext("hello");
    assertThat(p.out1().expectNext()).isEqualTo("i:5");
    assertThat(p.out2().expectNext()).isEqualTo(5);
    p.in1().sendComplete();
    p.in2().sendComplete();
    p.out1().expectComplete();
    p.out2().expectComplete();
  }

  @Test
  void aBidiShapeBuiltWithGraphDslBecomesABidiFlow() throws Exception {
    BidiFlow<Integer, Integer, Integer, Integer, NotUsed> built =
        BidiFlow.fromGraph(
            GraphDSL.create(
                b -> {
                  FlowShape<Integer, Integer> top = b.add(Flow.<Integer>create().map(i -> i + 1));
                  FlowShape<Integer, Integer> bottom = b.add(Flow.<Integer>create().map(i -> i * 3));
                  return BidiShape.fromFlows(top, bottom);
                }));
    assertThat(BidiFlow.fromGraph(built)).isSameAs(built);
    Flow<Integer, Integer, NotUsed> f = built.join(Flow.<Integer>create());
    assertThat(await(Source.from(List.of(1, 2)).via(f).runWith(Sink.seq(), system)))
        .containsExactly(6, 9);
  }

  @Test
  void theDirectionsCompleteIndependently() throws Exception {
    BidiProbes.Ports<Integer, String, String, Integer, NotUsed> p = BidiProbes.probe(CODEC, system);
    p.out1().request(1);
    p.out2().request(2);
    p.in1().sendComplete();
    p.out1().expectComplete();
    // the bottom direction still runs
    p.in2().sendNext("abc");
    assertThat(p.out2().expectNext()).isEqualTo(3);
    p.in2().sendNext("abcd");
    assertThat(p.out2().expectNext()).isEqualTo(4);
    p.in2().sendComplete();
    p.out2().expectComplete();
  }

  @Test
  void aFailureInOneDirectionLeavesTheOtherRunning() throws Exception {
    BidiProbes.Ports<Integer, String, String, Integer, NotUsed> p = BidiProbes.probe(CODEC, system);
    IllegalStateException boom = new IllegalStateException("bottom broke");
    p.out1().request(1);
    p.out2().request(1);
    p.in2().sendError(boom);
    assertThat(p.out2().expectError()).isSameAs(boom);
    p.in1().sendNext(4);
    assertThat(p.out1().expectNext()).isEqualTo("i:4");
    p.in1().sendComplete();
    p.out1().expectComplete();
  }

  @Test
  void aFailingFunctionFailsItsOwnDirectionAndCancelsItsUpstream() throws Exception {
    BidiFlow<Integer, Integer, Integer, Integer, NotUsed> failing =
        BidiFlow.fromFunctions(
            i -> {
              if (i == 0) {
                throw new ArithmeticException("zero");
              }
              return 100 / i;
            },
            i -> i);
    BidiProbes.Ports<Integer, Integer, Integer, Integer, NotUsed> p = BidiProbes.probe(failing, system);
    p.out1().request(1);
    p.in1().sendNext(0);
    assertThat(p.out1().expectError()).isInstanceOf(ArithmeticException.class).hasMessage("zero");
    p.in1().expectCancellation();
    p.out2().request(1);
    p.in2().sendNext(9);
    assertThat(p.out2().expectNext()).isEqualTo(9);
  }

  @Test
  void cancellingOneOutputCancelsOnlyItsInput() throws Exception {
    BidiProbes.Ports<Integer, String, String, Integer, NotUsed> p = BidiProbes.probe(CODEC, system);
    p.out1().request(1);
    p.out1().cancel();
    p.in1().expectCancellation();
    assertThat(p.in2().isCancelled()).isFalse();
    p.out2().request(1);
    p.in2().sendNext("xy");
    assertThat(p.out2().expectNext()).isEqualTo(2);
    p.out2().cancel();
    p.in2().expectCancellation();
  }

  @Test
  void eachDirectionIsBackpressuredByItsOwnDownstream() throws Exception {
    AtomicInteger topPulled = new AtomicInteger();
    AtomicInteger bottomPulled = new AtomicInteger();
    Probes.Sub<Integer> top = new Probes.Sub<>();
    Probes.Sub<Integer> bottom = new Probes.Sub<>();
    BidiFlow<Integer, Integer, Integer, Integer, NotUsed> bidi =
        BidiFlow.fromFunctions(i -> i, i -> -i);
    RunnableGraph.fromGraph(
            GraphDSL.create(
                bidi,
                (b, s) -> {
                  b.from(b.add(Source.range(1, 1_000_000).map(i -> {
                    topPulled.incrementAndGet();
                    return i;
                  }))).to(s.in1());
                  b.from(b.add(Source.range(1, 1_000_000).map(i -> {
                    bottomPulled.incrementAndGet();
                    return i;
                  }))).to(s.in2());
                  b.from(s.out1()).to(b.add(top.sink()));
                  b.from(s.out2()).to(b.add(bottom.sink()));
                  return ClosedShape.getInstance();
                }))
        .run(system);
    top.request(3);
    assertThat(top.expectNextN(3)).containsExactly(1, 2, 3);
    bottom.request(2);
    assertThat(bottom.expectNextN(2)).containsExactly(-1, -2);
    // nothing runs ahead of demand by more than what the stages buffer
    assertThat(topPulled.get()).isLessThan(100);
    assertThat(bottomPulled.get()).isLessThan(100);
    top.cancel();
    bottom.cancel();
  }

  @Test
  void attributesOfTheBidiFlowReachTheStagesInside() throws Exception {
    BidiFlow<Integer, Integer, Integer, Integer, NotUsed> dividing =
        BidiFlow.<Integer, Integer, Integer, Integer>fromFunctions(i -> 12 / i, i -> i)
            .withAttributes(ActorAttributes.withSupervisionStrategy(Supervision.getResumingDecider()));
    Flow<Integer, Integer, NotUsed> f = dividing.join(Flow.<Integer>create());
    assertThat(await(Source.from(List.of(1, 0, 3)).via(f).runWith(Sink.seq(), system)))
        .containsExactly(12, 4);
  }

  @Test
  void asyncBidiFlowsRunOnTheirOwnIsland() throws Exception {
    Flow<Integer, Integer, NotUsed> f =
        CODEC.async().named("codec").join(Flow.<String>create().map(s -> s + s));
    List<Integer> got =
        await(Source.range(1, 1000).via(f).runWith(Sink.seq(), system));
    assertThat(got).hasSize(1000);
    assertThat(got.get(0)).isEqualTo(6); // "i:1i:1"
    assertThat(got.get(999)).isEqualTo(12); // "i:1000i:1000"
  }

  @Test
  void flowJoinFlowClosesALoop() throws Exception {
    // 0 enters the loop through the merge; each pass adds one until the take stage has seen five
    // elements. The buffer gives the loop room: without it the broadcast inside alsoTo would wait
    // for the element it has just sent round the loop to be taken (a deadlock, as in Pekko).
    Flow<Integer, Integer, CompletionStage<List<Integer>>> recorder =
        Flow.<Integer>create().take(5).alsoToMat(Sink.seq(), Keep.right());
    Flow<Integer, Integer, NotUsed> step =
        Flow.<Integer>create()
            .map(i -> i + 1)
            .buffer(2, OverflowStrategy.backpressure())
            .merge(Source.single(0));
    RunnableGraph<CompletionStage<List<Integer>>> loop = recorder.join(step);
    assertThat(await(loop.run(system))).containsExactly(0, 1, 2, 3, 4);

    RunnableGraph<Pair<CompletionStage<List<Integer>>, String>> both =
        recorder.joinMat(step.mapMaterializedValue(n -> "step"), Keep.both());
    Pair<CompletionStage<List<Integer>>, String> r = both.run(system);
    assertThat(r.second()).isEqualTo("step");
    assertThat(await(r.first())).containsExactly(0, 1, 2, 3, 4);
  }

  @Test
  void nullArgumentsAreRejectedNamingTheParameter() {
    assertThatThrownBy(() -> BidiFlow.fromFlows(null, Flow.create()))
        .isInstanceOf(NullPointerException.class).hasMessage("flow1");
    assertThatThrownBy(() -> BidiFlow.fromFunctions(i -> i, null))
        .isInstanceOf(NullPointerException.class).hasMessage("bottom");
    assertThatThrownBy(() -> CODEC.atop(null))
        .isInstanceOf(NullPointerException.class).hasMessage("bidi");
    assertThatThrownBy(() -> CODEC.join(null))
        .isInstanceOf(NullPointerException.class).hasMessage("flow");
    assertThatThrownBy(() -> Flow.<String>create().join((BidiFlow<String, String, String, String, NotUsed>) null))
        .isInstanceOf(NullPointerException.class).hasMessage("bidi");
    assertThatThrownBy(() -> CODEC.mapMaterializedValue(null))
        .isInstanceOf(NullPointerException.class).hasMessage("f");
  }

  @Test
  void anUnclosedBidiFlowCannotRun() {
    BidiFlow<Integer, Integer, Integer, Integer, NotUsed> id = BidiFlow.identity();
    assertThatThrownBy(
            () ->
                RunnableGraph.fromGraph(GraphDSL.create(id, (b, s) -> {
                  b.from(b.add(Source.single(1))).to(s.in1());
                  b.from(s.out1()).to(b.add(Sink.ignore()));
                  return ClosedShape.getInstance();
                })))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("are not connected");
  }
}
