package io.troupe.stream;

import io.troupe.actor.NotUsed;
import io.troupe.japi.function.Function;
import io.troupe.japi.function.Function2;
import io.troupe.stream.internal.CompositeModule;
import io.troupe.stream.internal.GenericGraph;
import io.troupe.stream.internal.MatCombiner;
import io.troupe.stream.internal.Module;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Builds graphs of any shape by adding blueprints and wiring their ports: fan-in and fan-out
 * junctions, several sources or sinks, cycles.
 *
 * <pre>{@code
 * RunnableGraph<CompletionStage<List<Integer>>> g = RunnableGraph.fromGraph(
 *     GraphDSL.create(Sink.<Integer>seq(), (b, out) -> {
 *       UniformFanOutShape<Integer, Integer> bcast = b.add(Broadcast.create(2));
 *       UniformFanInShape<Integer, Integer> merge = b.add(Merge.create(2));
 *       b.from(b.add(Source.range(1, 3))).viaFanOut(bcast).toFanIn(merge);
 *       b.from(bcast).via(b.add(Flow.of(Integer.class).map(i -> i * 10))).toFanIn(merge);
 *       b.from(merge).to(out);
 *       return ClosedShape.getInstance();
 *     }));
 * }</pre>
 *
 * <p>{@link Builder#add} returns a copy of the added graph's shape with fresh ports, so a
 * blueprint may be added many times. When the block returns its shape, every port not in that
 * shape must be connected exactly once; otherwise building fails with an {@link
 * IllegalStateException} naming the ports. Connecting a port twice fails at once.
 */
public final class GraphDSL {
  private GraphDSL() {}

  /** Builds a graph whose materialized value is {@link NotUsed}. */
  public static <S extends Shape> Graph<S, NotUsed> create(Function<Builder<NotUsed>, S> block) {
    Objects.requireNonNull(block, "block");
    Builder<NotUsed> b = new Builder<>();
    S shape = call(() -> block.apply(b));
    return b.build(shape, values -> NotUsed.INSTANCE);
  }

  /**
   * Builds a graph that contains {@code g1} and materializes its value; the block gets the shape
   * of that copy of {@code g1}.
   */
  public static <S extends Shape, S1 extends Shape, M> Graph<S, M> create(
      Graph<S1, M> g1, Function2<Builder<M>, S1, S> block) {
    Objects.requireNonNull(g1, "g1");
    Objects.requireNonNull(block, "block");
    Builder<M> b = new Builder<>();
    S1 s1 = b.add(g1);
    S shape = call(() -> block.apply(b, s1));
    return b.build(shape, MatCombiner.keep(0));
  }

  private interface Call<T> {
    T call() throws Exception;
  }

  private static <T> T call(Call<T> c) {
    try {
      return c.call();
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException("building the graph failed", e);
    }
  }

  /**
   * Collects blueprints and the wiring between their ports.
   *
   * @param <M> the materialized value of the graph being built
   */
  public static final class Builder<M> {
    private final List<Module> children = new ArrayList<>();
    private final Map<Object, Long> portRefs = new IdentityHashMap<>();
    private final Map<Object, Boolean> connected = new IdentityHashMap<>();
    private final List<Object> allPorts = new ArrayList<>();
    private final List<long[]> edges = new ArrayList<>();
    private boolean built;

    Builder() {}

    /** Adds {@code graph} and returns a copy of its shape whose ports belong to this builder. */
    @SuppressWarnings("unchecked")
    public <S extends Shape> S add(Graph<S, ?> graph) {
      Objects.requireNonNull(graph, "graph");
      checkOpen();
      int child = children.size();
      children.add(graph.module());
      S copy = (S) graph.shape().deepCopy();
      List<Inlet<?>> ins = copy.inlets();
      List<Outlet<?>> outs = copy.outlets();
      for (int i = 0; i < ins.size(); i++) {
        portRefs.put(ins.get(i), CompositeModule.ref(child, i));
        allPorts.add(ins.get(i));
      }
      for (int i = 0; i < outs.size(); i++) {
        portRefs.put(outs.get(i), CompositeModule.ref(child, i));
        allPorts.add(outs.get(i));
      }
      return copy;
    }

    private void checkOpen() {
      if (built) {
        throw new IllegalStateException("this builder has already built its graph");
      }
    }

    private long refOf(Object port) {
      Long r = portRefs.get(port);
      if (r == null) {
        throw new IllegalArgumentException(
            "port " + port + " does not belong to this builder; add its graph with add() first");
      }
      return r;
    }

    /** Connects {@code out} to {@code in}. */
    public <T> void connect(Outlet<? extends T> out, Inlet<? super T> in) {
      checkOpen();
      long o = refOf(out);
      long i = refOf(in);
      if (connected.containsKey(out)) {
        throw new IllegalStateException("outlet " + out + " is already connected");
      }
      if (connected.containsKey(in)) {
        throw new IllegalStateException("inlet " + in + " is already connected");
      }
      connected.put(out, Boolean.TRUE);
      connected.put(in, Boolean.TRUE);
      edges.add(new long[] {o, i});
    }

    /** Starts a chain at {@code out}. */
    public <T> ForwardOps<T> from(Outlet<T> out) {
      return new ForwardOps<>(out);
    }

    /** Starts a chain at the outlet of {@code source}. */
    public <T> ForwardOps<T> from(SourceShape<T> source) {
      return new ForwardOps<>(source.out());
    }

    /** Starts a chain at the outlet of {@code flow}. */
    public <T> ForwardOps<T> from(FlowShape<?, T> flow) {
      return new ForwardOps<>(flow.out());
    }

    /** Starts a chain at the outlet of {@code fanIn}. */
    public <T> ForwardOps<T> from(UniformFanInShape<?, T> fanIn) {
      return new ForwardOps<>(fanIn.out());
    }

    /** Starts a chain at the outlet of {@code fanIn}. */
    public <T> ForwardOps<T> from(FanInShape2<?, ?, T> fanIn) {
      return new ForwardOps<>(fanIn.out());
    }

    /** Starts a chain at the first unconnected outlet of {@code fanOut}. */
    public <T> ForwardOps<T> from(UniformFanOutShape<?, T> fanOut) {
      return new ForwardOps<>(freeOutlet(fanOut));
    }

    private <T> Outlet<T> freeOutlet(UniformFanOutShape<?, T> fanOut) {
      for (Outlet<T> o : fanOut.getOutlets()) {
        if (!connected.containsKey(o)) {
          return o;
        }
      }
      throw new IllegalStateException("all outlets of " + fanOut + " are already connected");
    }

    private <T> Inlet<T> freeInlet(UniformFanInShape<T, ?> fanIn) {
      for (Inlet<T> i : fanIn.getInlets()) {
        if (!connected.containsKey(i)) {
          return i;
        }
      }
      throw new IllegalStateException("all inlets of " + fanIn + " are already connected");
    }

    /**
     * The wiring from one outlet onwards.
     *
     * @param <T> the type of element at the current outlet
     */
    public final class ForwardOps<T> {
      private final Outlet<T> out;

      ForwardOps(Outlet<T> out) {
        this.out = Objects.requireNonNull(out, "out");
      }

      /** The current outlet. */
      public Outlet<T> out() {
        return out;
      }

      /** Connects to {@code in}; ends the chain. */
      public Builder<M> toInlet(Inlet<? super T> in) {
        connect(out, in);
        return Builder.this;
      }

      /** Connects to {@code in}; ends the chain. */
      public Builder<M> to(Inlet<? super T> in) {
        return toInlet(in);
      }

      /** Connects to the inlet of {@code sink}; ends the chain. */
      public Builder<M> to(SinkShape<? super T> sink) {
        return toInlet(sink.in());
      }

      /** Connects to the first unconnected inlet of {@code fanIn}; ends the chain. */
      public Builder<M> toFanIn(UniformFanInShape<? super T, ?> fanIn) {
        @SuppressWarnings("unchecked")
        UniformFanInShape<T, ?> f = (UniformFanInShape<T, ?>) fanIn;
        return toInlet(freeInlet(f));
      }

      /** Connects to the inlet of {@code fanOut}; ends the chain. */
      public Builder<M> toFanOut(UniformFanOutShape<? super T, ?> fanOut) {
        return toInlet(fanOut.in());
      }

      /** Connects through {@code flow} and continues from its outlet. */
      public <U> ForwardOps<U> via(FlowShape<? super T, U> flow) {
        connect(out, flow.in());
        return new ForwardOps<>(flow.out());
      }

      /** Connects to the first free inlet of {@code fanIn} and continues from its outlet. */
      public <U> ForwardOps<U> viaFanIn(UniformFanInShape<? super T, U> fanIn) {
        toFanIn(fanIn);
        return new ForwardOps<>(fanIn.out());
      }

      /** Connects to the inlet of {@code fanOut} and continues from its first free outlet. */
      public <U> ForwardOps<U> viaFanOut(UniformFanOutShape<? super T, U> fanOut) {
        connect(out, fanOut.in());
        return new ForwardOps<>(freeOutlet(fanOut));
      }
    }

    <S extends Shape> Graph<S, M> build(S shape, MatCombiner combiner) {
      Objects.requireNonNull(shape, "the block returned a null shape");
      checkOpen();
      built = true;
      Map<Object, Boolean> exposed = new IdentityHashMap<>();
      long[] ins = new long[shape.inlets().size()];
      for (int i = 0; i < ins.length; i++) {
        Inlet<?> in = shape.inlets().get(i);
        ins[i] = refOf(in);
        if (connected.containsKey(in)) {
          throw new IllegalStateException("inlet " + in + " of the returned shape is already connected");
        }
        exposed.put(in, Boolean.TRUE);
      }
      long[] outs = new long[shape.outlets().size()];
      for (int i = 0; i < outs.length; i++) {
        Outlet<?> out = shape.outlets().get(i);
        outs[i] = refOf(out);
        if (connected.containsKey(out)) {
          throw new IllegalStateException(
              "outlet " + out + " of the returned shape is already connected");
        }
        exposed.put(out, Boolean.TRUE);
      }
      List<Object> dangling = new ArrayList<>();
      for (Object p : allPorts) {
        if (!connected.containsKey(p) && !exposed.containsKey(p)) {
          dangling.add(p);
        }
      }
      if (!dangling.isEmpty()) {
        throw new IllegalStateException(
            "illegal GraphDSL usage: ports " + dangling + " are not connected and not in the returned shape " + shape);
      }
      long[] edgeOuts = new long[edges.size()];
      long[] edgeIns = new long[edges.size()];
      for (int i = 0; i < edges.size(); i++) {
        edgeOuts[i] = edges.get(i)[0];
        edgeIns[i] = edges.get(i)[1];
      }
      Module module =
          new CompositeModule(
              children.toArray(new Module[0]), edgeOuts, edgeIns, ins, outs, combiner, Attributes.none());
      return new GenericGraph<>(shape, module);
    }
  }
}
