package io.troupe.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.troupe.actor.Done;
import io.troupe.japi.Pair;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Windows at the end of a fused run (see {@code internal.Fusion}) on a manual clock: the interval
 * only passes when the test says so. {@code range}, {@code fromIterator} and {@code repeat} with
 * the steps after them fuse with a window into one stage; after a junction, the steps and the
 * window do ({@code WindowFusionTest} checks the plans).
 */
class FusedGroupWindowTest extends ManualTimeTestBase {
  private static final Duration INTERVAL = Duration.ofSeconds(1);
  private static final Duration NEVER = Duration.ofDays(1);

  private static <T> T await(CompletionStage<T> stage) throws Exception {
    return stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  /** {@code 1, 2, ..., n}, counting the elements taken. */
  private static Iterator<Integer> counting(int n, AtomicInteger taken) {
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return taken.get() < n;
      }

      @Override
      public Integer next() {
        return taken.incrementAndGet();
      }
    };
  }

  @Test
  void theIntervalEmitsAPartialListOfAFusedSourceWhoseStepsDropEverythingElse() throws Exception {
    // 1 and 2, then endless zeros the filter drops: the fused loop yields every chunk, and only
    // the interval can emit [10, 20]
    CompletableFuture<List<Integer>> first =
        Source.fromIterator(() -> Stream.concat(Stream.of(1, 2), Stream.generate(() -> 0)).iterator())
            .filter(i -> i > 0)
            .map(i -> i * 10)
            .groupedWithin(100, INTERVAL)
            .runWith(Sink.head(), system)
            .toCompletableFuture();

    assertThat(advanceUntilDone(first, INTERVAL.dividedBy(10))).containsExactly(10, 20);
  }

  @Test
  void theIntervalEmitsAPartialListOfFusedStepsAfterAJunction() throws Exception {
    Pair<CompletableFuture<Optional<Integer>>, CompletionStage<List<Integer>>> run =
        Source.<Integer>maybe()
            .prepend(Source.from(List.of(1, 2, 3)))
            .map(i -> i * 10)
            .filter(i -> i != 20)
            .groupedWithin(100, INTERVAL)
            .toMat(Sink.head(), Keep.both())
            .run(system);

    assertThat(advanceUntilDone(run.second().toCompletableFuture(), INTERVAL.dividedBy(10)))
        .containsExactly(10, 30);
  }

  @Test
  void aFullListWaitsForDemandAndTheIteratorIsNotDrainedMeanwhile() throws Exception {
    AtomicInteger taken = new AtomicInteger();
    Probes.Sub<List<Integer>> sub = new Probes.Sub<>();
    CompletionStage<Done> terminated =
        Source.fromIterator(() -> counting(10_000, taken))
            .map(i -> i)
            .groupedWithin(10, NEVER)
            .watchTermination(Keep.right())
            .to(sub.sink())
            .run(system);

    sub.request(1);
    assertThat(sub.expectNext()).hasSize(10).startsWith(1).endsWith(10);
    sub.request(1);
    assertThat(sub.expectNext()).hasSize(10).startsWith(11).endsWith(20);
    sub.cancel();
    assertThat(await(terminated)).isEqualTo(Done.getInstance());
    // the stage took elements only for the lists downstream asked for
    assertThat(taken).hasValue(20);
  }

  @Test
  void aPendingElementStartsTheNextListAndIsTakenOnlyOnDemand() throws Exception {
    AtomicInteger taken = new AtomicInteger();
    Probes.Sub<List<Integer>> sub = new Probes.Sub<>();
    // weight 2 each, at most 3: two never fit together, so each list leaves the next element
    // pending; the lists are never full by number, only by weight
    Source.fromIterator(() -> counting(5, taken))
        .groupedWeightedWithin(3, i -> 2L, NEVER)
        .runWith(sub.sink(), system);

    sub.request(1);
    assertThat(sub.expectNext()).containsExactly(1);
    sub.request(1);
    assertThat(sub.expectNext()).containsExactly(2);
    assertThat(taken.get()).isEqualTo(3); // 3 waits in the window; no demand, nothing taken
    sub.request(3);
    assertThat(sub.expectNextN(3)).containsExactly(List.of(3), List.of(4), List.of(5));
    sub.expectComplete();
  }

  @Test
  void fusedGroupedAfterAJunctionEmitsAtNAndThenTheLastPartialList() throws Exception {
    Probes.Pub<Integer> pub = new Probes.Pub<>();
    Probes.Sub<List<Integer>> sub = new Probes.Sub<>();
    pub.source().map(i -> i + 1).filter(i -> i != 3).grouped(2).runWith(sub.sink(), system);

    sub.request(1);
    pub.sendNext(1).sendNext(2).sendNext(3);
    assertThat(sub.expectNext()).containsExactly(2, 4);
    pub.sendNext(4).sendComplete();
    sub.request(1);
    assertThat(sub.expectNext()).containsExactly(5);
    sub.expectComplete();
  }

  @Test
  void fusedStepsAndAWindowBackpressureAFullListAndCancelUpstream() throws Exception {
    Probes.Pub<Integer> pub = new Probes.Pub<>();
    Probes.Sub<List<Integer>> sub = new Probes.Sub<>();
    pub.source()
        .map(i -> i * 2)
        .filter(i -> i > 0)
        .groupedWithin(2, NEVER)
        .runWith(sub.sink(), system);

    sub.request(1);
    pub.sendNext(1).sendNext(2);
    assertThat(sub.expectNext()).containsExactly(2, 4);
    pub.sendNext(3).sendNext(4); // the next list fills while downstream is busy
    sub.request(1);
    assertThat(sub.expectNext()).containsExactly(6, 8);
    sub.cancel();
    pub.expectCancellation();
  }
}
