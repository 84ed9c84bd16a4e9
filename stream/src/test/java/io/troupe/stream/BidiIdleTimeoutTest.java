package io.troupe.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.troupe.actor.NotUsed;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/**
 * {@code BidiFlow.bidirectionalIdleTimeout} on a manual clock. A timer that fires is handed to the
 * stage's island while the clock moves, so an element sent after the clock moved reaches the stage
 * behind any expiry: an element that still passes shows the stage had not timed out.
 */
class BidiIdleTimeoutTest extends ManualTimeTestBase {
  private static final Duration TIMEOUT = Duration.ofSeconds(1);

  private static BidiProbes.Ports<Integer, Integer, String, String, NotUsed> probe() {
    return BidiProbes.probe(BidiFlow.<Integer, String>bidirectionalIdleTimeout(TIMEOUT), system);
  }

  @Test
  void elementsInEitherDirectionKeepTheStageAliveAndPassUnchanged() throws Exception {
    BidiProbes.Ports<Integer, Integer, String, String, NotUsed> p = probe();
    p.out1().request(10);
    p.out2().request(10);
    p.in1().sendNext(1);
    assertThat(p.out1().expectNext()).isEqualTo(1);
    time.timePasses(Duration.ofMillis(600));
    p.in2().sendNext("a"); // only the bottom direction moves from here on
    assertThat(p.out2().expectNext()).isEqualTo("a");
    time.timePasses(Duration.ofMillis(600)); // 1.2 s after the top element, 0.6 s after "a"
    p.in2().sendNext("b");
    assertThat(p.out2().expectNext()).isEqualTo("b");
    time.timePasses(Duration.ofMillis(600));
    p.in1().sendNext(2);
    assertThat(p.out1().expectNext()).isEqualTo(2);
    p.in1().sendComplete();
    p.out1().expectComplete();
    p.in2().sendComplete();
    p.out2().expectComplete();
  }

  @Test
  void noElementInEitherDirectionForTheTimeoutFailsBothAndCancelsBothInputs() throws Exception {
    BidiProbes.Ports<Integer, Integer, String, String, NotUsed> p = probe();
    p.out1().request(10);
    p.out2().request(10);
    p.in2().sendNext("a");
    assertThat(p.out2().expectNext()).isEqualTo("a");
    time.timePasses(TIMEOUT);
    assertThat(p.out1().expectError())
        .isInstanceOf(TimeoutException.class)
        .hasMessageContaining("no element passed in either direction for PT1S");
    assertThat(p.out2().expectError()).isInstanceOf(TimeoutException.class);
    p.in1().expectCancellation();
    p.in2().expectCancellation();
  }

  @Test
  void aStreamWithoutAnyElementTimesOutToo() throws Exception {
    BidiProbes.Ports<Integer, Integer, String, String, NotUsed> p = probe();
    p.out1().request(1);
    time.timePasses(TIMEOUT);
    assertThat(p.out1().expectError()).isInstanceOf(TimeoutException.class);
    p.in2().expectCancellation();
  }

  @Test
  void aDirectionThatCompletedLeavesTheOtherUnderTheTimeout() throws Exception {
    BidiProbes.Ports<Integer, Integer, String, String, NotUsed> p = probe();
    p.out1().request(1);
    p.out2().request(1);
    p.in1().sendComplete();
    p.out1().expectComplete();
    time.timePasses(TIMEOUT);
    assertThat(p.out2().expectError()).isInstanceOf(TimeoutException.class);
    p.in2().expectCancellation();
  }

  @Test
  void badTimeoutsAreRejected() {
    assertThatThrownBy(() -> BidiFlow.bidirectionalIdleTimeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("timeout must be positive, was PT0S");
    assertThatThrownBy(() -> BidiFlow.bidirectionalIdleTimeout(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> BidiFlow.bidirectionalIdleTimeout(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("timeout");
  }
}
