package io.troupe.stream.internal;

import io.troupe.japi.function.Function;
import io.troupe.japi.function.Function2;
import io.troupe.stream.Attributes;

/**
 * A module made of child modules with some of their ports wired together and the rest exposed.
 * Internal API.
 *
 * <p>Ports are named by a reference {@code (child << 32) | port}, where {@code port} indexes the
 * child's inlets or outlets.
 */
public final class CompositeModule extends Module {
  private final Module[] children;
  private final long[] edgeOuts;
  private final long[] edgeIns;
  private final long[] ins;
  private final long[] outs;
  private final MatCombiner combiner;
  private final int stageCount;
  private final int edgeCount;

  /** A composite; arrays are taken as they are, not copied. */
  public CompositeModule(
      Module[] children,
      long[] edgeOuts,
      long[] edgeIns,
      long[] ins,
      long[] outs,
      MatCombiner combiner,
      Attributes attributes) {
    super(attributes);
    this.children = children;
    this.edgeOuts = edgeOuts;
    this.edgeIns = edgeIns;
    this.ins = ins;
    this.outs = outs;
    this.combiner = combiner;
    int stagesBelow = 0;
    int edgesBelow = edgeOuts.length;
    for (Module c : children) {
      stagesBelow += c.stageCount();
      edgesBelow += c.edgeCount();
    }
    this.stageCount = stagesBelow;
    this.edgeCount = edgesBelow;
  }

  @Override
  int stageCount() {
    return stageCount;
  }

  @Override
  int edgeCount() {
    return edgeCount;
  }

  /** The port reference of {@code port} of {@code child}. */
  public static long ref(int child, int port) {
    return ((long) child << 32) | port;
  }

  static int child(long ref) {
    return (int) (ref >>> 32);
  }

  static int port(long ref) {
    return (int) ref;
  }

  /**
   * Wires outlet 0 of {@code up} to inlet 0 of {@code down}; the remaining ports stay open, {@code
   * up}'s first. The materialized value is {@code combine(up's, down's)}.
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public static CompositeModule linear(Module up, Module down, Function2<?, ?, ?> combine) {
    int upIns = up.inCount();
    int downIns = down.inCount();
    int upOuts = up.outCount();
    int downOuts = down.outCount();
    long[] ins;
    if (upIns + downIns - 1 == 0) {
      ins = NO_REFS;
    } else if (upIns == 1 && downIns == 1) {
      ins = FIRST_PORT_OF_UP; // flow + flow or flow + sink
    } else {
      ins = new long[upIns + downIns - 1];
      int k = 0;
      for (int i = 0; i < upIns; i++) {
        ins[k++] = ref(0, i);
      }
      for (int i = 1; i < downIns; i++) {
        ins[k++] = ref(1, i);
      }
    }
    long[] outs;
    if (upOuts - 1 + downOuts == 0) {
      outs = NO_REFS;
    } else if (upOuts == 1 && downOuts == 1) {
      outs = FIRST_PORT_OF_DOWN; // source + flow or flow + flow
    } else {
      outs = new long[upOuts - 1 + downOuts];
      int k = 0;
      for (int i = 1; i < upOuts; i++) {
        outs[k++] = ref(0, i);
      }
      for (int i = 0; i < downOuts; i++) {
        outs[k++] = ref(1, i);
      }
    }
    Function2 f = combine;
    MatCombiner c = combinerOf(f);
    return new CompositeModule(
        new Module[] {up, down},
        FIRST_PORT_OF_UP,
        FIRST_PORT_OF_DOWN,
        ins,
        outs,
        c,
        Attributes.none());
  }

  // Shared port-reference arrays for the common shapes; composites never modify their arrays.
  private static final long[] NO_REFS = new long[0];
  private static final long[] FIRST_PORT_OF_UP = {ref(0, 0)};
  private static final long[] FIRST_PORT_OF_DOWN = {ref(1, 0)};

  @SuppressWarnings({"unchecked", "rawtypes"})
  static MatCombiner combinerOf(Function2 f) {
    if (f == io.troupe.stream.Keep.left()) {
      return MatCombiner.keep(0);
    }
    if (f == io.troupe.stream.Keep.right()) {
      return MatCombiner.keep(1);
    }
    return values -> f.apply(values[0], values[1]);
  }

  /** {@code m} with its materialized value transformed by {@code f}. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public static CompositeModule mapMaterialized(Module m, Function<?, ?> f) {
    Function g = f;
    long[] ins = new long[m.inCount()];
    for (int i = 0; i < ins.length; i++) {
      ins[i] = ref(0, i);
    }
    long[] outs = new long[m.outCount()];
    for (int i = 0; i < outs.length; i++) {
      outs[i] = ref(0, i);
    }
    return new CompositeModule(
        new Module[] {m}, new long[0], new long[0], ins, outs, v -> g.apply(v[0]), Attributes.none());
  }

  /** {@code m} wrapped so that its attributes can be set without touching its own. */
  public static CompositeModule wrap(Module m, Attributes attributes) {
    long[] ins = new long[m.inCount()];
    for (int i = 0; i < ins.length; i++) {
      ins[i] = ref(0, i);
    }
    long[] outs = new long[m.outCount()];
    for (int i = 0; i < outs.length; i++) {
      outs[i] = ref(0, i);
    }
    return new CompositeModule(
        new Module[] {m}, new long[0], new long[0], ins, outs, MatCombiner.keep(0), attributes);
  }

  Module[] children() {
    return children;
  }

  long[] edgeOuts() {
    return edgeOuts;
  }

  long[] edgeIns() {
    return edgeIns;
  }

  long[] ins() {
    return ins;
  }

  long[] outs() {
    return outs;
  }

  MatCombiner combiner() {
    return combiner;
  }

  @Override
  public int inCount() {
    return ins.length;
  }

  @Override
  public int outCount() {
    return outs.length;
  }

  @Override
  public CompositeModule withAttributes(Attributes attributes) {
    return new CompositeModule(children, edgeOuts, edgeIns, ins, outs, combiner, attributes);
  }
}
