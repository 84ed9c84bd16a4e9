package io.troupe.stream.internal;

import io.troupe.japi.function.Function2;
import io.troupe.stream.Attributes;
import io.troupe.stream.FlowShape;
import io.troupe.stream.Inlet;
import io.troupe.stream.Outlet;
import io.troupe.stream.Supervision;
import io.troupe.stream.stage.GraphStage;
import io.troupe.stream.stage.GraphStageLogic;
import io.troupe.stream.stage.InHandler;
import io.troupe.stream.stage.OutHandler;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Operator fusion: a linear run of simple one-in one-out stages in one island (map, filter,
 * mapOptional, identity, optionally ending in a fold or reduce, or in the window of grouped,
 * groupedWithin or groupedWeightedWithin) becomes one stage that calls their functions directly,
 * so an element pays one push and one pull for the whole run instead of one per stage. When the
 * run starts at an iterator source (range, from, fromIterator, repeat, cycle), the source joins it
 * too: the {@link FusedSource} takes elements from the iterator in a loop, a run closed by a fold
 * folds the whole iterator without any push or pull until it emits the result, and a run closed
 * by a window fills each list in a loop and pushes only the lists. Internal API.
 *
 * <p>Fusion happens once per blueprint, when its {@link Plan} is computed: {@link #fuse} rewrites
 * the plan's stage array and wiring. Every fused stage keeps its own attributes, so supervision
 * decides per stage as before; a stage that returns {@code null} fails the stream as a push of
 * {@code null} would. A fold or a window only ends a run: what it emits goes through the fused
 * stage's outlet to the rest of the graph. A window keeps its state and its interval timer in one
 * {@link GroupWindow}, the same one the unfused stages use, so a fused window emits, waits and
 * completes as the stage would. Everything else (junctions, async boundaries, other stages with
 * state across elements or materialized values, custom stages) keeps the general push/pull
 * protocol.
 */
final class Fusion {
  private Fusion() {}

  /** What a step returns for an element it drops. */
  static final Object DROP = new Object();

  /** A stateless one-in one-out stage that can run as a step of a fused stage. */
  interface Fusable {
    /**
     * The step's output for {@code in}: the element to pass on, or {@link #DROP}.
     *
     * @throws Exception what the user's function threw; supervision decides
     */
    Object step(Object in) throws Exception;

    /** The name of the stage's outlet, for the message of a {@code null} element. */
    String outletName();
  }

  /** A source of a fresh iterator per run that can start a fused stage. */
  interface FusableSource {
    /**
     * A new iterator for one run of the stream.
     *
     * @throws Exception what the user's iterator factory threw; it fails the stream
     */
    Iterator<?> iterator() throws Exception;
  }

  /** A stage that stands for a fused run. */
  interface Fused {
    /**
     * The logic, with {@code defaults} (the materializer's default attributes) under every
     * fused stage's own attributes.
     */
    GraphStageLogic createLogic(Attributes defaults, Attributes attrs);

    /** The stage's name: the names of the stages it stands for. */
    String name();
  }

  /** A fold or reduce that can end a fused stage. */
  interface FusableFold {
    /** The accumulator's start ({@code null} for reduce). */
    Object zero();

    /** Combines the accumulator with an element. */
    Function2<Object, Object, Object> combiner();

    /** Whether this is a reduce: the first element starts the accumulator; empty input fails. */
    boolean isReduce();
  }

  /**
   * The steps of a fused run with each step's attributes, for its supervision; shared by the
   * logics of every kind of fused stage.
   */
  static final class Steps {
    /** A run without steps. */
    static final Steps NONE = new Steps(new Fusable[0], new Attributes[0]);

    private final Fusable[] steps;
    private final Attributes[] attributes;

    /** The steps' stages, in order. */
    Fusable[] array() {
      return steps;
    }

    Steps(Fusable[] steps, Attributes[] attributes) {
      this.steps = steps;
      this.attributes = attributes;
    }

    /**
     * Runs the steps on {@code e} for {@code logic}, whose materializer's default attributes are
     * {@code defaults}: the survivor, {@link #DROP}, or {@code null} when a step failed the stage
     * (its supervision said stop, or it returned {@code null}).
     */
    Object run(GraphStageLogic logic, Attributes defaults, Object e) {
      Fusable[] s = steps;
      for (int i = 0; i < s.length; i++) {
        try {
          e = s[i].step(e);
        } catch (Exception ex) {
          return failed(logic, defaults, i, ex);
        }
        if (e == DROP) {
          return DROP;
        }
        if (e == null) {
          return returnedNull(logic, i);
        }
      }
      return e;
    }

    /**
     * Step {@code i} threw {@code ex}: {@link #DROP} when its supervision resumes or restarts,
     * else fails the stage and answers {@code null}.
     */
    Object failed(GraphStageLogic logic, Attributes defaults, int i, Exception ex) {
      if (Linear.decide(defaults.and(attributes[i]), ex) == Supervision.Directive.STOP) {
        logic.failStage(ex);
        return null;
      }
      return DROP;
    }

    /** Step {@code i} returned {@code null}: fails the stage as a push of {@code null} would. */
    Object returnedNull(GraphStageLogic logic, int i) {
      logic.failStage(
          new NullPointerException(
              "Element pushed to " + steps[i].outletName() + " must not be null"));
      return null;
    }
  }

  /**
   * The name of a fused stage: {@code fused(...)} with the names of the source ({@code null}: no
   * source), the steps and the tail ({@code null}: no fold or window) it stands for.
   */
  static String name(String source, Attributes[] stepAttributes, Attributes tailAttributes) {
    List<String> names = new ArrayList<>();
    if (source != null) {
      names.add(source);
    }
    for (Attributes a : stepAttributes) {
      names.add(a.nameOf().orElse("?"));
    }
    if (tailAttributes != null) {
      names.add(tailAttributes.nameOf().orElse("?"));
    }
    return "fused(" + String.join(",", names) + ")";
  }

  /**
   * Whether the edge from stage {@code from} to {@code to} can join a fused run. A fold or a
   * window only ever receives: it ends its run.
   */
  private static boolean fusableEdge(Object[] stages, int[] islandOf, int from, int to) {
    return from != to
        && islandOf[from] == islandOf[to]
        && (stages[from] instanceof Fusable || stages[from] instanceof FusableSource)
        && (stages[to] instanceof Fusable
            || stages[to] instanceof FusableFold
            || stages[to] instanceof GroupWindow.Windowed);
  }

  /**
   * Rewrites a run of fusable stages: {@code stages} gets the fused stage at the index of each
   * run's first stage and {@code null} at the others; returns the new wiring as {@code {outs,
   * ins}}, or {@code null} when nothing was fused. Runs of a single stage stay as they are.
   */
  static long[][] fuse(
      Object[] stages, Attributes[] attributes, int[] islandOf, long[] edgeOuts, long[] edgeIns) {
    int n = stages.length;
    boolean fusable = false;
    for (int e = 0; e < edgeOuts.length && !fusable; e++) {
      fusable = fusableEdge(stages, islandOf, (int) (edgeOuts[e] >>> 32), (int) (edgeIns[e] >>> 32));
    }
    if (!fusable) {
      return null; // the common case for small graphs: nothing to do, nothing allocated
    }
    int[] next = new int[n];
    int[] prev = new int[n];
    int[] nextEdge = new int[n];
    Arrays.fill(next, -1);
    Arrays.fill(prev, -1);
    for (int e = 0; e < edgeOuts.length; e++) {
      int from = (int) (edgeOuts[e] >>> 32);
      int to = (int) (edgeIns[e] >>> 32);
      if (fusableEdge(stages, islandOf, from, to)) {
        next[from] = to;
        nextEdge[from] = e;
        prev[to] = from;
      }
    }
    boolean[] dropEdge = new boolean[edgeOuts.length];
    int[] tailOf = new int[n];
    Arrays.fill(tailOf, -1);
    boolean any = false;
    for (int head = 0; head < n; head++) {
      if (prev[head] != -1 || next[head] == -1) {
        continue; // not the start of a run of at least two
      }
      List<Fusable> steps = new ArrayList<>();
      List<Attributes> attrs = new ArrayList<>();
      FusableSource source = null;
      Attributes sourceAttrs = null;
      Object end = null; // a fold or a window: it ends the run
      Attributes endAttrs = null;
      int s = head;
      int tail = head;
      while (s != -1) {
        if (stages[s] instanceof FusableSource src) {
          source = src;
          sourceAttrs = attributes[s];
        } else if (stages[s] instanceof Fusable f) {
          steps.add(f);
          attrs.add(attributes[s]);
        } else {
          end = stages[s];
          endAttrs = attributes[s];
        }
        tail = s;
        if (s != head) {
          stages[s] = null;
        }
        if (next[s] != -1) {
          dropEdge[nextEdge[s]] = true;
        }
        s = end == null ? next[s] : -1;
      }
      Attributes[] attrArray = attrs.toArray(new Attributes[0]);
      Steps run = new Steps(steps.toArray(new Fusable[0]), attrArray);
      String name =
          name(source == null ? null : sourceAttrs.nameOf().orElse("?"), attrArray, endAttrs);
      stages[head] =
          source != null
              ? new FusedSource(name, source, sourceAttrs, run, end, endAttrs)
              : new FusedStage(name, run, end, endAttrs);
      tailOf[head] = tail;
      any = true;
    }
    if (!any) {
      return null;
    }
    int[] fusedAt = new int[n]; // tail index -> the head that now owns its outlet
    Arrays.fill(fusedAt, -1);
    for (int h = 0; h < n; h++) {
      if (tailOf[h] != -1) {
        fusedAt[tailOf[h]] = h;
      }
    }
    int kept = 0;
    long[] outs = new long[edgeOuts.length];
    long[] ins = new long[edgeIns.length];
    for (int e = 0; e < edgeOuts.length; e++) {
      if (dropEdge[e]) {
        continue;
      }
      long out = edgeOuts[e];
      int from = (int) (out >>> 32);
      if (fusedAt[from] != -1) {
        out = CompositeModule.ref(fusedAt[from], 0);
      }
      outs[kept] = out;
      ins[kept] = edgeIns[e];
      kept++;
    }
    return new long[][] {Arrays.copyOf(outs, kept), Arrays.copyOf(ins, kept)};
  }

  /**
   * The stage standing for a fused run without a source: one inlet, one outlet, the steps, and
   * optionally a fold or a window at the end.
   */
  static final class FusedStage extends GraphStage<FlowShape<Object, Object>> implements Fused {
    private final Inlet<Object> in = Inlet.create("fused.in");
    private final Outlet<Object> out = Outlet.create("fused.out");
    private final FlowShape<Object, Object> shape = FlowShape.of(in, out);
    private final Steps steps;
    private final FusableFold fold;
    private final GroupWindow.Windowed window;
    private final Attributes tailAttributes;
    private final String name;

    /** The run called {@code name}: {@code steps}, then {@code tail} (a fold, a window, or null). */
    FusedStage(String name, Steps steps, Object tail, Attributes tailAttributes) {
      this.name = name;
      this.steps = steps;
      this.fold = tail instanceof FusableFold f ? f : null;
      this.window = tail instanceof GroupWindow.Windowed w ? w : null;
      this.tailAttributes = tailAttributes;
    }

    @Override
    public FlowShape<Object, Object> shape() {
      return shape;
    }

    @Override
    public GraphStageLogic createLogic(Attributes attrs) {
      return createLogic(Attributes.none(), attrs);
    }

    @Override
    public GraphStageLogic createLogic(Attributes defaults, Attributes attrs) {
      if (window != null) {
        return new GroupWindow.FlowLogic(shape, window.window(), steps, defaults);
      }
      return fold == null ? new Logic(defaults) : new FoldLogic(defaults);
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public String toString() {
      return name;
    }

    /** The logic of a run without a fold: pushes what survives the steps. */
    private class Logic extends GraphStageLogic implements InHandler, OutHandler {
      final Attributes defaults;
      Connection inConn;
      Connection outConn;
      GraphInterpreter interpreter;

      @SuppressWarnings("this-escape")
      Logic(Attributes defaults) {
        super(shape);
        this.defaults = defaults;
        setHandler(in, (InHandler) this);
        setHandler(out, (OutHandler) this);
      }

      @Override
      public void preStart() {
        LogicState st = LogicState.of(this);
        inConn = st.conns[0];
        outConn = st.conns[1];
        interpreter = st.interpreter;
      }

      @Override
      public void onPush() {
        Object e = steps.run(this, defaults, interpreter.grab(inConn));
        if (e == DROP) {
          interpreter.pull(inConn);
        } else if (e != null) {
          interpreter.push(outConn, e);
        }
      }

      @Override
      public void onPull() {
        interpreter.pull(inConn);
      }
    }

    /** The logic of a run that ends in a fold: folds what survives the steps. */
    private final class FoldLogic extends Logic {
      private Object acc;
      private boolean empty = true;

      FoldLogic(Attributes defaults) {
        super(defaults);
        acc = fold.zero();
      }

      @Override
      public void preStart() {
        super.preStart();
        interpreter.pull(inConn);
      }

      @Override
      public void onPush() {
        Object e = steps.run(this, defaults, interpreter.grab(inConn));
        if (e == null) {
          return;
        }
        if (e != DROP) {
          if (fold.isReduce() && empty) {
            acc = e;
            empty = false;
          } else {
            try {
              acc = fold.combiner().apply(acc, e);
              empty = false;
            } catch (Exception ex) {
              Supervision.Directive d =
                  Linear.decide(defaults.and(tailAttributes), ex);
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
        interpreter.pull(inConn);
      }

      @Override
      public void onPull() {}

      @Override
      public void onUpstreamFinish() {
        if (fold.isReduce() && empty) {
          failStage(new NoSuchElementException("reduce over empty stream"));
          return;
        }
        emit(out, acc);
        completeStage();
      }
    }
  }
}
