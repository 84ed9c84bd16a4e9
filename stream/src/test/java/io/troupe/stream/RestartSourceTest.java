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

/** RestartSource on a manual clock. */
class RestartSourceTest extends ManualTimeTestBase {
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
  void restartsAfterFailuresAreLoggedAtWarnThenAtTheCriticalLevelWithTheStackTrace()
      throws Exception {
    RestartSettings settings = GROWING.withLogSettings(
        RestartSettings.LogSettings.create(org.slf4j.event.Level.WARN)
            .withCriticalLogLevel(org.slf4j.event.Level.ERROR, 1)
            .withVerboseLogsAfter(1));
    AtomicInteger runs = new AtomicInteger();
    java.util.function.Supplier<List<Integer>> run = () -> {
      CompletableFuture<List<Integer>> done =
          RestartSource.onFailuresWithBackoff(
                  settings,
                  () -> runs.getAndIncrement() < 2
                      ? Source.<Integer>failed(new IllegalStateException("lost connection"))
                      : Source.single(7))
              .runWith(Sink.seq(), system)
              .toCompletableFuture();
      try {
        return advanceUntilDone(done, Duration.ofMillis(10));
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    };
    String logger = RestartSource.class.getName();
    List<Integer> out =
        io.troupe.actor.testkit.LoggingTestKit.custom(
                e -> e.loggerName().equals(logger)
                    && e.level() == org.slf4j.event.Level.WARN
                    && e.message().contains("after a failure [1]")
                    && e.message().contains("lost connection")
                    && e.throwable().isEmpty())
            .expect(system, () ->
                io.troupe.actor.testkit.LoggingTestKit.custom(
                        e -> e.loggerName().equals(logger)
                            && e.level() == org.slf4j.event.Level.ERROR
                            && e.message().contains("after a failure [2]")
                            && e.throwable().filter(IllegalStateException.class::isInstance)
                                .isPresent())
                    .expect(system, run));
    assertThat(out).containsExactly(7);
    assertThatThrownBy(() -> RestartSettings.LogSettings.DEFAULT.withVerboseLogsAfter(-1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(SETTINGS.logSettings().logLevel()).isEqualTo(org.slf4j.event.Level.WARN);
    assertThat(SETTINGS.logSettings().verboseLogsAfter()).isEmpty();
  }

  @Test
  void withBackoffRestartsAfterCompletionWithGrowingDelays() throws Exception {
    AtomicInteger runs = new AtomicInteger();
    CompletableFuture<List<Pair<Integer, Long>>> done =
        RestartSource.withBackoff(
                GROWING,
                () -> {
                  int n = runs.getAndIncrement();
                  return Source.from(List.of(n * 10 + 1, n * 10 + 2));
                })
            .map(e -> Pair.create(e, clock()))
            .take(6)
            .runWith(Sink.seq(), system)
            .toCompletableFuture();
    List<Pair<Integer, Long>> out = advanceUntilDone(done, Duration.ofMillis(10));
    assertThat(out).extracting(Pair::first).containsExactly(1, 2, 11, 12, 21, 22);
    assertThat(out.get(2).second() - out.get(1).second()).isGreaterThanOrEqualTo(100 * MS);
    assertThat(out.get(4).second() - out.get(3).second()).isGreaterThanOrEqualTo(200 * MS);
    assertThat(runs.get()).isEqualTo(3);
  }

  @Test
  void onFailuresWithBackoffRestartsAfterAFailureAndCompletesWithTheInnerSource() throws Exception {
    AtomicInteger runs = new AtomicInteger();
    CompletableFuture<List<Integer>> done =
        RestartSource.onFailuresWithBackoff(
                SETTINGS,
                () ->
                    runs.getAndIncrement() == 0
                        ? Source.from(List.of(1, 0))
                            .map(
                                i -> {
                                  if (i == 0) {
                                    throw new IllegalStateException("lost connection");
                                  }
                                  return i;
                                })
                        : Source.from(List.of(2, 3)))
            .runWith(Sink.seq(), system)
            .toCompletableFuture();
    assertThat(advanceUntilDone(done, Duration.ofMillis(10))).containsExactly(1, 2, 3);
    assertThat(runs.get()).isEqualTo(2);
  }

  @Test
  void pastMaxRestartsTheLastFailureFailsTheSource() throws Exception {
    AtomicInteger runs = new AtomicInteger();
    CompletableFuture<List<Integer>> done =
        RestartSource.withBackoff(
                SETTINGS.withMaxRestarts(2, Duration.ofHours(10)),
                () -> Source.<Integer>failed(new IllegalStateException("attempt " + runs.incrementAndGet())))
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
  void aFailureTheRestartPredicateRejectsFailsTheSource() throws Exception {
    AtomicInteger runs = new AtomicInteger();
    CompletableFuture<List<Integer>> done =
        RestartSource.withBackoff(
                SETTINGS.withRestartOn(ex -> ex instanceof IllegalStateException),
                () -> {
                  runs.incrementAndGet();
                  return Source.<Integer>failed(new IllegalArgumentException("not transient"));
                })
            .runWith(Sink.seq(), system)
            .toCompletableFuture();
    assertThatThrownBy(() -> advanceUntilDone(done, Duration.ofMillis(10)))
        .cause()
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("not transient");
    assertThat(runs.get()).isEqualTo(1);
  }

  @Test
  void theRestartCountGoesBackToZeroOnceTheInnerSourceRanMaxRestartsWithin() throws Exception {
    AtomicInteger runs = new AtomicInteger();
    CompletableFuture<List<Integer>> done =
        RestartSource.withBackoff(
                SETTINGS.withMaxRestarts(1, Duration.ofHours(1)),
                () -> {
                  int run = runs.getAndIncrement();
                  if (run == 1) {
                    // runs for 2 hours (longer than the 1 hour window) before failing
                    return Source.<Integer>maybe().idleTimeout(Duration.ofHours(2));
                  }
                  return Source.<Integer>failed(new IllegalStateException("attempt " + run));
                })
            .runWith(Sink.seq(), system)
            .toCompletableFuture();
    // big steps while the long run idles, small ones once the last run started, so that the
    // clock never moves an hour between a start and its immediate failure
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
    while (runs.get() < 3) {
      assertThat(System.nanoTime()).as("three runs within 10 s").isLessThan(deadline);
      time.timePasses(runs.get() < 2 ? Duration.ofMillis(10) : Duration.ofMinutes(1));
      Thread.yield();
    }
    // without the reset, the long run's TimeoutException would have ended the source
    assertThatThrownBy(() -> advanceUntilDone(done, Duration.ofMillis(10)))
        .cause()
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("attempt 2");
    assertThat(runs.get()).as("one restart, a long run that resets the count, one more restart").isEqualTo(3);
  }

  @Test
  void aNegativeMaxRestartsMeansNoLimit() throws Exception {
    AtomicInteger runs = new AtomicInteger();
    CompletableFuture<List<Integer>> done =
        RestartSource.withBackoff(
                SETTINGS.withMaxRestarts(-1, Duration.ofMinutes(10)),
                () -> Source.single(runs.incrementAndGet()))
            .take(5)
            .runWith(Sink.seq(), system)
            .toCompletableFuture();
    assertThat(advanceUntilDone(done, Duration.ofMillis(50))).containsExactly(1, 2, 3, 4, 5);
  }

  @Test
  void downstreamCancellationCancelsTheInnerSourceAndStopsRestarting() throws Exception {
    AtomicInteger runs = new AtomicInteger();
    Probes.Pub<Integer> pub = new Probes.Pub<>();
    Probes.Sub<Integer> sub = new Probes.Sub<>();
    RestartSource.withBackoff(
            SETTINGS,
            () -> {
              runs.incrementAndGet();
              return pub.source();
            })
        .runWith(sub.sink(), system);
    sub.request(1);
    pub.sendNext(7);
    sub.expectNext(7);
    sub.cancel();
    pub.expectCancellation();
    time.timePasses(Duration.ofMinutes(1));
    assertThat(runs.get()).isEqualTo(1);
  }

  @Test
  void emitsOnlyWhatDownstreamAsksFor() throws Exception {
    Probes.Sub<Integer> sub = new Probes.Sub<>();
    RestartSource.withBackoff(SETTINGS, () -> Source.range(1, 100)).runWith(sub.sink(), system);
    sub.request(2);
    sub.expectNext(1, 2);
    sub.request(1);
    sub.expectNext(3);
    assertThat(sub.nothingYet()).isTrue();
    sub.cancel();
  }

  @Test
  void rejectsBadSettings() {
    assertThatThrownBy(() -> RestartSettings.create(Duration.ZERO, Duration.ofSeconds(1), 0.2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("RestartSettings: minBackoff must be positive, was PT0S");
    assertThatThrownBy(() -> RestartSettings.create(Duration.ofSeconds(2), Duration.ofSeconds(1), 0.2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("RestartSettings: maxBackoff must be >= minBackoff (PT2S), was PT1S");
    assertThatThrownBy(() -> RestartSettings.create(Duration.ofSeconds(1), Duration.ofSeconds(1), -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("RestartSettings: randomFactor must be >= 0, was -1.0");
    assertThatThrownBy(() -> SETTINGS.withMaxRestarts(3, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("RestartSettings: maxRestartsWithin must be positive, was PT0S");
    assertThatThrownBy(() -> SETTINGS.withMaxBackoff(Duration.ofMillis(10)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("RestartSettings: maxBackoff must be >= minBackoff (PT0.1S), was PT0.01S");
    assertThatThrownBy(() -> RestartSource.withBackoff(SETTINGS, null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("sourceFactory");
  }
}
