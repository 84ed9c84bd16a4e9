package io.troupe.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.troupe.japi.Pair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * throttle, delay and delayWith on the substreams of {@code groupBy} (SubSource and SubFlow), on a
 * manual clock: each substream has a bucket or buffer of its own.
 */
class SubstreamTimeTest extends ManualTimeTestBase {
  private static final long MS = 1_000_000L;
  private static final Duration SECOND = Duration.ofSeconds(1);

  /** Runs 1..6 split by parity through {@code perSubstream}, stamping each element as it leaves. */
  private static Probes.Sub<Pair<Integer, Long>> runSubSource(
      UnaryOperator<SubSource<Integer, ?>> perSubstream) {
    Probes.Sub<Pair<Integer, Long>> sub = new Probes.Sub<>();
    perSubstream
        .apply(Source.range(1, 6).groupBy(2, i -> i % 2))
        .map(i -> Pair.create(i, clock()))
        .mergeSubstreams()
        .runWith(sub.sink(), system);
    return sub;
  }

  private static Probes.Sub<Pair<Integer, Long>> runSubFlow(
      UnaryOperator<SubFlow<Integer, Integer, ?>> perSubstream) {
    Probes.Sub<Pair<Integer, Long>> sub = new Probes.Sub<>();
    Flow<Integer, Pair<Integer, Long>, ?> f =
        perSubstream
            .apply(Flow.<Integer>create().groupBy(2, i -> i % 2))
            .map(i -> Pair.create(i, clock()))
            .mergeSubstreams();
    Source.range(1, 6).via(f).runWith(sub.sink(), system);
    return sub;
  }

