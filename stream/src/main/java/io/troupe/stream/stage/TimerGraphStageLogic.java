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

  private record Timer(long generation, Cancellable task, boolean repeating) {}

  private final Map<Object, Timer> timers = new HashMap<>();
  private long generation;
  private AsyncCallback<Fired> callback;

  /** A logic for a stage of shape {@code shape}. */
  @SuppressWarnings("this-escape")
  protected TimerGraphStageLogic(Shape shape) {
    super(shape);
    state.addStopHook(this::cancelAllTimers);
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
    Timer t = timers.get(f.key());
    if (t == null || t.generation() != f.generation()) {
      return;
    }
    if (!t.repeating()) {
      timers.remove(f.key());
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
    cancelTimer(key);
    long gen = ++generation;
    Fired msg = new Fired(key, gen);
    AsyncCallback<Fired> cb = callback();
    Runnable task = () -> cb.invoke(msg);
    Cancellable c;
    if (interval == null) {
      c = materializer().scheduleOnce(delay, task);
    } else if (fixedRate) {
      c = materializer().scheduleAtFixedRate(delay, interval, task);
    } else {
      c = materializer().scheduleWithFixedDelay(delay, interval, task);
    }
    timers.put(key, new Timer(gen, c, interval != null));
  }

  /** Cancels the timer {@code key}; it will not fire. */
  public final void cancelTimer(Object key) {
    Timer t = timers.remove(key);
    if (t != null) {
      t.task().cancel();
    }
  }

  /** Whether the timer {@code key} is scheduled. */
  public final boolean isTimerActive(Object key) {
    return timers.containsKey(key);
  }

  private void cancelAllTimers() {
    for (Timer t : timers.values()) {
      t.task().cancel();
    }
    timers.clear();
  }
}
