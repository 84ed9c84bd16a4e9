package io.troupe.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.troupe.actor.NotUsed;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToLongBiFunction;
import org.junit.jupiter.api.Test;

class PartitionHubTest extends StreamTestBase {

  @Test
  void routesEachElementToTheConsumerAtThePartitionersIndex() throws Exception {
    Source<Integer, NotUsed> hub =
        Source.range(0, 9).runWith(PartitionHub.of(Integer.class, (size, e) -> e % size, 2, 16), system);
    CompletionStage<List<Integer>> first = hub.runWith(Sink.seq(), system);
    CompletionStage<List<Integer>> second = hub.runWith(Sink.seq(), system);
    assertThat(await(first)).containsExactly(0, 2, 4, 6, 8);
    assertThat(await(second)).containsExactly(1, 3, 5, 7, 9);
  }

  @Test
  void aStatefulPartitionerSeesTheConsumersAndTheirQueues() throws Exception {
    List<List<Long>> idsSeen = new CopyOnWriteArrayList<>();
    List<Integer> queueSizesSeen = new CopyOnWriteArrayList<>();
    Source<Integer, NotUsed> hub =
        Source.range(1, 6)
            .runWith(
                PartitionHub.ofStateful(
                    Integer.class,
                    () -> {
                      int[] next = {0}; // round robin: state per materialization
                      return (ToLongBiFunction<PartitionHub.ConsumerInfo, Integer>)
                          (info, e) -> {
                            idsSeen.add(List.copyOf(info.getConsumerIds()));
                            long id = info.consumerIdByIdx(next[0]++ % info.size());
                            queueSizesSeen.add(info.queueSize(id));
                            return id;
                          };
                    },
                    2,
                    16),
                system);
    Probes.Sub<Integer> a = new Probes.Sub<>();
    Probes.Sub<Integer> b = new Probes.Sub<>();
    hub.runWith(a.sink(), system);
    hub.runWith(b.sink(), system);
    Probes.awaitCondition("all routed", () -> queueSizesSeen.size() == 6);
    // nobody took anything yet: each consumer's queue grows by one per element it is given
    assertThat(queueSizesSeen).containsExactly(0, 0, 1, 1, 2, 2);
    assertThat(idsSeen).allSatisfy(ids -> assertThat(ids).containsExactly(0L, 1L));
    a.request(10);
    b.request(10);
    assertThat(a.expectNextN(3)).containsExactly(1, 3, 5);
    assertThat(b.expectNextN(3)).containsExactly(2, 4, 6);
    a.expectComplete();
    b.expectComplete();
  }

  @Test
  void aNegativeIndexDropsTheElement() throws Exception {
    Source<Integer, NotUsed> hub =
        Source.from(List.of(1, -1, 2, -2, 3))
            .runWith(PartitionHub.of(Integer.class, (size, e) -> e < 0 ? -1 : 0, 1), system);
    assertThat(await(hub.runWith(Sink.seq(), system))).containsExactly(1, 2, 3);
  }