  /**
   * One token per second in each substream, bucket of one: the first element of each substream
   * passes at once (a shared bucket would hold one of them back), the k-th after k seconds.
   */
  private static void expectOnePerSecondPerSubstream(long start, Probes.Sub<Pair<Integer, Long>> sub)
      throws Exception {
    sub.request(10);
    List<Pair<Integer, Long>> first = sub.expectNextN(2);
    assertThat(first).extracting(Pair::first).containsExactlyInAnyOrder(1, 2);
    assertThat(first).extracting(Pair::second).containsOnly(start);
    List<Pair<Integer, Long>> rest = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      rest.add(nextAsTimePasses(sub, Duration.ofMillis(100)));
    }
    assertThat(rest).extracting(Pair::first).containsExactlyInAnyOrder(3, 4, 5, 6);
    for (Pair<Integer, Long> p : rest) {
      long k = (p.first() - 1) / 2; // the k-th element of its substream
      assertThat(p.second() - start).as("element %d", p.first()).isGreaterThanOrEqualTo(k * 1000 * MS);
    }
    sub.expectComplete();
  }

  private static <T> T nextAsTimePasses(Probes.Sub<T> sub, Duration step) throws Exception {
    long deadline = System.nanoTime() + Probes.TIMEOUT.toNanos();
    while (sub.nothingYet()) {
      assertThat(System.nanoTime()).as("an element within the test timeout").isLessThan(deadline);
      time.timePasses(step);
      Thread.yield();
    }
    return sub.expectNext();
  }

  @Test
  void subSourceThrottleWithElementsPer() throws Exception {
    long start = clock();
    expectOnePerSecondPerSubstream(start, runSubSource(s -> s.throttle(1, SECOND)));
  }

  @Test
  void subSourceThrottleWithBurstAndMode() throws Exception {
    long start = clock();
    expectOnePerSecondPerSubstream(start, runSubSource(s -> s.throttle(1, SECOND, 1, ThrottleMode.shaping())));
  }

  @Test
  void subSourceThrottleWithCost() throws Exception {
    long start = clock();
    expectOnePerSecondPerSubstream(start, runSubSource(s -> s.throttle(1, SECOND, i -> 1)));
  }

  @Test
  void subSourceThrottleWithCostBurstAndMode() throws Exception {
    long start = clock();
    expectOnePerSecondPerSubstream(
        start, runSubSource(s -> s.throttle(10, SECOND, 10, i -> 10, ThrottleMode.SHAPING)));
  }

  @Test
  void subFlowThrottleWithElementsPer() throws Exception {
    long start = clock();
    expectOnePerSecondPerSubstream(start, runSubFlow(s -> s.throttle(1, SECOND)));
  }

  @Test
  void subFlowThrottleWithBurstAndMode() throws Exception {
    long start = clock();
    expectOnePerSecondPerSubstream(start, runSubFlow(s -> s.throttle(1, SECOND, 1, ThrottleMode.shaping())));
  }

  @Test
  void subFlowThrottleWithCost() throws Exception {
    long start = clock();
    expectOnePerSecondPerSubstream(start, runSubFlow(s -> s.throttle(1, SECOND, i -> 1)));
  }

  @Test
  void subFlowThrottleWithCostBurstAndMode() throws Exception {
    long start = clock();
    expectOnePerSecondPerSubstream(
        start, runSubFlow(s -> s.throttle(10, SECOND, 10, i -> 10, ThrottleMode.SHAPING)));
  }

  @Test
  void subSourceThrottleEnforcingFailsWhenASubstreamGoesTooFast() throws Exception {
    // the clock stands still: the second element of a substream exceeds the rate
    Throwable t =
        StreamTestBase.awaitFailure(
            Source.range(1, 6)
                .groupBy(2, i -> i % 2)
                .throttle(1, SECOND, 1, ThrottleMode.enforcing())
                .mergeSubstreams()
                .runWith(Sink.seq(), system));
    assertThat(t).isInstanceOf(RateExceededException.class);
  }

  @Test
  void subSourceDelayHoldsBackEachSubstreamsElements() throws Exception {
    long start = clock();
    List<Pair<Integer, Long>> out =
        runToEnd(
            Source.range(1, 6)
                .groupBy(2, i -> i % 2)
                .delay(SECOND, DelayOverflowStrategy.backpressure())
                .map(i -> Pair.create(i, clock()))
                .mergeSubstreams());
    assertThat(out).extracting(Pair::first).containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6);
    assertThat(out.stream().map(Pair::first).filter(i -> i % 2 == 1).toList()).containsExactly(1, 3, 5);
    for (Pair<Integer, Long> p : out) {
      assertThat(p.second() - start).as("element %d", p.first()).isGreaterThanOrEqualTo(1000 * MS);
    }
  }

  @Test
  void subSourceDelayWithGivesEachSubstreamAStrategyOfItsOwn() throws Exception {
    long start = clock();
    // each substream's strategy grows by a second per element: 1 s, 2 s, 3 s in both substreams
    List<Pair<Integer, Long>> out =
        runToEnd(
            Source.range(1, 6)
                .groupBy(2, i -> i % 2)
                .delayWith(
                    () -> DelayStrategy.linearIncreasingDelay(SECOND, i -> true), DelayOverflowStrategy.backpressure())
                .map(i -> Pair.create(i, clock()))
                .mergeSubstreams());
    assertThat(out).extracting(Pair::first).containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6);
    for (Pair<Integer, Long> p : out) {
      long k = (p.first() + 1) / 2; // 1 s for the first of a substream, 2 s, 3 s
      assertThat(p.second() - start).as("element %d", p.first()).isGreaterThanOrEqualTo(k * 1000 * MS);
    }
  }

  @Test
  void subFlowDelayAndDelayWithApplyPerSubstream() throws Exception {
    long start = clock();
    Flow<Integer, Pair<Integer, Long>, ?> perKey =
        Flow.<Integer>create()
            .groupBy(2, i -> i % 2)
            .delay(Duration.ofMillis(500), DelayOverflowStrategy.dropNew())
            .delayWith(() -> DelayStrategy.fixedDelay(Duration.ofMillis(500)), DelayOverflowStrategy.backpressure())
            .map(i -> Pair.create(i, clock()))
            .mergeSubstreams();
    List<Pair<Integer, Long>> out =
        runToEnd(Source.range(1, 4).via(perKey));
    assertThat(out).extracting(Pair::first).containsExactlyInAnyOrder(1, 2, 3, 4);
    for (Pair<Integer, Long> p : out) {
      assertThat(p.second() - start).as("element %d", p.first()).isGreaterThanOrEqualTo(1000 * MS);
    }
  }

  private static <T> List<T> runToEnd(Source<T, ?> s) throws Exception {
    CompletableFuture<List<T>> done = s.runWith(Sink.seq(), system).toCompletableFuture();
    return advanceUntilDone(done, Duration.ofMillis(100));
  }
}
