package io.troupe.stream.internal.ops;

import io.troupe.stream.stage.TimerGraphStageLogic;
import java.time.Duration;

/**
 * The deadline of an idle timeout, moved by activity without a timer per element: an element only
 * notes the time, and the one timer, when it fires, either finds the timeout passed since the last
 * element or re-arms itself for the rest. So an idle check costs a clock read per element instead
 * of cancelling and scheduling a timer, and at most one firing per timeout period. (A lazy timer
 * like {@link BackpressureTimeout}'s.) Internal API.
 */
final class IdleDeadline {
  private final TimerGraphStageLogic logic;
  private final Object key;
  private final Duration timeout;
  private final long timeoutNanos;
  private long lastActivity;

  /** The deadline of {@code logic}'s timer {@code key}. */
  IdleDeadline(TimerGraphStageLogic logic, Object key, Duration timeout) {
    this.logic = logic;
    this.key = key;
    this.timeout = timeout;
    this.timeoutNanos = Delay.saturatedNanos(timeout);
  }

  private long now() {
    return logic.materializer().system().scheduler().nanoTime();
  }

  /** Starts the timeout; from the logic's {@code preStart}. */
  void start() {
    lastActivity = now();
    logic.scheduleOnce(key, timeout);
  }

  /** Something passed: the timeout starts again from now. */
  void touch() {
    lastActivity = now();
  }

  /**
   * From the logic's {@code onTimer} for the key: whether the timeout passed since the last
   * activity; if not, the timer is re-armed for the rest of it.
   */
  boolean expired() {
    long idle = now() - lastActivity;
    if (idle >= timeoutNanos) {
      return true;
    }
    logic.scheduleOnce(key, Duration.ofNanos(timeoutNanos - idle));
    return false;
  }
}
