package io.troupe.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** backpressureTimeout on a manual clock: only the test moves time. */
class BackpressureTimeoutTest extends ManualTimeTestBase {
  private static final Duration TIMEOUT = Duration.ofSeconds(1);
  private static final long MS = 1_000_000L;

  /** The failure of the stream with the clock at which it passed the operator's downstream. */
  static final class FailedAt extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final long at;

    FailedAt(long at, Throwable cause) {
      super(cause);
      this.at = at;
    }
  }

  @Test
  void passesElementsWhenDownstreamKeepsUp() throws Exception {
    assertThat(StreamTestBase.await(Source.range(1, 3).backpressureTimeout(TIMEOUT).runWith(Sink.seq(), system)))
        .containsExactly(1, 2, 3);
  }

  @Test
  void failsWhenDownstreamDoesNotPullWithinTheTimeoutAfterAnElement() throws Exception {
    Probes.Pub<Integer> pub = new Probes.Pub<>();
    Probes.Sub<Integer> sub = new Probes.Sub<>();
    AtomicLong pushedAt = new AtomicLong();
    pub.source()
        .backpressureTimeout(TIMEOUT)
        .map(i -> {
          pushedAt.set(clock());
          return i;
        })
        .mapError(Throwable.class, t -> new FailedAt(clock(), t))
        .runWith(sub.sink(), system);
    sub.request(1);
    pub.sendNext(1);
    assertThat(sub.expectNext()).isEqualTo(1);
    // downstream asks for nothing more: time runs out
    long deadline = System.nanoTime() + Probes.TIMEOUT.toNanos();
    while (sub.nothingYet()) {
      assertThat(System.nanoTime()).as("the failure within 10 s").isLessThan(deadline);
      time.timePasses(Duration.ofMillis(100));
      Thread.yield();
    }
    Throwable t = sub.expectError();
    assertThat(t).isInstanceOf(FailedAt.class);
    assertThat(t.getCause())
        .isInstanceOf(BackpressureTimeoutException.class)
        .isInstanceOf(TimeoutException.class)
        .hasMessage("downstream did not pull within PT1S after an element was pushed (backpressureTimeout)");
    assertThat(((FailedAt) t).at - pushedAt.get()).isGreaterThanOrEqualTo(1000 * MS);
    pub.expectCancellation();
  }

  @Test
  void theTimeoutCountsFromTheLatestElementNotTheFirst() throws Exception {
    Probes.Pub<Integer> pub = new Probes.Pub<>();
    Probes.Sub<Integer> sub = new Probes.Sub<>();
    AtomicLong pushedAt = new AtomicLong();
    pub.source()
        .backpressureTimeout(TIMEOUT)
        .map(i -> {
          pushedAt.set(clock());
          return i;
        })
        .mapError(Throwable.class, t -> new FailedAt(clock(), t))
        .runWith(sub.sink(), system);
    sub.request(1);
    pub.sendNext(1);
    sub.expectNext(1);
    time.timePasses(Duration.ofMillis(900));
    // pulled in time: the timer armed for element 1 must not fail element 2
    sub.request(1);
    pub.sendNext(2);
    sub.expectNext(2);
    long secondAt = pushedAt.get();
    long deadline = System.nanoTime() + Probes.TIMEOUT.toNanos();
    while (sub.nothingYet()) {
      assertThat(System.nanoTime()).as("the failure within 10 s").isLessThan(deadline);
      time.timePasses(Duration.ofMillis(100));
      Thread.yield();
    }
    Throwable t = sub.expectError();
    assertThat(t.getCause()).isInstanceOf(BackpressureTimeoutException.class);
    assertThat(((FailedAt) t).at - secondAt).isGreaterThanOrEqualTo(1000 * MS);
  }

  @Test
  void aStreamWaitingForUpstreamDoesNotTimeOut() throws Exception {
    Probes.Pub<Integer> pub = new Probes.Pub<>();
    Probes.Sub<Integer> sub = new Probes.Sub<>();
    pub.source().backpressureTimeout(TIMEOUT).runWith(sub.sink(), system);
    sub.request(1);
    pub.sendNext(1);
    sub.expectNext(1);
    // Downstream asks for more and waits for upstream, which is silent for ten timeouts: that is
    // not backpressure. The request reaches the stage before the clock moves (both are handed to
    // its island in this order); with a demand of 2 up front, the pull the sink makes after the
    // first element could still be queued in the island when the timer was handed over.
    sub.request(1);
    time.timePasses(Duration.ofSeconds(10));
    pub.sendNext(2);
    sub.expectNext(2);
    pub.sendComplete();
    sub.expectComplete();
  }

  @Test
  void upstreamFailurePassesDownstream() throws Exception {
    Probes.Pub<Integer> pub = new Probes.Pub<>();
    Probes.Sub<Integer> sub = new Probes.Sub<>();
    pub.source().backpressureTimeout(TIMEOUT).runWith(sub.sink(), system);
    sub.request(1);
    pub.sendError(new IllegalStateException("boom"));
    assertThat(sub.expectError()).isInstanceOf(IllegalStateException.class).hasMessage("boom");
  }

  @Test
  void downstreamCancellationCancelsUpstream() throws Exception {
    Probes.Pub<Integer> pub = new Probes.Pub<>();
    Probes.Sub<Integer> sub = new Probes.Sub<>();
    pub.source().backpressureTimeout(TIMEOUT).runWith(sub.sink(), system);
    sub.request(1);
    pub.sendNext(1);
    sub.expectNext(1);
    sub.cancel();
    pub.expectCancellation();
  }

  @Test
  void onSubstreamsEachSubstreamHasItsOwnTimeout() throws Exception {
    assertThat(
            StreamTestBase.await(
                Source.range(1, 6)
                    .groupBy(2, i -> i % 2)
                    .backpressureTimeout(TIMEOUT)
                    .mergeSubstreams()
                    .runWith(Sink.seq(), system)))
        .containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6);
    assertThat(
            StreamTestBase.await(
                Source.range(1, 6)
                    .via(Flow.<Integer>create().splitWhen(i -> i == 4).backpressureTimeout(TIMEOUT).concatSubstreams())
                    .runWith(Sink.seq(), system)))
        .containsExactly(1, 2, 3, 4, 5, 6);
  }

  @Test
  void rejectsBadArguments() {
    assertThatThrownBy(() -> Source.single(1).backpressureTimeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("timeout must be positive, was PT0S");
    assertThatThrownBy(() -> Flow.<Integer>create().backpressureTimeout(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("timeout");
  }
}
