package io.troupe.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.troupe.actor.NotUsed;
import io.troupe.japi.Pair;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

/**
 * orElse, zipLatest, zipAll, interleave, mergeSorted, mergePreferred, mergePrioritized, mergeAll.
 * Where the order of two inputs matters, the inputs are probes and downstream asks for one element
 * at a time, so each input's next element is waiting in the junction before the next request.
 */
class FanInOperatorsTest extends StreamTestBase {

  // ------------------------------------------------------------------ orElse

  @Test
  void orElseEmitsThePrimaryAndCancelsTheSecondaryWhenThePrimaryEmits() throws Exception {
    Probes.Pub<String> secondary = new Probes.Pub<>();
    CompletionStage<List<String>> r =
        Source.from(List.of("a", "b")).orElse(secondary.source()).runWith(Sink.seq(), system);
    assertThat(await(r)).containsExactly("a", "b");
    secondary.expectCancellation();
  }

  @Test
  void orElseSwitchesToTheSecondaryWhenThePrimaryCompletesEmpty() throws Exception {
    Probes.Pub<String> primary = new Probes.Pub<>();
    Probes.Sub<String> sub = new Probes.Sub<>();
    Flow<String, String, NotUsed> orFallback = Flow.of(String.class).orElse(Source.from(List.of("x", "y")));
    primary.source().via(orFallback).runWith(sub.sink(), system);
    sub.request(1);
    primary.sendComplete();
    sub.expectNext("x");
    sub.request(1);
    sub.expectNext("y");
    sub.expectComplete();
  }

  @Test
  void orElseMatKeepsTheSecondarysValue() throws Exception {
    Pair<CompletableFuture<Optional<Integer>>, CompletionStage<List<Integer>>> p =
        Source.<Integer>empty()
            .orElseMat(Source.<Integer>maybe(), Keep.right())
            .toMat(Sink.seq(), Keep.both())
            .run(system);
    p.first().complete(Optional.of(42));
    assertThat(await(p.second())).containsExactly(42);
  }

  @Test
  void orElseFailsWithThePrimaryAndCancelsBothWithDownstream() throws Exception {
    RuntimeException boom = new RuntimeException("boom");
    assertThat(awaitFailure(Source.<Integer>failed(boom).orElse(Source.single(1)).runWith(Sink.seq(), system)))
        .isSameAs(boom);

    Probes.Pub<Integer> primary = new Probes.Pub<>();
    Probes.Pub<Integer> secondary = new Probes.Pub<>();
    Probes.Sub<Integer> sub = new Probes.Sub<>();
    primary.source().orElse(secondary.source()).runWith(sub.sink(), system);
    sub.cancel();
    primary.expectCancellation();
    secondary.expectCancellation();
  }

  // ------------------------------------------------------------------ zipLatest

  @Test
  void zipLatestCombinesTheLatestOfBothOnEachNewElement() throws Exception {
    Probes.Pub<Integer> nums = new Probes.Pub<>();
    Probes.Pub<String> letters = new Probes.Pub<>();
    Probes.Sub<Pair<Integer, String>> sub = new Probes.Sub<>();
    nums.source().zipLatest(letters.source()).runWith(sub.sink(), system);
    sub.request(1);
    nums.sendNext(1);
    letters.sendNext("a");
    sub.expectNext(Pair.create(1, "a"));
    sub.request(1);
    nums.sendNext(2);
    sub.expectNext(Pair.create(2, "a"));
    sub.request(1);
    letters.sendNext("b");
    sub.expectNext(Pair.create(2, "b"));
    nums.sendComplete();
    sub.expectComplete();
    letters.expectCancellation();
  }

