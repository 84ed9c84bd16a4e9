package io.troupe.actor;

import com.typesafe.config.Config;
import java.time.Duration;
import java.util.PriorityQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;

/** A scheduler for tests whose clock only moves in {@link #advance}; due tasks run there, in order. */
public final class ManualScheduler implements Scheduler, AutoCloseable {
  private final PriorityQueue<Task> tasks = new PriorityQueue<>();
  private long now;
  private long sequence;

  public ManualScheduler(Config config, ThreadFactory threadFactory) {}

  static Config config() {
    return com.typesafe.config.ConfigFactory.parseString(
        "troupe.scheduler.implementation = " + ManualScheduler.class.getName()
            + "\ntroupe.coordinated-shutdown.run-by-jvm-shutdown-hook = off");
  }

  static ManualScheduler of(ActorSystem<?> system) {
    return (ManualScheduler) system.scheduler();
  }

  private final class Task implements Cancellable, Comparable<Task> {
    final AtomicBoolean cancelled = new AtomicBoolean();
    final long seq = sequence++;
    long deadline;
    final long period;
    final Runnable runnable;
    final Executor executor;

    Task(long deadline, long period, Runnable runnable, Executor executor) {
      this.deadline = deadline;
      this.period = period;
      this.runnable = runnable;
      this.executor = executor;
    }

    @Override
    public boolean cancel() {
      boolean first = cancelled.compareAndSet(false, true);
      synchronized (ManualScheduler.this) {
        tasks.remove(this);
      }
      return first;
    }

    @Override
    public boolean isCancelled() {
      return cancelled.get();
    }

    @Override
    public int compareTo(Task o) {
      int c = Long.compare(deadline, o.deadline);
      return c != 0 ? c : Long.compare(seq, o.seq);
    }
  }

  private synchronized Cancellable add(Duration delay, long period, Runnable r, Executor e) {
    if (delay.isNegative()) {
      throw new IllegalArgumentException("delay must not be negative, was " + delay);
    }
    Task t = new Task(now + delay.toNanos(), period, r, e);
    tasks.add(t);
    return t;
  }

  @Override
  public Cancellable scheduleOnce(Duration delay, Runnable task, Executor executor) {
    return add(delay, 0, task, executor);
  }

  @Override
  public Cancellable scheduleWithFixedDelay(Duration initialDelay, Duration delay, Runnable task, Executor executor) {
    return add(initialDelay, delay.toNanos(), task, executor);
  }

  @Override
  public Cancellable scheduleAtFixedRate(Duration initialDelay, Duration interval, Runnable task, Executor executor) {
    return add(initialDelay, interval.toNanos(), task, executor);
  }

  @Override
  public synchronized long nanoTime() {
    return now;
  }

  /** Moves the clock and runs every task that falls due, in deadline order. */
  public void advance(Duration d) {
    long target;
    synchronized (this) {
      target = now + d.toNanos();
    }
    while (true) {
      Task t;
      synchronized (this) {
        t = tasks.peek();
        if (t == null || t.deadline > target) {
          now = target;
          return;
        }
        tasks.poll();
        now = t.deadline;
        if (t.period > 0 && !t.isCancelled()) {
          t.deadline += t.period;
          tasks.add(t);
        }
      }
      if (!t.isCancelled()) {
        t.executor.execute(t.runnable);
      }
    }
  }

  /** The number of tasks waiting. */
  public synchronized int pendingTasks() {
    return tasks.size();
  }

  @Override
  public void close() {}
}
