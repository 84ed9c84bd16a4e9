package io.troupe.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.troupe.japi.Pair;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** throttle on a manual clock: elements are stamped with the clock when they pass. */
class ThrottleTest extends ManualTimeTestBase {
  private static final long MS = 1_000_000L;

  private static <T> Source<Pair<T, Long>, ?> stamped(Source<T, ?> s) {
    return s.map(e -> Pair.create(e, clock()));
  }

  @Test
  void shapingKeepsElementsApartByTheRate() throws Exception {
    long start = clock();
    CompletableFuture<List<Pair<Integer, Long>>> done =
        stamped(Source.range(1, 5).throttle(1, Duration.ofMillis(100), 1, ThrottleMode.shaping()))
            .runWith(Sink.seq(), system)
            .toCompletableFuture();
    List<Pair<Integer, Long>> out = advanceUntilDone(done, Duration.ofMillis(10));
    assertThat(out).extracting(Pair::first).containsExactly(1, 2, 3, 4, 5);
    // The test moves the clock while the stream runs, so an element released late by its timer
    // may be followed at once by the next (the bucket refilled meanwhile, as in Pekko): the
    // guarantee is the rate over the run, never more than one token per 100 ms after the first.
    for (int i = 1; i < out.size(); i++) {
      assertThat(out.get(i).second() - out.get(0).second())
          .as("element %d", i + 1)
          .isGreaterThanOrEqualTo(i * 100 * MS - 100 * MS);
    }
    assertThat(out.get(4).second() - start).isGreaterThanOrEqualTo(400 * MS);
  }

  @Test
  void aBurstPassesAtOnceThenTheRateApplies() throws Exception {
    Probes.Sub<Pair<Integer, Long>> sub = new Probes.Sub<>();
    long start = clock();
    stamped(Source.range(1, 5).throttle(1, Duration.ofSeconds(1), 3, ThrottleMode.SHAPING))
        .runWith(sub.sink(), system);
    sub.request(10);
    // the clock stands still: only the saved-up burst can pass
    for (int i = 1; i <= 3; i++) {
      Pair<Integer, Long> p = sub.expectNext();
      assertThat(p.first()).isEqualTo(i);
      assertThat(p.second()).isEqualTo(start);
    }
    assertThat(sub.nothingYet()).isTrue();
    long deadline = System.nanoTime() + Probes.TIMEOUT.toNanos();
    while (true) {
      time.timePasses(Duration.ofMillis(100));
      if (!sub.nothingYet()) {
        break;
      }
      assertThat(System.nanoTime()).as("element 4 within 10 s").isLessThan(deadline);
      Thread.yield();
    }
    Pair<Integer, Long> fourth = sub.expectNext();
    assertThat(fourth.first()).isEqualTo(4);
    assertThat(fourth.second() - start).isGreaterThanOrEqualTo(1000 * MS);
    sub.cancel();
  }

  @Test
  void costCalculationChargesEachElementItsCost() throws Exception {
    Probes.Sub<Pair<String, Long>> sub = new Probes.Sub<>();
    long start = clock();
    stamped(Source.from(List.of("aaaaaaaaaa", "aaaaaaaaaa", "a"))
            .throttle(10, Duration.ofSeconds(1), 10, String::length, ThrottleMode.SHAPING))
        .runWith(sub.sink(), system);
    sub.request(3);
    // the clock stands still: the first element spends the whole saved-up burst
    Pair<String, Long> first = sub.expectNext();
    assertThat(first).isEqualTo(Pair.create("aaaaaaaaaa", start));
    assertThat(sub.nothingYet()).isTrue();
    Pair<String, Long> second = nextAsTimePasses(sub, Duration.ofMillis(50));
    assertThat(second.first()).isEqualTo("aaaaaaaaaa");
    assertThat(second.second() - start).as("ten more tokens take a second").isGreaterThanOrEqualTo(1000 * MS);
    Pair<String, Long> third = nextAsTimePasses(sub, Duration.ofMillis(50));
    assertThat(third.first()).isEqualTo("a");
    assertThat(third.second() - start).as("and one more a tenth").isGreaterThanOrEqualTo(1100 * MS);
  }

  /** Lets time pass in steps until the next element arrives. */
  private <T> T nextAsTimePasses(Probes.Sub<T> sub, Duration step) throws Exception {
    long deadline = System.nanoTime() + Probes.TIMEOUT.toNanos();
    while (sub.nothingYet()) {
      assertThat(System.nanoTime()).as("an element within the test timeout").isLessThan(deadline);
      time.timePasses(step);
      Thread.yield();
    }
    return sub.expectNext();
  }

