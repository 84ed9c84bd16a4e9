package io.troupe.stream.internal.ops;

import static io.troupe.stream.internal.Linear.decide;

import io.troupe.actor.NotUsed;
import io.troupe.japi.Pair;
import io.troupe.japi.function.Creator;
import io.troupe.japi.function.Function;
import io.troupe.japi.function.Function2;
import io.troupe.stream.ActorAttributes;
import io.troupe.stream.Attributes;
import io.troupe.stream.internal.Linear;
import io.troupe.stream.FlowShape;
import io.troupe.stream.Graph;
import io.troupe.stream.Inlet;
import io.troupe.stream.Outlet;
import io.troupe.stream.SinkShape;
import io.troupe.stream.SourceShape;
import io.troupe.stream.Supervision;
import io.troupe.stream.internal.CompositeModule;
import io.troupe.stream.internal.GenericGraph;
import io.troupe.stream.internal.Junctions;
import io.troupe.stream.internal.MatCombiner;
import io.troupe.stream.internal.Module;
import io.troupe.stream.stage.GraphStage;
import io.troupe.stream.stage.GraphStageLogic;
import io.troupe.stream.stage.InHandler;
import io.troupe.stream.stage.OutHandler;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The state and structure operators behind {@code Source} and {@code Flow}: argument checks, the
 * one-in one-out stages ({@code statefulMap}, {@code statefulMapConcat}, {@code intersperse},
 * {@code onErrorComplete}), and the composites that wire a fan-in junction to other sources or a
 * fan-out junction to a sink. Internal API; the DSL Javadoc gives each operator's contract.
 */
public final class StructOps {
  private StructOps() {}

  /*
   * The stages here (and in FanInOps, FanOutOps) pull with tryPull, also in onPull. A stage that
   * pushes from onPush because its outlet is available (emit, or a merge pushing at once) can
   * consume a pull whose event is still queued in the interpreter; if downstream pulls again
   * before that event is delivered, onPull runs twice for one demand. The second call must not
   * pull the inlet again.
   */

  // ------------------------------------------------------------------ argument checks

  static void atLeastOne(String name, int value) {
    if (value < 1) {
      throw new IllegalArgumentException(name + " must be > 0, was " + value);
    }
  }



  private static <T> Inlet<T> inlet(String name) {
    return Inlet.create(name + ".in");
  }

  private static <T> Outlet<T> outlet(String name) {
    return Outlet.create(name + ".out");
  }

  // ------------------------------------------------------------------ DSL factories

  /** The stage of {@code statefulMap}. */
  public static <S, A, B> Graph<FlowShape<A, B>, NotUsed> statefulMap(
      Creator<S> create, Function2<S, A, Pair<S, B>> f, Function<S, Optional<B>> onComplete) {
    return new StatefulMap<>(
        Objects.requireNonNull(create, "create"),
        Objects.requireNonNull(f, "f"),
        Objects.requireNonNull(onComplete, "onComplete"));
  }

  /** The stage of {@code statefulMapConcat}. */
  public static <A, B> Graph<FlowShape<A, B>, NotUsed> statefulMapConcat(
      Creator<? extends Function<A, ? extends Iterable<B>>> f) {
    return new StatefulMapConcat<>(Objects.requireNonNull(f, "f"));
  }

  /** The stage of {@code intersperse}; {@code start} and {@code end} may be null (absent). */
  public static <T> Graph<FlowShape<T, T>, NotUsed> intersperse(T start, T inject, T end) {
    return new Intersperse<>(start, Objects.requireNonNull(inject, "inject"), end);
  }

  /** The stage of {@code onErrorComplete}. */
  public static <T> Graph<FlowShape<T, T>, NotUsed> onErrorComplete(
      java.util.function.Predicate<? super Throwable> predicate) {
    return new OnErrorComplete<>(Objects.requireNonNull(predicate, "predicate"));
  }

  /** A flow that completes on a failure that is an instance of {@code type}. */
  public static <T> Graph<FlowShape<T, T>, NotUsed> onErrorComplete(
      Class<? extends Throwable> type) {
    Objects.requireNonNull(type, "type");
    return new OnErrorComplete<>(type::isInstance);
  }

