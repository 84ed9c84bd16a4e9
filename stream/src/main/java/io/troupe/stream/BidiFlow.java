package io.troupe.stream;

import io.troupe.actor.NotUsed;
import io.troupe.japi.function.Function;
import io.troupe.japi.function.Function2;
import io.troupe.stream.internal.BidiModules;
import io.troupe.stream.internal.CompositeModule;
import io.troupe.stream.internal.Module;
import io.troupe.stream.internal.ops.BidiOps;
import java.util.Objects;

/**
 * A blueprint with two directions of flow, a top one from {@code I1} to {@code O1} and a bottom
 * one from {@code I2} to {@code O2}, materializing a value of type {@code Mat}: one layer of a
 * protocol stack, such as a codec or a framing protocol.
 *
 * <pre>
 *          +----------------------+
 *   I1 ~~&gt; |  top:    I1  → O1    | ~~&gt; O1      (towards the transport)
 *   O2 &lt;~~ |  bottom: O2  ← I2    | &lt;~~ I2      (from the transport)
 *          +----------------------+
 * </pre>
 *
 * <p>Layers stack with {@link #atop}: the right-most layer is the bottom of the stack, closest to
 * the wire. {@link #join(Graph)} closes the right side with a flow (a transport) and yields a flow
 * from {@code I1} to {@code O2}; {@link Flow#join(BidiFlow)} closes the left side with a flow (an
 * application) and yields a flow from {@code I2} to {@code O1}. The two directions run
 * independently: each completes, fails and is cancelled on its own, unless a stage inside the bidi
 * flow links them (as {@link KillSwitches#singleBidi()} does).
 *
 * <pre>{@code
 * BidiFlow<Message, ByteString, ByteString, Message, NotUsed> codec =
 *     BidiFlow.fromFunctions(Message::toBytes, Message::fromBytes);
 * Flow<Message, Message, NotUsed> client =
 *     codec.atop(Framing.simpleFramingProtocol(64 * 1024)).join(transport);
 * }</pre>
 *
 * @param <I1> the type of element entering the top direction
 * @param <O1> the type of element leaving the top direction
 * @param <I2> the type of element entering the bottom direction
 * @param <O2> the type of element leaving the bottom direction
 * @param <Mat> the materialized value
 */
public final class BidiFlow<I1, O1, I2, O2, Mat> implements Graph<BidiShape<I1, O1, I2, O2>, Mat> {
  private static final BidiFlow<Object, Object, Object, Object, NotUsed> IDENTITY =
      fromFlows(Flow.create(), Flow.create());

  private final BidiShape<I1, O1, I2, O2> shape;
  private final Module module;

  BidiFlow(BidiShape<I1, O1, I2, O2> shape, Module module) {
    this.shape = shape;
    this.module = module;
  }

  /** The bidi flow that passes elements unchanged in both directions. */
  @SuppressWarnings("unchecked")
  public static <A, B> BidiFlow<A, A, B, B, NotUsed> identity() {
    return (BidiFlow<A, A, B, B, NotUsed>) (BidiFlow<?, ?, ?, ?, NotUsed>) IDENTITY;
  }

  /** Views a graph of bidi shape as a bidi flow. */
  public static <I1, O1, I2, O2, M> BidiFlow<I1, O1, I2, O2, M> fromGraph(
      Graph<BidiShape<I1, O1, I2, O2>, M> graph) {
    Objects.requireNonNull(graph, "graph");
    return graph instanceof BidiFlow<I1, O1, I2, O2, M> b
        ? b
        : new BidiFlow<>(graph.shape(), graph.module());
  }

  /**
   * The bidi flow made of {@code flow1} as its top direction and {@code flow2} as its bottom
   * one, materializing {@link NotUsed}.
   */
  public static <I1, O1, I2, O2, M1, M2> BidiFlow<I1, O1, I2, O2, NotUsed> fromFlows(
      Graph<FlowShape<I1, O1>, M1> flow1, Graph<FlowShape<I2, O2>, M2> flow2) {
    return fromFlowsMat(flow1, flow2, Keep.none());
  }

