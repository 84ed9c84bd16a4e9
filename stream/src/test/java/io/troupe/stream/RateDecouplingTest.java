package io.troupe.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * conflate, batch, expand, extrapolate and detach. Decoupling is shown with a downstream probe
 * that asks for nothing (or one element at a time) while upstream runs, and with counters in
 * upstream and in the user functions that say how far upstream got.
 */
class RateDecouplingTest extends StreamTestBase {

  /** {@code 1..n}, counting how many elements upstream was asked for. */
  private static Source<Integer, ?> counted(int n, AtomicInteger taken) {
    return Source.range(1, n).map(i -> {
      taken.incrementAndGet();
      return i;
    });
  }

  private static <T> List<T> listOf(T e) {
    List<T> l = new ArrayList<>();
    l.add(e);
    return l;
  }

  private static <T> List<T> plus(List<T> l, T e) {
    l.add(e);
    return l;
  }

  private static Iterator<Integer> countingFrom(int start) {
    return Stream.iterate(start, i -> i + 1).iterator();
  }

  // ------------------------------------------------------------------ conflate

  @Test
  void conflatePassesElementsUnchangedToAFastDownstream() throws Exception {
    Probes.Pub<Integer> pub = new Probes.Pub<>();
    Probes.Sub<Integer> sub = new Probes.Sub<>();
    pub.source().conflate(Integer::sum).runWith(sub.sink(), system);
    for (int i = 1; i <= 3; i++) {
      sub.request(1);
      pub.sendNext(i);
      assertThat(sub.expectNext()).isEqualTo(i);
    }
    pub.sendComplete();
    sub.expectComplete();
  }

  @Test
  void conflateAggregatesWhileASlowDownstreamAsksForNothing() throws Exception {
    AtomicInteger aggregated = new AtomicInteger();
    Probes.Sub<Integer> sub = new Probes.Sub<>();
    Source.range(1, 10)
        .conflate((a, b) -> {
          aggregated.incrementAndGet();
          return a + b;
        })
        .runWith(sub.sink(), system);
    // upstream runs to its end without any demand from downstream
    Probes.awaitCondition("all ten elements conflated", () -> aggregated.get() == 9);
    sub.request(1);
    assertThat(sub.expectNext()).isEqualTo(55);
    sub.expectComplete();
  }

  @Test
  void conflateWithSeedChangesTheTypeAndStartsEachSummaryFromItsSeed() throws Exception {
    Probes.Pub<Integer> pub = new Probes.Pub<>();
    Probes.Sub<List<Integer>> sub = new Probes.Sub<>();
    AtomicInteger aggregated = new AtomicInteger();
    pub.source()
        .conflateWithSeed(RateDecouplingTest::listOf, (l, e) -> {
          aggregated.incrementAndGet();
          return plus(l, e);
        })
        .runWith(sub.sink(), system);
    sub.request(1);
    pub.sendNext(1);
    assertThat(sub.expectNext()).containsExactly(1);
    pub.sendNext(2).sendNext(3).sendNext(4);
    Probes.awaitCondition("3 and 4 added to the summary seeded by 2", () -> aggregated.get() == 2);
    sub.request(1);
    assertThat(sub.expectNext()).containsExactly(2, 3, 4);
    pub.sendNext(5);
    pub.sendComplete();
    sub.request(1);
    assertThat(sub.expectNext()).containsExactly(5);
    sub.expectComplete();
  }

  @Test
  void conflateResumingDropsTheFailingElement() throws Exception {
    List<Integer> out =
        await(
            Source.range(1, 5)
                .conflateWithSeed(
                    i -> {
                      if (i == 3) {
                        throw new IllegalArgumentException("no 3");
                      }
                      return i;
                    },
                    (Integer sum, Integer i) -> {
                      if (i == 3) {
                        throw new IllegalArgumentException("no 3");
                      }
                      return sum + i;
                    })
                .withAttributes(ActorAttributes.withSupervisionStrategy(Supervision.getResumingDecider()))
                .runWith(Sink.seq(), system));
    // however the elements were grouped, 3 is gone and nothing else
    assertThat(out.stream().mapToInt(Integer::intValue).sum()).isEqualTo(1 + 2 + 4 + 5);
  }