  /** {@code wireTap(that)}, materializing the tap's value. */
  public static <T, M> Graph<FlowShape<T, T>, M> wireTap(Graph<SinkShape<T>, M> that) {
    Objects.requireNonNull(that, "that");
    return fanOut(new FanOutOps.WireTap<T>().module(), that.module(), "wireTap");
  }

  /** {@code divertTo(that, when)}, materializing the sink's value. */
  public static <T, M> Graph<FlowShape<T, T>, M> divertTo(
      Graph<SinkShape<T>, M> that, io.troupe.japi.function.Predicate<T> when) {
    Objects.requireNonNull(that, "that");
    Objects.requireNonNull(when, "when");
    return fanOut(new FanOutOps.DivertTo<T>(when).module(), that.module(), "divertTo");
  }

  /** {@code orElse(secondary)}, materializing the secondary's value. */
  public static <T, M> Graph<FlowShape<T, T>, M> orElse(Graph<SourceShape<T>, M> secondary) {
    Objects.requireNonNull(secondary, "secondary");
    return fanIn(new FanInOps.OrElse<T>().module(), 0, List.of(secondary.module()), new int[] {1}, "orElse");
  }

  /** {@code zipLatestWith(that, eagerComplete, combine)}, materializing that source's value. */
  public static <A, B, R, M> Graph<FlowShape<A, R>, M> zipLatestWith(
      Graph<SourceShape<B>, M> that, boolean eagerComplete, Function2<A, B, R> combine) {
    Objects.requireNonNull(that, "that");
    Objects.requireNonNull(combine, "combine");
    return fanIn(
        new FanInOps.ZipLatestWith<A, B, R>(combine, eagerComplete).module(),
        0,
        List.of(that.module()),
        new int[] {1},
        "zipLatest");
  }

  /** {@code zipAll(that, thisElem, thatElem)}. */
  public static <A, B> Graph<FlowShape<A, Pair<A, B>>, NotUsed> zipAll(
      Graph<SourceShape<B>, ?> that, A thisElem, B thatElem) {
    Objects.requireNonNull(that, "that");
    Objects.requireNonNull(thisElem, "thisElem");
    Objects.requireNonNull(thatElem, "thatElem");
    return fanIn(
        new FanInOps.ZipAll<A, B>(thisElem, thatElem).module(),
        0,
        List.of(that.module()),
        new int[] {1},
        "zipAll");
  }

  /** {@code interleave(that, segmentSize, eagerClose)}, materializing that source's value. */
  public static <T, M> Graph<FlowShape<T, T>, M> interleave(
      Graph<SourceShape<T>, M> that, int segmentSize, boolean eagerClose) {
    Objects.requireNonNull(that, "that");
    atLeastOne("segmentSize", segmentSize);
    return fanIn(
        new FanInOps.Interleave<T>(2, segmentSize, eagerClose).module(),
        0,
        List.of(that.module()),
        new int[] {1},
        "interleave");
  }

  /** {@code interleaveAll(those, segmentSize, eagerClose)}. */
  public static <T> Graph<FlowShape<T, T>, NotUsed> interleaveAll(
      List<? extends Graph<SourceShape<T>, ?>> those, int segmentSize, boolean eagerClose) {
    List<Module> modules = modules(those);
    atLeastOne("segmentSize", segmentSize);
    return fanInAll(new FanInOps.Interleave<T>(modules.size() + 1, segmentSize, eagerClose).module(), modules, "interleaveAll");
  }

  /** {@code mergeAll(those, eagerComplete)}. */
  public static <T> Graph<FlowShape<T, T>, NotUsed> mergeAll(
      List<? extends Graph<SourceShape<T>, ?>> those, boolean eagerComplete) {
    List<Module> modules = modules(those);
    return fanInAll(new Junctions.Merge<T>(modules.size() + 1, eagerComplete).module(), modules, "mergeAll");
  }

  /** {@code mergeSorted(that, comparator)}, materializing that source's value. */
  public static <T, M> Graph<FlowShape<T, T>, M> mergeSorted(
      Graph<SourceShape<T>, M> that, Comparator<? super T> comparator) {
    Objects.requireNonNull(that, "that");
    Objects.requireNonNull(comparator, "comparator");
    return fanIn(
        new FanInOps.MergeSorted<T>(comparator).module(),
        0,
        List.of(that.module()),
        new int[] {1},
        "mergeSorted");
  }

