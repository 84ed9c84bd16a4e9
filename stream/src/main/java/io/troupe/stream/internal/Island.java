package io.troupe.stream.internal;

import io.troupe.actor.Done;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.RejectedExecutionException;

/**
 * A fused part of a stream, run as a serial task on a dispatcher: one interpreter plus an inbox
 * for what other threads hand it (async callbacks, wake-ups from neighbouring islands, abort).
 * Internal API.
 *
 * <p>Scheduling: {@link #enqueue} offers to the inbox and, if the island is idle, flips it to
 * scheduled and submits it. A turn drains the inbox and the interpreter's events up to a budget,
 * then either resubmits itself (work left) or goes idle and re-checks the inbox, so a wake-up is
 * never lost and the island never runs on two threads at once. Islands are not actors: a stream
 * needs no mailbox or supervision of its own, and a task costs less to schedule.
 */
public final class Island extends ForkJoinTask<Void> implements Runnable {
  private static final int EVENT_BUDGET = 4096;

  private final Executor executor;
  private final Queue<Runnable> inbox = new ConcurrentLinkedQueue<>();
  /** 1 while the island is submitted or running, 0 when idle; see {@link #SCHEDULED}. */
  @SuppressWarnings("unused")
  private volatile int scheduled;
  /** Made when first asked for: most streams end without anyone waiting for their islands. */
  private volatile CompletableFuture<Done> terminated;
  private volatile boolean done;
  // Links of the materializer's LiveIslands, guarded by its stripe's monitor.
  Island liveNext;
  Island livePrev;
  int liveStripe;
  boolean live;
  /** The interpreter's start is due at the beginning of the first turn. */
  private boolean startPending;
  private final MaterializerImpl materializer;
  GraphInterpreter interpreter;
  private boolean finished;
  private Runnable[] turnEndHooks = new Runnable[0];

  Island(Executor executor, MaterializerImpl materializer) {
    this.executor = executor;
    this.materializer = materializer;
  }

  private static final VarHandle SCHEDULED;
  private static final VarHandle TERMINATED;

  static {
    try {
      MethodHandles.Lookup l = MethodHandles.lookup();
      SCHEDULED = l.findVarHandle(Island.class, "scheduled", int.class);
      TERMINATED = l.findVarHandle(Island.class, "terminated", CompletableFuture.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** Completes when every logic of the island has stopped. */
  @SuppressWarnings("unchecked")
  public CompletableFuture<Done> terminated() {
    CompletableFuture<Done> f = terminated;
    if (f == null) {
      CompletableFuture<Done> fresh = new CompletableFuture<>();
      f = (CompletableFuture<Done>) TERMINATED.compareAndExchange(this, null, fresh);
      if (f == null) {
        f = fresh;
      }
    }
    if (done) {
      f.complete(Done.INSTANCE); // finished before the future existed
    }
    return f;
  }

  /** Runs {@code task} on the island's thread, in order with its other work. */
  public void enqueue(Runnable task) {
    inbox.offer(task);
    if (SCHEDULED.compareAndSet(this, 0, 1)) {
      submit();
    }
  }

  private void submit() {
    try {
      executor.execute(this);
    } catch (RejectedExecutionException e) {
      // The dispatcher is gone (the system terminated): run here so that stages still stop.
      run();
    }
  }

  /** Queues the start event without scheduling the island yet. */
  void prepareStart() {
    scheduled = 1; // held until kick(): enqueues meanwhile only queue
    startPending = true; // runs before anything enqueued meanwhile
  }

  /** Schedules the island after {@link #prepareStart()}. */
  void kick() {
    submit();
  }

  /** Stops all stages of the island at once, calling their {@code postStop}. */
  void abort() {
    enqueue(
        () -> {
          if (!finished) {
            interpreter.abort();
          }
        });
  }

  /**
   * Runs {@code hook} on the island's thread at the end of every turn; async boundaries use it to
   * wake their consumer once per turn instead of once per element. Call before the island starts.
   */
  void addTurnEndHook(Runnable hook) {
    Runnable[] h = java.util.Arrays.copyOf(turnEndHooks, turnEndHooks.length + 1);
    h[h.length - 1] = hook;
    turnEndHooks = h;
  }

  void interpreterFinished() {
    finished = true;
  }

  // As a ForkJoinTask the island is submitted to a fork-join dispatcher without a wrapper object;
  // exec() never completes the task, so it can be submitted again for its next turn.
  @Override
  protected boolean exec() {
    run();
    return false;
  }

  @Override
  public Void getRawResult() {
    return null;
  }

  @Override
  protected void setRawResult(Void value) {}

  @Override
  public void run() {
    GraphInterpreter prev = GraphInterpreter.enter(interpreter);
    try {
      int budget = EVENT_BUDGET;
      if (startPending) {
        startPending = false;
        interpreter.start();
        budget--;
      }
      do {
        Runnable task;
        while (budget > 0 && (task = inbox.poll()) != null) {
          task.run();
          budget--;
        }
        if (!finished) {
          budget -= interpreter.runEvents(budget);
        }
      } while (budget > 0 && (!inbox.isEmpty() || (!finished && interpreter.hasPendingEvents())));
    } finally {
      GraphInterpreter.exit(prev);
      for (Runnable hook : turnEndHooks) {
        hook.run();
      }
    }
    if (finished && !done) {
      materializer.unregister(this);
      done = true;
      CompletableFuture<Done> f = terminated;
      if (f != null) {
        f.complete(Done.INSTANCE);
      }
    }
    if (!finished && interpreter.hasPendingEvents()) {
      submit(); // still scheduled: yield the thread, keep our turn
      return;
    }
    scheduled = 0;
    if (!inbox.isEmpty() && SCHEDULED.compareAndSet(this, 0, 1)) {
      submit();
    }
  }
}