  @Test
  void conflateRestartingAlsoDropsWhatWasAggregated() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    Probes.Sub<Integer> sub = new Probes.Sub<>();
    Source.range(1, 5)
        .conflate((a, b) -> {
          calls.incrementAndGet();
          if (b == 3) {
            throw new IllegalStateException("no 3");
          }
          return a + b;
        })
        .withAttributes(ActorAttributes.withSupervisionStrategy(Supervision.getRestartingDecider()))
        .runWith(sub.sink(), system);
    // 1+2 dropped with 3; 4 starts again, 5 is added
    Probes.awaitCondition("every element seen", () -> calls.get() == 3);
    sub.request(1);
    assertThat(sub.expectNext()).isEqualTo(9);
    sub.expectComplete();
  }

  @Test
  void conflateFailsTheStreamWhenAggregateThrowsByDefault() throws Exception {
    Probes.Sub<Integer> sub = new Probes.Sub<>();
    Source.range(1, 5)
        .conflate((a, b) -> {
          throw new IllegalStateException("boom");
        })
        .runWith(sub.sink(), system);
    // no demand: 2 meets 1 in the aggregate, which fails the stream
    Throwable t = sub.expectError();
    assertThat(t).isInstanceOf(IllegalStateException.class).hasMessage("boom");
  }

  // ------------------------------------------------------------------ batch

  @Test
  void batchAggregatesUpToMaxAndThenBackpressures() throws Exception {
    AtomicInteger taken = new AtomicInteger();
    AtomicInteger seeded = new AtomicInteger();
    AtomicInteger added = new AtomicInteger();
    Probes.Sub<List<Integer>> sub = new Probes.Sub<>();
    counted(10, taken)
        .batch(
            3,
            i -> {
              seeded.incrementAndGet();
              return listOf(i);
            },
            (l, i) -> {
              added.incrementAndGet();
              return plus(l, i);
            })
        .runWith(sub.sink(), system);
    Probes.awaitCondition("the first batch full", () -> added.get() == 2);
    Probes.awaitCondition("one more element waiting", () -> taken.get() == 4);
    assertThat(seeded.get()).isEqualTo(1);
    sub.request(1);
    assertThat(sub.expectNext()).containsExactly(1, 2, 3);
    Probes.awaitCondition("the second batch full", () -> added.get() == 4 && taken.get() == 7);
    sub.request(1);
    assertThat(sub.expectNext()).containsExactly(4, 5, 6);
    Probes.awaitCondition("the third batch full", () -> added.get() == 6 && taken.get() == 10);
    sub.request(1);
    assertThat(sub.expectNext()).containsExactly(7, 8, 9);
    sub.request(1);
    assertThat(sub.expectNext()).containsExactly(10);
    sub.expectComplete();
    // upstream never ran more than one element ahead of a full batch
    assertThat(seeded.get()).isEqualTo(4);
  }

  @Test
  void batchWeightedWeighsEachElementAndLetsAHeavyOneFormABatchAlone() throws Exception {
    AtomicInteger seeded = new AtomicInteger();
    AtomicInteger added = new AtomicInteger();
    Probes.Sub<List<String>> sub = new Probes.Sub<>();
    Source.from(List.of("aa", "bbb", "c", "dddddd", "e"))
        .batchWeighted(
            5,
            s -> (long) s.length(),
            s -> {
              seeded.incrementAndGet();
              return listOf(s);
            },
            (l, s) -> {
              added.incrementAndGet();
              return plus(l, s);
            })
        .runWith(sub.sink(), system);
    Probes.awaitCondition("aa and bbb batched", () -> added.get() == 1);
    sub.request(1);
    assertThat(sub.expectNext()).containsExactly("aa", "bbb");
    Probes.awaitCondition("c seeded", () -> seeded.get() == 2);
    sub.request(1);
    assertThat(sub.expectNext()).containsExactly("c");
    Probes.awaitCondition("dddddd seeded", () -> seeded.get() == 3);
    sub.request(1);
    assertThat(sub.expectNext()).containsExactly("dddddd");
    sub.request(1);
    assertThat(sub.expectNext()).containsExactly("e");
    sub.expectComplete();
    assertThat(added.get()).isEqualTo(1);
  }

  @Test
  void batchWeightedFailsOnANegativeWeight() throws Exception {
    Throwable t =
        awaitFailure(
            Source.single("x").batchWeighted(5, s -> -2L, s -> s, (a, b) -> a + b).runWith(Sink.seq(), system));
    assertThat(t)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("batchWeighted: cost of element x must be >= 0, was -2");
  }

  @Test
  void batchPassesUpstreamFailureAndDownstreamCancellation() throws Exception {
    Probes.Pub<Integer> pub = new Probes.Pub<>();
    Probes.Sub<Integer> sub = new Probes.Sub<>();
    pub.source().batch(10, i -> i, Integer::sum).runWith(sub.sink(), system);
    sub.request(1);
    pub.sendNext(1);
    sub.expectNext(1);
    pub.sendError(new IllegalStateException("boom"));
    assertThat(sub.expectError()).hasMessage("boom");

    Probes.Pub<Integer> pub2 = new Probes.Pub<>();
    Probes.Sub<Integer> sub2 = new Probes.Sub<>();
    pub2.source().conflate(Integer::sum).runWith(sub2.sink(), system);
    sub2.request(1);
    pub2.sendNext(1);
    sub2.expectNext(1);
    sub2.cancel();
    pub2.expectCancellation();
  }

  // ------------------------------------------------------------------ expand, extrapolate

  @Test
  void expandRepeatsTheLastElementWhileUpstreamIsSlow() throws Exception {
    Probes.Pub<Integer> pub = new Probes.Pub<>();
    Probes.Sub<Integer> sub = new Probes.Sub<>();
    pub.source().expand(i -> Stream.generate(() -> i).iterator()).runWith(sub.sink(), system);
    sub.request(3);
    pub.sendNext(1);
    assertThat(sub.expectNextN(3)).containsExactly(1, 1, 1);
    pub.sendNext(2);
    // the new element replaces the old one as soon as it arrives
    int got = 1;
    for (int i = 0; i < 10_000 && got != 2; i++) {
      sub.request(1);
      got = sub.expectNext();
      assertThat(got).isIn(1, 2);
    }
    assertThat(got).isEqualTo(2);
    sub.request(2);
    assertThat(sub.expectNextN(2)).containsExactly(2, 2);
    pub.sendComplete();
    sub.expectComplete();
  }

  @Test
  void expandNeverDropsAnElementOfAFastUpstream() throws Exception {
    List<Integer> out =
        await(Source.range(1, 50).expand(i -> List.of(i, -i, -i).iterator()).runWith(Sink.seq(), system));
    assertThat(out.stream().filter(i -> i > 0).toList()).isEqualTo(Stream.iterate(1, i -> i + 1).limit(50).toList());
    int last = 0;
    for (int i : out) {
      if (i > 0) {
        last = i;
      } else {
        assertThat(i).as("an expansion of the latest element").isEqualTo(-last);
      }
    }
  }

  @Test
  void expandBackpressuresASlowDownstream() throws Exception {
    AtomicInteger taken = new AtomicInteger();
    Probes.Sub<Integer> sub = new Probes.Sub<>();
    counted(100, taken).expand(i -> Stream.generate(() -> i).iterator()).runWith(sub.sink(), system);
    Probes.awaitCondition("the first element taken", () -> taken.get() == 1);
    sub.request(1);
    sub.expectNext(1);
    Probes.awaitCondition("the second element taken", () -> taken.get() == 2);
    // 2 waits to be emitted once: upstream is not asked for a third
    assertThat(taken.get()).isEqualTo(2);
    sub.request(1);
    sub.expectNext(2);
    sub.cancel();
  }

  @Test
  void expandSkipsAnElementWithAnEmptyIteratorAndFailsWhenTheExpanderThrows() throws Exception {
    assertThat(
            await(
                Source.range(1, 4)
                    .expand(i -> i % 2 == 0 ? Collections.<Integer>emptyIterator() : List.of(i).iterator())
                    .runWith(Sink.seq(), system)))
        .containsExactly(1, 3);
    Throwable t =
        awaitFailure(
            Source.single(1)
                .expand(i -> {
                  throw new IllegalStateException("cannot expand " + i);
                })
                .runWith(Sink.seq(), system));
    assertThat(t).isInstanceOf(IllegalStateException.class).hasMessage("cannot expand 1");
  }

  @Test
  void extrapolateEmitsTheOriginalThenItsExtrapolations() throws Exception {
    Probes.Pub<Integer> pub = new Probes.Pub<>();
    Probes.Sub<Integer> sub = new Probes.Sub<>();
    pub.source().extrapolate(i -> countingFrom(i * 10 + 1)).runWith(sub.sink(), system);
    sub.request(4);
    pub.sendNext(1);
    assertThat(sub.expectNextN(4)).containsExactly(1, 11, 12, 13);
    pub.sendNext(2);
    int got = 0;
    for (int i = 0; i < 10_000 && got != 2; i++) {
      sub.request(1);
      got = sub.expectNext();
    }
    assertThat(got).as("the original element always comes out").isEqualTo(2);
    sub.request(2);
    assertThat(sub.expectNextN(2)).containsExactly(21, 22);
    pub.sendComplete();
    sub.expectComplete();
  }

  @Test
  void extrapolateWithInitialFeedsDownstreamBeforeUpstreamSendsAnything() throws Exception {
    Probes.Pub<Integer> pub = new Probes.Pub<>();
    Probes.Sub<Integer> sub = new Probes.Sub<>();
    pub.source().extrapolate(i -> countingFrom(i + 100), 0).runWith(sub.sink(), system);
    sub.request(3);
    assertThat(sub.expectNextN(3)).containsExactly(0, 100, 101);
    pub.sendNext(5);
    int got = 0;
    for (int i = 0; i < 10_000 && got != 5; i++) {
      sub.request(1);
      got = sub.expectNext();
    }
    assertThat(got).isEqualTo(5);
    sub.request(1);
    sub.expectNext(105);
    pub.sendComplete();
    sub.expectComplete();
  }

  @Test
  void extrapolateWithInitialOfAnEmptyUpstreamEmitsTheInitialElementAndCompletes() throws Exception {
    assertThat(
            await(Source.<Integer>empty().extrapolate(i -> Collections.emptyIterator(), 7).runWith(Sink.seq(), system)))
        .containsExactly(7);
  }

  @Test
  void extrapolateFailsWhenTheExtrapolatorThrows() throws Exception {
    Probes.Pub<Integer> pub = new Probes.Pub<>();
    Probes.Sub<Integer> sub = new Probes.Sub<>();
    pub.source()
        .extrapolate(i -> {
          throw new java.io.IOException("no extrapolation of " + i);
        })
        .runWith(sub.sink(), system);
    sub.request(2);
    pub.sendNext(1);
    sub.expectNext(1);
    assertThat(sub.expectError()).isInstanceOf(java.io.IOException.class).hasMessage("no extrapolation of 1");
    pub.expectCancellation();
  }

  // ------------------------------------------------------------------ detach

  @Test
  void detachAsksUpstreamBeforeDownstreamAsksAndHoldsOneElement() throws Exception {
    AtomicInteger taken = new AtomicInteger();
    Probes.Sub<Integer> sub = new Probes.Sub<>();
    counted(3, taken).detach().runWith(sub.sink(), system);
    Probes.awaitCondition("an element taken without demand", () -> taken.get() == 1);
    sub.request(1);
    sub.expectNext(1);
    Probes.awaitCondition("the next element taken at once", () -> taken.get() == 2);
    assertThat(taken.get()).as("one element held, no more").isEqualTo(2);
    sub.request(5);
    sub.expectNext(2, 3);
    sub.expectComplete();
  }

  @Test
  void detachPassesUpstreamFailureAndDownstreamCancellation() throws Exception {
    Probes.Pub<Integer> pub = new Probes.Pub<>();
    Probes.Sub<Integer> sub = new Probes.Sub<>();
    pub.source().detach().runWith(sub.sink(), system);
    sub.request(1);
    pub.sendNext(1);
    sub.expectNext(1);
    pub.sendError(new IllegalStateException("boom"));
    assertThat(sub.expectError()).hasMessage("boom");

    Probes.Pub<Integer> pub2 = new Probes.Pub<>();
    Probes.Sub<Integer> sub2 = new Probes.Sub<>();
    pub2.source().detach().runWith(sub2.sink(), system);
    sub2.request(1);
    pub2.sendNext(1);
    sub2.expectNext(1);
    sub2.cancel();
    pub2.expectCancellation();
  }

  // ------------------------------------------------------------------ the docs' example

  @Test
  void docsExampleBatchesRowsForASlowWriterAndRepeatsTheLatestReading() throws Exception {
    List<Integer> events = Stream.iterate(1, i -> i + 1).limit(2000).toList();
    List<List<Integer>> written = Collections.synchronizedList(new ArrayList<>());
    io.troupe.japi.function.Function<List<Integer>, java.util.concurrent.CompletionStage<io.troupe.actor.Done>>
        insertAll = rows -> {
          written.add(rows);
          return java.util.concurrent.CompletableFuture.completedFuture(io.troupe.actor.Done.getInstance());
        };
    await(
        Source.from(events)
            .batch(500, e -> { List<Integer> l = new ArrayList<>(); l.add(e); return l; }, (l, e) -> { l.add(e); return l; })
            .mapAsync(1, insertAll)
            .runWith(Sink.ignore(), system));
    assertThat(written.stream().flatMap(List::stream).toList()).isEqualTo(events);
    assertThat(written).allSatisfy(rows -> assertThat(rows).hasSizeBetween(1, 500));

    Probes.Pub<Integer> readings = new Probes.Pub<>();
    Probes.Sub<Integer> ui = new Probes.Sub<>();
    readings.source().extrapolate(r -> Stream.generate(() -> r).iterator(), -1).runWith(ui.sink(), system);
    ui.request(2);
    assertThat(ui.expectNextN(2)).containsExactly(-1, -1);
  }

  // ------------------------------------------------------------------ substreams, arguments

  @Test
  void substreamsConflateBatchExpandAndDetachEachOnTheirOwn() throws Exception {
    assertThat(
            await(
                Source.range(1, 6)
                    .groupBy(2, i -> i % 2)
                    .conflateWithSeed(RateDecouplingTest::listOf, RateDecouplingTest::plus)
                    .mergeSubstreams()
                    .runWith(Sink.seq(), system))
                .stream().flatMap(List::stream).toList())
        .containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6);
    assertThat(
            await(
                Source.range(1, 6)
                    .splitWhen(i -> i == 4)
                    .batch(10, RateDecouplingTest::listOf, RateDecouplingTest::plus)
                    .concatSubstreams()
                    .runWith(Sink.seq(), system))
                .stream().flatMap(List::stream).toList())
        .containsExactly(1, 2, 3, 4, 5, 6);
    assertThat(
            await(
                Source.range(1, 6)
                    .splitWhen(i -> i == 4)
                    .batchWeighted(10, i -> 1L, RateDecouplingTest::listOf, RateDecouplingTest::plus)
                    .conflate((a, b) -> {
                      a.addAll(b);
                      return a;
                    })
                    .detach()
                    .expand(l -> List.of(l).iterator())
                    .extrapolate(l -> Collections.emptyIterator())
                    .concatSubstreams()
                    .runWith(Sink.seq(), system))
                .stream().flatMap(List::stream).toList())
        .containsExactly(1, 2, 3, 4, 5, 6);
    // each substream starts with the initial element
    assertThat(
            await(
                Source.range(1, 4)
                    .via(Flow.<Integer>create()
                        .splitWhen(i -> i == 3)
                        .extrapolate(i -> Collections.emptyIterator(), 0)
                        .concatSubstreams())
                    .runWith(Sink.seq(), system)))
        .containsExactly(0, 1, 2, 0, 3, 4);
  }

  @Test
  void subFlowRateOperatorsApplyToEachSubstream() throws Exception {
    Flow<Integer, Integer, ?> f =
        Flow.<Integer>create()
            .splitAfter(i -> i == 3)
            .conflate(Integer::sum)
            .conflateWithSeed(i -> i, Integer::sum)
            .batch(5, i -> i, Integer::sum)
            .batchWeighted(5, i -> 1L, i -> i, Integer::sum)
            .detach()
            .expand(i -> List.of(i).iterator())
            .extrapolate(i -> Collections.emptyIterator())
            .concatSubstreams();
    List<Integer> out = await(Source.range(1, 6).via(f).runWith(Sink.seq(), system));
    assertThat(out.stream().mapToInt(Integer::intValue).sum()).isEqualTo(21);
  }

  @Test
  void rejectsBadArguments() {
    Source<Integer, ?> s = Source.range(1, 2);
    assertThatThrownBy(() -> s.batch(0, i -> i, Integer::sum))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("batch: max must be > 0, was 0");
    assertThatThrownBy(() -> Flow.<Integer>create().batchWeighted(-1, i -> 1L, i -> i, Integer::sum))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("batchWeighted: max must be > 0, was -1");
    assertThatThrownBy(() -> s.conflate(null)).isInstanceOf(NullPointerException.class).hasMessage("aggregate");
    assertThatThrownBy(() -> s.conflateWithSeed(null, Integer::sum))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("seed");
    assertThatThrownBy(() -> s.expand(null)).isInstanceOf(NullPointerException.class).hasMessage("expander");
    assertThatThrownBy(() -> s.extrapolate(i -> Collections.emptyIterator(), null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("initial");
    assertThatThrownBy(() -> Flow.<Integer>create().batchWeighted(1, null, i -> i, Integer::sum))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("costFn");
  }
}
