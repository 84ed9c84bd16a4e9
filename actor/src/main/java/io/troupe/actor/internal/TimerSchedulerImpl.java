package io.troupe.actor.internal;

import io.troupe.actor.Cancellable;
import io.troupe.actor.Scheduler;
import io.troupe.actor.TimerScheduler;
import java.time.Duration;
import java.util.HashMap;
import java.util.Objects;

/**
 * An actor's timers. Each start gets a new generation; a firing timer puts an envelope with its
 * key and generation in the mailbox, and the envelope is delivered only if that key still has
 * that generation, so a cancelled or replaced timer never delivers. Owned by the actor's turn.
 */
final class TimerSchedulerImpl<T> implements TimerScheduler<T> {
  private final ActorCell<T> cell;
  private final HashMap<Object, Timer<T>> timers = new HashMap<>();
  private int generation;

  TimerSchedulerImpl(ActorCell<T> cell) {
    this.cell = cell;
  }

  @Override
  public void startSingleTimer(Object key, T msg, Duration delay) {
    requireNonNegative(delay, "delay");
    start(key, msg, false, (s, fire) -> s.scheduleOnce(delay, fire, CallingThreadExecutor.INSTANCE));
  }

  @Override
  public void startTimerWithFixedDelay(Object key, T msg, Duration initialDelay, Duration delay) {
    requireNonNegative(initialDelay, "initialDelay");
    requirePositive(delay, "delay");
    start(key, msg, true,
        (s, fire) -> s.scheduleWithFixedDelay(initialDelay, delay, fire, CallingThreadExecutor.INSTANCE));
  }

  @Override
  public void startTimerAtFixedRate(Object key, T msg, Duration initialDelay, Duration interval) {
    requireNonNegative(initialDelay, "initialDelay");
    requirePositive(interval, "interval");
    start(key, msg, true,
        (s, fire) -> s.scheduleAtFixedRate(initialDelay, interval, fire, CallingThreadExecutor.INSTANCE));
  }

  private interface Starter {
    Cancellable start(Scheduler scheduler, Runnable fire);
  }

  private void start(Object key, T msg, boolean repeat, Starter starter) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(msg, "msg");
    cancel(key);
    TimerMessage fire = new TimerMessage(key, ++generation, msg);
    Cancellable task = starter.start(cell.system.scheduler(), () -> cell.enqueue(fire));
    timers.put(key, new Timer<>(msg, fire.generation, repeat, task));
  }

  /** The message to deliver for a fired envelope, or {@code null} if the timer is no longer current. */
  T messageFor(TimerMessage fired) {
    Timer<T> t = timers.get(fired.key);
    if (t == null || t.generation != fired.generation) {
      return null;
    }
    if (!t.repeat) {
      timers.remove(fired.key);
    }
    return t.msg;
  }

  @Override
  public boolean isTimerActive(Object key) {
    return timers.containsKey(key);
  }

  @Override
  public void cancel(Object key) {
    Timer<T> t = timers.remove(key);
    if (t != null) {
      t.task.cancel();
    }
  }

  @Override
  public void cancelAll() {
    for (Timer<T> t : timers.values()) {
      t.task.cancel();
    }
    timers.clear();
  }

  private static void requireNonNegative(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isNegative()) {
      throw new IllegalArgumentException(name + " must not be negative, was " + d);
    }
  }

  private static void requirePositive(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, was " + d);
    }
  }

  private record Timer<T>(T msg, int generation, boolean repeat, Cancellable task) {}

  /** The envelope a firing timer puts in the mailbox. */
  static final class TimerMessage extends CellMessage {
    final Object key;
    final int generation;
    final Object msg;

    TimerMessage(Object key, int generation, Object msg) {
      this.key = key;
      this.generation = generation;
      this.msg = msg;
    }

    @Override
    void deliver(ActorCell<?> cell) {
      cell.timerFired(this);
    }

    @Override
    Object payload() {
      return msg;
    }
  }
}
