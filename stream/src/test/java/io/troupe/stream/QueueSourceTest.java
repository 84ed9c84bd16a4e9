package io.troupe.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.troupe.actor.Done;
import io.troupe.japi.Pair;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

class QueueSourceTest extends StreamTestBase {

  // ---------------------------------------------------------------- BoundedSourceQueue

  @Test
  void boundedQueueEmitsOfferedElementsInOrderAndCompletesAfterDraining() throws Exception {
    Pair<BoundedSourceQueue<Integer>, CompletionStage<List<Integer>>> p =
        Source.<Integer>queue(10).toMat(Sink.seq(), Keep.both()).run(system);
    for (int i = 1; i <= 5; i++) {
      assertThat(p.first().offer(i)).isEqualTo(QueueOfferResult.enqueued());
    }
    p.first().complete();
    assertThat(await(p.second())).containsExactly(1, 2, 3, 4, 5);
    assertThat(p.first().offer(6)).isEqualTo(QueueOfferResult.queueClosed());
  }

  @Test
  void boundedQueueDropsWhenFullAndKeepsWhatItAccepted() throws Exception {
    Probes.Sub<Integer> sub = new Probes.Sub<>();
    BoundedSourceQueue<Integer> q = Source.<Integer>queue(4).to(sub.sink()).run(system);
    List<Integer> accepted = new ArrayList<>();
    int dropped = 0;
    for (int i = 0; i < 20; i++) {
      QueueOfferResult r = q.offer(i);
      if (r.isEnqueued()) {
        accepted.add(i);
      } else {
        assertThat(r).isEqualTo(QueueOfferResult.dropped());
        dropped++;
      }
    }
    // nothing is requested, so no element can have left the buffer
    assertThat(accepted).containsExactly(0, 1, 2, 3);
    assertThat(dropped).isEqualTo(16);
    assertThat(q.size()).isEqualTo(4);
    sub.request(10);
    assertThat(sub.expectNextN(4)).isEqualTo(accepted);
    q.complete();
    sub.expectComplete();
  }

  @Test
  void boundedQueueFailFailsTheStreamAndLaterOffersSeeTheFailure() throws Exception {
    Pair<BoundedSourceQueue<Integer>, CompletionStage<List<Integer>>> p =
        Source.<Integer>queue(4).toMat(Sink.seq(), Keep.both()).run(system);
    IllegalStateException boom = new IllegalStateException("boom");
    p.first().fail(boom);
    assertThat(awaitFailure(p.second())).isSameAs(boom);
    assertThat(p.first().offer(1)).isEqualTo(QueueOfferResult.failure(boom));
  }

  @Test
  void boundedQueueIsClosedAfterDownstreamCancels() throws Exception {
    Probes.Sub<Integer> sub = new Probes.Sub<>();
    BoundedSourceQueue<Integer> q = Source.<Integer>queue(4).to(sub.sink()).run(system);
    sub.request(1);
    q.offer(1);
    sub.expectNext(1);
    sub.cancel();
    Probes.awaitCondition(
        "queue closed", () -> q.offer(2).equals(QueueOfferResult.queueClosed()));
  }

