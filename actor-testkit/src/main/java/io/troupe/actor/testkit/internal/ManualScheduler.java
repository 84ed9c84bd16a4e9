package io.troupe.actor.testkit.internal;

import com.typesafe.config.Config;
import io.troupe.actor.Cancellable;
import io.troupe.actor.Scheduler;
import java.time.Duration;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Scheduler} whose clock moves only when {@link #timePasses} is called: the scheduler of
 * {@code ManualTime}. Internal API; select it with {@code ManualTime.config()}.
 *
 * <p>Tasks wait in a priority queue ordered by deadline, then by scheduling order. {@code
 * timePasses(d)} takes the due tasks one at a time, sets the clock to each one's deadline, and
 * hands it to its executor on the calling thread, outside the lock, so a task may schedule more;
 * those run too if they fall due within {@code d}. A repeated task is queued again one period
 * after its deadline (with a manual clock, fixed delay and fixed rate coincide). No thread is
 * started.
 */
public final class ManualScheduler implements Scheduler, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ManualScheduler.class);

  private final Object lock = new Object();
  private final PriorityQueue<Task> queue = new PriorityQueue<>();
  private long now; // guarded by lock
  private long sequence; // guarded by lock
  private boolean closed; // guarded by lock

  /** The constructor the actor system calls; neither argument is used. */
  public ManualScheduler(Config config, ThreadFactory threadFactory) {
    Objects.requireNonNull(config, "config");
  }

  @Override
  public Cancellable scheduleOnce(Duration delay, Runnable task, Executor executor) {
    return schedule(requireNonNegative(delay, "delay"), 0, task, executor);
  }

  @Override
  public Cancellable scheduleWithFixedDelay(Duration initialDelay, Duration delay, Runnable task, Executor executor) {
    return schedule(requireNonNegative(initialDelay, "initialDelay"), requirePositive(delay, "delay"), task, executor);
  }

  @Override
  public Cancellable scheduleAtFixedRate(Duration initialDelay, Duration interval, Runnable task, Executor executor) {
    return schedule(requireNonNegative(initialDelay, "initialDelay"), requirePositive(interval, "interval"), task,
        executor);
  }

  private Cancellable schedule(long delayNanos, long periodNanos, Runnable runnable, Executor executor) {
    Objects.requireNonNull(runnable, "task");
    Objects.requireNonNull(executor, "executor");
    synchronized (lock) {
      if (closed) {
        throw new IllegalStateException("the scheduler has been shut down");
      }
      Task t = new Task(saturatedAdd(now, delayNanos), periodNanos, runnable, executor);
      enqueue(t);
      return t;
    }
  }

  private void enqueue(Task t) {
    t.seq = sequence++;
    queue.add(t);
  }

  @Override
  public long nanoTime() {
    synchronized (lock) {
      return now;
    }
  }

  /**
   * Moves the clock forward by {@code amount}, running every task that falls due on the way, in
   * deadline order, each on its executor.
   *
   * @throws IllegalArgumentException if {@code amount} is negative
   * @throws IllegalStateException if the system has terminated
   */
  public void timePasses(Duration amount) {
    long nanos = requireNonNegative(amount, "amount");
    long target;
    synchronized (lock) {
      if (closed) {
        throw new IllegalStateException("time cannot pass: the actor system has terminated");
      }
      target = saturatedAdd(now, nanos);
    }
    while (true) {
      Task due;
      synchronized (lock) {
        due = queue.peek();
        if (due == null || due.deadline > target || closed) {
          now = Math.max(now, target);
          return;
        }
        queue.poll();
        now = Math.max(now, due.deadline);
        if (due.isCancelled()) {
          continue;
        }
        if (due.periodNanos > 0) {
          due.deadline = saturatedAdd(due.deadline, due.periodNanos);
          enqueue(due);
        } else if (!due.compareAndSet(Task.WAITING, Task.DONE)) {
          continue; // cancelled meanwhile
        }
      }
      try {
        due.executor.execute(due.runnable);
      } catch (RuntimeException e) {
        log.error("a task scheduled on manual time failed", e);
      }
    }
  }

  /** How many tasks are waiting (cancelled ones are removed at once). */
  public int pendingTasks() {
    synchronized (lock) {
      return queue.size();
    }
  }

  /** Drops all tasks; the clock stops moving. */
  @Override
  public void close() {
    synchronized (lock) {
      closed = true;
      queue.clear();
    }
  }

  private void remove(Task t) {
    synchronized (lock) {
      queue.remove(t);
    }
  }

  private static long requireNonNegative(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isNegative()) {
      throw new IllegalArgumentException(name + " must not be negative, was " + d);
    }
    return saturatedNanos(d);
  }

  private static long requirePositive(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, was " + d);
    }
    return saturatedNanos(d);
  }

  private static long saturatedNanos(Duration d) {
    try {
      return d.toNanos();
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE;
    }
  }

  private static long saturatedAdd(long a, long b) {
    long r = a + b;
    return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
  }

  /** One scheduled task; its int value is its state. */
  private final class Task extends AtomicInteger implements Cancellable, Comparable<Task> {
    static final int WAITING = 0;
    static final int CANCELLED = 1;
    static final int DONE = 2;

    final long periodNanos;
    final Runnable runnable;
    final Executor executor;
    long deadline; // guarded by lock
    long seq; // guarded by lock

    Task(long deadline, long periodNanos, Runnable runnable, Executor executor) {
      this.deadline = deadline;
      this.periodNanos = periodNanos;
      this.runnable = runnable;
      this.executor = executor;
    }

    @Override
    public boolean cancel() {
      if (compareAndSet(WAITING, CANCELLED)) {
        remove(this);
        return true;
      }
      return false;
    }

    @Override
    public boolean isCancelled() {
      return get() == CANCELLED;
    }

    @Override
    public int compareTo(Task o) {
      int c = Long.compare(deadline, o.deadline);
      return c != 0 ? c : Long.compare(seq, o.seq);
    }
  }
}
