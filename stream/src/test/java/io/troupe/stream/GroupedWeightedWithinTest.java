package io.troupe.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.troupe.japi.Pair;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** groupedWeightedWithin on a manual clock: the interval only passes when the test says so. */
class GroupedWeightedWithinTest extends ManualTimeTestBase {
  private static final Duration INTERVAL = Duration.ofSeconds(1);
  private static final Duration NEVER = Duration.ofDays(1);

  private static <T> T await(java.util.concurrent.CompletionStage<T> stage) throws Exception {
    return stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private static long length(String s) {
    return s.length();
  }

  @Test
  void emitsAListWhenTheNextElementWouldPushItPastTheMaximumWeight() throws Exception {
    List<List<String>> lists =
        await(
            Source.from(List.of("a", "bb", "ccc", "dddd", "e"))
                .groupedWeightedWithin(4, GroupedWeightedWithinTest::length, NEVER)
                .runWith(Sink.seq(), system));
    // a+bb = 3, ccc would make 6: it waits and starts the next list; dddd reaches 4 on its own
    assertThat(lists)
        .containsExactly(List.of("a", "bb"), List.of("ccc"), List.of("dddd"), List.of("e"));
  }

  @Test
  void anElementHeavierThanTheMaximumGetsAListOfItsOwn() throws Exception {
    List<List<String>> lists =
        await(
            Source.from(List.of("a", "bbbbbbb", "c", "d"))
                .groupedWeightedWithin(3, GroupedWeightedWithinTest::length, NEVER)
                .runWith(Sink.seq(), system));
    assertThat(lists).containsExactly(List.of("a"), List.of("bbbbbbb"), List.of("c", "d"));
  }

  @Test
  void theMaximumNumberLimitsListsOfLightElements() throws Exception {
    List<List<Integer>> lists =
        await(
            Source.range(1, 7)
                .groupedWeightedWithin(100, 3, i -> 0L, NEVER)
                .runWith(Sink.seq(), system));
    assertThat(lists).containsExactly(List.of(1, 2, 3), List.of(4, 5, 6), List.of(7));
  }

  @Test
  void emitsWhatIsCollectedWhenTheIntervalPasses() throws Exception {
    Pair<CompletableFuture<Optional<Integer>>, CompletionStageProbe> run = runOpenEnded();
    // 1 and 2 weigh 2 of 100: only the interval can emit them
    List<Integer> first = run.second().nextAsTimePasses();
    assertThat(first).containsExactly(1, 2);
    run.first().complete(Optional.empty());
    run.second().sub.expectComplete();
  }

  /** A stream of 1, 2 and then whatever the maybe gets, grouped by weight 100 per INTERVAL. */
  private Pair<CompletableFuture<Optional<Integer>>, CompletionStageProbe> runOpenEnded()
      throws InterruptedException {
    Probes.Sub<List<Integer>> sub = new Probes.Sub<>();
    CompletableFuture<Optional<Integer>> last =
        Source.<Integer>maybe()
            .prepend(Source.from(List.of(1, 2)))
            .groupedWeightedWithin(100, i -> 1L, INTERVAL)
            .toMat(sub.sink(), Keep.left())
            .run(system);
    sub.request(10);
    return Pair.create(last, new CompletionStageProbe(sub));
  }

  /** Moves the manual clock in steps of a tenth of the interval until a list arrives. */
  private static final class CompletionStageProbe {
    final Probes.Sub<List<Integer>> sub;

    CompletionStageProbe(Probes.Sub<List<Integer>> sub) {
      this.sub = sub;
    }

    List<Integer> nextAsTimePasses() throws Exception {
      long deadline = System.nanoTime() + Probes.TIMEOUT.toNanos();
      while (sub.nothingYet()) {
        assertThat(System.nanoTime()).as("a list within 10 s").isLessThan(deadline);
        time.timePasses(INTERVAL.dividedBy(10));
        Thread.yield();
      }
      return sub.expectNext();
    }
  }

  @Test
  void emitsTheLastListsWhenUpstreamCompletes() throws Exception {
    // "ccc" waits behind [a, bb] when upstream completes: both lists still go out, in order
    assertThat(
            await(
                Source.from(List.of("a", "bb", "ccc"))
                    .groupedWeightedWithin(4, GroupedWeightedWithinTest::length, NEVER)
                    .runWith(Sink.seq(), system)))
        .containsExactly(List.of("a", "bb"), List.of("ccc"));
    assertThat(
            await(
                Source.<String>empty()
                    .groupedWeightedWithin(4, GroupedWeightedWithinTest::length, NEVER)
                    .runWith(Sink.seq(), system)))
        .isEmpty();
  }

  @Test
  void failsWhenUpstreamFails() {
    IllegalStateException boom = new IllegalStateException("boom");
    CompletableFuture<List<List<Integer>>> result =
        Source.from(List.of(1, 2))
            .concat(Source.<Integer>failed(boom))
            .groupedWeightedWithin(10, i -> 1L, NEVER)
            .runWith(Sink.seq(), system)
            .toCompletableFuture();
    assertThatThrownBy(() -> result.get(10, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .hasCause(boom);
  }

  @Test
  void aNegativeCostFailsTheStreamNamingTheElement() {
    CompletableFuture<List<List<Integer>>> result =
        Source.from(List.of(1, -2, 3))
            .groupedWeightedWithin(10, i -> (long) i, NEVER)
            .runWith(Sink.seq(), system)
            .toCompletableFuture();
    assertThatThrownBy(() -> result.get(10, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("returned -2 for -2");
  }

  @Test
  void cancellingDownstreamCancelsUpstream() throws Exception {
    Probes.Pub<Integer> pub = new Probes.Pub<>();
    Probes.Sub<List<Integer>> sub = new Probes.Sub<>();
    pub.source().groupedWeightedWithin(2, i -> 1L, NEVER).runWith(sub.sink(), system);
    sub.request(1);
    pub.sendNext(1).sendNext(2);
    assertThat(sub.expectNext()).containsExactly(1, 2);
    sub.cancel();
    pub.expectCancellation();
  }

  @Test
  void aFullListWaitsForDemandAndHoldsUpstreamBack() throws Exception {
    AtomicInteger pulled = new AtomicInteger();
    Probes.Sub<List<Integer>> sub = new Probes.Sub<>();
    Source.range(1, 1000)
        .map(
            i -> {
              pulled.incrementAndGet();
              return i;
            })
        .groupedWeightedWithin(3, i -> 2L, NEVER) // two elements of weight 2 never fit together
        .runWith(sub.sink(), system);
    sub.request(2);
    assertThat(sub.expectNextN(2)).containsExactly(List.of(1), List.of(2));
    // no demand now: the stage holds [3] complete and nothing else may be taken from upstream
    assertThat(pulled.get()).isLessThanOrEqualTo(4);
    sub.request(1);
    assertThat(sub.expectNext()).containsExactly(3);
    sub.cancel();
  }

  @Test
  void worksOnEachSubstream() throws Exception {
    List<List<Integer>> lists =
        await(
            Source.range(1, 8)
                .groupBy(2, i -> i % 2)
                .groupedWeightedWithin(10, 2, i -> 1L, NEVER)
                .mergeSubstreams()
                .runWith(Sink.seq(), system));
    assertThat(lists)
        .containsExactlyInAnyOrder(List.of(1, 3), List.of(5, 7), List.of(2, 4), List.of(6, 8));
  }

  @Test
  void rejectsBadArgumentsNamingThem() {
    Source<String, ?> s = Source.single("a");
    assertThatThrownBy(() -> s.groupedWeightedWithin(0, GroupedWeightedWithinTest::length, INTERVAL))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxWeight must be > 0, was 0");
    assertThatThrownBy(
            () -> s.groupedWeightedWithin(5, 0, GroupedWeightedWithinTest::length, INTERVAL))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxNumber must be > 0, was 0");
    assertThatThrownBy(() -> s.groupedWeightedWithin(5, null, INTERVAL))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("costFn");
    assertThatThrownBy(
            () ->
                Flow.<String>create()
                    .groupedWeightedWithin(5, GroupedWeightedWithinTest::length, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("interval must be positive, was PT0S");
  }
}
