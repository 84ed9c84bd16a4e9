package io.troupe.stream.stage;

import io.troupe.actor.Cancellable;
import io.troupe.stream.Shape;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A stage logic that can schedule named timers; {@link #onTimer(Object)} runs on the stage's
 * island when one fires.
 *
 * <p>A timer is identified by its key: scheduling a key again replaces the earlier timer, and a
 * cancelled or replaced timer never fires, even if its task was already on its way. All timers
 * are cancelled when the stage stops.
 */
public abstract class TimerGraphStageLogic extends GraphStageLogic {
  private record Fired(Object key, long generation) {}

  /** One scheduled timer; periodic timers are chained one-shot tasks. */
  private static final class Timer {
    final long generation;
    final Duration interval;
    final boolean fixedRate;
    long nextDeadline;
    Cancellable task;

    Timer(long generation, Duration interval, boolean fixedRate) {
      this.generation = generation;
      this.interval = interval;
      this.fixedRate = fixedRate;
    }
  }

  /** Created with the first timer, so a logic that never schedules one costs no more than any. */
  private Map<Object, Timer> timers;
  private long generation;
  private AsyncCallback<Fired> callback;

  /** A logic for a stage of shape {@code shape}. */
  protected TimerGraphStageLogic(Shape shape) {
    super(shape);
  }

  /** Called when the timer {@code key} fires. */
  protected abstract void onTimer(Object key) throws Exception;

  private AsyncCallback<Fired> callback() {
    if (callback == null) {
      callback = getAsyncCallback(this::fired);
    }
    return callback;
  }

  private void fired(Fired f) throws Exception {
    Timer t = timers == null ? null : timers.get(f.key());
    if (t == null || t.generation != f.generation()) {
      return;
    }
    if (t.interval == null) {
      timers.remove(f.key());
    } else {
      long now = now();
      t.nextDeadline = t.fixedRate ? t.nextDeadline + t.interval.toNanos() : now + t.interval.toNanos();
      arm(t, f, Duration.ofNanos(Math.max(0, t.nextDeadline - now)));
    }
    onTimer(f.key());
  }

  /** Fires {@code key} once after {@code delay}. */
  public final void scheduleOnce(Object key, Duration delay) {
    schedule(key, delay, null, false);
  }

  /** Fires {@code key} after {@code initialDelay}, then with {@code interval} between firings. */
  public final void scheduleWithFixedDelay(Object key, Duration initialDelay, Duration interval) {
    schedule(key, initialDelay, interval, false);
  }

  /** Fires {@code key} after {@code initialDelay}, then every {@code interval}. */
  public final void scheduleAtFixedRate(Object key, Duration initialDelay, Duration interval) {
    schedule(key, initialDelay, interval, true);
  }

  private void schedule(Object key, Duration delay, Duration interval, boolean fixedRate) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(delay, "delay");
    if (delay.isNegative()) {
      throw new IllegalArgumentException("delay must not be negative, was " + delay);
    }
    if (interval != null && (interval.isNegative() || interval.isZero())) {
      throw new IllegalArgumentException("interval must be positive, was " + interval);
    }
    if (timers == null) {
      timers = new HashMap<>();
      state.addStopHook(this::cancelAllTimers);
    } else {
      cancelTimer(key);
    }
    long gen = ++generation;
    Timer t = new Timer(gen, interval, fixedRate);
    t.nextDeadline = now() + delay.toNanos();
    timers.put(key, t);
    arm(t, new Fired(key, gen), delay);
  }

  /** The scheduler's clock, so that a manual clock (ManualTime) drives periodic timers exactly. */
  private long now() {
    return materializer().system().scheduler().nanoTime();
  }

  private void arm(Timer t, Fired msg, Duration delay) {
    AsyncCallback<Fired> cb = callback();
    t.task = materializer().scheduleOnce(delay, () -> cb.invoke(msg));
  }

  /** Cancels the timer {@code key}; it will not fire. */
  public final void cancelTimer(Object key) {
    Timer t = timers == null ? null : timers.remove(key);
    if (t != null) {
      t.task.cancel();
    }
  }

  /** Whether the timer {@code key} is scheduled. */
  public final boolean isTimerActive(Object key) {
    return timers != null && timers.containsKey(key);
  }

  private void cancelAllTimers() {
    for (Timer t : timers.values()) {
      t.task.cancel();
    }
    timers.clear();
  }
}