  @Test
  void zipLatestWithoutEagerCompleteGoesOnWithTheLastElementOfTheCompletedSide() throws Exception {
    Probes.Pub<Integer> nums = new Probes.Pub<>();
    Probes.Pub<Integer> tens = new Probes.Pub<>();
    Probes.Sub<Integer> sub = new Probes.Sub<>();
    nums.source().zipLatestWith(tens.source(), false, Integer::sum).runWith(sub.sink(), system);
    sub.request(1);
    nums.sendNext(1);
    tens.sendNext(10);
    sub.expectNext(11);
    nums.sendComplete();
    sub.request(1);
    tens.sendNext(20);
    sub.expectNext(21);
    tens.sendComplete();
    sub.expectComplete();
  }

  @Test
  void zipLatestCompletesWhenAnInputCompletesBeforeEmitting() throws Exception {
    assertThat(
            await(
                Source.range(1, 3)
                    .zipLatestWithMat(Source.<Integer>empty(), Integer::sum, Keep.left())
                    .runWith(Sink.seq(), system)))
        .isEmpty();
  }

  @Test
  void zipLatestFailsAndBackpressures() throws Exception {
    RuntimeException boom = new RuntimeException("boom");
    assertThat(
            awaitFailure(Source.range(1, 3).zipLatest(Source.<String>failed(boom)).runWith(Sink.seq(), system)))
        .isSameAs(boom);

    Probes.Sub<Pair<Integer, Integer>> sub = new Probes.Sub<>();
    Source.range(1, 1_000_000).zipLatestMat(Source.repeat(0), Keep.left()).runWith(sub.sink(), system);
    sub.request(1);
    assertThat(sub.expectNext().second()).isZero();
    sub.request(1);
    assertThat(sub.expectNext().second()).isZero();
    sub.cancel();
  }

  // ------------------------------------------------------------------ zipAll

  @Test
  void zipAllPadsTheShorterSide() throws Exception {
    assertThat(
            await(Source.range(1, 3).zipAll(Source.from(List.of("a")), 0, "-").runWith(Sink.seq(), system)))
        .containsExactly(Pair.create(1, "a"), Pair.create(2, "-"), Pair.create(3, "-"));
    assertThat(
            await(
                Source.single(1)
                    .via(Flow.of(Integer.class).zipAll(Source.from(List.of("a", "b")), 0, "-"))
                    .runWith(Sink.seq(), system)))
        .containsExactly(Pair.create(1, "a"), Pair.create(0, "b"));
    assertThat(await(Source.<Integer>empty().zipAll(Source.<String>empty(), 0, "-").runWith(Sink.seq(), system)))
        .isEmpty();
  }

  @Test
  void zipAllWaitsForDemandFailsAndCancels() throws Exception {
    Probes.Pub<Integer> a = new Probes.Pub<>();
    Probes.Pub<String> b = new Probes.Pub<>();
    Probes.Sub<Pair<Integer, String>> sub = new Probes.Sub<>();
    a.source().zipAll(b.source(), -1, "?").runWith(sub.sink(), system);
    a.sendNext(1).sendNext(2);
    b.sendNext("x");
    sub.request(1);
    sub.expectNext(Pair.create(1, "x"));
    b.sendComplete();
    sub.request(1);
    sub.expectNext(Pair.create(2, "?"));
    RuntimeException boom = new RuntimeException("boom");
    a.sendError(boom);
    assertThat(sub.expectError()).isSameAs(boom);

    Probes.Pub<Integer> c = new Probes.Pub<>();
    Probes.Sub<Pair<Integer, Integer>> sub2 = new Probes.Sub<>();
    c.source().zipAll(Source.repeat(0), -1, -1).runWith(sub2.sink(), system);
    sub2.cancel();
    c.expectCancellation();
  }

  // ------------------------------------------------------------------ interleave

  @Test
  void interleaveTakesSegmentsInTurnAndTheRestOfTheLongerSide() throws Exception {
    assertThat(await(Source.range(1, 5).interleave(Source.range(10, 13), 2).runWith(Sink.seq(), system)))
        .containsExactly(1, 2, 10, 11, 3, 4, 12, 13, 5);
    assertThat(await(Source.range(1, 2).interleave(Source.range(10, 14), 1).runWith(Sink.seq(), system)))
        .containsExactly(1, 10, 2, 11, 12, 13, 14);
  }