  @Test
  void boundedQueueTakesOffersFromManyThreadsWithoutLosingAWakeUp() throws Exception {
    int producers = 4;
    int perProducer = 2_000;
    Pair<BoundedSourceQueue<int[]>, CompletionStage<List<int[]>>> p =
        Source.<int[]>queue(16).toMat(Sink.seq(), Keep.both()).run(system);
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < producers; t++) {
      int id = t;
      threads.add(
          Thread.ofPlatform()
              .start(
                  () -> {
                    for (int i = 0; i < perProducer; i++) {
                      int[] e = {id, i};
                      while (!p.first().offer(e).isEnqueued()) {
                        Thread.onSpinWait();
                      }
                    }
                  }));
    }
    for (Thread t : threads) {
      t.join(Probes.TIMEOUT.toMillis());
    }
    p.first().complete();
    List<int[]> all = await(p.second());
    assertThat(all).hasSize(producers * perProducer);
    int[] next = new int[producers];
    for (int[] e : all) {
      assertThat(e[1]).as("order of producer %d", e[0]).isEqualTo(next[e[0]]++);
    }
  }

  @Test
  void boundedQueueHonoursABoundLargerThanItsRing() throws Exception {
    // 70,000 is above the ring's limit (65,536): all are accepted without demand, one more is not
    Pair<BoundedSourceQueue<Integer>, Probes.Sub<Integer>> p = boundedWithProbe(70_000);
    BoundedSourceQueue<Integer> q = p.first();
    for (int i = 0; i < 70_000; i++) {
      assertThat(q.offer(i)).isEqualTo(QueueOfferResult.enqueued());
    }
    assertThat(q.offer(-1)).isEqualTo(QueueOfferResult.dropped());
    assertThat(q.size()).isEqualTo(70_000);
    q.complete();
    p.second().request(Long.MAX_VALUE);
    List<Integer> all = p.second().expectNextN(70_000);
    assertThat(all.get(0)).isZero();
    assertThat(all.get(69_999)).isEqualTo(69_999);
    p.second().expectComplete();
    // a huge bound allocates nothing up front
    BoundedSourceQueue<Integer> huge =
        Source.<Integer>queue(Integer.MAX_VALUE).to(Sink.ignore()).run(system);
    assertThat(huge.offer(1)).isEqualTo(QueueOfferResult.enqueued());
    huge.complete();
  }

  private static Pair<BoundedSourceQueue<Integer>, Probes.Sub<Integer>> boundedWithProbe(int size) {
    Probes.Sub<Integer> sub = new Probes.Sub<>();
    BoundedSourceQueue<Integer> q = Source.<Integer>queue(size).to(sub.sink()).run(system);
    return Pair.create(q, sub);
  }

  @Test
  void boundedQueueRejectsANonPositiveBufferSize() {
    assertThatThrownBy(() -> Source.queue(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("bufferSize must be > 0, was 0");
  }

  // ---------------------------------------------------------------- SourceQueueWithComplete

  @Test
  void queueWithBackpressureAnswersAnOfferOnlyWhenThereIsRoom() throws Exception {
    Probes.Sub<Integer> sub = new Probes.Sub<>();
    SourceQueueWithComplete<Integer> q =
        Source.<Integer>queue(1, OverflowStrategy.backpressure()).to(sub.sink()).run(system);
    assertThat(await(q.offer(1))).isEqualTo(QueueOfferResult.enqueued());
    CompletableFuture<QueueOfferResult> second = q.offer(2).toCompletableFuture();
    CompletableFuture<QueueOfferResult> third = q.offer(3).toCompletableFuture();
    // the buffer is full and one offer waits already: the third is refused
    assertThat(awaitFailure(third))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("maxConcurrentOffers is 1");
    assertThat(second).isNotDone();
    sub.request(1).expectNext(1);
    assertThat(await(second)).isEqualTo(QueueOfferResult.enqueued());
    sub.request(1).expectNext(2);
    q.complete();
    sub.expectComplete();
    assertThat(await(q.watchCompletion())).isEqualTo(Done.INSTANCE);
  }

  @Test
  void queueWithDropNewDropsTheOfferedElementWhenFull() throws Exception {
    Probes.Sub<Integer> sub = new Probes.Sub<>();
    SourceQueueWithComplete<Integer> q =
        Source.<Integer>queue(2, OverflowStrategy.dropNew()).to(sub.sink()).run(system);
    assertThat(await(q.offer(1))).isEqualTo(QueueOfferResult.enqueued());
    assertThat(await(q.offer(2))).isEqualTo(QueueOfferResult.enqueued());
    assertThat(await(q.offer(3))).isEqualTo(QueueOfferResult.dropped());
    sub.request(5).expectNext(1, 2);
    q.complete();
    sub.expectComplete();
  }

  @Test
  void queueWithDropHeadKeepsTheNewestElements() throws Exception {
    Probes.Sub<Integer> sub = new Probes.Sub<>();
    SourceQueueWithComplete<Integer> q =
        Source.<Integer>queue(2, OverflowStrategy.dropHead()).to(sub.sink()).run(system);
    for (int i = 1; i <= 4; i++) {
      assertThat(await(q.offer(i))).isEqualTo(QueueOfferResult.enqueued());
    }
    sub.request(5).expectNext(3, 4);
    q.complete();
    sub.expectComplete();
  }

  @Test
  void queueWithFailStrategyFailsTheStreamOnOverflow() throws Exception {
    Probes.Sub<Integer> sub = new Probes.Sub<>();
    SourceQueueWithComplete<Integer> q =
        Source.<Integer>queue(1, OverflowStrategy.fail()).to(sub.sink()).run(system);
    await(q.offer(1));
    QueueOfferResult r = await(q.offer(2));
    assertThat(r).isInstanceOf(QueueOfferResult.Failure.class);
    assertThat(((QueueOfferResult.Failure) r).cause()).isInstanceOf(BufferOverflowException.class);
    sub.request(1);
    assertThat(sub.expectError()).isInstanceOf(BufferOverflowException.class);
    assertThat(awaitFailure(q.watchCompletion())).isInstanceOf(BufferOverflowException.class);
  }

  @Test
  void queueFailFailsTheStreamAndWatchCompletion() throws Exception {
    Pair<SourceQueueWithComplete<Integer>, CompletionStage<List<Integer>>> p =
        Source.<Integer>queue(4, OverflowStrategy.dropNew())
            .toMat(Sink.seq(), Keep.both())
            .run(system);
    RuntimeException boom = new RuntimeException("boom");
    p.first().fail(boom);
    assertThat(awaitFailure(p.second())).isSameAs(boom);
    assertThat(awaitFailure(p.first().watchCompletion())).isSameAs(boom);
    assertThat(await(p.first().offer(1))).isEqualTo(QueueOfferResult.failure(boom));
  }

  @Test
  void queueOffersAfterCancellationAnswerClosed() throws Exception {
    Pair<SourceQueueWithComplete<Integer>, CompletionStage<Integer>> p =
        Source.<Integer>queue(4, OverflowStrategy.backpressure())
            .toMat(Sink.head(), Keep.both())
            .run(system);
    await(p.first().offer(7));
    assertThat(await(p.second())).isEqualTo(7);
    await(p.first().watchCompletion());
    assertThat(await(p.first().offer(8))).isEqualTo(QueueOfferResult.queueClosed());
  }

  @Test
  void queueRejectsBadArguments() {
    assertThatThrownBy(() -> Source.queue(-1, OverflowStrategy.dropNew()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("bufferSize must be >= 0, was -1");
    assertThatThrownBy(() -> Source.queue(1, OverflowStrategy.backpressure(), 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxConcurrentOffers must be > 0, was 0");
    assertThatThrownBy(() -> Source.queue(1, null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void queueWithZeroBufferHandsOffersStraightToDemand() throws Exception {
    Probes.Sub<Integer> sub = new Probes.Sub<>();
    SourceQueueWithComplete<Integer> q =
        Source.<Integer>queue(0, OverflowStrategy.backpressure()).to(sub.sink()).run(system);
    CompletionStage<QueueOfferResult> first = q.offer(1);
    sub.request(1).expectNext(1);
    assertThat(await(first)).isEqualTo(QueueOfferResult.enqueued());
    q.complete();
    sub.expectComplete();
  }
}
