package io.troupe.stream.internal;

import io.troupe.japi.function.Procedure;
import io.troupe.stream.stage.GraphStageLogic;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the stage logics of one island: delivers push, pull, completion, failure and
 * cancellation between them on one thread at a time. Internal API.
 *
 * <pre>
 *   upstream logic            Connection                 downstream logic
 *   push(out, e) ─────────▶ slot = e, AVAILABLE ──────▶  inHandler.onPush()
 *   outHandler.onPull() ◀──── PULLED ◀───────────────── pull(in)
 *   complete / fail ───────▶ OUT_CLOSED (queued) ─────▶  onUpstreamFinish / Failure
 *   onDownstreamFinish ◀──── IN_CLOSED (queued) ◀────── cancel(in)
 * </pre>
 *
 * <p>A push or pull is delivered by a direct call when the receiving logic is not itself inside
 * a handler (so no handler is ever re-entered) and the call depth is below {@link #MAX_DEPTH};
 * otherwise it goes into a ring of int-encoded events ({@code connectionId << 3 | kind}) that
 * the run loop drains. Completion, failure and cancellation always go through the ring, behind
 * any push still queued on the same connection, so a stage never sees completion before the
 * last element. The direct path is what makes a fused linear pipeline cost a few calls per
 * element instead of an event per stage.
 */
public final class GraphInterpreter {
  private static final Logger log = LoggerFactory.getLogger(GraphInterpreter.class);
  private static final ThreadLocal<GraphInterpreter> CURRENT = new ThreadLocal<>();

  static final int MAX_DEPTH = 48;
  private static final int PUSH = 0;
  private static final int PULL = 1;
  private static final int COMPLETE = 2;
  private static final int FAIL = 3;
  private static final int CANCEL = 4;

  final Island island;
  final LogicState[] logics;
  final Connection[] conns;
  private int[] ring = new int[8]; // grows (doubling) when a burst of events needs more
  private int head;
  private int tail;
  private int depth;
  private LogicState active;
  private int live;
  /** A guest of its island waiting in the island's dirty queue. */
  boolean dirty;

  GraphInterpreter(Island island, LogicState[] logics, Connection[] conns) {
    this.island = island;
    this.logics = logics;
    this.conns = conns;
    this.live = logics.length;
    for (LogicState l : logics) {
      l.interpreter = this;
    }
  }

  /** The logic whose handler runs on this thread now; for the handlers' default methods. */
  public static GraphStageLogic currentLogic() {
    GraphInterpreter i = CURRENT.get();
    if (i == null || i.active == null) {
      throw new IllegalStateException("not called from inside a stage's handler");
    }
    return i.active.logic;
  }

  static GraphInterpreter enter(GraphInterpreter i) {
    GraphInterpreter prev = CURRENT.get();
    CURRENT.set(i);
    return prev;
  }

  static void exit(GraphInterpreter prev) {
    // set(null), not remove(): the thread's entry stays for its next island, instead of being
    // removed and re-created (with a sweep of stale entries) around every turn.
    CURRENT.set(prev);
  }

  /** The island this interpreter runs in. */
  public Island island() {
    return island;
  }

  boolean isFinished() {
    return live == 0;
  }

  boolean hasPendingEvents() {
    return head != tail;
  }

  // ---- life cycle

  void start() {
    for (LogicState l : logics) {
      if (l.stopped) {
        continue;
      }
      l.started = true;
      LogicState prev = active;
      active = l;
      l.running = true;
      try {
        l.logic.preStart();
      } catch (Throwable t) {
        handlerFailed(l, t);
      } finally {
        l.running = false;
        active = prev;
      }
      checkFinished(l);
    }
  }

  /** Stops every logic still running, calling its {@code postStop}. */
  void abort() {
    for (LogicState l : logics) {
      if (!l.stopped) {
        for (Connection c : l.conns) {
          if (c != null) {
            c.state |= Connection.IN_DONE | Connection.OUT_DONE | Connection.IN_CLOSED
                | Connection.OUT_CLOSED;
          }
        }
        l.openPorts = 0;
        finish(l);
      }
    }
    head = tail;
  }

  private void checkFinished(LogicState l) {
    if (l.openPorts <= 0 && !l.keepGoing && !l.stopped && l.started) {
      finish(l);
    }
  }

  /** Re-checks a logic after it changed {@code keepGoing}. */
  public void afterKeepGoingChanged(LogicState l) {
    if (!l.running) {
      checkFinished(l);
    }
  }

  private void finish(LogicState l) {
    l.stopped = true;
    live--;
    LogicState prev = active;
    active = l;
    try {
      l.logic.postStop();
    } catch (Throwable t) {
      log.error("postStop of stage [{}] failed", l.stageName(), t);
    } finally {
      active = prev;
      try {
        l.runStopHooks();
      } catch (RuntimeException e) {
        log.error("cleanup of stage [{}] failed", l.stageName(), e);
      }
    }
    if (live == 0) {
      island.interpreterFinished(this);
    }
  }

  private void handlerFailed(LogicState l, Throwable t) {
    if (t instanceof VirtualMachineError e) {
      throw e;
    }
    if (l.stopped) {
      log.error("stage [{}] failed after it stopped", l.stageName(), t);
      return;
    }
    LogicState prev = active;
    active = l;
    try {
      l.logic.failStage(t);
    } finally {
      active = prev;
    }
  }

  // ---- port operations, called by GraphStageLogic

  /** Pushes {@code elem} through {@code c}. */
  public void push(Connection c, Object elem) {
    int s = c.state;
    if ((s & (Connection.PULLED | Connection.OUT_DONE | Connection.IN_CLOSED))
        != Connection.PULLED) {
      if ((s & (Connection.IN_CLOSED | Connection.OUT_DONE)) == Connection.IN_CLOSED) {
        return; // downstream cancelled; the cancellation is on its way to the pusher
      }
      throw new IllegalArgumentException(
          (s & Connection.OUT_DONE) != 0
              ? "Cannot push closed port (" + c.outName() + ")"
              : "Cannot push port (" + c.outName() + ") twice, or before it was pulled");
    }
    if (elem == null) {
      throw new NullPointerException("Element pushed to " + c.outName() + " must not be null");
    }
    c.slot = elem;
    LogicState t = c.inOwner;
    if (!t.running && t.started && depth < MAX_DEPTH) {
      c.state = (s & ~Connection.PULLED) | Connection.AVAILABLE;
      deliverPush(c);
    } else {
      c.state = (s & ~Connection.PULLED) | Connection.PUSH_QUEUED;
      enqueue(c.id << 3 | PUSH);
    }
  }

  /** Requests an element through {@code c}. */
  public void pull(Connection c) {
    int s = c.state;
    if ((s & (Connection.PULLED | Connection.PUSH_QUEUED | Connection.IN_DONE)) != 0) {
      if ((s & Connection.IN_DONE) != 0) {
        throw new IllegalArgumentException("Cannot pull closed port (" + c.inName() + ")");
      }
      throw new IllegalArgumentException("Cannot pull port (" + c.inName() + ") twice");
    }
    c.state = (s | Connection.PULLED) & ~Connection.AVAILABLE;
    c.slot = null;
    if ((s & Connection.OUT_CLOSED) != 0) {
      return; // completion is queued and will be delivered
    }
    if ((s & Connection.PULL_QUEUED) != 0) {
      return; // the pull event still queued from an earlier pull delivers this one
    }
    LogicState t = c.outOwner;
    if (!t.running && t.started && depth < MAX_DEPTH) {
      deliverPull(c);
    } else {
      c.state |= Connection.PULL_QUEUED;
      enqueue(c.id << 3 | PULL);
    }
  }

  /** Takes the element waiting at {@code c}. */
  public Object grab(Connection c) {
    if ((c.state & Connection.AVAILABLE) == 0) {
      throw new IllegalArgumentException(
          "Cannot get element from already empty input port (" + c.inName() + ")");
    }
    c.state &= ~Connection.AVAILABLE;
    Object e = c.slot;
    c.slot = null;
    return e;
  }

  /** Completes the outlet side of {@code c}. */
  public void complete(Connection c) {
    int s = c.state;
    if ((s & Connection.OUT_DONE) != 0) {
      return;
    }
    c.state = s | Connection.OUT_CLOSED | Connection.OUT_DONE;
    c.outOwner.openPorts--;
    if ((s & Connection.IN_CLOSED) == 0) {
      enqueue(c.id << 3 | COMPLETE);
    }
    if (!c.outOwner.running) {
      checkFinished(c.outOwner);
    }
  }

  /** Fails the outlet side of {@code c} with {@code cause}. */
  public void fail(Connection c, Throwable cause) {
    int s = c.state;
    if ((s & Connection.OUT_DONE) != 0) {
      return;
    }
    c.state = s | Connection.OUT_CLOSED | Connection.OUT_DONE;
    c.failure = cause;
    c.outOwner.openPorts--;
    if ((s & Connection.IN_CLOSED) == 0) {
      enqueue(c.id << 3 | FAIL);
    }
    if (!c.outOwner.running) {
      checkFinished(c.outOwner);
    }
  }

  /** Cancels the inlet side of {@code c} with {@code cause}. */
  public void cancel(Connection c, Throwable cause) {
    int s = c.state;
    if ((s & Connection.IN_DONE) != 0) {
      return;
    }
    c.state = (s | Connection.IN_CLOSED | Connection.IN_DONE)
        & ~(Connection.PULLED | Connection.AVAILABLE);
    c.slot = null;
    c.inOwner.openPorts--;
    if ((s & Connection.OUT_CLOSED) == 0) {
      c.cancelCause = cause;
      enqueue(c.id << 3 | CANCEL);
    }
    if (!c.inOwner.running) {
      checkFinished(c.inOwner);
    }
  }

  // ---- delivery

  private void deliverPush(Connection c) {
    LogicState l = c.inOwner;
    c.state = (c.state & ~Connection.PUSH_QUEUED) | Connection.AVAILABLE;
    if ((c.state & Connection.IN_CLOSED) != 0 || l.stopped) {
      c.slot = null;
      c.state &= ~Connection.AVAILABLE;
      return;
    }
    LogicState prev = active;
    active = l;
    l.running = true;
    depth++;
    try {
      c.inHandler.onPush();
    } catch (Throwable t) {
      handlerFailed(l, t);
    } finally {
      l.running = false;
      depth--;
      active = prev;
    }
    if (l.openPorts <= 0) {
      checkFinished(l);
    }
  }

  private void deliverPull(Connection c) {
    LogicState l = c.outOwner;
    if ((c.state & (Connection.PULLED | Connection.OUT_DONE | Connection.IN_CLOSED))
            != Connection.PULLED
        || l.stopped) {
      return;
    }
    LogicState prev = active;
    active = l;
    l.running = true;
    depth++;
    try {
      c.outHandler.onPull();
    } catch (Throwable t) {
      handlerFailed(l, t);
    } finally {
      l.running = false;
      depth--;
      active = prev;
    }
    if (l.openPorts <= 0) {
      checkFinished(l);
    }
  }

  private void deliverCompletion(Connection c, boolean failed) {
    int s = c.state;
    LogicState l = c.inOwner;
    if ((s & (Connection.IN_DONE | Connection.IN_CLOSED)) != 0 || l.stopped) {
      return;
    }
    c.state = (s | Connection.IN_DONE) & ~Connection.PULLED;
    l.openPorts--;
    LogicState prev = active;
    active = l;
    l.running = true;
    try {
      if (failed) {
        c.inHandler.onUpstreamFailure(c.failure);
      } else {
        c.inHandler.onUpstreamFinish();
      }
    } catch (Throwable t) {
      handlerFailed(l, t);
    } finally {
      l.running = false;
      active = prev;
    }
    checkFinished(l);
  }

  private void deliverCancel(Connection c) {
    int s = c.state;
    LogicState l = c.outOwner;
    if ((s & Connection.OUT_DONE) != 0 || l.stopped) {
      return;
    }
    c.state = s | Connection.OUT_DONE;
    l.openPorts--;
    LogicState prev = active;
    active = l;
    l.running = true;
    try {
      c.outHandler.onDownstreamFinish(c.cancelCause);
    } catch (Throwable t) {
      handlerFailed(l, t);
    } finally {
      l.running = false;
      active = prev;
    }
    checkFinished(l);
  }

  private void enqueue(int event) {
    if (tail - head == ring.length) {
      int[] bigger = new int[ring.length * 2];
      int mask = ring.length - 1;
      for (int i = head; i != tail; i++) {
        bigger[i - head] = ring[i & mask];
      }
      tail = tail - head;
      head = 0;
      ring = bigger;
    }
    ring[tail & (ring.length - 1)] = event;
    tail++;
  }

  /** Delivers up to {@code limit} queued events; returns how many it delivered. */
  int runEvents(int limit) {
    int n = 0;
    while (head != tail && n < limit) {
      int ev = ring[head & (ring.length - 1)];
      head++;
      n++;
      Connection c = conns[ev >>> 3];
      switch (ev & 7) {
        case PUSH -> deliverPush(c);
        case PULL -> {
          c.state &= ~Connection.PULL_QUEUED;
          deliverPull(c);
        }
        case COMPLETE -> deliverCompletion(c, false);
        case FAIL -> deliverCompletion(c, true);
        case CANCEL -> deliverCancel(c);
        default -> throw new IllegalStateException("unknown event " + ev);
      }
    }
    return n;
  }

  /**
   * Runs {@code handler} with {@code value} for logic {@code l}, as an async callback; answers
   * {@code false} without running it when the logic has stopped.
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  boolean runCallback(LogicState l, Procedure handler, Object value, CompletableFuture<?> done) {
    if (l.stopped || !l.started) {
      return false;
    }
    boolean guest = island.interpreter != this;
    // A guest's handlers, or any handler run directly from another interpreter's (see
    // SubFusingMaterializer.runHere), see their own interpreter as the current one.
    GraphInterpreter outer = CURRENT.get();
    if (outer != this) {
      CURRENT.set(this);
    }
    LogicState prev = active;
    active = l;
    l.running = true;
    try {
      handler.apply(value);
    } catch (Throwable t) {
      if (done != null) {
        done.completeExceptionally(t);
      }
      handlerFailed(l, t);
    } finally {
      l.running = false;
      active = prev;
      if (outer != this) {
        exit(outer);
      }
    }
    checkFinished(l);
    if (guest) {
      island.guestTouched(this);
    }
    return true;
  }

  @Override
  public String toString() {
    return "GraphInterpreter(" + Arrays.toString(logics) + ")";
  }
}