  /**
   * {@code mergePreferred(that, preferred, eagerComplete)}: with {@code preferred} the elements of
   * {@code that} win, otherwise this stream's; materializes that source's value.
   */
  public static <T, M> Graph<FlowShape<T, T>, M> mergePreferred(
      Graph<SourceShape<T>, M> that, boolean preferred, boolean eagerComplete) {
    Objects.requireNonNull(that, "that");
    // ports: 0 = the secondary input, 1 = the preferred one
    return fanIn(
        FanInOps.<T>preferred(1, eagerComplete).module(),
        preferred ? 0 : 1,
        List.of(that.module()),
        new int[] {preferred ? 1 : 0},
        "mergePreferred");
  }

  /** {@code mergePrioritized(that, leftPriority, rightPriority, eagerComplete)}. */
  public static <T, M> Graph<FlowShape<T, T>, M> mergePrioritized(
      Graph<SourceShape<T>, M> that, int leftPriority, int rightPriority, boolean eagerComplete) {
    Objects.requireNonNull(that, "that");
    atLeastOne("leftPriority", leftPriority);
    atLeastOne("rightPriority", rightPriority);
    return fanIn(
        FanInOps.<T>prioritized(new int[] {leftPriority, rightPriority}, eagerComplete).module(),
        0,
        List.of(that.module()),
        new int[] {1},
        "mergePrioritized");
  }

  private static <T> List<Module> modules(List<? extends Graph<SourceShape<T>, ?>> those) {
    Objects.requireNonNull(those, "those");
    Module[] ms = new Module[those.size()];
    for (int i = 0; i < ms.length; i++) {
      Graph<SourceShape<T>, ?> g = those.get(i);
      if (g == null) {
        throw new NullPointerException("those[" + i + "] must not be null");
      }
      ms[i] = g.module();
    }
    return List.of(ms);
  }

  // ------------------------------------------------------------------ composites

  /**
   * A flow around {@code junction} (one outlet): the flow's inlet is the junction's inlet {@code
   * upPort}, and each of {@code sources} feeds the junction's inlet {@code sourcePorts[i]}. The
   * materialized value is that of the first source (child 1).
   */
  private static <A, B, M> Graph<FlowShape<A, B>, M> fanIn(
      Module junction, int upPort, List<Module> sources, int[] sourcePorts, String name) {
    int n = sources.size();
    Module[] children = new Module[n + 1];
    children[0] = junction;
    long[] edgeOuts = new long[n];
    long[] edgeIns = new long[n];
    for (int i = 0; i < n; i++) {
      children[i + 1] = sources.get(i);
      edgeOuts[i] = CompositeModule.ref(i + 1, 0);
      edgeIns[i] = CompositeModule.ref(0, sourcePorts[i]);
    }
    CompositeModule m =
        new CompositeModule(
            children,
            edgeOuts,
            edgeIns,
            new long[] {CompositeModule.ref(0, upPort)},
            new long[] {CompositeModule.ref(0, 0)},
            n == 0 ? MatCombiner.keep(0) : MatCombiner.keep(1),
            Attributes.none());
    return new GenericGraph<>(FlowShape.of(StructOps.<A>inlet(name), StructOps.<B>outlet(name)), m);
  }

  /** A fan-in of the flow's inlet (port 0) and {@code sources} (ports 1..n); materializes nothing. */
  private static <T> Graph<FlowShape<T, T>, NotUsed> fanInAll(
      Module junction, List<Module> sources, String name) {
    int[] ports = new int[sources.size()];
    for (int i = 0; i < ports.length; i++) {
      ports[i] = i + 1;
    }
    Graph<FlowShape<T, T>, Object> g = fanIn(junction, 0, sources, ports, name);
    return new GenericGraph<>(g.shape(), CompositeModule.mapMaterialized(g.module(), v -> NotUsed.INSTANCE));
  }

