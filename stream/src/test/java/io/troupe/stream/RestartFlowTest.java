package io.troupe.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.troupe.japi.Pair;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** RestartFlow on a manual clock. */
class RestartFlowTest extends ManualTimeTestBase {
  private static final long MS = 1_000_000L;
  private static final RestartSettings SETTINGS =
      RestartSettings.create(Duration.ofMillis(100), Duration.ofSeconds(1), 0.0);
  /**
   * For the tests of growing backoff: the restart count never resets within the test. The test
   * moves the manual clock while the inner stream runs, so on a loaded machine a run can span
   * {@code maxRestartsWithin} (by default the minimum backoff) and reset the count.
   */
  private static final RestartSettings GROWING = SETTINGS.withMaxRestarts(-1, Duration.ofHours(10));

  @Test
  void restartsTheInnerFlowAfterAFailureLosingOnlyTheElementInside() throws Exception {
    AtomicInteger runs = new AtomicInteger();
    CompletableFuture<List<Pair<Integer, Long>>> done =
        Source.range(1, 5)
            .via(
                RestartFlow.withBackoff(
                    SETTINGS.withRestartOn(ex -> ex instanceof IllegalStateException),
                    () -> {
                      int run = runs.getAndIncrement();
                      return Flow.of(Integer.class)
                          .map(
                              i -> {
                                if (run == 0 && i == 3) {
                                  throw new IllegalStateException("connection lost");
                                }
                                return i * 10;
                              });
                    }))
            .map(e -> Pair.create(e, clock()))
            .runWith(Sink.seq(), system)
            .toCompletableFuture();
    List<Pair<Integer, Long>> out = advanceUntilDone(done, Duration.ofMillis(10));
    assertThat(out).extracting(Pair::first).containsExactly(10, 20, 40, 50);
    assertThat(out.get(2).second() - out.get(1).second()).isGreaterThanOrEqualTo(100 * MS);
    assertThat(runs.get()).isEqualTo(2);
  }

  @Test
  void withBackoffRestartsWhenTheInnerFlowCompletesWithGrowingDelays() throws Exception {
    AtomicInteger runs = new AtomicInteger();
    CompletableFuture<List<Pair<Integer, Long>>> done =
        Source.range(1, 6)
            .via(
                RestartFlow.withBackoff(
                    GROWING,
                    () -> {
                      runs.incrementAndGet();
                      return Flow.of(Integer.class).take(2);
                    }))
            .map(e -> Pair.create(e, clock()))
            .runWith(Sink.seq(), system)
            .toCompletableFuture();
    List<Pair<Integer, Long>> out = advanceUntilDone(done, Duration.ofMillis(10));
    assertThat(out).extracting(Pair::first).containsExactly(1, 2, 3, 4, 5, 6);
    assertThat(out.get(2).second() - out.get(1).second()).isGreaterThanOrEqualTo(100 * MS);
    assertThat(out.get(4).second() - out.get(3).second()).isGreaterThanOrEqualTo(200 * MS);
    assertThat(runs.get()).isGreaterThanOrEqualTo(3);
  }

  @Test
  void onFailuresWithBackoffCompletesWhenTheInnerFlowCompletes() throws Exception {
    Probes.Pub<Integer> pub = new Probes.Pub<>();
    AtomicInteger runs = new AtomicInteger();
    CompletableFuture<List<Integer>> done =
        pub.source()
            .via(
                RestartFlow.onFailuresWithBackoff(
                    SETTINGS,
                    () -> {
                      runs.incrementAndGet();
                      return Flow.of(Integer.class).take(2);
                    }))
            .runWith(Sink.seq(), system)
            .toCompletableFuture();
    pub.sendNext(1);
    pub.sendNext(2);
    assertThat(advanceUntilDone(done, Duration.ofMillis(10))).containsExactly(1, 2);
    pub.expectCancellation();
    time.timePasses(Duration.ofMinutes(1));
    assertThat(runs.get()).isEqualTo(1);
  }

  @Test
  void pastMaxRestartsTheInnerFailureFailsTheFlow() throws Exception {
    AtomicInteger runs = new AtomicInteger();
    CompletableFuture<List<Integer>> done =
        Source.repeat(1)
            .via(
                RestartFlow.withBackoff(
                    SETTINGS.withMaxRestarts(2, Duration.ofHours(10)),
                    () -> {
                      int run = runs.incrementAndGet();
                      return Flow.of(Integer.class)
                          .<Integer>map(
                              i -> {
                                throw new IllegalStateException("attempt " + run);
                              });
                    }))
            .runWith(Sink.seq(), system)
            .toCompletableFuture();
    assertThatThrownBy(() -> advanceUntilDone(done, Duration.ofMillis(10)))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("attempt 3");
    assertThat(runs.get()).isEqualTo(3);
  }

