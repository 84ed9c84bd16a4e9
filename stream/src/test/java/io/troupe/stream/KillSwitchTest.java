package io.troupe.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.troupe.actor.Done;
import io.troupe.japi.Pair;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

class KillSwitchTest extends StreamTestBase {

  @Test
  void singleShutdownCompletesDownstreamAndCancelsUpstream() throws Exception {
    Probes.Pub<Integer> pub = new Probes.Pub<>();
    Probes.Sub<Integer> sub = new Probes.Sub<>();
    UniqueKillSwitch ks =
        pub.source().viaMat(KillSwitches.single(), Keep.right()).to(sub.sink()).run(system);
    sub.request(1);
    pub.sendNext(1);
    sub.expectNext(1);
    ks.shutdown();
    sub.expectComplete();
    pub.expectCancellation();
  }

  @Test
  void singleAbortFailsDownstreamAndOnlyTheFirstTriggerCounts() throws Exception {
    Probes.Pub<Integer> pub = new Probes.Pub<>();
    Probes.Sub<Integer> sub = new Probes.Sub<>();
    UniqueKillSwitch ks =
        pub.source().viaMat(KillSwitches.single(), Keep.right()).to(sub.sink()).run(system);
    IllegalStateException boom = new IllegalStateException("boom");
    ks.abort(boom);
    ks.shutdown();
    assertThat(sub.expectError()).isSameAs(boom);
    pub.expectCancellation();
  }

  @Test
  void singlePassesUpstreamCompletionAndDownstreamCancellation() throws Exception {
    assertThat(
            await(
                Source.range(1, 3)
                    .viaMat(KillSwitches.single(), Keep.right())
                    .runWith(Sink.seq(), system)))
        .containsExactly(1, 2, 3);
    Probes.Pub<Integer> pub = new Probes.Pub<>();
    pub.source().via(KillSwitches.single()).runWith(Sink.head(), system);
    pub.sendNext(1);
    pub.expectCancellation();
  }

  @Test
  void sharedSwitchEndsEveryStreamItIsPartOf() throws Exception {
    SharedKillSwitch ks = KillSwitches.shared("both");
    Pair<SharedKillSwitch, CompletionStage<Done>> a =
        Source.repeat(1).viaMat(ks.flow(), Keep.right()).toMat(Sink.ignore(), Keep.both()).run(system);
    CompletionStage<Done> b = Source.repeat(2).via(ks.<Integer>flow()).runWith(Sink.ignore(), system);
    assertThat(a.first()).isSameAs(ks);
    ks.shutdown();
    assertThat(await(a.second())).isEqualTo(Done.INSTANCE);
    assertThat(await(b)).isEqualTo(Done.INSTANCE);
    // a stream materialized after the switch fired ends at once
    List<Integer> late = await(Source.repeat(3).via(ks.<Integer>flow()).runWith(Sink.seq(), system));
    assertThat(late).isEmpty();
  }

  @Test
  void sharedAbortFailsEveryStream() throws Exception {
    SharedKillSwitch ks = KillSwitches.shared("abort");
    CompletionStage<Done> a = Source.repeat(1).via(ks.<Integer>flow()).runWith(Sink.ignore(), system);
    CompletionStage<Done> b = Source.repeat(2).via(ks.<Integer>flow()).runWith(Sink.ignore(), system);
    RuntimeException boom = new RuntimeException("boom");
    ks.abort(boom);
    assertThat(awaitFailure(a)).isSameAs(boom);
    assertThat(awaitFailure(b)).isSameAs(boom);
    assertThat(awaitFailure(Source.single(1).via(ks.<Integer>flow()).runWith(Sink.seq(), system)))
        .isSameAs(boom);
  }
}