  /**
   * A flow through {@code junction} (one inlet, outlets main = 0 and side = 1) whose side outlet
   * feeds {@code sink}; materializes the sink's value.
   */
  private static <T, M> Graph<FlowShape<T, T>, M> fanOut(Module junction, Module sink, String name) {
    CompositeModule m =
        new CompositeModule(
            new Module[] {junction, sink},
            new long[] {CompositeModule.ref(0, 1)},
            new long[] {CompositeModule.ref(1, 0)},
            new long[] {CompositeModule.ref(0, 0)},
            new long[] {CompositeModule.ref(0, 0)},
            MatCombiner.keep(1),
            Attributes.none());
    return new GenericGraph<>(FlowShape.of(StructOps.<T>inlet(name), StructOps.<T>outlet(name)), m);
  }

  // ------------------------------------------------------------------ stages



  /**
   * Maps each element with a state that a creator makes per materialization; a closing function
   * sees the last state once, and what it returns is emitted on upstream completion.
   */
  static final class StatefulMap<S, A, B> extends Linear<A, B> {
    private final Creator<S> create;
    private final Function2<S, A, Pair<S, B>> f;
    private final Function<S, Optional<B>> onComplete;

    StatefulMap(Creator<S> create, Function2<S, A, Pair<S, B>> f, Function<S, Optional<B>> onComplete) {
      super("statefulMap");
      this.create = create;
      this.f = f;
      this.onComplete = onComplete;
    }

    @Override
    public GraphStageLogic createLogic(Attributes attrs) {
      return new Logic(attrs);
    }

    private final class Logic extends GraphStageLogic implements InHandler, OutHandler {
      private final Attributes attrs;
      private S state;
      /** Whether {@code onComplete} is still to be called for the current state. */
      private boolean open;

      @SuppressWarnings("this-escape")
      Logic(Attributes attrs) {
        super(shape());
        this.attrs = attrs;
        setHandlers(in, out, this);
      }

      @Override
      public void preStart() throws Exception {
        state = create.create();
        open = true;
      }

      @Override
      public void onPush() throws Exception {
        Pair<S, B> next;
        try {
          next = f.apply(state, grab(in));
          if (next == null) {
            throw new NullPointerException("statefulMap: f returned null instead of a Pair");
          }
        } catch (Exception e) {
          switch (decide(attrs, e)) {
            case STOP -> closeAndFail(e);
            case RESUME -> tryPull(in);
            case RESTART -> restart();
          }
          return;
        }
        state = next.first();
        B b = next.second();
        if (b == null) {
          tryPull(in);
        } else {
          push(out, b);
        }
      }

      /** Closes the current state (emitting what it yields) and starts a new one. */
      private void restart() throws Exception {
        open = false;
        Optional<B> last = onComplete.apply(state);
        state = create.create();
        open = true;
        if (last != null && last.isPresent()) {
          emit(out, last.get());
        } else {
          tryPull(in);
        }
      }

      @Override
      public void onPull() {
        tryPull(in);
      }

      @Override
      public void onUpstreamFinish() throws Exception {
        open = false;
        Optional<B> last = onComplete.apply(state);
        if (last != null && last.isPresent()) {
          emit(out, last.get());
        }
        completeStage();
      }

      @Override
      public void onUpstreamFailure(Throwable ex) {
        closeAndFail(ex);
      }

      private void closeAndFail(Throwable ex) {
        open = false;
        try {
          onComplete.apply(state);
        } catch (Exception e) {
          ex.addSuppressed(e);
        }
        failStage(ex);
      }

      @Override
      public void onDownstreamFinish(Throwable cause) throws Exception {
        open = false;
        onComplete.apply(state);
        cancelStage(cause);
      }

      @Override
      public void postStop() throws Exception {
        // torn down (materializer shut down, island aborted): the state still gets closed once
        if (open) {
          open = false;
          onComplete.apply(state);
        }
      }
    }
  }

  /**
   * Maps each element to an iterable with a function that a creator makes per materialization,
   * and emits the iterables' elements in order.
   */
  static final class StatefulMapConcat<A, B> extends Linear<A, B> {
    private final Creator<? extends Function<A, ? extends Iterable<B>>> creator;

    StatefulMapConcat(Creator<? extends Function<A, ? extends Iterable<B>>> creator) {
      super("statefulMapConcat");
      this.creator = creator;
    }

    @Override
    public GraphStageLogic createLogic(Attributes attrs) {
      return new Logic(attrs);
    }

    private final class Logic extends GraphStageLogic implements InHandler, OutHandler {
      private final Attributes attrs;
      private Function<A, ? extends Iterable<B>> f;
      private Iterator<? extends B> current;