  @Test
  void interleaveAllGoesRoundAllSources() throws Exception {
    assertThat(
            await(
                Source.from(List.of("a1", "a2"))
                    .interleaveAll(List.of(Source.from(List.of("b1")), Source.from(List.of("c1", "c2", "c3"))), 1, false)
                    .runWith(Sink.seq(), system)))
        .containsExactly("a1", "b1", "c1", "a2", "c2", "c3");
  }

  @Test
  void interleaveWithEagerCloseCompletesWhenEitherCompletes() throws Exception {
    Probes.Pub<Integer> a = new Probes.Pub<>();
    Probes.Pub<Integer> b = new Probes.Pub<>();
    Probes.Sub<Integer> sub = new Probes.Sub<>();
    a.source().interleaveMat(b.source(), 1, true, Keep.left()).runWith(sub.sink(), system);
    sub.request(10);
    a.sendNext(1);
    sub.expectNext(1);
    b.sendNext(10);
    sub.expectNext(10);
    b.sendComplete();
    sub.expectComplete();
    a.expectCancellation();
  }

  @Test
  void interleaveFailsAndRejectsBadSegmentSizes() throws Exception {
    RuntimeException boom = new RuntimeException("boom");
    assertThat(awaitFailure(Source.range(1, 3).interleave(Source.failed(boom), 1).runWith(Sink.seq(), system)))
        .isSameAs(boom);
    assertThatThrownBy(() -> Source.range(1, 3).interleave(Source.single(1), 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("segmentSize must be > 0, was 0");
    assertThatThrownBy(() -> Source.range(1, 3).interleaveAll(List.of(Source.single(1)), -2, false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("segmentSize must be > 0, was -2");
    assertThatThrownBy(() -> Source.range(1, 3).mergeAll(java.util.Arrays.asList(Source.single(1), null), false))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("those[1] must not be null");
  }

  // ------------------------------------------------------------------ mergeSorted

  @Test
  void mergeSortedMergesTwoSortedStreams() throws Exception {
    assertThat(
            await(
                Source.from(List.of(1, 3, 5, 7))
                    .mergeSorted(Source.from(List.of(2, 3, 4, 8, 9)), Comparator.naturalOrder())
                    .runWith(Sink.seq(), system)))
        .containsExactly(1, 2, 3, 3, 4, 5, 7, 8, 9);
    assertThat(
            await(
                Source.from(List.of("c", "a"))
                    .mergeSortedMat(Source.from(List.of("b")), Comparator.<String>reverseOrder(), Keep.left())
                    .runWith(Sink.seq(), system)))
        .containsExactly("c", "b", "a");
    assertThat(
            await(Source.<Integer>empty().mergeSorted(Source.range(1, 3), Comparator.naturalOrder()).runWith(Sink.seq(), system)))
        .containsExactly(1, 2, 3);
  }

  @Test
  void mergeSortedWaitsForBothSidesBeforeEmitting() throws Exception {
    Probes.Pub<Integer> a = new Probes.Pub<>();
    Probes.Pub<Integer> b = new Probes.Pub<>();
    Probes.Sub<Integer> sub = new Probes.Sub<>();
    a.source().mergeSorted(b.source(), Comparator.naturalOrder()).runWith(sub.sink(), system);
    sub.request(10);
    a.sendNext(5);
    b.sendNext(1);
    sub.expectNext(1);
    b.sendNext(7);
    sub.expectNext(5);
    a.sendComplete();
    sub.expectNext(7);
    b.sendComplete();
    sub.expectComplete();
  }

  @Test
  void mergeSortedFailsAndCancels() throws Exception {
    RuntimeException boom = new RuntimeException("boom");
    assertThat(
            awaitFailure(
                Source.range(1, 3).mergeSorted(Source.failed(boom), Comparator.naturalOrder()).runWith(Sink.seq(), system)))
        .isSameAs(boom);
    Probes.Pub<Integer> a = new Probes.Pub<>();
    Probes.Sub<Integer> sub = new Probes.Sub<>();
    a.source().mergeSorted(Source.repeat(1), Comparator.naturalOrder()).runWith(sub.sink(), system);
    sub.cancel();
    a.expectCancellation();
  }

  // ------------------------------------------------------------------ mergePreferred, mergePrioritized, mergeAll

  @Test
  void mergePreferredTakesThePreferredSideWheneverItHasAnElement() throws Exception {
    Probes.Pub<Integer> self = new Probes.Pub<>();
    Probes.Pub<Integer> that = new Probes.Pub<>();
    Probes.Sub<Integer> sub = new Probes.Sub<>();
    self.source().mergePreferred(that.source(), true, false).runWith(sub.sink(), system);
    self.sendNext(1).sendNext(2);
    that.sendNext(10).sendNext(20);
    for (int expected : new int[] {10, 20, 1, 2}) {
      sub.request(1);
      sub.expectNext(expected);
    }
    self.sendComplete();
    that.sendComplete();
    sub.expectComplete();
  }

  @Test
  void mergePreferredOfThisStreamAndItsMatValue() throws Exception {
    Probes.Pub<Integer> that = new Probes.Pub<>();
    Probes.Sub<Integer> sub = new Probes.Sub<>();
    Pair<NotUsed, NotUsed> mats =
        Source.from(List.of(1, 2, 3))
            .mergePreferredMat(that.source(), false, true, Keep.both())
            .toMat(sub.sink(), Keep.left())
            .run(system);
    assertThat(mats.second()).isSameAs(NotUsed.INSTANCE);
    sub.request(10);
    // that never emits; eagerComplete ends the merge when this stream completes
    assertThat(sub.expectNextN(3)).containsExactly(1, 2, 3);
    sub.expectComplete();
    that.expectCancellation();
  }

  @Test
  void mergePrioritizedSharesTheOutputByPriority() throws Exception {
    Probes.Pub<String> left = new Probes.Pub<>();
    Probes.Pub<String> right = new Probes.Pub<>();
    Probes.Sub<String> sub = new Probes.Sub<>();
    left.source().mergePrioritized(right.source(), 2, 1, false).runWith(sub.sink(), system);
    for (int i = 1; i <= 6; i++) {
      left.sendNext("L" + i);
      right.sendNext("R" + i);
    }
    for (String expected : new String[] {"L1", "R1", "L2", "L3", "R2", "L4"}) {
      sub.request(1);
      sub.expectNext(expected);
    }
    sub.cancel();
    left.expectCancellation();
    right.expectCancellation();
  }

  @Test
  void mergePrioritizedEmitsEverythingAndRejectsBadPriorities() throws Exception {
    assertThat(
            await(
                Source.range(1, 50)
                    .mergePrioritizedMat(Source.range(51, 100), 1, 5, false, Keep.right())
                    .runWith(Sink.seq(), system)))
        .hasSize(100)
        .doesNotHaveDuplicates();
    assertThatThrownBy(() -> Source.range(1, 2).mergePrioritized(Source.single(1), 0, 1, false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("leftPriority must be > 0, was 0");
  }

  @Test
  void mergeAllMergesEverySourceAndCanCompleteEagerly() throws Exception {
    assertThat(
            await(
                Source.range(1, 3)
                    .mergeAll(List.of(Source.range(4, 6), Source.range(7, 9)), false)
                    .runWith(Sink.seq(), system)))
        .containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6, 7, 8, 9);
    // a never-completing input does not hold an eager merge open
    assertThat(
            await(
                Source.range(1, 3)
                    .mergeAll(List.of(Source.<Integer>maybe()), true)
                    .runWith(Sink.seq(), system)))
        .containsExactly(1, 2, 3);
  }

  @Test
  void mergesFailWithAnInput() throws Exception {
    RuntimeException boom = new RuntimeException("boom");
    assertThat(awaitFailure(Source.<Integer>maybe().mergePreferred(Source.failed(boom), true, false).runWith(Sink.seq(), system)))
        .isSameAs(boom);
    assertThat(awaitFailure(Source.<Integer>maybe().mergePrioritized(Source.failed(boom), 1, 1, false).runWith(Sink.seq(), system)))
        .isSameAs(boom);
    assertThat(awaitFailure(Source.<Integer>maybe().mergeAll(List.of(Source.failed(boom)), false).runWith(Sink.seq(), system)))
        .isSameAs(boom);
  }
  @Test
  void interleaveEmitsOnlyWhatIsRequestedAndCancelsBothInputs() throws Exception {
    Probes.Pub<Integer> a = new Probes.Pub<>();
    Probes.Pub<Integer> b = new Probes.Pub<>();
    Probes.Sub<Integer> sub = new Probes.Sub<>();
    a.source().via(Flow.of(Integer.class).interleave(b.source(), 2)).runWith(sub.sink(), system);
    a.sendNext(1).sendNext(2).sendNext(3);
    b.sendNext(10);
    sub.request(1);
    sub.expectNext(1);
    sub.request(2);
    sub.expectNext(2, 10);
    sub.cancel();
    a.expectCancellation();
    b.expectCancellation();
  }

  @Test
  void mergePreferredAndMergeAllCancelAllInputsWithDownstream() throws Exception {
    Probes.Pub<Integer> a = new Probes.Pub<>();
    Probes.Pub<Integer> b = new Probes.Pub<>();
    Probes.Sub<Integer> sub = new Probes.Sub<>();
    a.source().mergePreferred(b.source(), false, false).runWith(sub.sink(), system);
    sub.cancel();
    a.expectCancellation();
    b.expectCancellation();

    Probes.Pub<Integer> c = new Probes.Pub<>();
    Probes.Pub<Integer> d = new Probes.Pub<>();
    Probes.Pub<Integer> e = new Probes.Pub<>();
    Probes.Sub<Integer> sub2 = new Probes.Sub<>();
    c.source().mergeAll(List.of(d.source(), e.source()), false).runWith(sub2.sink(), system);
    sub2.request(1);
    e.sendNext(7);
    sub2.expectNext(7);
    sub2.cancel();
    c.expectCancellation();
    d.expectCancellation();
    e.expectCancellation();
  }

  @Test
  void flowMatVariantsKeepTheOtherSourcesValue() throws Exception {
    Flow<Integer, Integer, CompletableFuture<Optional<Integer>>> f =
        Flow.of(Integer.class)
            .interleaveMat(Source.<Integer>maybe(), 1, Keep.right());
    Pair<CompletableFuture<Optional<Integer>>, CompletionStage<List<Integer>>> p =
        Source.single(1).viaMat(f, Keep.right()).toMat(Sink.seq(), Keep.both()).run(system);
    p.first().complete(Optional.of(2));
    assertThat(await(p.second())).containsExactly(1, 2);

    Flow<Integer, Integer, CompletableFuture<Optional<Integer>>> sorted =
        Flow.of(Integer.class).mergeSortedMat(Source.<Integer>maybe(), Comparator.naturalOrder(), Keep.right());
    Pair<CompletableFuture<Optional<Integer>>, CompletionStage<List<Integer>>> q =
        Source.from(List.of(1, 5)).viaMat(sorted, Keep.right()).toMat(Sink.seq(), Keep.both()).run(system);
    q.first().complete(Optional.of(3));
    assertThat(await(q.second())).containsExactly(1, 3, 5);
  }
}
