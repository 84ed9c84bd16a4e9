package io.troupe.stream.stage;

import io.troupe.actor.Done;
import io.troupe.japi.function.Effect;
import io.troupe.japi.function.Procedure;
import io.troupe.stream.Attributes;
import io.troupe.stream.FlowShape;
import io.troupe.stream.Inlet;
import io.troupe.stream.Materializer;
import io.troupe.stream.Outlet;
import io.troupe.stream.Shape;
import io.troupe.stream.SinkShape;
import io.troupe.stream.SourceShape;
import io.troupe.stream.internal.Connection;
import io.troupe.stream.internal.Island;
import io.troupe.stream.internal.LogicState;
import io.troupe.stream.internal.Wiring;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The running state and behaviour of one materialization of a stage: handlers for its ports and
 * the operations ({@code push}, {@code pull}, {@code grab}, {@code complete}, {@code fail},
 * {@code cancel}) they call.
 *
 * <p>All handlers, {@link #preStart()}, {@link #postStop()} and async callbacks run one at a time
 * on the stage's island, so a logic needs no synchronization. Every port needs a handler by the
 * time the stream starts. The stage stops once all its ports are closed (unless {@link
 * #setKeepGoing(boolean) kept going}); {@link #postStop()} then always runs, also when the
 * stream is torn down.
 */
public abstract class GraphStageLogic {
  static {
    LogicState.installAccessor(l -> l.state);
  }

  private static final Effect NO_OP = () -> {};
  private static final Throwable NO_MORE_ELEMENTS_NEEDED =
      new NoMoreElementsNeeded();

  final LogicState state;
  private Emitting<?>[] emitting;

  /** A logic for a stage of shape {@code shape}. */
  @SuppressWarnings("this-escape")
  protected GraphStageLogic(Shape shape) {
    // The three common shapes without building their port lists: this runs once per stage per run.
    if (shape instanceof FlowShape<?, ?> f) {
      this.state = new LogicState(this, new Inlet<?>[] {f.in()}, new Outlet<?>[] {f.out()});
    } else if (shape instanceof SourceShape<?> so) {
      this.state = new LogicState(this, LogicState.NO_INLETS, new Outlet<?>[] {so.out()});
    } else if (shape instanceof SinkShape<?> si) {
      this.state = new LogicState(this, new Inlet<?>[] {si.in()}, LogicState.NO_OUTLETS);
    } else {
      List<Inlet<?>> ins = shape.inlets();
      List<Outlet<?>> outs = shape.outlets();
      this.state =
          new LogicState(this, ins.toArray(new Inlet<?>[0]), outs.toArray(new Outlet<?>[0]));
    }
  }

  /** The reason given to upstream when a stage simply needs no more elements. */
  public static final class NoMoreElementsNeeded extends RuntimeException {
    NoMoreElementsNeeded() {
      super("no more elements needed", null, false, false);
    }
  }

  /** The cancellation cause that means "no more elements needed", not a failure. */
  public static Throwable noMoreElementsNeeded() {
    return NO_MORE_ELEMENTS_NEEDED;
  }

  // ---- handlers

  /** Sets the handler of {@code in}. */
  public final void setHandler(Inlet<?> in, InHandler handler) {
    java.util.Objects.requireNonNull(handler, "handler");
    int i = state.inIndex(in);
    state.handlers[i] = handler;
    Connection c = state.conns[i];
    if (c != null) {
      Wiring.setInHandler(c, handler);
    }
  }

  /** Sets the handler of {@code out}. */
  public final void setHandler(Outlet<?> out, OutHandler handler) {
    java.util.Objects.requireNonNull(handler, "handler");
    int i = state.outIndex(out);
    if (emitting != null && emitting[i] != null) {
      emitting[i].previous = handler;
      return;
    }
    installOutHandler(i, handler);
  }

  private void installOutHandler(int i, OutHandler handler) {
    state.handlers[state.inCount + i] = handler;
    Connection c = state.conns[state.inCount + i];
    if (c != null) {
      Wiring.setOutHandler(c, handler);
    }
  }

  /** Sets the handlers of {@code in} and {@code out} to one object. */
  public final <H extends InHandler & OutHandler> void setHandlers(
      Inlet<?> in, Outlet<?> out, H handler) {
    setHandler(in, (InHandler) handler);
    setHandler(out, (OutHandler) handler);
  }

  /** The handler of {@code in}. */
  public final InHandler getHandler(Inlet<?> in) {
    return (InHandler) state.handlers[state.inIndex(in)];
  }

  /** The handler of {@code out} (the user's, also while an emit is in progress). */
  public final OutHandler getHandler(Outlet<?> out) {
    int i = state.outIndex(out);
    if (emitting != null && emitting[i] != null) {
      return emitting[i].previous;
    }
    return (OutHandler) state.handlers[state.inCount + i];
  }

  // ---- port operations

  /** Pushes {@code elem} to {@code out}, which must have been pulled. */
  public final <T> void push(Outlet<T> out, T elem) {
    state.interpreter.push(state.outConn(out), elem);
  }

  /** Requests an element from {@code in}; it arrives through the handler's {@code onPush}. */
  public final <T> void pull(Inlet<T> in) {
    state.interpreter.pull(state.inConn(in));
  }

  /** Pulls {@code in} unless it is closed or already pulled. */
  public final <T> void tryPull(Inlet<T> in) {
    Connection c = state.inConn(in);
    if (!c.isClosedIn() && !c.hasBeenPulled()) {
      state.interpreter.pull(c);
    }
  }

  /** Takes the element that arrived at {@code in}. */
  @SuppressWarnings("unchecked")
  public final <T> T grab(Inlet<T> in) {
    return (T) state.interpreter.grab(state.inConn(in));
  }

  /** Cancels {@code in}: no more elements are wanted from it. */
  public final <T> void cancel(Inlet<T> in) {
    cancel(in, NO_MORE_ELEMENTS_NEEDED);
  }

  /** Cancels {@code in} with {@code cause}, which travels upstream. */
  public final <T> void cancel(Inlet<T> in, Throwable cause) {
    state.interpreter.cancel(state.inConn(in), cause);
  }

  /** Completes {@code out}, after any elements still being emitted to it. */
  public final <T> void complete(Outlet<T> out) {
    int i = state.outIndex(out);
    if (emitting != null && emitting[i] != null) {
      emitting[i].add(new Completion(state.outConn(out)));
      return;
    }
    state.interpreter.complete(state.outConn(out));
  }

  /** Fails {@code out} with {@code ex} at once. */
  public final <T> void fail(Outlet<T> out, Throwable ex) {
    int i = state.outIndex(out);
    if (emitting != null && emitting[i] != null) {
      Emitting<?> e = emitting[i];
      emitting[i] = null;
      installOutHandler(i, e.previous);
    }
    state.interpreter.fail(state.outConn(out), ex);
  }

  /** Whether an element waits at {@code in}. */
  public final <T> boolean isAvailable(Inlet<T> in) {
    return state.inConn(in).isAvailableIn();
  }

  /** Whether {@code out} has been pulled and may be pushed. */
  public final <T> boolean isAvailable(Outlet<T> out) {
    return state.outConn(out).isAvailableOut();
  }

  /** Whether {@code in} was pulled and its element has not arrived yet. */
  public final <T> boolean hasBeenPulled(Inlet<T> in) {
    return state.inConn(in).hasBeenPulled();
  }

  /** Whether {@code in} is closed (cancelled, or upstream finished). */
  public final <T> boolean isClosed(Inlet<T> in) {
    return state.inConn(in).isClosedIn();
  }

  /** Whether {@code out} is closed (completed, failed, or cancelled by downstream). */
  public final <T> boolean isClosed(Outlet<T> out) {
    return state.outConn(out).isClosedOut();
  }

  /** Completes all outlets (after pending emits) and cancels all inlets; the stage then stops. */
  public final void completeStage() {
    state.keepGoing = false;
    cancelInlets(NO_MORE_ELEMENTS_NEEDED);
    for (Outlet<?> out : state.outlets) {
      complete(out);
    }
    recheckStop();
  }

  /** Cancels all inlets with {@code cause} and completes all outlets. */
  public void cancelStage(Throwable cause) {
    state.keepGoing = false;
    cancelInlets(cause);
    for (Outlet<?> out : state.outlets) {
      complete(out);
    }
    recheckStop();
  }

  /** Fails all outlets with {@code ex} and cancels all inlets; the stage then stops. */
  public final void failStage(Throwable ex) {
    state.keepGoing = false;
    cancelInlets(ex);
    for (Outlet<?> out : state.outlets) {
      fail(out, ex);
    }
    recheckStop();
  }

  /** Ending the stage clears keepGoing: stop now if every port is already closed. */
  private void recheckStop() {
    if (state.interpreter != null) {
      state.interpreter.afterKeepGoingChanged(state);
    }
  }

  private void cancelInlets(Throwable cause) {
    for (int i = 0; i < state.inCount; i++) {
      Connection c = state.conns[i];
      if (c != null) {
        state.interpreter.cancel(c, cause);
      }
    }
  }

  /** Whether the stage has stopped. */
  public final boolean isStageStopped() {
    return state.stopped;
  }

  /**
   * Keeps the stage running after all its ports closed, until it calls {@link #completeStage()}
   * or {@link #failStage(Throwable)}; for stages that still wait for a callback.
   */
  public final void setKeepGoing(boolean enabled) {
    state.keepGoing = enabled;
    if (state.interpreter != null) {
      state.interpreter.afterKeepGoingChanged(state);
    }
  }

  // ---- emitting

  /** Pushes {@code elem} to {@code out} now if it is pulled, otherwise when it is pulled next. */
  public final <T> void emit(Outlet<T> out, T elem) {
    emit(out, elem, NO_OP);
  }

  /** Like {@link #emit(Outlet, Object)}, then runs {@code andThen} once the element is pushed. */
  public final <T> void emit(Outlet<T> out, T elem, Effect andThen) {
    int i = state.outIndex(out);
    if ((emitting == null || emitting[i] == null) && isAvailable(out)) {
      push(out, elem);
      runEffect(andThen);
      return;
    }
    Emitting<T> e = emittingFor(out, i);
    e.add(new Element(elem));
    if (andThen != NO_OP) {
      e.add(andThen);
    }
  }

  /** Emits all of {@code elems} in order, as each is pulled. */
  public final <T> void emitMultiple(Outlet<T> out, Iterable<T> elems) {
    emitMultiple(out, elems.iterator(), NO_OP);
  }

  /** Emits all of {@code elems} in order, then runs {@code andThen}. */
  public final <T> void emitMultiple(Outlet<T> out, Iterable<T> elems, Effect andThen) {
    emitMultiple(out, elems.iterator(), andThen);
  }

  /** Emits what {@code elems} yields, in order, then runs {@code andThen}. */
  public final <T> void emitMultiple(Outlet<T> out, Iterator<T> elems, Effect andThen) {
    if (!elems.hasNext()) {
      if (emitting != null && emitting[state.outIndex(out)] != null) {
        emitting[state.outIndex(out)].add(andThen);
      } else {
        runEffect(andThen);
      }
      return;
    }
    int i = state.outIndex(out);
    if ((emitting == null || emitting[i] == null) && isAvailable(out)) {
      push(out, elems.next());
      if (!elems.hasNext()) {
        runEffect(andThen);
        return;
      }
    }
    Emitting<T> e = emittingFor(out, i);
    e.add(elems);
    if (andThen != NO_OP) {
      e.add(andThen);
    }
  }

  private <T> Emitting<T> emittingFor(Outlet<T> out, int i) {
    if (emitting == null) {
      emitting = new Emitting<?>[state.outlets.length];
    }
    @SuppressWarnings("unchecked")
    Emitting<T> e = (Emitting<T>) emitting[i];
    if (e == null) {
      e = new Emitting<>(out, i, (OutHandler) state.handlers[state.inCount + i]);
      emitting[i] = e;
      installOutHandler(i, e);
    }
    return e;
  }

  private static void runEffect(Effect e) {
    if (e == NO_OP) {
      return;
    }
    try {
      e.apply();
    } catch (RuntimeException | Error ex) {
      throw ex;
    } catch (Exception ex) {
      throw new java.util.concurrent.CompletionException(ex);
    }
  }

  private record Element(Object value) {}

  private final class Completion implements Effect {
    private final Connection conn;

    Completion(Connection conn) {
      this.conn = conn;
    }

    @Override
    public void apply() {
      state.interpreter.complete(conn);
    }
  }

  /** The out handler installed while elements wait for demand. */
  private final class Emitting<T> implements OutHandler {
    final Outlet<T> out;
    final int index;
    OutHandler previous;
    final ArrayDeque<Object> queue = new ArrayDeque<>();

    Emitting(Outlet<T> out, int index, OutHandler previous) {
      this.out = out;
      this.index = index;
      this.previous = previous;
    }

    void add(Object entry) {
      queue.add(entry);
    }

    @Override
    @SuppressWarnings("unchecked")
    public void onPull() throws Exception {
      Object head = queue.peek();
      // Effects at the head (only possible right after install): run them first.
      while (head instanceof Effect) {
        queue.poll();
        ((Effect) head).apply();
        head = queue.peek();
        if (emitting[index] != this) {
          return;
        }
      }
      if (head instanceof Element el) {
        queue.poll();
        push(out, (T) el.value);
      } else if (head instanceof Iterator<?> it) {
        push(out, (T) it.next());
        if (!it.hasNext()) {
          queue.poll();
        }
      }
      // Follow-ups up to the next element run now; restore the user's handler first when done.
      java.util.List<Effect> followUps = null;
      while (queue.peek() instanceof Effect f) {
        queue.poll();
        if (followUps == null) {
          followUps = new java.util.ArrayList<>(2);
        }
        followUps.add(f);
      }
      if (queue.isEmpty()) {
        emitting[index] = null;
        installOutHandler(index, previous);
      }
      if (followUps != null) {
        for (Effect f : followUps) {
          f.apply();
        }
      }
    }

    @Override
    public void onDownstreamFinish(Throwable cause) throws Exception {
      emitting[index] = null;
      installOutHandler(index, previous);
      queue.clear();
      previous.onDownstreamFinish(cause);
    }
  }

  // ---- callbacks and context

  /**
   * A callback that other threads use to hand values to this stage; create it in the constructor
   * or {@link #preStart()}.
   */
  public final <T> AsyncCallback<T> getAsyncCallback(Procedure<T> handler) {
    java.util.Objects.requireNonNull(handler, "handler");
    return new Callback<>(handler);
  }

  private final class Callback<T> implements AsyncCallback<T> {
    private final Procedure<T> handler;

    Callback(Procedure<T> handler) {
      this.handler = handler;
    }

    @Override
    public void invoke(T value) {
      Island island = state.island();
      if (island == null) {
        throw new IllegalStateException("stage " + state.stageName() + " is not materialized yet");
      }
      Wiring.invoke(island, state, handler, value, null);
    }

    @Override
    public CompletionStage<Done> invokeWithFeedback(T value) {
      CompletableFuture<Done> done = new CompletableFuture<>();
      Island island = state.island();
      if (island == null) {
        done.completeExceptionally(
            new IllegalStateException("stage " + state.stageName() + " is not materialized yet"));
        return done;
      }
      Wiring.invoke(island, state, handler, value, done);
      return done;
    }
  }

  /** The materializer that runs this stage. */
  public final Materializer materializer() {
    if (state.materializer == null) {
      throw new IllegalStateException("stage " + state.stageName() + " is not materialized yet");
    }
    return state.materializer;
  }

  /** The attributes the stage was materialized with. */
  public final Attributes inheritedAttributes() {
    return state.attributes;
  }

  /** Called once before any handler; may already push, pull or complete. */
  public void preStart() throws Exception {}

  /** Called once after the stage stopped, however it stopped; release resources here. */
  public void postStop() throws Exception {}


  @Override
  public String toString() {
    return getClass().getName() + "(" + state.stageName() + ")";
  }
}