      @SuppressWarnings("this-escape")
      Logic(Attributes attrs) {
        super(shape());
        this.attrs = attrs;
        setHandlers(in, out, this);
      }

      @Override
      public void preStart() throws Exception {
        f = Objects.requireNonNull(creator.create(), "statefulMapConcat: the creator returned null");
      }

      @Override
      public void onPush() throws Exception {
        try {
          Iterable<B> it = f.apply(grab(in));
          current = it == null ? null : it.iterator();
        } catch (Exception e) {
          onError(e);
          return;
        }
        pushNext();
      }

      @Override
      public void onPull() throws Exception {
        pushNext();
      }

      /** Pushes the next element of the current iterable, or pulls (or completes) when it is done. */
      private void pushNext() throws Exception {
        B next = null;
        boolean has = false;
        try {
          if (current != null && current.hasNext()) {
            next = current.next();
            has = true;
          }
        } catch (Exception e) {
          onError(e);
          return;
        }
        if (has) {
          push(out, next); // a null element fails the stage with the interpreter's message
        } else {
          current = null;
          pullOrFinish();
        }
      }

      private void onError(Exception e) throws Exception {
        current = null;
        switch (decide(attrs, e)) {
          case STOP -> failStage(e);
          case RESUME -> pullOrFinish();
          case RESTART -> {
            f = Objects.requireNonNull(creator.create(), "statefulMapConcat: the creator returned null");
            pullOrFinish();
          }
        }
      }

      private void pullOrFinish() {
        if (isClosed(in)) {
          completeStage();
        } else if (isAvailable(out)) {
          tryPull(in);
        }
      }

      @Override
      public void onUpstreamFinish() {
        if (current == null) {
          completeStage();
        }
      }
    }
  }

  /** Emits an element between each two elements, and optionally one first and one last. */
  static final class Intersperse<T> extends Linear<T, T> {
    private final T start;
    private final T inject;
    private final T end;

    Intersperse(T start, T inject, T end) {
      super("intersperse");
      this.start = start;
      this.inject = inject;
      this.end = end;
    }

    @Override
    public GraphStageLogic createLogic(Attributes attrs) {
      return new Logic();
    }

    private final class Logic extends GraphStageLogic implements InHandler, OutHandler {
      private boolean first = true;

      @SuppressWarnings("this-escape")
      Logic() {
        super(shape());
        setHandlers(in, out, this);
      }

      @Override
      public void preStart() {
        if (start != null) {
          emit(out, start);
        }
      }

      @Override
      public void onPush() {
        T t = grab(in);
        if (first) {
          first = false;
          push(out, t);
        } else {
          push(out, inject);
          emit(out, t);
        }
      }

      @Override
      public void onPull() {
        tryPull(in);
      }

      @Override
      public void onUpstreamFinish() {
        if (end != null) {
          emit(out, end);
        }
        completeStage();
      }
    }
  }

  /** Completes instead of failing when the failure satisfies a predicate. */
  static final class OnErrorComplete<T> extends Linear<T, T> {
    private final java.util.function.Predicate<? super Throwable> predicate;

    OnErrorComplete(java.util.function.Predicate<? super Throwable> predicate) {
      super("onErrorComplete");
      this.predicate = predicate;
    }

    @Override
    public GraphStageLogic createLogic(Attributes attrs) {
      return new Logic();
    }

    private final class Logic extends GraphStageLogic implements InHandler, OutHandler {
      @SuppressWarnings("this-escape")
      Logic() {
        super(shape());
        setHandlers(in, out, this);
      }

      @Override
      public void onPush() {
        push(out, grab(in));
      }

      @Override
      public void onPull() {
        tryPull(in);
      }

      @Override
      public void onUpstreamFailure(Throwable ex) {
        boolean matches;
        try {
          matches = predicate.test(ex);
        } catch (RuntimeException e) {
          e.addSuppressed(ex);
          failStage(e);
          return;
        }
        if (matches) {
          completeStage();
        } else {
          failStage(ex);
        }
      }
    }
  }

  /** The shape argument check shared by the public junction classes. */
  public static void requirePorts(String name, int n) {
    atLeastOne(name, n);
  }
}
