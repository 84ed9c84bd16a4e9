package io.troupe.stream.internal;

import io.troupe.japi.function.Function2;
import io.troupe.stream.Attributes;
import io.troupe.stream.Outlet;
import io.troupe.stream.SourceShape;
import io.troupe.stream.Supervision;
import io.troupe.stream.stage.AsyncCallback;
import io.troupe.stream.stage.GraphStage;
import io.troupe.stream.stage.GraphStageLogic;
import io.troupe.stream.stage.OutHandler;
import io.troupe.stream.stage.TimerGraphStageLogic;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * The stage standing for an iterator source fused with the run of simple stages after it (see
 * {@link Fusion}): it takes elements from the iterator and calls the steps' functions in a plain
 * loop, so an element crosses no port between the source and the end of the run. Internal API.
 *
 * <p>Without a fold the stage is driven by demand: a pull takes elements until one survives the
 * steps and pushes it, or, for a run that ends in a window, until the window's list is due and
 * pushes the list (a list waiting for demand holds the iterator back; the window's interval timer
 * emits a partial list as the unfused stage's would, see {@link GroupWindow}). With a fold it
 * needs no demand and runs on its own, folding every element and emitting the result when the
 * iterator ends. Either way one activation handles at most {@link #CHUNK} elements; when it stops
 * there with work left, it asks to continue at the end of the island's turn (see {@link
 * TurnEndListener}), so the island hands its thread back to the dispatcher and handles whatever
 * else waits (other stages' events, async callbacks, timers, an abort) before it goes on. An
 * endless source, or steps that drop element after element before a window, thus neither starve
 * their island nor the dispatcher.
 *
 * <p>Exceptions of the iterator fail the stream as they fail the unfused source; the steps' and
 * the fold's exceptions go to their own stage's supervision decider, as in {@link
 * Fusion.FusedStage}; a window's cost function fails the stage, as in the unfused stage.
 */
final class FusedSource extends GraphStage<SourceShape<Object>> implements Fusion.Fused {
  /** Elements one activation handles at most before it yields. */
  static final int CHUNK = 8192;

  /** A logic that wants to hear when its island's turn ends. */
  interface TurnEndListener {
    /** Called on the island's thread after each of its turns, outside any handler. */
    void onTurnEnd();
  }

  private final Outlet<Object> out = Outlet.create("fused.out");
  private final SourceShape<Object> shape = SourceShape.of(out);
  private final Fusion.FusableSource source;
  private final String sourceName;
  private final Fusion.Steps steps;
  private final Fusion.FusableFold fold;
  private final GroupWindow.Windowed window;
  private final Attributes tailAttributes;
  private final String name;

  /**
   * The run called {@code name}: {@code source}, {@code steps}, then {@code tail} (a fold, a
   * window, or {@code null}) with its attributes.
   */
  FusedSource(
      String name,
      Fusion.FusableSource source,
      Attributes sourceAttributes,
      Fusion.Steps steps,
      Object tail,
      Attributes tailAttributes) {
    this.name = name;
    this.source = source;
    this.sourceName = sourceAttributes.nameOf().orElse("?");
    this.steps = steps;
    this.fold = tail instanceof Fusion.FusableFold f ? f : null;
    this.window = tail instanceof GroupWindow.Windowed w ? w : null;
    this.tailAttributes = tailAttributes;
  }

  @Override
  public SourceShape<Object> shape() {
    return shape;
  }

  @Override
  public GraphStageLogic createLogic(Attributes attrs) {
    return createLogic(Attributes.none(), attrs);
  }

  @Override
  public GraphStageLogic createLogic(Attributes defaults, Attributes attrs) {
    if (window != null) {
      return new WindowLogic(defaults);
    }
    return fold == null ? new PullLogic(defaults) : new FoldLogic(defaults);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String toString() {
    return name;
  }

  /**
   * What the logics share: the iterator, the steps, and continuing after a yield. A timer logic,
   * for the interval of a window; the others never schedule a timer, which costs them nothing.
   */
  private abstract class Base extends TimerGraphStageLogic implements OutHandler, TurnEndListener {
    final Attributes defaults;
    /** The steps' stages, for the loop of {@link #runSteps}. */
    private final Fusion.Fusable[] stepArray = steps.array();
    final AsyncCallback<Object> resume;
    Iterator<?> it;
    Connection outConn;
    GraphInterpreter interpreter;
    /** The last activation stopped at {@link #CHUNK} with work left. */
    boolean resumePending;

    @SuppressWarnings("this-escape")
    Base(Attributes defaults) {
      super(shape);
      this.defaults = defaults;
      this.resume = getAsyncCallback(x -> resume());
      setHandler(out, this);
    }

    @Override
    public final void preStart() throws Exception {
      LogicState st = LogicState.of(this);
      outConn = st.conns[0];
      interpreter = st.interpreter;
      it = source.iterator();
      if (!it.hasNext()) {
        finish();
      } else {
        started();
      }
    }

    @Override
    public final void onTurnEnd() {
      if (resumePending) {
        resumePending = false;
        resume.invoke(null);
      }
    }

    @Override
    public final void postStop() {
      resumePending = false;
    }

    /** The iterator had elements when the stage started. */
    abstract void started();

    /** Goes on after a yield. */
    abstract void resume() throws Exception;

    /** The iterator has no more elements. */
    abstract void finish();

    /** The iterator's next element; a {@code null} fails the stage as in the unfused source. */
    final Object next() {
      Object e = it.next();
      if (e == null) {
        throw new NullPointerException("iterator of " + sourceName + " returned null");
      }
      return e;
    }

    /**
     * Runs the steps on {@code e}: the survivor, {@link Fusion#DROP}, or {@code null} if failed.
     *
     * <p>The loop over the steps is here, not only in {@link Fusion.Steps#run}, which every fused
     * logic shares: a call site of its own gives the JIT a type profile of the steps that fused
     * sources run, which it can inline, where the shared one had seen too many kinds (measured: a
     * fused {@code range.map.filter.fold} ran about 10% slower through the shared loop). What a
     * step that throws or returns {@code null} leads to is decided by {@link Fusion.Steps}.
     */
    final Object runSteps(Object e) {
      Fusion.Fusable[] s = stepArray;
      for (int i = 0; i < s.length; i++) {
        try {
          e = s[i].step(e);
        } catch (Exception ex) {
          return steps.failed(this, defaults, i, ex);
        }
        if (e == Fusion.DROP) {
          return Fusion.DROP;
        }
        if (e == null) {
          return steps.returnedNull(this, i);
        }
      }
      return e;
    }

    @Override
    protected void onTimer(Object key) {}
  }

  /**
   * What the logics driven by demand share: a pull (or a resume while downstream still waits)
   * takes elements until {@link #take} says one was enough, the iterator ends, or {@link #CHUNK}
   * elements went by.
   */
  private abstract class Pulled extends Base {
    Pulled(Attributes defaults) {
      super(defaults);
    }

    /** Takes {@code e}, which survived the steps; answers whether this pull is answered. */
    abstract boolean take(Object e) throws Exception;

    @Override
    final void resume() throws Exception {
      if (isAvailable(out)) {
        produce();
      }
    }

    final void produce() throws Exception {
      Iterator<?> i = it;
      int budget = CHUNK;
      while (true) {
        Object e = runSteps(next());
        if (e == null || (e != Fusion.DROP && take(e))) {
          return;
        }
        if (!i.hasNext()) {
          finish();
          return;
        }
        if (--budget == 0) {
          resumePending = true;
          return;
        }
      }
    }
  }

  /** The logic of a run without a fold: each pull takes elements until one survives. */
  private final class PullLogic extends Pulled {
    PullLogic(Attributes defaults) {
      super(defaults);
    }

    @Override
    void started() {}

    @Override
    public void onPull() throws Exception {
      produce();
    }

    @Override
    boolean take(Object e) {
      interpreter.push(outConn, e);
      if (!it.hasNext()) {
        completeStage();
      }
      return true;
    }

    @Override
    void finish() {
      completeStage();
    }
  }

  /** The logic of a run that ends in a fold: folds without waiting for demand. */
  private final class FoldLogic extends Base {
    private final Function2<Object, Object, Object> combiner = fold.combiner();
    private final boolean reduce = fold.isReduce();
    private Object acc = fold.zero();
    private boolean empty = true;

    FoldLogic(Attributes defaults) {
      super(defaults);
    }

    @Override
    void started() {
      runChunk();
    }

    @Override
    void resume() {
      runChunk();
    }

    @Override
    public void onPull() {}

    private void runChunk() {
      Iterator<?> i = it;
      int budget = CHUNK;
      do {
        if (budget-- == 0) {
          resumePending = true;
          return;
        }
        Object e = runSteps(next());
        if (e == null) {
          return;
        }
        if (e != Fusion.DROP) {
          if (reduce && empty) {
            acc = e;
            empty = false;
          } else {
            try {
              acc = combiner.apply(acc, e);
              empty = false;
            } catch (Exception ex) {
              Supervision.Directive d = Linear.decide(defaults.and(tailAttributes), ex);
              if (d == Supervision.Directive.STOP) {
                failStage(ex);
                return;
              }
              if (d == Supervision.Directive.RESTART) {
                acc = fold.zero();
                empty = true;
              }
            }
          }
        }
      } while (i.hasNext());
      finish();
    }

    @Override
    void finish() {
      if (reduce && empty) {
        failStage(new NoSuchElementException("reduce over empty stream"));
        return;
      }
      emit(out, acc);
      completeStage();
    }
  }

  /**
   * The logic of a run that ends in a window: driven by demand. A pull takes elements until the
   * group is due and pushes it; while a group waits for demand nothing more is taken from the
   * iterator. Completion, the interval and the pending element are the window's (see {@link
   * GroupWindow}), exactly as in the unfused stage.
   */
  private final class WindowLogic extends Pulled implements GroupWindow.Host {
    private final GroupWindow window;
    /** The iterator has no more elements. */
    private boolean exhausted;

    @SuppressWarnings("this-escape")
    WindowLogic(Attributes defaults) {
      super(defaults);
      this.window = new GroupWindow(FusedSource.this.window.window(), this, out, this);
    }

    @Override
    public boolean upstreamDone() {
      return exhausted;
    }

    @Override
    public void requestMore() {} // the next pull fills the next group

    @Override
    void started() {
      window.start();
    }

    @Override
    public void onPull() throws Exception {
      if (!window.onPull()) {
        produce();
      }
    }

    @Override
    boolean take(Object e) throws Exception {
      if (!window.add(e)) {
        return false;
      }
      exhausted = !it.hasNext();
      window.pushGroup();
      return true;
    }

    @Override
    protected void onTimer(Object key) {
      window.onTimer();
    }

    @Override
    void finish() {
      exhausted = true;
      window.onUpstreamFinish();
    }
  }
}
