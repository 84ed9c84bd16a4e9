package io.troupe.stream.internal;

import io.troupe.actor.Done;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

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
 *
 * <p>Guests: an island may also host the interpreters of substreams materialized into it by a
 * stage running on it ({@link SubFusingMaterializer}), as Pekko runs a substream in its parent's
 * actor. A guest shares the island's thread and turns; a task handed to the island by its own
 * thread during a turn (a substream talking to its parent) goes to a plain local queue instead of
 * the concurrent inbox, so it costs neither a CAS nor a wake-up. A guest whose events are pending
 * waits in a dirty queue until the turn runs them. The island terminates when its own interpreter
 * and every guest have finished.
 */
public final class Island extends ForkJoinTask<Void> implements Runnable {
  private static final int EVENT_BUDGET = 4096;

  private final Executor executor;
  private final Queue<Runnable> inbox = new ConcurrentLinkedQueue<>();
  /**
   * 1 while the island is submitted or running, 0 when idle. Its own object on purpose: other
   * threads CAS it on every wake-up, and as a field it shared a cache line with the fields the
   * island's thread reads on every turn (measured: a third less throughput across an async
   * boundary).
   */
  private final AtomicInteger scheduled = new AtomicInteger();
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
  private boolean mainFinished;
  private Runnable[] turnEndHooks = new Runnable[0];
  /** Tasks handed over by the island's own thread during a turn; touched by that thread only. */
  private final ArrayDeque<Runnable> local = new ArrayDeque<>();
  /** The thread inside {@link #run()}, else null; only that thread ever reads itself here. */
  private Thread runner;
  private Set<GraphInterpreter> guests;
  private Map<GraphInterpreter, Runnable[]> guestHooks;
  private ArrayDeque<GraphInterpreter> dirtyGuests;
  /** How deeply handlers run directly from other handlers are nested now (runner thread only). */
  int directDepth;

  Island(Executor executor, MaterializerImpl materializer) {
    this.executor = executor;
    this.materializer = materializer;
  }

  private static final VarHandle TERMINATED;

  static {
    try {
      MethodHandles.Lookup l = MethodHandles.lookup();
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
    if (runner == Thread.currentThread()) {
      // Run later in this turn, without a CAS or a wake-up; what other threads handed over
      // before stays ahead of it.
      Runnable earlier;
      while ((earlier = inbox.poll()) != null) {
        local.add(earlier);
      }
      local.add(task);
      return;
    }
    inbox.offer(task);
    if (scheduled.compareAndSet(0, 1)) {
      submit();
    }
  }

  /**
   * Runs {@code task} in a turn on the calling thread right away if the island is idle, else hands
   * it over as {@link #enqueue} does. For a caller on the thread the island's executor runs on
   * (a Netty event loop delivering a read to the connection it owns): the turn then happens while
   * what the task carries is still in this core's cache, instead of after a task queued behind
   * the rest of the loop's work. The scheduled flag still keeps the island to one thread at a
   * time.
   */
  public void runHereOrEnqueue(Runnable task) {
    if (runner == null && scheduled.compareAndSet(0, 1)) {
      local.add(task); // no other thread runs the island while we hold the flag
      run();
      return;
    }
    enqueue(task);
  }

  /** Whether the island's turns are submitted to {@code e}. */
  public boolean runsOn(Executor e) {
    return executor == e;
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
    scheduled.set(1); // held until kick(): enqueues meanwhile only queue
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
            if (!mainFinished) {
              interpreter.abort();
            }
            if (guests != null) {
              for (GraphInterpreter g : guests.toArray(new GraphInterpreter[0])) {
                g.abort();
              }
            }
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

  void interpreterFinished(GraphInterpreter i) {
    if (i == interpreter) {
      mainFinished = true;
    } else {
      guests.remove(i);
      guestHooks.remove(i);
    }
    finished = mainFinished && (guests == null || guests.isEmpty());
  }

  /** Whether the calling thread is running this island's turn now. */
  boolean isRunningOnThisThread() {
    return runner == Thread.currentThread();
  }

  /**
   * Adds {@code guest} (wired, not started) and starts it in this turn, before any task handed
   * over after this call; only from the island's own thread during a turn.
   */
  void addGuest(GraphInterpreter guest, Runnable[] hooks) {
    if (guests == null) {
      guests = Collections.newSetFromMap(new IdentityHashMap<>());
      guestHooks = new IdentityHashMap<>();
      dirtyGuests = new ArrayDeque<>();
    }
    guests.add(guest);
    if (hooks.length > 0) {
      guestHooks.put(guest, hooks);
    }
    finished = false;
    local.add(
        () -> {
          GraphInterpreter prev = GraphInterpreter.enter(guest);
          try {
            guest.start();
          } finally {
            GraphInterpreter.exit(prev);
          }
          guestTouched(guest);
        });
  }

  /** Notes that {@code guest} may have events pending, so that this turn runs them. */
  void guestTouched(GraphInterpreter guest) {
    if (!guest.dirty && guest.hasPendingEvents() && !guest.isFinished()) {
      guest.dirty = true;
      dirtyGuests.add(guest);
    }
  }

  /** Runs the pending events of guests, up to {@code budget}; returns how many ran. */
  private int runGuests(int budget) {
    int ran = 0;
    GraphInterpreter g;
    while (ran < budget && (g = dirtyGuests.poll()) != null) {
      g.dirty = false;
      GraphInterpreter.enter(g);
      try {
        ran += g.runEvents(budget - ran);
      } finally {
        GraphInterpreter.enter(interpreter);
      }
      guestTouched(g);
    }
    return ran;
  }

  private boolean eventsLeft() {
    return !local.isEmpty()
        || (dirtyGuests != null && !dirtyGuests.isEmpty())
        || (!mainFinished && interpreter.hasPendingEvents());
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
    runner = Thread.currentThread();
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
        while (budget > 0 && ((task = local.poll()) != null || (task = inbox.poll()) != null)) {
          task.run();
          budget--;
        }
        if (!mainFinished) {
          budget -= interpreter.runEvents(budget);
        }
        if (dirtyGuests != null) {
          budget -= runGuests(budget);
        }
      } while (budget > 0 && (!inbox.isEmpty() || eventsLeft()));
    } finally {
      runner = null;
      GraphInterpreter.exit(prev);
      for (Runnable hook : turnEndHooks) {
        hook.run();
      }
      if (guestHooks != null && !guestHooks.isEmpty()) {
        for (Runnable[] hooks : guestHooks.values().toArray(new Runnable[0][])) {
          for (Runnable hook : hooks) {
            hook.run();
          }
        }
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
    if (!finished && eventsLeft()) {
      submit(); // still scheduled: yield the thread, keep our turn
      return;
    }
    scheduled.set(0);
    if (!inbox.isEmpty() && scheduled.compareAndSet(0, 1)) {
      submit();
    }
  }
}
