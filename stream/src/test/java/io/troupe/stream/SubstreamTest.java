package io.troupe.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.troupe.actor.NotUsed;
import io.troupe.japi.Pair;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SubstreamTest extends StreamTestBase {

  // ---------------------------------------------------------------- groupBy

  @Test
  void groupByReducesPerKeyAndMergesTheResults() throws Exception {
    List<String> words = List.of("a", "b", "a", "c", "b", "a");
    List<Pair<String, Integer>> counts =
        await(
            Source.from(words)
                .groupBy(10, w -> w)
                .map(w -> Pair.create(w, 1))
                .reduce((x, y) -> Pair.create(x.first(), x.second() + y.second()))
                .mergeSubstreams()
                .runWith(Sink.seq(), system));
    assertThat(counts)
        .containsExactlyInAnyOrder(Pair.create("a", 3), Pair.create("b", 2), Pair.create("c", 1));
  }

  @Test
  void groupByKeepsTheOrderWithinEachKey() throws Exception {
    List<List<Integer>> groups =
        await(
            Source.range(1, 300)
                .groupBy(3, i -> i % 3)
                .grouped(1000)
                .mergeSubstreams()
                .runWith(Sink.seq(), system));
    assertThat(groups).hasSize(3);
    for (List<Integer> g : groups) {
      assertThat(g).hasSize(100).isSorted();
    }
  }

  @Test
  void groupByFailsClearlyPastMaxSubstreams() throws Exception {
    Throwable t =
        awaitFailure(
            Source.range(1, 10).groupBy(2, i -> i).mergeSubstreams().runWith(Sink.seq(), system));
    assertThat(t)
        .isInstanceOf(TooManySubstreamsOpenException.class)
        .hasMessageContaining("key [3]")
        .hasMessageContaining("maxSubstreams (2)");
  }

  @Test
  void groupByRejectsANonPositiveLimitAndANullKey() throws Exception {
    assertThatThrownBy(() -> Source.range(1, 2).groupBy(0, i -> i))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxSubstreams must be > 0, was 0");
    Throwable t =
        awaitFailure(
            Source.range(1, 2)
                .groupBy(2, i -> (Integer) null)
                .mergeSubstreams()
                .runWith(Sink.seq(), system));
    assertThat(t).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("null");
  }

  @Test
  void groupByFailsTheSubstreamsAndTheStreamWhenUpstreamFails() throws Exception {
    RuntimeException boom = new RuntimeException("boom");
    Throwable t =
        awaitFailure(
            Source.range(1, 5)
                .map(i -> {
                  if (i == 4) {
                    throw boom;
                  }
                  return i;
                })
                .groupBy(4, i -> i % 2)
                .mergeSubstreams()
                .runWith(Sink.seq(), system));
    assertThat(t).isSameAs(boom);
  }

  @Test
  void groupByDropsTheElementsOfACancelledSubstream() throws Exception {
    List<Integer> firsts =
        await(
            Source.range(1, 20)
                .groupBy(2, i -> i % 2)
                .take(1)
                .mergeSubstreams()
                .runWith(Sink.seq(), system));
    assertThat(firsts).containsExactlyInAnyOrder(1, 2);
  }

  @Test
  void groupByReopensACancelledKeyWhenAllowed() throws Exception {
    List<Integer> all =
        await(
            Source.range(1, 6)
                .groupBy(2, i -> i % 2, true)
                .take(1)
                .mergeSubstreams()
                .runWith(Sink.seq(), system));
    assertThat(all).containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6);
  }

  @Test
  void groupBySlowSubstreamBackpressuresUpstream() throws Exception {
    AtomicInteger produced = new AtomicInteger();
    Probes.Sub<Integer> sub = new Probes.Sub<>();
    Source.repeat(1)
        .map(i -> produced.incrementAndGet())
        .groupBy(2, i -> i % 2)
        .mergeSubstreams()
        .runWith(sub.sink(), system);
    sub.request(4);
    sub.expectNextN(4);
    int seen = produced.get();
    // with no further demand every buffer on the way is bounded
    Probes.awaitCondition("production stalls", () -> produced.get() < 200);
    assertThat(seen).isLessThan(200);
    sub.cancel();
  }

  @Test
  void groupByWithCancelledDownstreamCancelsUpstream() throws Exception {
    Probes.Pub<Integer> pub = new Probes.Pub<>();
    CountDownLatch done = new CountDownLatch(1);
    pub.source()
        .groupBy(4, i -> i % 2)
        .mergeSubstreams()
        .take(2)
        .runWith(Sink.onComplete(x -> done.countDown()), system);
    pub.sendNext(1).sendNext(2);
    assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
    pub.expectCancellation();
  }

  @Test
  void subFlowGroupByWorksInsideAFlow() throws Exception {
    Flow<Integer, Integer, NotUsed> sums =
        Flow.of(Integer.class).groupBy(2, i -> i % 2).fold(0, Integer::sum).mergeSubstreams();
    assertThat(await(Source.range(1, 10).via(sums).runWith(Sink.seq(), system)))
        .containsExactlyInAnyOrder(25, 30);
  }

  @Test
  void subSourceToRunsEachSubstreamIntoItsOwnSink() throws Exception {
    Map<Integer, List<Integer>> byKey = new ConcurrentHashMap<>();
    CountDownLatch all = new CountDownLatch(3);
    Source.range(1, 9)
        .groupBy(3, i -> i % 3)
        .grouped(10)
        .to(
            Sink.<List<Integer>>foreach(
                g -> {
                  byKey.put(g.get(0) % 3, g);
                  all.countDown();
                }))
        .run(system);
    assertThat(all.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(byKey).containsEntry(0, List.of(3, 6, 9)).containsEntry(1, List.of(1, 4, 7));
  }

  // ---------------------------------------------------------------- split

  @Test
  void splitWhenStartsASubstreamWithEachMatchingElement() throws Exception {
    assertThat(
            await(
                Source.range(1, 10)
                    .splitWhen(i -> i % 3 == 0)
                    .grouped(10)
                    .concatSubstreams()
                    .runWith(Sink.seq(), system)))
        .containsExactly(List.of(1, 2), List.of(3, 4, 5), List.of(6, 7, 8), List.of(9, 10));
  }

  @Test
  void splitAfterEndsASubstreamWithEachMatchingElement() throws Exception {
    assertThat(
            await(
                Source.range(1, 10)
                    .splitAfter(i -> i % 3 == 0)
                    .grouped(10)
                    .concatSubstreams()
                    .runWith(Sink.seq(), system)))
        .containsExactly(List.of(1, 2, 3), List.of(4, 5, 6), List.of(7, 8, 9), List.of(10));
  }

  @Test
  void splitDropsTheRestOfACancelledSubstreamUntilTheNextCut() throws Exception {
    assertThat(
            await(
                Source.range(1, 10)
                    .splitWhen(i -> i % 4 == 1)
                    .take(2)
                    .grouped(10)
                    .concatSubstreams()
                    .runWith(Sink.seq(), system)))
        .containsExactly(List.of(1, 2), List.of(5, 6), List.of(9, 10));
  }

  @Test
  void splitFailsTheCurrentSubstreamOnUpstreamFailure() throws Exception {
    Throwable t =
        awaitFailure(
            Source.range(1, 5)
                .concat(Source.failed(new IllegalStateException("late")))
                .splitWhen(i -> i == 3)
                .fold(0, Integer::sum)
                .concatSubstreams()
                .runWith(Sink.seq(), system));
    assertThat(t).isInstanceOf(IllegalStateException.class).hasMessage("late");
  }

  @Test
  void mergeSubstreamsWithParallelismValidatesItsArgument() {
    assertThatThrownBy(() -> Source.range(1, 2).splitWhen(i -> true).mergeSubstreamsWithParallelism(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("parallelism must be > 0, was 0");
  }

  // ---------------------------------------------------------------- flatMap

  @Test
  void flatMapConcatEmitsEachInnerSourceInTurn() throws Exception {
    assertThat(
            await(
                Source.range(1, 3)
                    .flatMapConcat(i -> Source.from(List.of(i * 10, i * 10 + 1)))
                    .runWith(Sink.seq(), system)))
        .containsExactly(10, 11, 20, 21, 30, 31);
  }

  @Test
  void flatMapMergeEmitsEverythingAndLimitsTheInnerSourcesRunning() throws Exception {
    List<Probes.Pub<Integer>> pubs = List.of(new Probes.Pub<>(), new Probes.Pub<>(), new Probes.Pub<>());
    AtomicBoolean firstCompleted = new AtomicBoolean();
    AtomicBoolean thirdTooEarly = new AtomicBoolean();
    Probes.Sub<Integer> sub = new Probes.Sub<>();
    Source.range(0, 2)
        .flatMapMerge(
            2,
            i -> {
              if (i == 2 && !firstCompleted.get()) {
                thirdTooEarly.set(true);
              }
              return pubs.get(i).source();
            })
        .runWith(sub.sink(), system);
    sub.request(10);
    pubs.get(1).sendNext(11);
    assertThat(sub.expectNext()).isEqualTo(11);
    pubs.get(0).sendNext(1);
    assertThat(sub.expectNext()).isEqualTo(1);
    firstCompleted.set(true);
    pubs.get(0).sendComplete();
    pubs.get(2).sendNext(21);
    assertThat(sub.expectNext()).isEqualTo(21);
    pubs.get(1).sendComplete();
    pubs.get(2).sendComplete();
    sub.expectComplete();
    assertThat(thirdTooEarly).isFalse();
  }

  @Test
  void flatMapMergeFailsWhenAnInnerSourceFails() throws Exception {
    Throwable t =
        awaitFailure(
            Source.range(1, 3)
                .flatMapMerge(
                    3,
                    i -> i == 2 ? Source.<Integer>failed(new IllegalStateException("inner")) : Source.single(i))
                .runWith(Sink.seq(), system));
    assertThat(t).hasMessage("inner");
  }

  @Test
  void flatMapConcatCancelsTheInnerSourceWhenDownstreamCancels() throws Exception {
    Probes.Pub<Integer> inner = new Probes.Pub<>();
    CountDownLatch got = new CountDownLatch(1);
    Source.single(1)
        .flatMapConcat(i -> inner.source())
        .take(1)
        .runWith(Sink.foreach(x -> got.countDown()), system);
    inner.sendNext(5);
    assertThat(got.await(10, TimeUnit.SECONDS)).isTrue();
    inner.expectCancellation();
  }

  @Test
  void flatMapConcatWaitsForDemandBeforePullingTheInnerSource() throws Exception {
    Probes.Sub<Integer> sub = new Probes.Sub<>();
    Source.range(1, 2).flatMapConcat(i -> Source.range(i * 100, i * 100 + 99)).runWith(sub.sink(), system);
    sub.request(3).expectNext(100, 101, 102);
    List<Integer> rest = new ArrayList<>();
    sub.request(1000);
    rest.addAll(sub.expectNextN(197));
    sub.expectComplete();
    assertThat(rest.get(0)).isEqualTo(103);
    assertThat(rest.get(196)).isEqualTo(299);
  }

  @Test
  void flatMapMergeRejectsANonPositiveBreadth() {
    assertThatThrownBy(() -> Source.range(1, 2).flatMapMerge(0, Source::single))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("breadth must be > 0, was 0");
  }
}
