package io.troupe.actor.internal;

import com.typesafe.config.Config;
import io.troupe.actor.Cancellable;
import io.troupe.actor.Scheduler;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default {@link Scheduler}: a hashed timing wheel turned by one thread.
 *
 * <pre>
 *  schedule() ──► incoming (lock-free queue) ──► each tick the timer thread moves new tasks
 *                                                 into wheel[deadlineTick &amp; mask] and runs
 *                                                 the tasks of the current bucket whose round
 *                                                 has come, on their executors
 * </pre>
 *
 * A task never runs before its delay has passed; it runs at most one tick late (plus the time
 * its executor takes). Cancelling is a CAS on the task and the wheel drops it when it passes its
 * bucket. Reference: Varghese and Lauck, "Hashed and hierarchical timing wheels" (1987).
 */
public final class HashedWheelScheduler implements Scheduler, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(HashedWheelScheduler.class);

  private final long tickNanos;
  private final Task[] wheel; // bucket heads, each a doubly linked list; timer thread only
  private final int mask;
  private final ConcurrentLinkedQueue<Task> incoming = new ConcurrentLinkedQueue<>();
  private final Thread thread;
  private final long startNanos;
  private volatile boolean closed;
  private long tick; // timer thread only

  /** Creates the scheduler from {@code troupe.scheduler} and starts its thread. */
  public HashedWheelScheduler(Config config, ThreadFactory threadFactory) {
    Config c = config.getConfig("troupe.scheduler");
    Duration tickDuration = c.getDuration("tick-duration");
    int ticksPerWheel = c.getInt("ticks-per-wheel");
    if (tickDuration.toMillis() < 1) {
      throw new IllegalArgumentException("troupe.scheduler.tick-duration must be at least 1 ms, was " + tickDuration);
    }
    if (ticksPerWheel < 1 || Integer.bitCount(ticksPerWheel) != 1) {
      throw new IllegalArgumentException(
          "troupe.scheduler.ticks-per-wheel must be a positive power of two, was " + ticksPerWheel);
    }
    this.tickNanos = tickDuration.toNanos();
    this.wheel = new Task[ticksPerWheel];
    this.mask = ticksPerWheel - 1;
    this.startNanos = System.nanoTime();
    this.thread = threadFactory.newThread(this::turn);
    this.thread.start();
  }

  @Override
  public long nanoTime() {
    return System.nanoTime();
  }

  @Override
  public Cancellable scheduleOnce(Duration delay, Runnable task, Executor executor) {
    return schedule(delay, 0, false, task, executor, "delay");
  }

  @Override
  public Cancellable scheduleWithFixedDelay(Duration initialDelay, Duration delay, Runnable task, Executor executor) {
    requirePositive(delay, "delay");
    return schedule(initialDelay, delay.toNanos(), false, task, executor, "initialDelay");
  }

  @Override
  public Cancellable scheduleAtFixedRate(Duration initialDelay, Duration interval, Runnable task, Executor executor) {
    requirePositive(interval, "interval");
    return schedule(initialDelay, interval.toNanos(), true, task, executor, "initialDelay");
  }

  private Cancellable schedule(
      Duration delay, long periodNanos, boolean fixedRate, Runnable task, Executor executor, String what) {
    Objects.requireNonNull(delay, what);
    Objects.requireNonNull(task, "task");
    Objects.requireNonNull(executor, "executor");
    if (delay.isNegative()) {
      throw new IllegalArgumentException(what + " must not be negative, was " + delay);
    }
    if (closed) {
      throw new IllegalStateException("the scheduler has been shut down");
    }
    Task t = new Task(nanoTime() + saturatedNanos(delay), periodNanos, fixedRate, task, executor);
    incoming.add(t);
    return t;
  }

  static void requirePositive(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, was " + d);
    }
  }

  private static long saturatedNanos(Duration d) {
    try {
      return Math.min(d.toNanos(), Long.MAX_VALUE / 4);
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE / 4;
    }
  }

  /** Stops the timer thread and waits for it; tasks not yet run are dropped. */
  @Override
  public void close() {
    closed = true;
    LockSupport.unpark(thread);
    if (Thread.currentThread() != thread) {
      boolean interrupted = false;
      while (thread.isAlive()) {
        try {
          thread.join();
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void turn() {
    while (!closed) {
      long deadline = startNanos + (tick + 1) * tickNanos;
      long now;
      while ((now = System.nanoTime()) < deadline && !closed) {
        LockSupport.parkNanos(this, deadline - now);
      }
      if (closed) {
        break;
      }
      transferIncoming();
      expire((int) (tick & mask));
      tick++;
    }
  }

  private void transferIncoming() {
    for (int i = 0; i < 100_000; i++) {
      Task t = incoming.poll();
      if (t == null) {
        return;
      }
      if (!t.isCancelled()) {
        insert(t, tick); // before this tick's bucket is expired: it may still fire now
      }
    }
  }

  private void insert(Task t, long earliestTick) {
    long calculated = Math.ceilDiv(t.deadline - startNanos, tickNanos) - 1;
    long targetTick = Math.max(calculated, earliestTick);
    // The bucket is visited next at earliestTick; each visit before the target takes one round.
    t.rounds = (targetTick - earliestTick) / wheel.length;
    int bucket = (int) (targetTick & mask);
    t.prev = null;
    t.next = wheel[bucket];
    if (t.next != null) {
      t.next.prev = t;
    }
    wheel[bucket] = t;
  }

  private void remove(Task t, int bucket) {
    if (t.prev != null) {
      t.prev.next = t.next;
    } else {
      wheel[bucket] = t.next;
    }
    if (t.next != null) {
      t.next.prev = t.prev;
    }
    t.next = null;
    t.prev = null;
  }

  private void expire(int bucket) {
    Task t = wheel[bucket];
    while (t != null) {
      Task next = t.next;
      if (t.isCancelled()) {
        remove(t, bucket);
      } else if (t.rounds <= 0) {
        remove(t, bucket);
        fire(t);
      } else {
        t.rounds--;
      }
      t = next;
    }
  }

  private void fire(Task t) {
    if (t.periodNanos == 0) {
      if (!t.compareAndSet(Task.WAITING, Task.DONE)) {
        return;
      }
      run(t);
    } else {
      run(t);
      t.deadline = t.fixedRate ? t.deadline + t.periodNanos : System.nanoTime() + t.periodNanos;
      if (!t.isCancelled()) {
        insert(t, tick + 1); // the current bucket is being expired: the earliest is the next
      }
    }
  }

  private static void run(Task t) {
    try {
      t.executor.execute(t.runnable);
    } catch (RejectedExecutionException e) {
      log.debug("scheduled task rejected by its executor (shutting down?): {}", e.toString());
    } catch (RuntimeException | Error e) {
      log.error("scheduled task failed", e);
    }
  }

  /** One scheduled task; its int value is its state. */
  private static final class Task extends AtomicInteger implements Cancellable {
    static final int WAITING = 0;
    static final int CANCELLED = 1;
    static final int DONE = 2;

    final long periodNanos;
    final boolean fixedRate;
    final Runnable runnable;
    final Executor executor;
    long deadline;
    long rounds;
    Task next;
    Task prev;

    Task(long deadline, long periodNanos, boolean fixedRate, Runnable runnable, Executor executor) {
      this.deadline = deadline;
      this.periodNanos = periodNanos;
      this.fixedRate = fixedRate;
      this.runnable = runnable;
      this.executor = executor;
    }

    @Override
    public boolean cancel() {
      return compareAndSet(WAITING, CANCELLED);
    }

    @Override
    public boolean isCancelled() {
      return get() == CANCELLED;
    }
  }
}
