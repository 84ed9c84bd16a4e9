package io.troupe.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/**
 * Time operators with short real durations: each assertion is about what happens, never about
 * how long it took, so a slow machine only makes the tests slower.
 */
class TimeOperatorsTest extends StreamTestBase {
  private static final Duration SHORT = Duration.ofMillis(50);

  @Test
  void groupedWithinEmitsFullGroupsBeforeTheIntervalAndTheRestAtCompletion() throws Exception {
    assertThat(
            await(
                Source.range(1, 7).groupedWithin(3, Duration.ofSeconds(30)).runWith(Sink.seq(), system)))
        .containsExactly(List.of(1, 2, 3), List.of(4, 5, 6), List.of(7));
  }

  @Test
  void groupedWithinEmitsAPartialGroupWhenTheIntervalPasses() throws Exception {
    Probes.Pub<Integer> pub = new Probes.Pub<>();
    Probes.Sub<List<Integer>> sub = new Probes.Sub<>();
    pub.source().groupedWithin(100, SHORT).runWith(sub.sink(), system);
    sub.request(2);
    pub.sendNext(1).sendNext(2);
    // the group is far from full: only the interval can emit it
    assertThat(sub.expectNext()).containsExactly(1, 2);
    pub.sendNext(3);
    pub.sendComplete();
    assertThat(sub.expectNext()).containsExactly(3);
    sub.expectComplete();
  }

  @Test
  void groupedWithinBackpressuresWhenAGroupIsFullAndDownstreamWaits() throws Exception {
    Probes.Pub<Integer> pub = new Probes.Pub<>();
    Probes.Sub<List<Integer>> sub = new Probes.Sub<>();
    pub.source().groupedWithin(2, Duration.ofSeconds(30)).runWith(sub.sink(), system);
    for (int i = 1; i <= 6; i++) {
      pub.sendNext(i);
    }
    pub.sendComplete();
    sub.request(10);
    assertThat(sub.expectNextN(3)).containsExactly(List.of(1, 2), List.of(3, 4), List.of(5, 6));
    sub.expectComplete();
  }

  @Test
  void groupedWithinRejectsBadArguments() {
    assertThatThrownBy(() -> Source.range(1, 2).groupedWithin(0, SHORT))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("n must be > 0, was 0");
    assertThatThrownBy(() -> Source.range(1, 2).groupedWithin(1, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("interval must be positive, was PT0S");
  }

  @Test
  void takeWithinCompletesAndCancelsUpstreamWhenTheDurationPasses() throws Exception {
    Probes.Pub<Integer> pub = new Probes.Pub<>();
    Probes.Sub<Integer> sub = new Probes.Sub<>();
    pub.source().takeWithin(SHORT).runWith(sub.sink(), system);
    sub.request(1);
    sub.expectComplete();
    pub.expectCancellation();
  }

  @Test
  void takeWithinPassesElementsOfAShortStream() throws Exception {
    assertThat(await(Source.range(1, 3).takeWithin(Duration.ofSeconds(30)).runWith(Sink.seq(), system)))
        .containsExactly(1, 2, 3);
  }

  @Test
  void dropWithinPassesWhatArrivesAfterTheDuration() throws Exception {
    Probes.Pub<Integer> pub = new Probes.Pub<>();
    Probes.Sub<Integer> sub = new Probes.Sub<>();
    pub.source().dropWithin(SHORT).runWith(sub.sink(), system);
    sub.request(Long.MAX_VALUE);
    // keep sending until an element gets through: all later ones must follow in order
    int i = 0;
    Integer first = null;
    while (first == null) {
      pub.sendNext(++i);
      if (!sub.nothingYet()) {
        first = sub.expectNext();
      }
      Thread.onSpinWait();
    }
    pub.sendNext(-1);
    // every element sent after the first one that passed comes through, in order
    for (int expected = first + 1; expected <= i; expected++) {
      assertThat(sub.expectNext()).isEqualTo(expected);
    }
    assertThat(sub.expectNext()).isEqualTo(-1);
    pub.sendComplete();
    sub.expectComplete();
  }

  @Test
  void idleTimeoutFailsASilentStream() throws Exception {
    Probes.Pub<Integer> pub = new Probes.Pub<>();
    Probes.Sub<Integer> sub = new Probes.Sub<>();
    pub.source().idleTimeout(SHORT).runWith(sub.sink(), system);
    sub.request(1);
    assertThat(sub.expectError()).isInstanceOf(TimeoutException.class).hasMessageContaining("idleTimeout");
    pub.expectCancellation();
  }

  @Test
  void initialTimeoutFailsWithoutAFirstElementAndIsHarmlessOnceOneArrived() throws Exception {
    Probes.Pub<Integer> pub = new Probes.Pub<>();
    Probes.Sub<Integer> sub = new Probes.Sub<>();
    pub.source().initialTimeout(SHORT).runWith(sub.sink(), system);
    sub.request(1);
    assertThat(sub.expectError()).isInstanceOf(TimeoutException.class).hasMessageContaining("initialTimeout");
    assertThat(await(Source.range(1, 3).initialTimeout(Duration.ofSeconds(30)).runWith(Sink.seq(), system)))
        .containsExactly(1, 2, 3);
  }

  @Test
  void completionTimeoutFailsAStreamThatDoesNotComplete() throws Exception {
    Throwable t =
        awaitFailure(Source.<Integer>maybe().completionTimeout(SHORT).runWith(Sink.seq(), system));
    assertThat(t).isInstanceOf(TimeoutException.class).hasMessageContaining("completionTimeout");
    assertThat(await(Source.range(1, 2).completionTimeout(Duration.ofSeconds(30)).runWith(Sink.seq(), system)))
        .containsExactly(1, 2);
  }

  @Test
  void keepAliveInjectsElementsWhileUpstreamIsSilent() throws Exception {
    Probes.Pub<Integer> pub = new Probes.Pub<>();
    Probes.Sub<Integer> sub = new Probes.Sub<>();
    pub.source().keepAlive(SHORT, () -> 0).runWith(sub.sink(), system);
    sub.request(2).expectNext(0, 0);
    sub.request(1);
    pub.sendNext(7);
    // an injected 0 may come first if the timer won the race; the real element follows
    Integer e = sub.expectNext();
    if (e == 0) {
      e = sub.expectNext();
    }
    assertThat(e).isEqualTo(7);
  }
}