  @Test
  void enforcingFailsWhenTheRateIsExceeded() throws Exception {
    Probes.Sub<Integer> sub = new Probes.Sub<>();
    Source.range(1, 10).throttle(1, Duration.ofSeconds(1), 2, ThrottleMode.enforcing()).runWith(sub.sink(), system);
    sub.request(10);
    sub.expectNext(1, 2);
    assertThat(sub.expectError())
        .isInstanceOf(RateExceededException.class)
        .hasMessage("Maximum throttle throughput exceeded.");
  }

  @Test
  void enforcingPassesElementsWithinTheRate() throws Exception {
    Probes.Pub<Integer> pub = new Probes.Pub<>();
    Probes.Sub<Integer> sub = new Probes.Sub<>();
    pub.source().throttle(1, Duration.ofSeconds(1), 1, ThrottleMode.ENFORCING).runWith(sub.sink(), system);
    sub.request(3);
    for (int i = 1; i <= 3; i++) {
      pub.sendNext(i);
      assertThat(sub.expectNext()).isEqualTo(i);
      time.timePasses(Duration.ofSeconds(1));
    }
    pub.sendComplete();
    sub.expectComplete();
  }

  @Test
  void completionWaitsForTheHeldElement() throws Exception {
    Probes.Pub<Integer> pub = new Probes.Pub<>();
    Probes.Sub<Integer> sub = new Probes.Sub<>();
    pub.source().throttle(1, Duration.ofSeconds(1), 1, ThrottleMode.SHAPING).runWith(sub.sink(), system);
    sub.request(5);
    pub.sendNext(1);
    sub.expectNext(1);
    pub.sendNext(2);
    pub.sendComplete();
    long deadline = System.nanoTime() + Probes.TIMEOUT.toNanos();
    while (sub.nothingYet()) {
      assertThat(System.nanoTime()).as("element 2 within 10 s").isLessThan(deadline);
      time.timePasses(Duration.ofMillis(100));
      Thread.yield();
    }
    sub.expectNext(2);
    sub.expectComplete();
  }

  @Test
  void upstreamFailurePassesDownstream() throws Exception {
    Probes.Pub<Integer> pub = new Probes.Pub<>();
    Probes.Sub<Integer> sub = new Probes.Sub<>();
    pub.source().throttle(5, Duration.ofSeconds(1)).runWith(sub.sink(), system);
    sub.request(1);
    pub.sendError(new IllegalStateException("boom"));
    assertThat(sub.expectError()).hasMessage("boom");
  }

  @Test
  void downstreamCancellationCancelsUpstream() throws Exception {
    Probes.Pub<Integer> pub = new Probes.Pub<>();
    Probes.Sub<Integer> sub = new Probes.Sub<>();
    pub.source().throttle(5, Duration.ofSeconds(1)).runWith(sub.sink(), system);
    sub.request(1);
    pub.sendNext(1);
    sub.expectNext(1);
    sub.cancel();
    pub.expectCancellation();
  }

  @Test
  void emitsOnlyWhatDownstreamAsksFor() throws Exception {
    Probes.Sub<Integer> sub = new Probes.Sub<>();
    Source.range(1, 100).throttle(1000, Duration.ofSeconds(1), 1000, ThrottleMode.SHAPING).runWith(sub.sink(), system);
    sub.request(2);
    sub.expectNext(1, 2);
    sub.request(1);
    sub.expectNext(3);
    assertThat(sub.nothingYet()).isTrue();
    sub.cancel();
  }

  @Test
  void rejectsBadArguments() {
    Source<Integer, ?> s = Source.range(1, 2);
    assertThatThrownBy(() -> s.throttle(0, Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("throttle: cost (elements) must be > 0, was 0");
    assertThatThrownBy(() -> s.throttle(1, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("throttle: per must be positive, was PT0S");
    assertThatThrownBy(() -> s.throttle(1, Duration.ofSeconds(1), 0, ThrottleMode.SHAPING))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("throttle: maximumBurst must be > 0, was 0");
    assertThatThrownBy(() -> Flow.<Integer>create().throttle(1, Duration.ofSeconds(1), 1, null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("mode");
  }

  @Test
  void aNegativeCostFailsTheStream() throws Exception {
    Throwable t =
        StreamTestBase.awaitFailure(
            Source.single("x").throttle(1, Duration.ofSeconds(1), 1, e -> -1, ThrottleMode.SHAPING)
                .runWith(Sink.seq(), system));
    assertThat(t)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("throttle: cost of element x must be >= 0, was -1");
  }
}
