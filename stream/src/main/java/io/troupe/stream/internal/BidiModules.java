package io.troupe.stream.internal;

import static io.troupe.stream.internal.CompositeModule.ref;

import io.troupe.japi.function.Function2;
import io.troupe.stream.Attributes;

/**
 * Builds the modules behind {@code BidiFlow} and the {@code join} operations: compositions that
 * wire ports in both directions. Internal API.
 *
 * <p>A bidi module has inlets {@code [in1, in2]} and outlets {@code [out1, out2]}; a flow module
 * inlet {@code [in]} and outlet {@code [out]}. Every method here only composes its arguments
 * (plain {@link CompositeModule}s), so the flattening and materialization are the ones of any
 * other graph.
 */
public final class BidiModules {
  private BidiModules() {}

  private static final long[] NONE = new long[0];

  /** Two unconnected flows side by side as a bidi: {@code top} is in1→out1, {@code bottom} in2→out2. */
  public static Module fromFlows(Module top, Module bottom, Function2<?, ?, ?> combine) {
    return new CompositeModule(
        new Module[] {top, bottom},
        NONE,
        NONE,
        new long[] {ref(0, 0), ref(1, 0)},
        new long[] {ref(0, 0), ref(1, 0)},
        combiner(combine),
        Attributes.none());
  }

  /**
   * {@code upper} stacked on {@code lower}: upper's out1 feeds lower's in1 and lower's out2 feeds
   * upper's in2; open are upper's in1 and out2 and lower's out1 and in2.
   */
  public static Module atop(Module upper, Module lower, Function2<?, ?, ?> combine) {
    return new CompositeModule(
        new Module[] {upper, lower},
        new long[] {ref(0, 0), ref(1, 1)},
        new long[] {ref(1, 0), ref(0, 1)},
        new long[] {ref(0, 0), ref(1, 1)},
        new long[] {ref(1, 0), ref(0, 1)},
        combiner(combine),
        Attributes.none());
  }

  /**
   * {@code bidi}'s right side closed by {@code flow}: out1 feeds the flow, whose output feeds in2;
   * the result is a flow from in1 to out2.
   */
  public static Module bidiJoinFlow(Module bidi, Module flow, Function2<?, ?, ?> combine) {
    return new CompositeModule(
        new Module[] {bidi, flow},
        new long[] {ref(0, 0), ref(1, 0)},
        new long[] {ref(1, 0), ref(0, 1)},
        new long[] {ref(0, 0)},
        new long[] {ref(0, 1)},
        combiner(combine),
        Attributes.none());
  }

  /**
   * {@code bidi}'s left side closed by {@code flow}: the flow feeds in1 and out2 feeds the flow;
   * the result is a flow from in2 to out1.
   */
  public static Module flowJoinBidi(Module flow, Module bidi, Function2<?, ?, ?> combine) {
    return new CompositeModule(
        new Module[] {flow, bidi},
        new long[] {ref(0, 0), ref(1, 1)},
        new long[] {ref(1, 0), ref(0, 0)},
        new long[] {ref(1, 1)},
        new long[] {ref(1, 0)},
        combiner(combine),
        Attributes.none());
  }

  /** Two flows in a loop, each feeding the other: a closed graph. */
  public static Module flowJoinFlow(Module first, Module second, Function2<?, ?, ?> combine) {
    return new CompositeModule(
        new Module[] {first, second},
        new long[] {ref(0, 0), ref(1, 0)},
        new long[] {ref(1, 0), ref(0, 0)},
        NONE,
        NONE,
        combiner(combine),
        Attributes.none());
  }

  /** {@code bidi} turned upside down: its in2→out2 direction becomes the top one. */
  public static Module reversed(Module bidi) {
    return new CompositeModule(
        new Module[] {bidi},
        NONE,
        NONE,
        new long[] {ref(0, 1), ref(0, 0)},
        new long[] {ref(0, 1), ref(0, 0)},
        MatCombiner.keep(0),
        Attributes.none());
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static MatCombiner combiner(Function2<?, ?, ?> combine) {
    Function2 f = combine;
    return CompositeModule.combinerOf(f);
  }
}
