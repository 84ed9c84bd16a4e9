package io.troupe.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.troupe.japi.Pair;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** RetryFlow on a manual clock. */
class RetryFlowTest extends ManualTimeTestBase {
  private static final long MS = 1_000_000L;
  private static final Duration MIN = Duration.ofMillis(100);
  private static final Duration MAX = Duration.ofSeconds(1);

  /** A flow answering "request#attempt", recording when each attempt happened. */
  private static Flow<Integer, String, io.troupe.actor.NotUsed> attempts(
      Map<Integer, Integer> counts, List<Pair<Integer, Long>> calls) {
    return Flow.of(Integer.class)
        .map(
            i -> {
              calls.add(Pair.create(i, clock()));
              return i + "#" + counts.merge(i, 1, Integer::sum);
            });
  }

  @Test
  void withBackoffAndContextRetriesPairsAndEmitsEachResultWithTheContextOfItsLastAttempt()
      throws Exception {
    Map<Integer, Integer> counts = new ConcurrentHashMap<>();
    FlowWithContext<Integer, String, String, String, io.troupe.actor.NotUsed> inner =
        FlowWithContext.<Integer, String>create()
            .map(i -> i + "#" + counts.merge(i, 1, Integer::sum));
    CompletableFuture<List<Pair<String, String>>> done =
        Source.from(List.of(Pair.create(1, "offset-1"), Pair.create(2, "offset-2")))
            .via(
                RetryFlow.withBackoffAndContext(
                    MIN, MAX, 0.0, 5, inner,
                    (in, out) -> out.first().endsWith("#2")
                        ? Optional.empty()
                        : Optional.of(Pair.create(in.first(), in.second() + "+retry"))))
            .runWith(Sink.seq(), system)
            .toCompletableFuture();
    assertThat(advanceUntilDone(done, Duration.ofMillis(10)))
        .containsExactly(
            Pair.create("1#2", "offset-1+retry"), Pair.create("2#2", "offset-2+retry"));
  }

  @Test
  void retriesAnElementWithGrowingBackoffUntilDecideRetryAcceptsTheResult() throws Exception {
    Map<Integer, Integer> counts = new ConcurrentHashMap<>();
    List<Pair<Integer, Long>> calls = new CopyOnWriteArrayList<>();
    CompletableFuture<List<String>> done =
        Source.from(List.of(1, 2))
            .via(
                RetryFlow.withBackoff(
                    MIN, MAX, 0.0, 5, attempts(counts, calls),
                    (in, out) -> out.endsWith("#3") ? Optional.empty() : Optional.of(in)))
            .runWith(Sink.seq(), system)
            .toCompletableFuture();
    assertThat(advanceUntilDone(done, Duration.ofMillis(10))).containsExactly("1#3", "2#3");
    assertThat(calls).extracting(Pair::first).containsExactly(1, 1, 1, 2, 2, 2);
    assertThat(calls.get(1).second() - calls.get(0).second()).isGreaterThanOrEqualTo(100 * MS);
    assertThat(calls.get(2).second() - calls.get(1).second()).isGreaterThanOrEqualTo(200 * MS);
    // The next element starts with the shortest backoff again. Only a lower bound can be checked:
    // the test moves the manual clock while the stream runs, so a loaded machine makes any gap
    // look longer than the backoff (an upper bound here failed under load).
    assertThat(calls.get(4).second() - calls.get(3).second()).isGreaterThanOrEqualTo(100 * MS);
  }

  @Test
  void afterMaxRetriesTheLastResultIsEmitted() throws Exception {
    Map<Integer, Integer> counts = new ConcurrentHashMap<>();
    List<Pair<Integer, Long>> calls = new CopyOnWriteArrayList<>();
    CompletableFuture<List<String>> done =
        Source.single(1)
            .via(RetryFlow.withBackoff(MIN, MAX, 0.0, 2, attempts(counts, calls), (in, out) -> Optional.of(in)))
            .runWith(Sink.seq(), system)
            .toCompletableFuture();
    assertThat(advanceUntilDone(done, Duration.ofMillis(10))).containsExactly("1#3");
    assertThat(calls).hasSize(3);
  }

  @Test
  void aRetrySendsTheReplacementElementAndKeepsTheInnerMaterializedValue() throws Exception {
    List<Integer> seen = new CopyOnWriteArrayList<>();
    Flow<Integer, Integer, String> inner =
        Flow.of(Integer.class)
            .map(
                i -> {
                  seen.add(i);
                  return i * 10;
                })
            .mapMaterializedValue(m -> "inner");
    Pair<String, CompletionStage<List<Integer>>> p =
        Source.single(1)
            .viaMat(
                RetryFlow.withBackoff(
                    MIN, MAX, 0.0, 5, inner, (in, out) -> in < 3 ? Optional.of(in + 1) : Optional.empty()),
                Keep.right())
            .toMat(Sink.seq(), Keep.both())
            .run(system);
    assertThat(p.first()).isEqualTo("inner");
    assertThat(advanceUntilDone(p.second().toCompletableFuture(), Duration.ofMillis(10))).containsExactly(30);
    assertThat(seen).containsExactly(1, 2, 3);
  }

