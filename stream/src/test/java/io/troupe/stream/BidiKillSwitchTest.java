package io.troupe.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.troupe.actor.NotUsed;
import io.troupe.japi.Pair;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BidiKillSwitchTest extends StreamTestBase {

  private static BidiProbes.Ports<Integer, Integer, String, String, UniqueKillSwitch> probed() {
    return BidiProbes.probe(KillSwitches.<Integer, String>singleBidi(), system);
  }

  @Test
  void passesBothDirectionsUntilShutdownCompletesBothAndCancelsBothInputs() throws Exception {
    BidiProbes.Ports<Integer, Integer, String, String, UniqueKillSwitch> p = probed();
    p.out1().request(1);
    p.out2().request(1);
    p.in1().sendNext(1);
    p.in2().sendNext("a");
    p.out1().expectNext(1);
    p.out2().expectNext("a");
    p.mat().shutdown();
    p.out1().expectComplete();
    p.out2().expectComplete();
    p.in1().expectCancellation();
    p.in2().expectCancellation();
  }

  @Test
  void abortFailsBothDirectionsAndOnlyTheFirstTriggerCounts() throws Exception {
    BidiProbes.Ports<Integer, Integer, String, String, UniqueKillSwitch> p = probed();
    IllegalStateException boom = new IllegalStateException("connection lost");
    p.mat().abort(boom);
    p.mat().shutdown();
    assertThat(p.out1().expectError()).isSameAs(boom);
    assertThat(p.out2().expectError()).isSameAs(boom);
    p.in1().expectCancellation();
    p.in2().expectCancellation();
  }

  @Test
  void beforeTheSwitchIsUsedOneDirectionCompletesOnItsOwn() throws Exception {
    BidiProbes.Ports<Integer, Integer, String, String, UniqueKillSwitch> p = probed();
    p.out2().request(2);
    p.in1().sendComplete();
    p.out1().expectComplete();
    p.in2().sendNext("still");
    p.out2().expectNext("still");
    // the switch still ends what is left
    p.mat().shutdown();
    p.out2().expectComplete();
    p.in2().expectCancellation();
  }

  @Test
  void beforeTheSwitchIsUsedAFailureStaysInItsDirection() throws Exception {
    BidiProbes.Ports<Integer, Integer, String, String, UniqueKillSwitch> p = probed();
    RuntimeException boom = new RuntimeException("bottom failed");
    p.out1().request(1);
    p.in2().sendError(boom);
    assertThat(p.out2().expectError()).isSameAs(boom);
    p.in1().sendNext(7);
    p.out1().expectNext(7);
    p.in1().sendComplete();
    p.out1().expectComplete();
  }

  @Test
  void cancellingOneOutputCancelsOnlyItsInput() throws Exception {
    BidiProbes.Ports<Integer, Integer, String, String, UniqueKillSwitch> p = probed();
    p.out1().cancel();
    p.in1().expectCancellation();
    assertThat(p.in2().isCancelled()).isFalse();
    p.out2().request(1);
    p.in2().sendNext("b");
    p.out2().expectNext("b");
    p.mat().abort(new IllegalStateException("late"));
    assertThat(p.out2().expectError()).hasMessage("late");
    p.in2().expectCancellation();
  }

  @Test
  void eachDirectionIsBackpressuredByItsOwnDownstream() throws Exception {
    AtomicInteger pulledTop = new AtomicInteger();
    AtomicInteger pulledBottom = new AtomicInteger();
    Probes.Sub<Integer> top = new Probes.Sub<>();
    Probes.Sub<Integer> bottom = new Probes.Sub<>();
    UniqueKillSwitch ks =
        RunnableGraph.fromGraph(
                GraphDSL.create(
                    KillSwitches.<Integer, Integer>singleBidi(),
                    (b, s) -> {
                      b.from(b.add(Source.repeat(1).map(i -> pulledTop.incrementAndGet())))
                          .to(s.in1());
                      b.from(b.add(Source.repeat(1).map(i -> pulledBottom.incrementAndGet())))
                          .to(s.in2());
                      b.from(s.out1()).to(b.add(top.sink()));
                      b.from(s.out2()).to(b.add(bottom.sink()));
                      return ClosedShape.getInstance();
                    }))
            .run(system);
    top.request(2);
    assertThat(top.expectNextN(2)).containsExactly(1, 2);
    bottom.request(1);
    assertThat(bottom.expectNext()).isEqualTo(1);
    // endless sources, yet neither runs ahead of its consumer by more than what stages hold
    assertThat(pulledTop.get()).isLessThan(100);
    assertThat(pulledBottom.get()).isLessThan(100);
    ks.shutdown();
    top.expectComplete();
    bottom.expectComplete();
  }

  @Test
  void eachMaterializationHasItsOwnSwitch() throws Exception {
    BidiFlow<Integer, Integer, Integer, Integer, UniqueKillSwitch> bidi = KillSwitches.singleBidi();
    Flow<Integer, Integer, UniqueKillSwitch> joined = bidi.join(Flow.<Integer>create());
    Pair<UniqueKillSwitch, CompletionStage<List<Integer>>> first =
        Source.<Integer>maybe().viaMat(joined, Keep.right()).toMat(Sink.seq(), Keep.both()).run(system);
    Pair<UniqueKillSwitch, CompletionStage<List<Integer>>> second =
        Source.from(List.of(1, 2, 3)).viaMat(joined, Keep.right()).toMat(Sink.seq(), Keep.both()).run(system);
    assertThat(first.first()).isNotSameAs(second.first());
    first.first().shutdown();
    assertThat(await(first.second())).isEmpty();
    assertThat(await(second.second())).containsExactly(1, 2, 3);
  }

  @Test
  void shuttingDownAJoinedProtocolStackEndsTheWholeConnection() throws Exception {
    // application ⇄ kill switch ⇄ codec ⇄ transport, fed by an endless source
    BidiFlow<String, Integer, Integer, String, NotUsed> codec =
        BidiFlow.fromFunctions(String::length, i -> "len " + i);
    CountDownLatch transported = new CountDownLatch(3);
    Flow<Integer, Integer, NotUsed> transport =
        Flow.<Integer>create().map(i -> {
          transported.countDown();
          return i;
        });
    Pair<UniqueKillSwitch, CompletionStage<List<String>>> p =
        Source.repeat("ping")
            .viaMat(KillSwitches.<String, String>singleBidi().atop(codec).join(transport), Keep.right())
            .toMat(Sink.seq(), Keep.both())
            .run(system);
    assertThat(transported.await(10, TimeUnit.SECONDS)).isTrue();
    p.first().shutdown();
    List<String> answers = await(p.second());
    assertThat(answers).isNotEmpty().allMatch("len 4"::equals);
  }
}
