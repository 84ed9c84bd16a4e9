package io.troupe.stream.internal;

import io.troupe.stream.ActorAttributes;
import io.troupe.stream.Attributes;
import io.troupe.stream.stage.GraphStageWithMaterializedValue;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A blueprint flattened for running: its stages in a fixed order with their effective attributes
 * and island, the wiring between their ports, and how to compute the materialized value. Internal
 * API.
 *
 * <p>Linear runs of simple stages are fused (see {@link Fusion}): the fused stage takes the index
 * of the run's first stage and the others' entries in {@link #stages} are {@code null}; they
 * materialize {@code NotUsed}.
 *
 * <p>Computed once per module (see {@link Module#plan()}) and reused by every materialization.
 * A global port reference is {@code (stage << 32) | port}.
 */
public final class Plan {
  final GraphStageWithMaterializedValue<?, ?>[] stages;
  final Attributes[] attributes;
  final int[] islandOf;
  final long[] edgeOuts;
  final long[] edgeIns;
  final MatNode mat;
  final int islandCount;
  final Attributes[] islandAttributes;

  private Plan(Builder b, MatNode mat) {
    int n = b.stages.size();
    this.stages = b.stages.toArray(new GraphStageWithMaterializedValue<?, ?>[n]);
    this.attributes = b.attributes.toArray(new Attributes[n]);
    this.islandOf = new int[n];
    for (int i = 0; i < n; i++) {
      islandOf[i] = b.islandOf.get(i);
    }
    this.mat = mat;
    this.islandCount = b.islandAttributes.size();
    this.islandAttributes = b.islandAttributes.toArray(new Attributes[0]);
    for (int i = 0; i < n; i++) {
      Attributes own = attributes[i];
      int island = islandOf[i];
      if (!islandAttributes[island].contains(ActorAttributes.Dispatcher.class)
          && own.contains(ActorAttributes.Dispatcher.class)) {
        islandAttributes[island] =
            islandAttributes[island].and(Attributes.of(own.get(ActorAttributes.Dispatcher.class).get()));
      }
    }
    long[] outs = Arrays.copyOf(b.edgeOuts, b.edgeCount);
    long[] ins = Arrays.copyOf(b.edgeIns, b.edgeCount);
    // After the islands' dispatchers are known: fusion removes stages (and their attributes).
    long[][] fused = Fusion.fuse(stages, attributes, islandOf, outs, ins);
    this.edgeOuts = fused == null ? outs : fused[0];
    this.edgeIns = fused == null ? ins : fused[1];
  }

  /** Flattens {@code module}, which must have no open ports. */
  static Plan of(Module module) {
    if (module.inCount() != 0 || module.outCount() != 0) {
      throw new IllegalArgumentException(
          "cannot run a graph with open ports: "
              + module.inCount()
              + " inlet(s) and "
              + module.outCount()
              + " outlet(s) are not connected");
    }
    Builder b = new Builder();
    b.islandAttributes.add(module.attributes());
    Flat root = b.flatten(module, Attributes.none(), 0);
    return new Plan(b, root.mat);
  }

  /** The number of stages. */
  public int stageCount() {
    return stages.length;
  }

  /** A node of the materialized-value computation. */
  sealed interface MatNode permits Leaf, Node {
    Object eval(Object[] stageValues) throws Exception;
  }

  record Leaf(int stage) implements MatNode {
    @Override
    public Object eval(Object[] stageValues) {
      return stageValues[stage];
    }
  }

  record Node(MatNode[] children, MatCombiner combiner) implements MatNode {
    @Override
    public Object eval(Object[] stageValues) throws Exception {
      if (combiner == MatCombiner.KeepFirst.INSTANCE) {
        // Children are still evaluated in order, so that every mapMaterializedValue runs.
        Object first = children[0].eval(stageValues);
        for (int i = 1; i < children.length; i++) {
          children[i].eval(stageValues);
        }
        return first;
      }
      Object[] values = new Object[children.length];
      for (int i = 0; i < children.length; i++) {
        values[i] = children[i].eval(stageValues);
      }
      return combiner.combine(values);
    }
  }

  private record Flat(long[] ins, long[] outs, MatNode mat) {}

  private static final class Builder {
    final List<GraphStageWithMaterializedValue<?, ?>> stages = new ArrayList<>();
    final List<Attributes> attributes = new ArrayList<>();
    final List<Integer> islandOf = new ArrayList<>();
    final List<Attributes> islandAttributes = new ArrayList<>();
    long[] edgeOuts = new long[8];
    long[] edgeIns = new long[8];
    int edgeCount;

    Flat flatten(Module m, Attributes inherited, int island) {
      Attributes effective = inherited.and(m.attributes());
      if (m.attributes().contains(Attributes.AsyncBoundary.class)) {
        // A new island; the enclosing one may end up empty, which the materializer skips.
        island = islandAttributes.size();
        islandAttributes.add(effective);
      }
      if (m instanceof AtomicModule a) {
        int s = stages.size();
        stages.add(a.stage());
        attributes.add(effective);
        islandOf.add(island);
        long[] ins = new long[a.inCount()];
        for (int i = 0; i < ins.length; i++) {
          ins[i] = CompositeModule.ref(s, i);
        }
        long[] outs = new long[a.outCount()];
        for (int i = 0; i < outs.length; i++) {
          outs[i] = CompositeModule.ref(s, i);
        }
        return new Flat(ins, outs, new Leaf(s));
      }
      CompositeModule c = (CompositeModule) m;
      Module[] children = c.children();
      Flat[] flats = new Flat[children.length];
      MatNode[] mats = new MatNode[children.length];
      for (int i = 0; i < children.length; i++) {
        flats[i] = flatten(children[i], effective, island);
        mats[i] = flats[i].mat;
      }
      long[] eo = c.edgeOuts();
      long[] ei = c.edgeIns();
      for (int i = 0; i < eo.length; i++) {
        long out = flats[CompositeModule.child(eo[i])].outs[CompositeModule.port(eo[i])];
        long in = flats[CompositeModule.child(ei[i])].ins[CompositeModule.port(ei[i])];
        addEdge(out, in);
      }
      long[] ins = new long[c.inCount()];
      for (int i = 0; i < ins.length; i++) {
        long r = c.ins()[i];
        ins[i] = flats[CompositeModule.child(r)].ins[CompositeModule.port(r)];
      }
      long[] outs = new long[c.outCount()];
      for (int i = 0; i < outs.length; i++) {
        long r = c.outs()[i];
        outs[i] = flats[CompositeModule.child(r)].outs[CompositeModule.port(r)];
      }
      MatNode mat =
          children.length == 1 && c.combiner() == MatCombiner.KeepFirst.INSTANCE
              ? mats[0]
              : new Node(mats, c.combiner());
      return new Flat(ins, outs, mat);
    }

    void addEdge(long out, long in) {
      if (edgeCount == edgeOuts.length) {
        edgeOuts = Arrays.copyOf(edgeOuts, edgeCount * 2);
        edgeIns = Arrays.copyOf(edgeIns, edgeCount * 2);
      }
      edgeOuts[edgeCount] = out;
      edgeIns[edgeCount] = in;
      edgeCount++;
    }
  }
}
