package io.troupe.stream.internal;

import io.troupe.stream.ActorAttributes;
import io.troupe.stream.Attributes;
import io.troupe.stream.stage.GraphStageWithMaterializedValue;
import java.util.Arrays;

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
    int n = b.stageCount;
    this.stages = b.stages;
    this.attributes = b.attributes;
    this.islandOf = b.islandOf;
    this.mat = mat;
    this.islandCount = b.islandCount;
    this.islandAttributes =
        b.islandCount == b.islandAttributes.length
            ? b.islandAttributes
            : Arrays.copyOf(b.islandAttributes, b.islandCount);
    for (int i = 0; i < n; i++) {
      Attributes own = attributes[i];
      int island = islandOf[i];
      if (!own.isEmpty()
          && own.contains(ActorAttributes.Dispatcher.class)
          && !islandAttributes[island].contains(ActorAttributes.Dispatcher.class)) {
        islandAttributes[island] =
            islandAttributes[island].and(Attributes.of(own.get(ActorAttributes.Dispatcher.class).get()));
      }
    }
    long[] outs = b.edgeOuts;
    long[] ins = b.edgeIns;
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
    Builder b = new Builder(module.stageCount(), module.edgeCount());
    b.addIsland(module.attributes());
    Flat root = b.flatten(module, Attributes.none(), 0);
    return new Plan(b, simplify(root.mat));
  }

  /**
   * {@code node} without the steps that only pick one child's value out of side-effect-free
   * children: {@code a.via(b).to(c)} with {@code Keep} combiners becomes a read of one stage's
   * value. Nodes with other combiners (user functions, {@code mapMaterializedValue}) stay, and so
   * do all their children, which are evaluated in order as before.
   */
  static MatNode simplify(MatNode node) {
    if (!(node instanceof Node n)) {
      return node;
    }
    MatNode[] children = new MatNode[n.children.length];
    boolean allLeaves = true;
    for (int i = 0; i < children.length; i++) {
      children[i] = simplify(n.children[i]);
      allLeaves &= children[i] instanceof Leaf;
    }
    if (allLeaves && n.combiner == MatCombiner.KeepFirst.INSTANCE) {
      return children[0];
    }
    if (allLeaves && n.combiner == MatCombiner.KeepSecond.INSTANCE && children.length > 1) {
      return children[1];
    }
    return new Node(children, n.combiner);
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

  private static final long[] NO_REFS = new long[0];

  /** Leaves for the first stages, shared by every plan. */
  private static final Leaf[] LEAVES = new Leaf[64];

  static {
    for (int i = 0; i < LEAVES.length; i++) {
      LEAVES[i] = new Leaf(i);
    }
  }

  private static Leaf leaf(int stage) {
    return stage < LEAVES.length ? LEAVES[stage] : new Leaf(stage);
  }

  /** The flattened form of a one-stage module at each of the first indices, shared likewise. */
  private static final Flat[] ATOMIC_FLATS = new Flat[64];

  static {
    for (int i = 0; i < ATOMIC_FLATS.length; i++) {
      ATOMIC_FLATS[i] = new Flat(i, null, null, LEAVES[i]);
    }
  }

  /**
   * A flattened module: where its open ports ended up, and its materialized value. For one stage,
   * {@code ins}/{@code outs} are {@code null} and port {@code p} is {@code ref(stage, p)}.
   */
  private record Flat(int stage, long[] ins, long[] outs, MatNode mat) {
    long in(int port) {
      return ins == null ? CompositeModule.ref(stage, port) : ins[port];
    }

    long out(int port) {
      return outs == null ? CompositeModule.ref(stage, port) : outs[port];
    }
  }

  private static final class Builder {
    // Sized exactly from the module's counts, so that the plan takes them without copying.
    final GraphStageWithMaterializedValue<?, ?>[] stages;
    final Attributes[] attributes;
    final int[] islandOf;
    int stageCount;
    Attributes[] islandAttributes = new Attributes[1];
    int islandCount;
    final long[] edgeOuts;
    final long[] edgeIns;
    int edgeCount;

    Builder(int stages, int edges) {
      this.stages = new GraphStageWithMaterializedValue<?, ?>[stages];
      this.attributes = new Attributes[stages];
      this.islandOf = new int[stages];
      this.edgeOuts = new long[edges];
      this.edgeIns = new long[edges];
    }

    Flat flatten(Module m, Attributes inherited, int island) {
      Attributes own = m.attributes();
      Attributes effective = inherited.and(own);
      if (!own.isEmpty() && own.contains(Attributes.AsyncBoundary.class)) {
        // A new island; the enclosing one may end up empty, which the materializer skips.
        island = islandCount;
        addIsland(effective);
      }
      if (m instanceof AtomicModule a) {
        int s = stageCount;
        stages[s] = a.stage();
        attributes[s] = effective;
        islandOf[s] = island;
        stageCount = s + 1;
        return s < ATOMIC_FLATS.length ? ATOMIC_FLATS[s] : new Flat(s, null, null, leaf(s));
      }
      CompositeModule c = (CompositeModule) m;
      Module[] children = c.children();
      Flat[] flats = new Flat[children.length];
      for (int i = 0; i < children.length; i++) {
        flats[i] = flatten(children[i], effective, island);
      }
      long[] eo = c.edgeOuts();
      long[] ei = c.edgeIns();
      for (int i = 0; i < eo.length; i++) {
        long out = flats[CompositeModule.child(eo[i])].out(CompositeModule.port(eo[i]));
        long in = flats[CompositeModule.child(ei[i])].in(CompositeModule.port(ei[i]));
        addEdge(out, in);
      }
      int inCount = c.inCount();
      long[] ins = null;
      if (inCount > 0) {
        ins = new long[inCount];
        long[] cins = c.ins();
        for (int i = 0; i < inCount; i++) {
          long r = cins[i];
          ins[i] = flats[CompositeModule.child(r)].in(CompositeModule.port(r));
        }
      }
      int outCount = c.outCount();
      long[] outs = null;
      if (outCount > 0) {
        outs = new long[outCount];
        long[] couts = c.outs();
        for (int i = 0; i < outCount; i++) {
          long r = couts[i];
          outs[i] = flats[CompositeModule.child(r)].out(CompositeModule.port(r));
        }
      }
      MatNode mat;
      if (children.length == 1 && c.combiner() == MatCombiner.KeepFirst.INSTANCE) {
        mat = flats[0].mat;
      } else {
        MatNode[] mats = new MatNode[children.length];
        for (int i = 0; i < children.length; i++) {
          mats[i] = flats[i].mat;
        }
        mat = new Node(mats, c.combiner());
      }
      // A composite's ports are never resolved through "stage", only through ins/outs.
      return new Flat(-1, ins == null ? NO_REFS : ins, outs == null ? NO_REFS : outs, mat);
    }

    void addIsland(Attributes attrs) {
      if (islandCount == islandAttributes.length) {
        islandAttributes = Arrays.copyOf(islandAttributes, islandCount * 2);
      }
      islandAttributes[islandCount++] = attrs;
    }

    void addEdge(long out, long in) {
      edgeOuts[edgeCount] = out;
      edgeIns[edgeCount] = in;
      edgeCount++;
    }
  }
}
