package io.troupe.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** RestartSink on a manual clock. */
class RestartSinkTest extends ManualTimeTestBase {
  private static final long MS = 1_000_000L;
  private static final RestartSettings SETTINGS =
      RestartSettings.create(Duration.ofMillis(100), Duration.ofSeconds(1), 0.0);
  /**
   * For the tests of growing backoff: the restart count never resets within the test. The test
   * moves the manual clock while the inner stream runs, so on a loaded machine a run can span
   * {@code maxRestartsWithin} (by default the minimum backoff) and reset the count.
   */
  private static final RestartSettings GROWING = SETTINGS.withMaxRestarts(-1, Duration.ofHours(10));

  /** (run, element, clock) triples written by the inner sinks. */
  private record Write(int run, int element, long at) {}

  @Test
  void restartsTheInnerSinkWhenItCancelsAndFeedsItTheNextElements() throws Exception {
    AtomicInteger runs = new AtomicInteger();
    List<Write> writes = new CopyOnWriteArrayList<>();
    Source.range(1, 6)
        .runWith(
            RestartSink.withBackoff(
                GROWING,
                () -> {
                  int run = runs.getAndIncrement();
                  return Flow.of(Integer.class)
                      .take(2)
                      .to(Sink.foreach(e -> writes.add(new Write(run, e, clock()))));
                }),
            system);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (writes.size() < 6) {
      assertThat(System.nanoTime()).as("all six written within 10 s").isLessThan(deadline);
      time.timePasses(Duration.ofMillis(10));
      Thread.yield();
    }
    assertThat(writes).extracting(Write::element).containsExactly(1, 2, 3, 4, 5, 6);
    assertThat(writes).extracting(Write::run).containsExactly(0, 0, 1, 1, 2, 2);
    assertThat(writes.get(2).at() - writes.get(1).at()).isGreaterThanOrEqualTo(100 * MS);
    assertThat(writes.get(4).at() - writes.get(3).at()).isGreaterThanOrEqualTo(200 * MS);
  }

  @Test
  void aFailingInnerSinkIsRestartedAndLosesOnlyTheElementItFailedOn() throws Exception {
    AtomicInteger runs = new AtomicInteger();
    AtomicReference<CompletionStage<List<Integer>>> second = new AtomicReference<>();
    Source.range(1, 4)
        .runWith(
            RestartSink.withBackoff(
                SETTINGS,
                () -> {
                  int run = runs.getAndIncrement();
                  if (run == 0) {
                    return Flow.of(Integer.class)
                        .map(
                            i -> {
                              if (i == 2) {
                                throw new IllegalStateException("write failed");
                              }
                              return i;
                            })
                        .to(Sink.ignore());
                  }
                  return Sink.<Integer>seq()
                      .mapMaterializedValue(
                          f -> {
                            second.set(f);
                            return f;
                          });
                }),
            system);
    CompletableFuture<List<Integer>> rest = new CompletableFuture<>();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (second.get() == null) {
      assertThat(System.nanoTime()).as("restarted within 10 s").isLessThan(deadline);
      time.timePasses(Duration.ofMillis(10));
      Thread.yield();
    }
    second.get().whenComplete((v, ex) -> rest.complete(v));
    // upstream completion is passed to the inner sink
    assertThat(rest.get(10, TimeUnit.SECONDS)).containsExactly(3, 4);
  }

  @Test
  void upstreamFailureFailsTheInnerSink() throws Exception {
    AtomicReference<CompletionStage<List<Integer>>> inner = new AtomicReference<>();
    IllegalStateException boom = new IllegalStateException("upstream broke");
    Source.from(List.of(1, 2))
        .concat(Source.failed(boom))
        .runWith(
            RestartSink.withBackoff(
                SETTINGS,
                () ->
                    Sink.<Integer>seq()
                        .mapMaterializedValue(
                            f -> {
                              inner.set(f);
                              return f;
                            })),
            system);
    Probes.awaitCondition("inner sink started", () -> inner.get() != null);
    assertThatThrownBy(() -> inner.get().toCompletableFuture().get(10, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isSameAs(boom);
  }

  @Test
  void pastMaxRestartsTheInnerCancellationCancelsUpstream() throws Exception {
    Probes.Pub<Integer> pub = new Probes.Pub<>();
    AtomicInteger runs = new AtomicInteger();
    pub.source()
        .runWith(
            RestartSink.withBackoff(
                SETTINGS.withMaxRestarts(1, Duration.ofHours(10)),
                () -> {
                  runs.incrementAndGet();
                  return Sink.<Integer>cancelled();
                }),
            system);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!pub.isCancelled()) {
      assertThat(System.nanoTime()).as("cancelled within 10 s").isLessThan(deadline);
      time.timePasses(Duration.ofMillis(10));
      Thread.yield();
    }
    time.timePasses(Duration.ofMinutes(1));
    assertThat(runs.get()).isEqualTo(2);
  }

  @Test
  void aFailureTheRestartPredicateRejectsCancelsUpstreamAtOnce() throws Exception {
    Probes.Pub<Integer> pub = new Probes.Pub<>();
    AtomicInteger runs = new AtomicInteger();
    pub.source()
        .runWith(
            RestartSink.withBackoff(
                SETTINGS.withRestartOn(ex -> ex instanceof IllegalStateException),
                () -> {
                  runs.incrementAndGet();
                  return Sink.<Integer>foreach(
                      e -> {
                        throw new IllegalArgumentException("rejected " + e);
                      });
                }),
            system);
    pub.sendNext(1);
    pub.expectCancellation();
    time.timePasses(Duration.ofMinutes(1));
    assertThat(runs.get()).isEqualTo(1);
  }

  @Test
  void takesFromUpstreamOnlyWhatTheInnerSinkAsksFor() throws Exception {
    AtomicInteger emitted = new AtomicInteger();
    Probes.Sub<Integer> sub = new Probes.Sub<>();
    Source.range(1, 1000)
        .map(
            i -> {
              emitted.incrementAndGet();
              return i;
            })
        .runWith(RestartSink.withBackoff(SETTINGS.withMaxRestarts(0, Duration.ofMinutes(1)), sub::sink), system);
    sub.request(2);
    sub.expectNext(1, 2);
    assertThat(emitted.get()).as("at most one element beyond the demand").isLessThanOrEqualTo(3);
    sub.cancel();
  }

  @Test
  void rejectsMissingArguments() {
    assertThatThrownBy(() -> RestartSink.withBackoff(SETTINGS, null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("sinkFactory");
  }
}
