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
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * The stage standing for an iterator source fused with the run of simple stages after it (see
 * {@link Fusion}): it takes elements from the iterator and calls the steps' functions in a plain
 * loop, so an element crosses no port between the source and the end of the run. Internal API.
 *
 * <p>Without a fold the stage is driven by demand: a pull takes elements until one survives the
 * steps and pushes it. With a fold it needs no demand and runs on its own, folding every element
 * and emitting the result when the iterator ends. Either way one activation handles at most
 * {@link #CHUNK} elements; when it stops there with work left, it asks to continue at the end of
 * the island's turn (see {@link TurnEndListener}), so the island hands its thread back to the
 * dispatcher and handles whatever else waits (other stages' events, async callbacks, an abort)
 * before it goes on. An endless source thus neither starves its island nor the dispatcher.
 *
 * <p>Exceptions of the iterator fail the stream as they fail the unfused source; the steps' and
 * the fold's exceptions go to their own stage's supervision decider, as in {@link
 * Fusion.FusedStage}.
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
  private final Fusion.Fusable[] steps;
  private final Attributes[] stepAttributes;
  private final Fusion.FusableFold fold;
  private final Attributes foldAttributes;
  private final String name;

  FusedSource(
      Fusion.FusableSource source,
      Attributes sourceAttributes,
      Fusion.Fusable[] steps,
      Attributes[] stepAttributes,
      Fusion.FusableFold fold,
      Attributes foldAttributes) {
    this.source = source;
    this.sourceName = sourceAttributes.nameOf().orElse("?");
    this.steps = steps;
    this.stepAttributes = stepAttributes;
    this.fold = fold;
    this.foldAttributes = foldAttributes;
    StringBuilder b = new StringBuilder("fused(").append(sourceName);
    for (Attributes a : stepAttributes) {
      b.append(',').append(a.nameOf().orElse("?"));
    }
    if (fold != null) {
      b.append(',').append(foldAttributes.nameOf().orElse("?"));
    }
    this.name = b.append(')').toString();
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

  /** What the two logics share: the iterator, the steps, and continuing after a yield. */
  private abstract class Base extends GraphStageLogic implements OutHandler, TurnEndListener {
    final Attributes defaults;
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
    abstract void resume();

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

    /** Runs the steps on {@code e}: the survivor, {@link Fusion#DROP}, or {@code null} if failed. */
    final Object runSteps(Object e) {
      Fusion.Fusable[] s = steps;
      for (int i = 0; i < s.length; i++) {
        try {
          e = s[i].step(e);
        } catch (Exception ex) {
          if (Linear.decide(defaults.and(stepAttributes[i]), ex) == Supervision.Directive.STOP) {
            failStage(ex);
            return null;
          }
          return Fusion.DROP;
        }
        if (e == Fusion.DROP) {
          return Fusion.DROP;
        }
        if (e == null) {
          failStage(
              new NullPointerException(
                  "Element pushed to " + s[i].outletName() + " must not be null"));
          return null;
        }
      }
      return e;
    }
  }

  /** The logic of a run without a fold: each pull takes elements until one survives. */
  private final class PullLogic extends Base {
    PullLogic(Attributes defaults) {
      super(defaults);
    }

    @Override
    void started() {}

    @Override
    public void onPull() {
      produce();
    }

    @Override
    void resume() {
      if (isAvailable(out)) {
        produce();
      }
    }

    @Override
    void finish() {
      completeStage();
    }

    private void produce() {
      Iterator<?> i = it;
      int budget = CHUNK;
      while (true) {
        Object e = runSteps(next());
        if (e == null) {
          return;
        }
        if (e != Fusion.DROP) {
          interpreter.push(outConn, e);
          if (!i.hasNext()) {
            completeStage();
          }
          return;
        }
        if (!i.hasNext()) {
          completeStage();
          return;
        }
        if (--budget == 0) {
          resumePending = true;
          return;
        }
      }
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
              Supervision.Directive d = Linear.decide(defaults.and(foldAttributes), ex);
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
}
