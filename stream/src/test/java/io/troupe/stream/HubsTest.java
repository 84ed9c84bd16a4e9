package io.troupe.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.troupe.actor.NotUsed;
import io.troupe.japi.Pair;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class HubsTest extends StreamTestBase {

  // ---------------------------------------------------------------- MergeHub

  @Test
  void mergeHubMergesEveryProducerKeepingEachProducersOrder() throws Exception {
    Pair<Sink<Integer, NotUsed>, CompletionStage<List<Integer>>> p =
        MergeHub.of(Integer.class, 4).take(300).toMat(Sink.seq(), Keep.both()).run(system);
    for (int k = 0; k < 3; k++) {
      Source.range(k * 100 + 1, k * 100 + 100).runWith(p.first(), system);
    }
    List<Integer> all = await(p.second());
    assertThat(all).hasSize(300).doesNotHaveDuplicates();
    for (int k = 0; k < 3; k++) {
      int lo = k * 100;
      List<Integer> mine = all.stream().filter(i -> i > lo && i <= lo + 100).toList();
      assertThat(mine).isSorted().hasSize(100);
    }
  }

  @Test
  void mergeHubBackpressuresEachProducerToItsBuffer() throws Exception {
    Probes.Sub<Integer> sub = new Probes.Sub<>();
    Sink<Integer, NotUsed> hub = MergeHub.of(Integer.class, 2).to(sub.sink()).run(system);
    AtomicInteger pulled = new AtomicInteger();
    Source.range(1, 1000).map(i -> { pulled.incrementAndGet(); return i; }).runWith(hub, system);
    Probes.awaitCondition("the buffer filled", () -> pulled.get() >= 2);
    assertThat(pulled.get()).as("no downstream demand: only the buffer").isEqualTo(2);
    sub.request(3);
    sub.expectNext(1, 2, 3);
    Probes.awaitCondition("refilled", () -> pulled.get() >= 5);
    assertThat(pulled.get()).isLessThanOrEqualTo(5);
    sub.cancel();
  }

  @Test
  void stoppingTheHubCancelsProducersNowAndLater() throws Exception {
    Pair<Sink<Integer, NotUsed>, CompletionStage<List<Integer>>> p =
        MergeHub.of(Integer.class).take(1).toMat(Sink.seq(), Keep.both()).run(system);
    Probes.Pub<Integer> first = new Probes.Pub<>();
    first.source().runWith(p.first(), system);
    first.sendNext(42);
    assertThat(await(p.second())).containsExactly(42);
    first.expectCancellation();
    Probes.Pub<Integer> late = new Probes.Pub<>();
    late.source().runWith(p.first(), system);
    late.expectCancellation();
  }

  @Test
  void aCompletingOrFailingProducerLeavesTheHubRunning() throws Exception {
    Pair<Sink<Integer, NotUsed>, CompletionStage<List<Integer>>> p =
        MergeHub.of(Integer.class).take(3).toMat(Sink.seq(), Keep.both()).run(system);
    Source.<Integer>failed(new IllegalStateException("producer broke")).runWith(p.first(), system);
    Source.single(1).runWith(p.first(), system);
    Source.from(List.of(2, 3)).runWith(p.first(), system);
    assertThat(await(p.second())).containsExactlyInAnyOrder(1, 2, 3);
  }

  @Test
  void mergeHubRejectsBadArguments() {
    assertThatThrownBy(() -> MergeHub.of(Integer.class, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("MergeHub: perProducerBufferSize must be > 0, was 0");
    assertThatThrownBy(() -> BroadcastHub.of(Integer.class, -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("BroadcastHub: bufferSize must be > 0, was -1");
  }

  // ---------------------------------------------------------------- BroadcastHub

  @Test
  void everyConsumerGetsEveryElement() throws Exception {
    Source<Integer, NotUsed> hub = Source.range(1, 100).runWith(BroadcastHub.of(Integer.class, 8), system);
    // both consumers attach in one stream, so both are registered before either reads
    List<Pair<Integer, Integer>> pairs = await(hub.zip(hub).runWith(Sink.seq(), system));
    assertThat(pairs).hasSize(100);
    for (int i = 0; i < 100; i++) {
      assertThat(pairs.get(i)).isEqualTo(Pair.create(i + 1, i + 1));
    }
  }

  @Test
  void theSlowestConsumerBackpressuresUpstream() throws Exception {
    AtomicInteger pulled = new AtomicInteger();
    Source<Integer, NotUsed> hub =
        Source.range(1, 1000).map(i -> { pulled.incrementAndGet(); return i; })
            .runWith(BroadcastHub.of(Integer.class, 4), system);
    Probes.Sub<Integer> slow = new Probes.Sub<>();
    hub.runWith(slow.sink(), system);
    Probes.awaitCondition("the buffer filled", () -> pulled.get() >= 4);
    assertThat(pulled.get()).as("nobody read: only the buffer").isEqualTo(4);
    slow.request(1);
    slow.expectNext(1);
    Probes.awaitCondition("room made", () -> pulled.get() >= 8);
    assertThat(pulled.get()).isLessThanOrEqualTo(8);
    slow.cancel();
  }

  @Test
  void consumersCompleteAfterTheirElementsAndLateConsumersAtOnce() throws Exception {
    Probes.Pub<Integer> pub = new Probes.Pub<>();
    Source<Integer, NotUsed> hub = pub.source().runWith(BroadcastHub.of(Integer.class, 8), system);
    Probes.Sub<Integer> sub = new Probes.Sub<>();
    hub.runWith(sub.sink(), system);
    sub.request(10);
    pub.sendNext(1);
    sub.expectNext(1); // registered
    pub.sendNext(2).sendNext(3);
    pub.sendComplete();
    sub.expectNext(2, 3);
    sub.expectComplete();
    assertThat(await(hub.runWith(Sink.seq(), system))).isEmpty();
  }

  @Test
  void upstreamFailureFailsEveryConsumer() throws Exception {
    Probes.Pub<Integer> pub = new Probes.Pub<>();
    Source<Integer, NotUsed> hub = pub.source().runWith(BroadcastHub.of(Integer.class, 8), system);
    Probes.Sub<Integer> a = new Probes.Sub<>();
    Probes.Sub<Integer> b = new Probes.Sub<>();
    hub.runWith(a.sink(), system);
    hub.runWith(b.sink(), system);
    a.request(5);
    b.request(5);
    pub.sendNext(1);
    a.expectNext(1);
    b.expectNext(1);
    pub.sendError(new IllegalStateException("upstream broke"));
    assertThat(a.expectError()).hasMessage("upstream broke");
    assertThat(b.expectError()).hasMessage("upstream broke");
    assertThat(awaitFailure(hub.runWith(Sink.seq(), system))).hasMessage("upstream broke");
  }

  @Test
  void aCancelledConsumerNoLongerHoldsTheHubBack() throws Exception {
    Source<Integer, NotUsed> hub = Source.range(1, 50).runWith(BroadcastHub.of(Integer.class, 4), system);
    Probes.Sub<Integer> quitter = new Probes.Sub<>();
    hub.runWith(quitter.sink(), system);
    quitter.request(1);
    quitter.expectNext(1);
    quitter.cancel();
    List<Integer> rest = await(hub.runWith(Sink.seq(), system));
    assertThat(rest).isNotEmpty().isSorted().endsWith(50);
  }

  @Test
  void manyConsumersAndAFleetOfProducersThroughBothHubs() throws Exception {
    Pair<Sink<Integer, NotUsed>, Source<Integer, NotUsed>> hubs =
        MergeHub.of(Integer.class, 8).toMat(BroadcastHub.of(Integer.class, 16), Keep.both()).run(system);
    // three consumers in one stream, registered together
    CompletionStage<List<Integer>> merged =
        hubs.second().merge(hubs.second()).merge(hubs.second()).take(3 * 201).runWith(Sink.seq(), system);
    // a first producer's element 0, then four producers of 50 each
    Probes.Pub<Integer> probe = new Probes.Pub<>();
    probe.source().runWith(hubs.first(), system);
    probe.sendNext(0);
    for (int k = 0; k < 4; k++) {
      Source.range(k * 50 + 1, k * 50 + 50).runWith(hubs.first(), system);
    }
    probe.sendComplete();
    List<Integer> all = await(merged);
    assertThat(all).hasSize(603);
    // each consumer saw each of the 201 elements once
    for (int i = 0; i <= 200; i++) {
      int v = i;
      assertThat(all.stream().filter(x -> x == v).count()).as("copies of %d", v).isEqualTo(3);
    }
  }
}