  /**
   * The bidi flow made of {@code flow1} as its top direction and {@code flow2} as its bottom
   * one, their materialized values combined by {@code combine}.
   */
  public static <I1, O1, I2, O2, M1, M2, M> BidiFlow<I1, O1, I2, O2, M> fromFlowsMat(
      Graph<FlowShape<I1, O1>, M1> flow1,
      Graph<FlowShape<I2, O2>, M2> flow2,
      Function2<M1, M2, M> combine) {
    Objects.requireNonNull(flow1, "flow1");
    Objects.requireNonNull(flow2, "flow2");
    Objects.requireNonNull(combine, "combine");
    return new BidiFlow<>(
        BidiShape.fromFlows(flow1.shape(), flow2.shape()),
        BidiModules.fromFlows(flow1.module(), flow2.module(), combine));
  }

  /**
   * The bidi flow that transforms each element of the top direction with {@code top} and each of
   * the bottom direction with {@code bottom}; each direction behaves like {@link Flow#map}.
   */
  public static <I1, O1, I2, O2> BidiFlow<I1, O1, I2, O2, NotUsed> fromFunctions(
      Function<I1, O1> top, Function<I2, O2> bottom) {
    Objects.requireNonNull(top, "top");
    Objects.requireNonNull(bottom, "bottom");
    return fromFlows(Flow.fromFunction(top), Flow.fromFunction(bottom));
  }

  /**
   * The bidi flow that passes both directions through unchanged and fails the stream with a
   * {@link java.util.concurrent.TimeoutException} when no element passed in either direction for
   * {@code timeout}: an idle check for a whole connection, where {@link Flow#idleTimeout} would
   * watch only one direction.
   *
   * @throws IllegalArgumentException if {@code timeout} is not positive
   */
  public static <I, O> BidiFlow<I, I, O, O, NotUsed> bidirectionalIdleTimeout(
      java.time.Duration timeout) {
    return fromGraph(new BidiOps.IdleTimeout<I, O>(Flow.positiveDuration("timeout", timeout)));
  }

  @Override
  public BidiShape<I1, O1, I2, O2> shape() {
    return shape;
  }

  @Override
  public Module module() {
    return module;
  }

  /**
   * Stacks {@code bidi} to the right of (below) this one: this top output feeds its top input,
   * and its bottom output feeds this bottom input. Keeps this bidi flow's materialized value.
   *
   * <pre>
   *        +------+        +------+
   *  I1 ~~&gt;|      | ~O1~&gt;  |      |~~&gt; OO1
   *        | this |        | bidi |
   *  O2 &lt;~~|      | &lt;~I2~  |      |&lt;~~ II2
   *        +------+        +------+
   * </pre>
   */
  public <OO1, II2, Mat2> BidiFlow<I1, OO1, II2, O2, Mat> atop(
      Graph<BidiShape<O1, OO1, II2, I2>, Mat2> bidi) {
    return atopMat(bidi, Keep.left());
  }

  /** Like {@link #atop(Graph)}, the materialized values combined by {@code combine} (Pekko's overload). */
  public <OO1, II2, Mat2, M> BidiFlow<I1, OO1, II2, O2, M> atop(
      Graph<BidiShape<O1, OO1, II2, I2>, Mat2> bidi, Function2<Mat, Mat2, M> combine) {
    return atopMat(bidi, combine);
  }

  /** Like {@link #atop(Graph)}, the materialized values combined by {@code combine}. */
  public <OO1, II2, Mat2, M> BidiFlow<I1, OO1, II2, O2, M> atopMat(
      Graph<BidiShape<O1, OO1, II2, I2>, Mat2> bidi, Function2<Mat, Mat2, M> combine) {
    Objects.requireNonNull(bidi, "bidi");
    Objects.requireNonNull(combine, "combine");
    BidiShape<O1, OO1, II2, I2> other = bidi.shape();
    return new BidiFlow<>(
        BidiShape.of(shape.in1(), other.out1(), other.in2(), shape.out2()),
        BidiModules.atop(module, bidi.module(), combine));
  }

