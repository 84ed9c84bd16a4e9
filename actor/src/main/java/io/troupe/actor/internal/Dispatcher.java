package io.troupe.actor.internal;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;

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

  /** The default: a work-stealing pool in FIFO mode; cells are submitted as tasks themselves. */
  static final class ForkJoin extends Dispatcher {
    private final ForkJoinPool pool;

    ForkJoin(String id, int throughput, ForkJoinPool pool) {
      super(id, throughput);
      this.pool = pool;
    }

    @Override
    void schedule(ActorCell<?> cell) {
      pool.execute((java.util.concurrent.ForkJoinTask<?>) cell);
    }

    @Override
    public void execute(Runnable command) {
      pool.execute(command);
    }

    @Override
    void shutdown() {
      pool.shutdown();
    }

    @Override
    boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
      if (pool.awaitTermination(timeout, unit)) {
        return true;
      }
      pool.shutdownNow();
      return pool.awaitTermination(timeout, unit);
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