  @Test
  void anIndexOutOfRangeFailsEveryConsumerAndCancelsUpstream() throws Exception {
    Probes.Pub<Integer> pub = new Probes.Pub<>();
    Source<Integer, NotUsed> hub =
        pub.source().runWith(PartitionHub.of(Integer.class, (size, e) -> e, 2, 16), system);
    CompletionStage<List<Integer>> first = hub.runWith(Sink.seq(), system);
    CompletionStage<List<Integer>> second = hub.runWith(Sink.seq(), system);
    pub.sendNext(5);
    for (CompletionStage<List<Integer>> consumer : List.of(first, second)) {
      assertThat(awaitFailure(consumer))
          .isInstanceOf(IndexOutOfBoundsException.class)
          .hasMessage(
              "PartitionHub: the partitioner returned index 5 for element 5, but there are 2 consumers"
                  + " (valid indexes 0..1, or negative to drop)");
    }
    pub.expectCancellation();
    // and a consumer that comes later learns it at once
    assertThat(awaitFailure(hub.runWith(Sink.seq(), system))).isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void anIdThatIsNotAConsumerFailsTheHub() throws Exception {
    Source<Integer, NotUsed> hub =
        Source.single(7)
            .runWith(
                PartitionHub.ofStateful(
                    Integer.class, () -> (ToLongBiFunction<PartitionHub.ConsumerInfo, Integer>) (info, e) -> 42L, 1),
                system);
    assertThat(awaitFailure(hub.runWith(Sink.seq(), system)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "PartitionHub: the partitioner returned consumer id 42 for element 7, which is not a current consumer [0]");
  }

  @Test
  void upstreamFailureReachesEveryConsumerAndLaterOnes() throws Exception {
    Probes.Pub<Integer> pub = new Probes.Pub<>();
    Source<Integer, NotUsed> hub =
        pub.source().runWith(PartitionHub.of(Integer.class, (size, e) -> 0, 2, 16), system);
    CompletionStage<List<Integer>> first = hub.runWith(Sink.seq(), system);
    CompletionStage<List<Integer>> second = hub.runWith(Sink.seq(), system);
    IllegalStateException boom = new IllegalStateException("upstream broke");
    pub.sendError(boom);
    assertThat(awaitFailure(first)).isSameAs(boom);
    assertThat(awaitFailure(second)).isSameAs(boom);
    assertThat(awaitFailure(hub.runWith(Sink.seq(), system))).isSameAs(boom);
  }

  @Test
  void upstreamCompletionReachesEachConsumerAfterItsElementsAndLaterOnesCompleteAtOnce() throws Exception {
    Source<Integer, NotUsed> hub =
        Source.range(1, 4).runWith(PartitionHub.of(Integer.class, (size, e) -> e % size, 2, 16), system);
    Probes.Sub<Integer> a = new Probes.Sub<>();
    Probes.Sub<Integer> b = new Probes.Sub<>();
    hub.runWith(a.sink(), system);
    hub.runWith(b.sink(), system);
    a.request(1);
    assertThat(a.expectNext()).isEqualTo(2);
    a.request(5);
    a.expectNext(4);
    a.expectComplete();
    b.request(5);
    b.expectNext(1, 3);
    b.expectComplete();
    assertThat(await(hub.runWith(Sink.seq(), system))).isEmpty();
  }

  @Test
  void elementsWaitForAConsumerEvenAfterUpstreamCompleted() throws Exception {
    Source<Integer, NotUsed> hub =
        Source.range(1, 3).runWith(PartitionHub.of(Integer.class, (size, e) -> 0, 0, 16), system);
    assertThat(await(hub.runWith(Sink.seq(), system))).containsExactly(1, 2, 3);
  }

  @Test
  void aConsumerThatCancelsLeavesAndTheOthersGetItsShare() throws Exception {
    Probes.Pub<Integer> pub = new Probes.Pub<>();
    AtomicInteger lastSize = new AtomicInteger();
    Source<Integer, NotUsed> hub =
        pub.source()
            .runWith(
                PartitionHub.of(
                    Integer.class,
                    (size, e) -> {
                      lastSize.set(size);
                      return e % size;
                    },
                    2,
                    16),
                system);
    Probes.Sub<Integer> a = new Probes.Sub<>();
    Probes.Sub<Integer> b = new Probes.Sub<>();
    hub.runWith(a.sink(), system);
    hub.runWith(b.sink(), system);
    a.request(100);
    b.request(100);
    pub.sendNext(0);
    a.expectNext(0);
    pub.sendNext(1);
    b.expectNext(1);
    b.cancel();
    // even elements go to the first consumer whatever the size; send them until the hub saw b leave
    int even = 2;
    while (lastSize.get() != 1) {
      assertThat(even).as("the hub should notice the cancellation").isLessThan(10_000);
      pub.sendNext(even);
      a.expectNext(even);
      even += 2;
    }
    pub.sendNext(3);
    a.expectNext(3);
    assertThat(pub.isCancelled()).as("a leaving consumer does not cancel the hub").isFalse();
    pub.sendComplete();
    a.expectComplete();
  }

  @Test
  void backpressuresUpstreamWhenTheBufferIsFull() throws Exception {
    AtomicInteger emitted = new AtomicInteger();
    AtomicInteger taken = new AtomicInteger();
    AtomicInteger worstGap = new AtomicInteger();
    Source<Integer, NotUsed> hub =
        Source.range(1, 100)
            .map(
                i -> {
                  int gap = emitted.incrementAndGet() - taken.get();
                  worstGap.accumulateAndGet(gap, Math::max);
                  return i;
                })
            .runWith(PartitionHub.of(Integer.class, (size, e) -> 0, 1, 4), system);
    Probes.Sub<Integer> sub = new Probes.Sub<>();
    hub.map(
            i -> {
              taken.incrementAndGet();
              return i;
            })
        .runWith(sub.sink(), system);
    Probes.awaitCondition("the buffer filled", () -> emitted.get() >= 4);
    assertThat(emitted.get()).as("no demand: only the buffer").isEqualTo(4);
    sub.request(2);
    sub.expectNext(1, 2);
    Probes.awaitCondition("refilled after draining to half", () -> emitted.get() >= 6);
    sub.request(200);
    List<Integer> rest = sub.expectNextN(98);
    assertThat(rest).isSorted().hasSize(98).startsWith(3).endsWith(100);
    sub.expectComplete();
    assertThat(worstGap.get()).as("elements taken from upstream but not by the consumer").isLessThanOrEqualTo(5);
  }

  @Test
  void manyElementsOverManyConsumersArriveOnceEach() throws Exception {
    Source<Integer, NotUsed> hub =
        Source.range(1, 20_000)
            .runWith(PartitionHub.of(Integer.class, (size, e) -> e % size, 4, 64), system);
    List<CompletionStage<List<Integer>>> consumers =
        List.of(
            hub.runWith(Sink.seq(), system),
            hub.async().runWith(Sink.seq(), system),
            hub.runWith(Sink.seq(), system),
            hub.async().runWith(Sink.seq(), system));
    int total = 0;
    for (int k = 0; k < 4; k++) {
      List<Integer> got = await(consumers.get(k));
      int expectedRemainder = k;
      assertThat(got).isSorted().allSatisfy(e -> assertThat(e % 4).isEqualTo(expectedRemainder));
      total += got.size();
    }
    assertThat(total).isEqualTo(20_000);
  }

  @Test
  void rejectsBadArguments() {
    assertThatThrownBy(() -> PartitionHub.of(Integer.class, (size, e) -> 0, -1, 16))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("PartitionHub: startAfterNrOfConsumers must be >= 0, was -1");
    assertThatThrownBy(() -> PartitionHub.of(Integer.class, (size, e) -> 0, 1, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("PartitionHub: bufferSize must be > 0, was 0");
    assertThatThrownBy(() -> PartitionHub.of(Integer.class, null, 1))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("partitioner");
  }
}