  @Test
  void takesTheNextElementOnlyWhenTheCurrentOneIsDone() throws Exception {
    AtomicInteger emitted = new AtomicInteger();
    AtomicInteger calls = new AtomicInteger();
    Probes.Sub<Integer> sub = new Probes.Sub<>();
    Source.range(1, 10)
        .map(
            i -> {
              emitted.incrementAndGet();
              return i;
            })
        .via(
            RetryFlow.withBackoff(
                MIN,
                MAX,
                0.0,
                5,
                Flow.of(Integer.class)
                    .map(
                        i -> {
                          calls.incrementAndGet();
                          return i;
                        }),
                (in, out) -> calls.get() == 1 ? Optional.of(in) : Optional.empty()))
        .runWith(sub.sink(), system);
    sub.request(2);
    Probes.awaitCondition("the first attempt", () -> calls.get() == 1);
    assertThat(emitted.get()).as("element 1 waits for its retry: nothing else is taken").isEqualTo(1);
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
    while (calls.get() < 2) {
      assertThat(System.nanoTime()).as("retried within 10 s").isLessThan(deadline);
      time.timePasses(Duration.ofMillis(10));
      Thread.yield();
    }
    sub.expectNext(1, 2);
    sub.cancel();
  }

  @Test
  void aFlowThatEmitsTwoElementsForOneFailsTheStream() throws Exception {
    CompletableFuture<List<Integer>> done =
        Source.from(List.of(1, 2))
            .via(
                RetryFlow.withBackoff(
                    MIN, MAX, 0.0, 5, Flow.of(Integer.class).mapConcat(i -> List.of(i, i)),
                    (in, out) -> Optional.empty()))
            .runWith(Sink.seq(), system)
            .toCompletableFuture();
    assertThatThrownBy(() -> advanceUntilDone(done, Duration.ofMillis(10)))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "RetryFlow: the inner flow emitted 1 with no element in progress;"
                + " it must emit exactly one element per element it receives");
  }

  @Test
  void aFlowThatCompletesWithAnElementInProgressFailsTheStream() throws Exception {
    CompletableFuture<List<Integer>> done =
        Source.from(List.of(1, 2, 3))
            .via(
                RetryFlow.withBackoff(
                    MIN, MAX, 0.0, 5, Flow.of(Integer.class).takeWhile(i -> i < 2), (in, out) -> Optional.empty()))
            .runWith(Sink.seq(), system)
            .toCompletableFuture();
    assertThatThrownBy(() -> advanceUntilDone(done, Duration.ofMillis(10)))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "RetryFlow: the inner flow completed while element 2 was in progress;"
                + " it must emit exactly one element per element it receives");
  }

  @Test
  void failuresOfUpstreamAndOfDecideRetryFailTheStream() throws Exception {
    IllegalStateException boom = new IllegalStateException("upstream broke");
    CompletableFuture<List<Integer>> upstream =
        Source.<Integer>failed(boom)
            .via(RetryFlow.withBackoff(MIN, MAX, 0.0, 5, Flow.of(Integer.class), (in, out) -> Optional.empty()))
            .runWith(Sink.seq(), system)
            .toCompletableFuture();
    assertThatThrownBy(() -> advanceUntilDone(upstream, Duration.ofMillis(10))).cause().isSameAs(boom);
    CompletableFuture<List<Integer>> decider =
        Source.single(1)
            .via(
                RetryFlow.withBackoff(
                    MIN,
                    MAX,
                    0.0,
                    5,
                    Flow.of(Integer.class),
                    (Integer in, Integer out) -> {
                      throw new IllegalArgumentException("cannot decide " + out);
                    }))
            .runWith(Sink.seq(), system)
            .toCompletableFuture();
    assertThatThrownBy(() -> advanceUntilDone(decider, Duration.ofMillis(10)))
        .cause()
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("cannot decide 1");
  }

  @Test
  void downstreamCancellationCancelsUpstream() throws Exception {
    Probes.Pub<Integer> pub = new Probes.Pub<>();
    Probes.Sub<Integer> sub = new Probes.Sub<>();
    pub.source()
        .via(RetryFlow.withBackoff(MIN, MAX, 0.0, 5, Flow.of(Integer.class), (in, out) -> Optional.empty()))
        .runWith(sub.sink(), system);
    sub.request(1);
    pub.sendNext(4);
    sub.expectNext(4);
    sub.cancel();
    pub.expectCancellation();
  }

  @Test
  void rejectsBadArguments() {
    Flow<Integer, Integer, io.troupe.actor.NotUsed> f = Flow.of(Integer.class);
    assertThatThrownBy(() -> RetryFlow.withBackoff(Duration.ofMillis(-1), MAX, 0.0, 1, f, (a, b) -> Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("RetryFlow: minBackoff must be >= 0, was PT-0.001S");
    assertThatThrownBy(() -> RetryFlow.withBackoff(MAX, MIN, 0.0, 1, f, (a, b) -> Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("RetryFlow: maxBackoff must be >= minBackoff (PT1S), was PT0.1S");
    assertThatThrownBy(() -> RetryFlow.withBackoff(MIN, MAX, -0.5, 1, f, (a, b) -> Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("RetryFlow: randomFactor must be >= 0, was -0.5");
    assertThatThrownBy(() -> RetryFlow.withBackoff(MIN, MAX, 0.0, -1, f, (a, b) -> Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("RetryFlow: maxRetries must be >= 0, was -1");
    assertThatThrownBy(() -> RetryFlow.withBackoff(MIN, MAX, 0.0, 1, f, null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("decideRetry");
  }
}