  /**
   * Closes the right side of this bidi flow with {@code flow}: the top output goes through {@code
   * flow} and comes back as the bottom input, which yields a flow from {@code I1} to {@code O2}.
   * Keeps this bidi flow's materialized value.
   *
   * <pre>
   *        +------+        +------+
   *  I1 ~~&gt;|      | ~O1~&gt;  |      |
   *        | this |        | flow |
   *  O2 &lt;~~|      | &lt;~I2~  |      |
   *        +------+        +------+
   * </pre>
   */
  public <Mat2> Flow<I1, O2, Mat> join(Graph<FlowShape<O1, I2>, Mat2> flow) {
    return joinMat(flow, Keep.left());
  }

  /** Like {@link #join(Graph)}, the materialized values combined by {@code combine} (Pekko's overload). */
  public <Mat2, M> Flow<I1, O2, M> join(
      Graph<FlowShape<O1, I2>, Mat2> flow, Function2<Mat, Mat2, M> combine) {
    return joinMat(flow, combine);
  }

  /** Like {@link #join(Graph)}, the materialized values combined by {@code combine}. */
  public <Mat2, M> Flow<I1, O2, M> joinMat(
      Graph<FlowShape<O1, I2>, Mat2> flow, Function2<Mat, Mat2, M> combine) {
    Objects.requireNonNull(flow, "flow");
    Objects.requireNonNull(combine, "combine");
    return new Flow<>(
        FlowShape.of(shape.in1(), shape.out2()),
        BidiModules.bidiJoinFlow(module, flow.module(), combine));
  }

  /** This bidi flow turned upside down: its bottom direction becomes the top one. */
  public BidiFlow<I2, O2, I1, O1, Mat> reversed() {
    return new BidiFlow<>(shape.reversed(), BidiModules.reversed(module));
  }

  /** This bidi flow with its materialized value transformed by {@code f}. */
  public <Mat2> BidiFlow<I1, O1, I2, O2, Mat2> mapMaterializedValue(Function<Mat, Mat2> f) {
    Objects.requireNonNull(f, "f");
    return new BidiFlow<>(shape, CompositeModule.mapMaterialized(module, f));
  }

  @Override
  public BidiFlow<I1, O1, I2, O2, Mat> withAttributes(Attributes attributes) {
    Objects.requireNonNull(attributes, "attributes");
    return new BidiFlow<>(shape, module.withAttributes(attributes));
  }

  @Override
  public BidiFlow<I1, O1, I2, O2, Mat> addAttributes(Attributes attributes) {
    Objects.requireNonNull(attributes, "attributes");
    return new BidiFlow<>(shape, module.withAttributes(module.attributes().and(attributes)));
  }

  @Override
  public BidiFlow<I1, O1, I2, O2, Mat> named(String name) {
    Objects.requireNonNull(name, "name");
    return addAttributes(Attributes.name(name));
  }

  /** This bidi flow (both directions) as an island of its own, behind async boundaries. */
  @Override
  public BidiFlow<I1, O1, I2, O2, Mat> async() {
    return addAttributes(Attributes.asyncBoundary());
  }

  /** Like {@link #async()}, the island run on the dispatcher configured at {@code dispatcher}. */
  public BidiFlow<I1, O1, I2, O2, Mat> async(String dispatcher) {
    return addAttributes(Attributes.asyncBoundary().and(ActorAttributes.dispatcher(dispatcher)));
  }

  /** Like {@link #async(String)}, with input buffers of {@code inputBufferSize} elements. */
  public BidiFlow<I1, O1, I2, O2, Mat> async(String dispatcher, int inputBufferSize) {
    return async(dispatcher).addAttributes(Attributes.inputBuffer(inputBufferSize, inputBufferSize));
  }

  @Override
  public String toString() {
    return "BidiFlow(" + shape + ")";
  }
}