  @Test
  void aFailureTheRestartPredicateRejectsFailsTheFlowAtOnce() throws Exception {
    AtomicInteger runs = new AtomicInteger();
    CompletableFuture<List<Integer>> done =
        Source.repeat(1)
            .via(
                RestartFlow.withBackoff(
                    SETTINGS.withRestartOn(ex -> ex instanceof IllegalStateException),
                    () -> {
                      runs.incrementAndGet();
                      return Flow.of(Integer.class)
                          .<Integer>map(
                              i -> {
                                throw new IllegalArgumentException("bad request");
                              });
                    }))
            .runWith(Sink.seq(), system)
            .toCompletableFuture();
    assertThatThrownBy(() -> advanceUntilDone(done, Duration.ofMillis(10)))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("bad request");
    time.timePasses(Duration.ofMinutes(1));
    assertThat(runs.get()).isEqualTo(1);
  }

  @Test
  void upstreamFailureGoesThroughTheInnerFlowAndIsNotRestarted() throws Exception {
    Probes.Pub<Integer> pub = new Probes.Pub<>();
    Probes.Sub<Integer> sub = new Probes.Sub<>();
    AtomicInteger runs = new AtomicInteger();
    pub.source()
        .via(
            RestartFlow.withBackoff(
                SETTINGS,
                () -> {
                  runs.incrementAndGet();
                  return Flow.of(Integer.class).map(i -> i + 1);
                }))
        .runWith(sub.sink(), system);
    sub.request(1);
    pub.sendNext(1);
    sub.expectNext(2);
    IllegalStateException boom = new IllegalStateException("upstream broke");
    pub.sendError(boom);
    assertThat(sub.expectError()).isSameAs(boom);
    time.timePasses(Duration.ofMinutes(1));
    assertThat(runs.get()).isEqualTo(1);
  }

  @Test
  void downstreamCancellationCancelsUpstreamAndStopsRestarting() throws Exception {
    Probes.Pub<Integer> pub = new Probes.Pub<>();
    Probes.Sub<Integer> sub = new Probes.Sub<>();
    AtomicInteger runs = new AtomicInteger();
    CompletableFuture<io.troupe.actor.Done> innerEnded = new CompletableFuture<>();
    pub.source()
        .via(
            RestartFlow.withBackoff(
                SETTINGS,
                () -> {
                  runs.incrementAndGet();
                  return Flow.of(Integer.class)
                      .watchTermination(
                          (m, terminated) -> {
                            terminated.whenComplete((d, ex) -> innerEnded.complete(io.troupe.actor.Done.getInstance()));
                            return m;
                          });
                }))
        .runWith(sub.sink(), system);
    sub.request(1);
    pub.sendNext(7);
    sub.expectNext(7);
    sub.cancel();
    pub.expectCancellation();
    innerEnded.get(10, java.util.concurrent.TimeUnit.SECONDS);
    time.timePasses(Duration.ofMinutes(1));
    assertThat(runs.get()).isEqualTo(1);
  }

  @Test
  void takesFromUpstreamOnlyWhatDownstreamAsksFor() throws Exception {
    AtomicInteger emitted = new AtomicInteger();
    Probes.Sub<Integer> sub = new Probes.Sub<>();
    Source.range(1, 1000)
        .map(
            i -> {
              emitted.incrementAndGet();
              return i;
            })
        .via(RestartFlow.withBackoff(SETTINGS, () -> Flow.of(Integer.class)))
        .runWith(sub.sink(), system);
    sub.request(2);
    sub.expectNext(1, 2);
    assertThat(emitted.get()).as("at most one element beyond the demand").isLessThanOrEqualTo(3);
    sub.request(1);
    sub.expectNext(3);
    sub.cancel();
  }

  @Test
  void rejectsMissingArguments() {
    assertThatThrownBy(() -> RestartFlow.withBackoff(SETTINGS, null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("flowFactory");
    assertThatThrownBy(() -> RestartFlow.onFailuresWithBackoff(null, () -> Flow.of(Integer.class)))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("settings");
  }
}
