package io.troupe.actor.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs actor turns on an executor. As an {@link Executor} it also runs plain tasks, for future
 * callbacks that belong with the actors it runs.
 */
abstract class Dispatcher implements Executor {
  final String id;
  final int throughput;

  Dispatcher(String id, int throughput) {
    this.id = id;
    this.throughput = throughput;
  }

  /** Submits the cell's next turn. */
  abstract void schedule(ActorCell<?> cell);

  /** Stops taking work; returns at once. */
  abstract void shutdown();

  /** Waits for running work to finish; interrupts it after the timeout. Returns whether it finished in time. */
  abstract boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException;

  @Override
  public String toString() {
    return "Dispatcher(" + id + ")";
  }

  /**
   * Submits a cell that its thread will not run next: the turn-yield path, which must go to the
   * back of the queue.
   */
  void scheduleElsewhere(ActorCell<?> cell) {
    schedule(cell);
  }

  /**
   * The default: a work-stealing pool in FIFO mode; cells are submitted as tasks themselves.
   *
   * <p>Run-next: when a turn running on one of the pool's threads makes another cell runnable
   * (it told it something), that cell goes into the thread's run-next slot instead of the pool,
   * and the thread runs it as soon as the current turn ends. A request-reply pair thus stays on
   * one warm thread and never pays for waking another, which is most of the cost of a message
   * hop through a pool. The slot is spilled to the pool (waking a helper) as soon as the current
   * turn has another message to handle, so a producer never holds back its consumer, and after
   * {@link Worker#MAX_CHAIN} hand-offs in a row, so that nothing queued behind starves. A handler
   * that blocks after telling would hold the readied cell back; a watchdog thread therefore
   * moves a cell that has sat in a slot across two of its rounds ({@link #WATCHDOG_NANOS} apart)
   * to the pool. The idea is the {@code runnext} slot of Go's scheduler and its sysmon.
   */
  static final class ForkJoin extends Dispatcher {
    static final long WATCHDOG_NANOS = 2_000_000;

    private final ForkJoinPool pool;
    private final List<Worker> workers;
    private final Thread watchdog;
    private volatile boolean stopped;

    ForkJoin(String id, int throughput, ForkJoinPool pool, List<Worker> workers, ThreadFactory watchdogThreads) {
      super(id, throughput);
      this.pool = pool;
      this.workers = workers;
      this.watchdog = watchdogThreads.newThread(this::watch);
      this.watchdog.start();
    }

    @Override
    void schedule(ActorCell<?> cell) {
      if (Thread.currentThread() instanceof Worker w && w.inTurn && w.getPool() == pool && w.offerNext(cell)) {
        return;
      }
      pool.execute((ForkJoinTask<?>) cell);
    }

    @Override
    void scheduleElsewhere(ActorCell<?> cell) {
      pool.execute((ForkJoinTask<?>) cell);
    }

    private void watch() {
      while (!stopped) {
        LockSupport.parkNanos(this, WATCHDOG_NANOS);
        for (Worker w : workers) {
          w.rescueStaleNext();
        }
      }
    }

    @Override
    public void execute(Runnable command) {
      if (command instanceof ForkJoinTask<?> task) {
        pool.execute(task); // a task that is its own Runnable (a stream island): no wrapper
      } else {
        pool.execute(command);
      }
    }

    @Override
    void shutdown() {
      stopped = true;
      LockSupport.unpark(watchdog);
      pool.shutdown();
    }

    @Override
    boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
      watchdog.join(unit.toMillis(timeout) + 1);
      if (pool.awaitTermination(timeout, unit)) {
        return true;
      }
      pool.shutdownNow();
      return pool.awaitTermination(timeout, unit);
    }
  }

  /** A thread of a {@link ForkJoin} dispatcher, with its run-next slot. */
  static final class Worker extends ForkJoinWorkerThread {
    static final int MAX_CHAIN = 64;
    private static final VarHandle NEXT;

    static {
      try {
        NEXT = MethodHandles.lookup().findVarHandle(Worker.class, "next", ActorCell.class);
      } catch (ReflectiveOperationException e) {
        throw new ExceptionInInitializerError(e);
      }
    }

    private final List<Worker> registry;
    // Set only by this thread; taken by this thread or, when stale, by the watchdog (CAS).
    private volatile ActorCell<?> next;
    private long handoffs; // written by this thread, read racily by the watchdog
    boolean inTurn; // this thread only
    private ActorCell<?> seenNext; // watchdog only
    private long seenHandoffs; // watchdog only

    Worker(ForkJoinPool pool, List<Worker> registry) {
      super(null, pool, true);
      this.registry = registry;
    }

    @Override
    protected void onStart() {
      super.onStart();
      registry.add(this);
    }

    @Override
    protected void onTermination(Throwable exception) {
      registry.remove(this);
      super.onTermination(exception);
    }

    boolean offerNext(ActorCell<?> cell) {
      if (next != null) {
        return false;
      }
      handoffs++;
      next = cell;
      return true;
    }

    boolean hasNext() {
      return next != null;
    }

    private ActorCell<?> takeNext() {
      ActorCell<?> c = next;
      return c != null && NEXT.compareAndSet(this, c, null) ? c : null;
    }

    /** Runs {@code first}'s turn, then the cells it readied, one after another. */
    void runTurns(ActorCell<?> first) {
      inTurn = true;
      ActorCell<?> c = first;
      try {
        for (int chained = 0; ; chained++) {
          c.runTurn(this);
          c = takeNext();
          if (c == null) {
            return;
          }
          if (chained == MAX_CHAIN) {
            getPool().execute((ForkJoinTask<?>) c);
            return;
          }
        }
      } finally {
        inTurn = false;
        spillNext();
      }
    }

    /** Hands the run-next cell, if any, to the pool. */
    void spillNext() {
      ActorCell<?> c = takeNext();
      if (c != null) {
        getPool().execute((ForkJoinTask<?>) c);
      }
    }

    /** Watchdog: moves a cell that has waited in the slot since the last round to the pool. */
    void rescueStaleNext() {
      ActorCell<?> c = next;
      long h = handoffs;
      if (c != null && c == seenNext && h == seenHandoffs && NEXT.compareAndSet(this, c, null)) {
        getPool().execute((ForkJoinTask<?>) c);
        c = null;
      }
      seenNext = c;
      seenHandoffs = h;
    }
  }

  /** Any executor service the system owns (thread pool, virtual threads, a user factory's). */
  static final class Owned extends Dispatcher {
    private final ExecutorService executor;

    Owned(String id, int throughput, ExecutorService executor) {
      super(id, throughput);
      this.executor = executor;
    }

    @Override
    void schedule(ActorCell<?> cell) {
      executor.execute(cell);
    }

    @Override
    public void execute(Runnable command) {
      executor.execute(command);
    }

    @Override
    void shutdown() {
      executor.shutdown();
    }

    @Override
    boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
      if (executor.awaitTermination(timeout, unit)) {
        return true;
      }
      executor.shutdownNow();
      return executor.awaitTermination(timeout, unit);
    }
  }

  /** The caller's executor, which the caller owns and shuts down. */
  static final class External extends Dispatcher {
    private final Executor executor;

    External(Executor executor, int throughput) {
      super("external:" + executor, throughput);
      this.executor = executor;
    }

    @Override
    void schedule(ActorCell<?> cell) {
      executor.execute(cell);
    }

    @Override
    public void execute(Runnable command) {
      executor.execute(command);
    }

    @Override
    void shutdown() {}

    @Override
    boolean awaitTermination(long timeout, TimeUnit unit) {
      return true;
    }
  }
}
