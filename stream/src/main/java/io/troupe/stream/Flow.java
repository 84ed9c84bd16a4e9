package io.troupe.stream;

import io.troupe.actor.ActorSystem;
import io.troupe.actor.Done;
import io.troupe.actor.NotUsed;
import io.troupe.japi.Pair;
import io.troupe.japi.function.Creator;
import io.troupe.japi.function.Function;
import io.troupe.japi.function.Function2;
import io.troupe.japi.function.Predicate;
import io.troupe.japi.function.Procedure;
import io.troupe.stream.internal.CompositeModule;
import io.troupe.stream.internal.Module;
import io.troupe.stream.internal.Operators;
import io.troupe.stream.internal.Publishers;
import io.troupe.stream.internal.ops.StructOps;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * A blueprint with one open inlet and one open outlet: a processing step from elements of type
 * {@code In} to elements of type {@code Out}, materializing a value of type {@code Mat}.
 *
 * <pre>{@code
 * Flow<String, Integer, NotUsed> lengths = Flow.of(String.class).map(String::length);
 * }</pre>
 *
 * @param <In> the type of element taken in
 * @param <Out> the type of element emitted
 * @param <Mat> the materialized value
 */
public final class Flow<In, Out, Mat> implements Graph<FlowShape<In, Out>, Mat> {
  private final FlowShape<In, Out> shape;
  private final Module module;

  Flow(FlowShape<In, Out> shape, Module module) {
    this.shape = shape;
    this.module = module;
  }

  /** The flow that passes its elements on unchanged. */
  public static <T> Flow<T, T, NotUsed> create() {
    Graph<FlowShape<T, T>, NotUsed> id = new io.troupe.stream.internal.Ops.Identity<>();
    return new Flow<>(id.shape(), id.module());
  }

  /** The flow that emits the value of each present {@code Optional} and drops the empty ones. */
  public static <T> Flow<Optional<T>, T, NotUsed> flattenOptional() {
    return Flow.<Optional<T>>create().mapOptional(o -> o);
  }

  /** The identity flow for elements of {@code type}. */
  public static <T> Flow<T, T, NotUsed> of(Class<T> type) {
    return create();
  }

  /** The flow that transforms each element with {@code f}. */
  public static <A, B> Flow<A, B, NotUsed> fromFunction(Function<A, B> f) {
    return fromGraph(Operators.map(f));
  }

  /** Views a graph with one open inlet and one open outlet as a flow. */
  public static <A, B, M> Flow<A, B, M> fromGraph(Graph<FlowShape<A, B>, M> graph) {
    Objects.requireNonNull(graph, "graph");
    return graph instanceof Flow<A, B, M> f ? f : new Flow<>(graph.shape(), graph.module());
  }

  /**
   * A flow whose inlet feeds {@code sink} and whose outlet emits what {@code source} emits; the
   * two are not connected.
   */
  public static <A, B> Flow<A, B, NotUsed> fromSinkAndSource(
      Graph<SinkShape<A>, ?> sink, Graph<SourceShape<B>, ?> source) {
    return fromSinkAndSourceMat(sink, source, Keep.none());
  }

  /** Like {@link #fromSinkAndSource}, the materialized values combined by {@code combine}. */
  public static <A, B, M1, M2, M> Flow<A, B, M> fromSinkAndSourceMat(
      Graph<SinkShape<A>, M1> sink, Graph<SourceShape<B>, M2> source, Function2<M1, M2, M> combine) {
    Objects.requireNonNull(sink, "sink");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(combine, "combine");
    return new Flow<>(
        FlowShape.of(sink.shape().in(), source.shape().out()),
        Operators.side(sink.module(), source.module(), combine));
  }

  /**
   * Like {@link #fromSinkAndSource}, but the two ends terminate together: when the flow's input
   * completes or fails, or {@code sink} cancels, {@code source} is cancelled and the output
   * completes (or fails); when {@code source} completes or fails, or the output is cancelled, the
   * input is cancelled and {@code sink} completes. The shape of a WebSocket or TCP handler whose
   * two directions end together.
   */
  public static <A, B> Flow<A, B, NotUsed> fromSinkAndSourceCoupled(
      Graph<SinkShape<A>, ?> sink, Graph<SourceShape<B>, ?> source) {
    return fromSinkAndSourceCoupledMat(sink, source, Keep.none());
  }

  /** Like {@link #fromSinkAndSourceCoupled}, the materialized values combined by {@code combine}. */
  public static <A, B, M1, M2, M> Flow<A, B, M> fromSinkAndSourceCoupledMat(
      Graph<SinkShape<A>, M1> sink, Graph<SourceShape<B>, M2> source, Function2<M1, M2, M> combine) {
    return BidiFlow.<A, A, B, B, NotUsed>fromGraph(
            new io.troupe.stream.internal.ops.CoupledTermination<A, B>())
        .joinMat(fromSinkAndSourceMat(sink, source, combine), Keep.right());
  }

  @Override
  public FlowShape<In, Out> shape() {
    return shape;
  }

  @Override
  public Module module() {
    return module;
  }

  @Override
  public Flow<In, Out, Mat> withAttributes(Attributes attributes) {
    Objects.requireNonNull(attributes, "attributes");
    return new Flow<>(shape, module.withAttributes(attributes));
  }

  @Override
  public Flow<In, Out, Mat> addAttributes(Attributes attributes) {
    return new Flow<>(shape, module.withAttributes(module.attributes().and(attributes)));
  }

  @Override
  public Flow<In, Out, Mat> named(String name) {
    return addAttributes(Attributes.name(name));
  }

  @Override
  public Flow<In, Out, Mat> async() {
    return addAttributes(Attributes.asyncBoundary());
  }

  /** This flow as an island of its own, run on the dispatcher configured at {@code dispatcher}. */
  public Flow<In, Out, Mat> async(String dispatcher) {
    return addAttributes(Attributes.asyncBoundary().and(ActorAttributes.dispatcher(dispatcher)));
  }

  /** This flow with its materialized value transformed by {@code f}. */
  public <M2> Flow<In, Out, M2> mapMaterializedValue(Function<Mat, M2> f) {
    Objects.requireNonNull(f, "f");
    return new Flow<>(shape, CompositeModule.mapMaterialized(module, f));
  }

  /** This flow followed by {@code flow}; keeps this flow's materialized value. */
  public <T, M> Flow<In, T, Mat> via(Graph<FlowShape<Out, T>, M> flow) {
    return viaMat(flow, Keep.left());
  }

  /** This flow followed by {@code flow}, the materialized values combined by {@code combine}. */
  public <T, M, M2> Flow<In, T, M2> viaMat(
      Graph<FlowShape<Out, T>, M> flow, Function2<Mat, M, M2> combine) {
    Objects.requireNonNull(flow, "flow");
    Objects.requireNonNull(combine, "combine");
    return new Flow<>(
        FlowShape.of(shape.in(), flow.shape().out()),
        CompositeModule.linear(module, flow.module(), combine));
  }

  /** This flow followed by {@code sink}; keeps this flow's materialized value. */
  public Sink<In, Mat> to(Graph<SinkShape<Out>, ?> sink) {
    return toMat(sink, Keep.left());
  }

  /** This flow followed by {@code sink}, the materialized values combined by {@code combine}. */
  public <M, M2> Sink<In, M2> toMat(Graph<SinkShape<Out>, M> sink, Function2<Mat, M, M2> combine) {
    Objects.requireNonNull(sink, "sink");
    Objects.requireNonNull(combine, "combine");
    return new Sink<>(SinkShape.of(shape.in()), CompositeModule.linear(module, sink.module(), combine));
  }

  /** Runs {@code source} through this flow into {@code sink}; returns both their values. */
  public <M1, M2> Pair<M1, M2> runWith(
      Graph<SourceShape<In>, M1> source, Graph<SinkShape<Out>, M2> sink, Materializer materializer) {
    return Source.fromGraph(source)
        .via(this)
        .toMat(sink, Keep.<M1, M2>both())
        .run(materializer);
  }

  /** Like {@link #runWith(Graph, Graph, Materializer)} with the system's materializer. */
  public <M1, M2> Pair<M1, M2> runWith(
      Graph<SourceShape<In>, M1> source, Graph<SinkShape<Out>, M2> sink, ActorSystem<?> system) {
    return runWith(source, sink, Materializer.matFromSystem(system));
  }

  /**
   * This flow as a {@link FlowWithContext} whose elements carry a context: each (data, context)
   * pair taken in becomes this flow's input through {@code collapseContext}, and each element
   * this flow emits is paired with the context {@code extractContext} takes from it. This flow
   * may drop, add or reorder elements, since the context travels in the elements.
   */
  public <U, CtxU, CtxOut> FlowWithContext<U, CtxU, Out, CtxOut, Mat> asFlowWithContext(
      Function2<U, CtxU, In> collapseContext, Function<Out, CtxOut> extractContext) {
    Objects.requireNonNull(collapseContext, "collapseContext");
    Objects.requireNonNull(extractContext, "extractContext");
    Flow<Pair<U, CtxU>, Pair<Out, CtxOut>, Mat> pairs =
        Flow.<Pair<U, CtxU>>create()
            .map(p -> collapseContext.apply(p.first(), p.second()))
            .viaMat(this, Keep.right())
            .map(out -> Pair.create(out, extractContext.apply(out)));
    return FlowWithContext.fromPairs(pairs);
  }

  /**
   * Runs this flow as a {@link java.util.concurrent.Flow.Processor}: what is published to it
   * flows through and out to its subscriber. Each call of {@code run} makes a new processor.
   */
  public RunnableGraph<java.util.concurrent.Flow.Processor<In, Out>> toProcessor() {
    return Publishers.toProcessor(this);
  }

  /**
   * Transforms each element with {@code f}.
   *
   * <p>Emits when {@code f} returns; backpressures when downstream backpressures; completes when
   * upstream completes; cancels when downstream cancels. Supervision: resume and restart drop the
   * element.
   */
  public <T> Flow<In, T, Mat> map(Function<Out, T> f) {
    return via(Operators.map(f));
  }

  /**
   * Passes on the elements for which {@code p} holds.
   *
   * <p>Emits when an element satisfies {@code p}; backpressures when downstream backpressures;
   * completes when upstream completes; cancels when downstream cancels.
   */
  public Flow<In, Out, Mat> filter(Predicate<Out> p) {
    return via(Operators.filter(p, false));
  }

  /**
   * Passes on the elements for which {@code p} does not hold.
   *
   * <p>Emits when an element fails {@code p}; backpressures when downstream backpressures;
   * completes when upstream completes; cancels when downstream cancels.
   */
  public Flow<In, Out, Mat> filterNot(Predicate<Out> p) {
    return via(Operators.filter(p, true));
  }

  /**
   * Maps each element to an iterable and emits its elements in order.
   *
   * <p>Emits when downstream pulls and an element of the current iterable is left; backpressures
   * when downstream backpressures; completes when upstream completes and the last iterable is
   * emitted; cancels when downstream cancels.
   */
  public <T> Flow<In, T, Mat> mapConcat(Function<Out, ? extends Iterable<T>> f) {
    return via(Operators.mapConcat(f));
  }

  /**
   * Applies {@code f} and passes on the values it returns present: filter and map in one, Pekko's
   * {@code collect} for Java.
   *
   * <p>Emits when {@code f} returns a present value; backpressures when downstream backpressures;
   * completes when upstream completes; cancels when downstream cancels.
   */
  public <T> Flow<In, T, Mat> mapOptional(Function<Out, Optional<T>> f) {
    return via(Operators.mapOptional(f));
  }

  /** Same as {@link #mapOptional}. */
  public <T> Flow<In, T, Mat> collect(Function<Out, Optional<T>> f) {
    return mapOptional(f);
  }

  /** Passes on the elements that are instances of {@code type}, cast to it. */
  public <T> Flow<In, T, Mat> collectType(Class<T> type) {
    Objects.requireNonNull(type, "type");
    return mapOptional(e -> type.isInstance(e) ? Optional.of(type.cast(e)) : Optional.empty());
  }

  /**
   * Passes on the first {@code n} elements, then completes.
   *
   * <p>Emits when an element arrives and fewer than {@code n} were passed; backpressures when
   * downstream backpressures; completes after {@code n} elements or when upstream completes;
   * cancels when downstream cancels or after {@code n} elements.
   */
  public Flow<In, Out, Mat> take(long n) {
    return via(Operators.take(n));
  }

  /**
   * Drops the first {@code n} elements and passes the rest.
   *
   * <p>Emits when an element arrives after the first {@code n}; backpressures when downstream
   * backpressures; completes when upstream completes; cancels when downstream cancels.
   */
  public Flow<In, Out, Mat> drop(long n) {
    return via(Operators.drop(n));
  }

  /**
   * Passes elements while {@code p} holds, then completes.
   *
   * <p>Emits while {@code p} holds; backpressures when downstream backpressures; completes when
   * {@code p} first fails or upstream completes; cancels when {@code p} first fails or downstream
   * cancels.
   */
  public Flow<In, Out, Mat> takeWhile(Predicate<Out> p) {
    return takeWhile(p, false);
  }

  /** Like {@link #takeWhile(Predicate)}; with {@code inclusive} the first failing element is passed. */
  public Flow<In, Out, Mat> takeWhile(Predicate<Out> p, boolean inclusive) {
    return via(Operators.takeWhile(p, inclusive));
  }

  /**
   * Drops elements while {@code p} holds, then passes everything.
   *
   * <p>Emits once {@code p} failed for an element; backpressures when downstream backpressures;
   * completes when upstream completes; cancels when downstream cancels.
   */
  public Flow<In, Out, Mat> dropWhile(Predicate<Out> p) {
    return via(Operators.dropWhile(p));
  }

  /**
   * Emits lists of {@code n} elements; the last may be shorter.
   *
   * <p>Emits when {@code n} elements are collected or upstream completes with some collected;
   * backpressures when downstream backpressures and {@code n} elements are collected; completes
   * when upstream completes; cancels when downstream cancels.
   */
  public Flow<In, List<Out>, Mat> grouped(int n) {
    return via(Operators.grouped(n));
  }

  /**
   * Emits windows of {@code n} elements, each {@code step} elements after the previous one.
   *
   * <p>Emits when a window is full, or upstream completes with unemitted elements; backpressures
   * when downstream backpressures; completes when upstream completes; cancels when downstream
   * cancels.
   */
  public Flow<In, List<Out>, Mat> sliding(int n, int step) {
    return via(Operators.sliding(n, step));
  }

  /**
   * Emits {@code zero}, then the accumulation of each element with {@code f}.
   *
   * <p>Emits when {@code f} returns (and first {@code zero}); backpressures when downstream
   * backpressures; completes when upstream completes; cancels when downstream cancels.
   */
  public <T> Flow<In, T, Mat> scan(T zero, Function2<T, Out, T> f) {
    return via(Operators.scan(zero, f));
  }

  /**
   * Accumulates all elements with {@code f}, starting at {@code zero}, and emits the result.
   *
   * <p>Emits when upstream completes; backpressures when downstream backpressures; completes
   * after emitting; cancels when downstream cancels.
   */
  public <T> Flow<In, T, Mat> fold(T zero, Function2<T, Out, T> f) {
    return via(Operators.fold(zero, f));
  }

  /**
   * Combines all elements with {@code f}, the first element being the start, and emits the
   * result; an empty stream fails with {@link java.util.NoSuchElementException}.
   */
  public Flow<In, Out, Mat> reduce(Function2<Out, Out, Out> f) {
    return via(Operators.reduce(f));
  }

  /**
   * Pairs each element with its index, starting at 0.
   *
   * <p>Emits when an element arrives; backpressures when downstream backpressures; completes when
   * upstream completes; cancels when downstream cancels.
   */
  public Flow<In, Pair<Out, Long>, Mat> zipWithIndex() {
    return via(Operators.zipWithIndex());
  }

  // ------------------------------------------------------------------ state and structure (issue 6)

  /**
   * Maps each element with a state: {@code create} makes the first state when the stream starts,
   * {@code f} returns the next state and the element to emit, and {@code onComplete} is called
   * once with the last state when upstream completes, fails or downstream cancels; what it returns
   * is emitted only on upstream completion. A null element from {@code f} emits nothing.
   *
   * <pre>{@code
   * Flow.of(String.class)
   *     .statefulMap(() -> 0L, (i, s) -> Pair.create(i + 1, s + i), i -> Optional.empty()); // a0 b1 c2
   * }</pre>
   *
   * <p>Emits when {@code f} returns an element (or {@code onComplete} one on completion);
   * backpressures when downstream backpressures; completes when upstream completes (after the
   * element of {@code onComplete}); cancels when downstream cancels. Supervision: resume drops the
   * element, restart closes the state with {@code onComplete} (emitting what it returns) and
   * creates a new one.
   */
  public <S, T> Flow<In, T, Mat> statefulMap(
      Creator<S> create, Function2<S, Out, Pair<S, T>> f, Function<S, Optional<T>> onComplete) {
    return via(StructOps.statefulMap(create, f, onComplete));
  }

  /**
   * Maps each element to an iterable with a function that {@code f} creates afresh for each
   * materialization (so it may keep state), and emits the iterables' elements in order.
   *
   * <p>Emits when downstream pulls and an element of the current iterable is left; backpressures
   * when downstream backpressures; completes when upstream completes and the last iterable is
   * emitted; cancels when downstream cancels. Supervision: resume drops the element, restart also
   * creates a new function.
   */
  public <T> Flow<In, T, Mat> statefulMapConcat(Creator<Function<Out, Iterable<T>>> f) {
    return via(StructOps.<Out, T>statefulMapConcat(f));
  }

  /**
   * Emits {@code inject} between each two elements.
   *
   * <p>Emits when upstream emits (with {@code inject} before every element but the first);
   * backpressures when downstream backpressures; completes when upstream completes; cancels when
   * downstream cancels.
   */
  public Flow<In, Out, Mat> intersperse(Out inject) {
    return via(StructOps.intersperse(null, inject, null));
  }

  /**
   * Emits {@code start} first, {@code inject} between each two elements and {@code end} last,
   * also for an empty stream: {@code ["[", "]"]}.
   *
   * <p>Emits when downstream pulls first ({@code start}), then when upstream emits; backpressures
   * when downstream backpressures; completes when upstream completes (after {@code end}); cancels
   * when downstream cancels.
   */
  public Flow<In, Out, Mat> intersperse(Out start, Out inject, Out end) {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    return via(StructOps.intersperse(start, inject, end));
  }

  /**
   * Passes each element on and also offers it to {@code that} sink, without ever waiting for it:
   * an element the tap is not ready for replaces the one it has not taken yet (only the latest is
   * kept). When the tap cancels, the stream goes on without it.
   *
   * <p>Emits when upstream emits; backpressures when downstream backpressures (never because of the
   * tap); completes when upstream completes; cancels when downstream cancels.
   */
  public Flow<In, Out, Mat> wireTap(Graph<SinkShape<Out>, ?> that) {
    return via(StructOps.wireTap(that));
  }

  /** Like {@link #wireTap(Graph)}, the materialized values combined by {@code combine}. */
  public <M2, M3> Flow<In, Out, M3> wireTapMat(
      Graph<SinkShape<Out>, M2> that, Function2<Mat, M2, M3> combine) {
    return viaMat(StructOps.wireTap(that), combine);
  }

  /**
   * Calls {@code f} with each element as it passes, as a tap into {@link Sink#foreach}; a throwing
   * {@code f} ends the tap, not the stream.
   *
   * <p>Emits when upstream emits; backpressures when downstream backpressures; completes when
   * upstream completes; cancels when downstream cancels.
   */
  public Flow<In, Out, Mat> wireTap(Procedure<Out> f) {
    Objects.requireNonNull(f, "f");
    return wireTap(Sink.foreach(f));
  }

  /**
   * Sends the elements for which {@code when} holds to {@code that} sink instead of downstream.
   *
   * <p>Emits when an element arrives that {@code when} rejects and downstream wants one;
   * backpressures when the element's destination backpressures; completes when upstream
   * completes; cancels when downstream or {@code that} cancels.
   */
  public Flow<In, Out, Mat> divertTo(Graph<SinkShape<Out>, ?> that, Predicate<Out> when) {
    return via(StructOps.divertTo(that, when));
  }

  /** Like {@link #divertTo}, the materialized values combined by {@code combine}. */
  public <M2, M3> Flow<In, Out, M3> divertToMat(
      Graph<SinkShape<Out>, M2> that, Predicate<Out> when, Function2<Mat, M2, M3> combine) {
    return viaMat(StructOps.divertTo(that, when), combine);
  }

  /**
   * Emits this stream's elements, or, if it completes without any, those of {@code secondary}.
   * Both are materialized together; {@code secondary} is pulled only once this stream completed
   * empty and cancelled once this stream emitted.
   *
   * <p>Emits when this stream emits, or it completed empty and {@code secondary} emits;
   * backpressures when downstream backpressures; completes when this stream completed after
   * emitting, or {@code secondary} completed; cancels when downstream cancels.
   */
  public <M> Flow<In, Out, Mat> orElse(Graph<SourceShape<Out>, M> secondary) {
    return via(StructOps.orElse(secondary));
  }

  /** Like {@link #orElse}, the materialized values combined by {@code combine}. */
  public <M, M2> Flow<In, Out, M2> orElseMat(
      Graph<SourceShape<Out>, M> secondary, Function2<Mat, M, M2> combine) {
    return viaMat(StructOps.orElse(secondary), combine);
  }

  /** See {@link Source#mergeLatest}. */
  public <M> Flow<In, List<Out>, Mat> mergeLatest(
      Graph<SourceShape<Out>, M> that, boolean eagerComplete) {
    return mergeLatestMat(that, eagerComplete, Keep.left());
  }

  /** Like {@link #mergeLatest}, the materialized values combined by {@code combine}. */
  public <M, M2> Flow<In, List<Out>, M2> mergeLatestMat(
      Graph<SourceShape<Out>, M> that, boolean eagerComplete, Function2<Mat, M, M2> combine) {
    return viaMat(
        Combine.withSecondInput(MergeLatest.<Out>create(2, eagerComplete), that), combine);
  }

  /**
   * Pairs the latest element of this stream and of {@code that}, each time either brings a new
   * one, once both have brought one.
   *
   * <p>Emits when both have brought an element and either brought a new one since the last
   * emission; backpressures when downstream backpressures; completes when either completes (after
   * a pending pair); cancels when downstream cancels.
   */
  public <T, M> Flow<In, Pair<Out, T>, Mat> zipLatest(Graph<SourceShape<T>, M> that) {
    return zipLatestWith(that, true, Pair::create);
  }

  /** Like {@link #zipLatest}, the materialized values combined by {@code combine}. */
  public <T, M, M2> Flow<In, Pair<Out, T>, M2> zipLatestMat(
      Graph<SourceShape<T>, M> that, Function2<Mat, M, M2> combine) {
    return viaMat(StructOps.<Out, T, Pair<Out, T>, M>zipLatestWith(that, true, Pair::create), combine);
  }

  /**
   * Combines the latest element of this stream and of {@code that} with {@code combine}, each time
   * either brings a new one, once both have brought one; completes when either completes.
   */
  public <T, M, R> Flow<In, R, Mat> zipLatestWith(
      Graph<SourceShape<T>, M> that, Function2<Out, T, R> combine) {
    return zipLatestWith(that, true, combine);
  }

  /**
   * Like {@link #zipLatestWith(Graph, Function2)}; without {@code eagerComplete} it goes on with
   * the last element of the completed side until both completed.
   */
  public <T, M, R> Flow<In, R, Mat> zipLatestWith(
      Graph<SourceShape<T>, M> that, boolean eagerComplete, Function2<Out, T, R> combine) {
    return via(StructOps.zipLatestWith(that, eagerComplete, combine));
  }

  /** Like {@link #zipLatestWith(Graph, Function2)}, the materialized values combined by {@code matF}. */
  public <T, M, R, M2> Flow<In, R, M2> zipLatestWithMat(
      Graph<SourceShape<T>, M> that, Function2<Out, T, R> combine, Function2<Mat, M, M2> matF) {
    return viaMat(StructOps.zipLatestWith(that, true, combine), matF);
  }

  /**
   * Pairs each element with one from {@code that}; when one side completes, its place is taken by
   * {@code thisElem} or {@code thatElem} until the other completes too.
   *
   * <p>Emits when both sides have an element, or one has and the other completed; backpressures
   * when downstream backpressures; completes when both complete; cancels when downstream cancels.
   */
  public <U> Flow<In, Pair<Out, U>, Mat> zipAll(Graph<SourceShape<U>, ?> that, Out thisElem, U thatElem) {
    return via(StructOps.zipAll(that, thisElem, thatElem));
  }

  /**
   * Emits {@code segmentSize} elements of this stream, then {@code segmentSize} of {@code that},
   * and so on; when one completes, the rest of the other.
   *
   * <p>Emits when the side whose turn it is emits; backpressures when downstream backpressures;
   * completes when both complete; cancels when downstream cancels.
   *
   * @throws IllegalArgumentException if {@code segmentSize} is not positive
   */
  public <M> Flow<In, Out, Mat> interleave(Graph<SourceShape<Out>, M> that, int segmentSize) {
    return interleave(that, segmentSize, false);
  }

  /** Like {@link #interleave(Graph, int)}; with {@code eagerClose} it completes when either completes. */
  public <M> Flow<In, Out, Mat> interleave(Graph<SourceShape<Out>, M> that, int segmentSize, boolean eagerClose) {
    return via(StructOps.interleave(that, segmentSize, eagerClose));
  }

  /** Like {@link #interleave(Graph, int)}, the materialized values combined by {@code combine}. */
  public <M, M2> Flow<In, Out, M2> interleaveMat(
      Graph<SourceShape<Out>, M> that, int segmentSize, Function2<Mat, M, M2> combine) {
    return interleaveMat(that, segmentSize, false, combine);
  }

  /** Like {@link #interleave(Graph, int, boolean)}, the materialized values combined by {@code combine}. */
  public <M, M2> Flow<In, Out, M2> interleaveMat(
      Graph<SourceShape<Out>, M> that, int segmentSize, boolean eagerClose, Function2<Mat, M, M2> combine) {
    return viaMat(StructOps.interleave(that, segmentSize, eagerClose), combine);
  }

  /**
   * Interleaves this stream and all of {@code those} in segments of {@code segmentSize}, in list
   * order, skipping completed ones; with {@code eagerClose} it completes when any completes.
   *
   * @throws IllegalArgumentException if {@code segmentSize} is not positive
   */
  public Flow<In, Out, Mat> interleaveAll(
      List<? extends Graph<SourceShape<Out>, ?>> those, int segmentSize, boolean eagerClose) {
    return via(StructOps.interleaveAll(those, segmentSize, eagerClose));
  }

  /**
   * Merges this stream and {@code that}, both sorted by {@code comparator}, into one sorted
   * stream (this stream's element first on a tie).
   *
   * <p>Emits when both have an element, or one has and the other completed; backpressures when
   * downstream backpressures; completes when both complete; cancels when downstream cancels.
   */
  public <M> Flow<In, Out, Mat> mergeSorted(Graph<SourceShape<Out>, M> that, Comparator<Out> comparator) {
    return via(StructOps.mergeSorted(that, comparator));
  }

  /** Like {@link #mergeSorted}, the materialized values combined by {@code combine}. */
  public <M, M2> Flow<In, Out, M2> mergeSortedMat(
      Graph<SourceShape<Out>, M> that, Comparator<Out> comparator, Function2<Mat, M, M2> combine) {
    return viaMat(StructOps.mergeSorted(that, comparator), combine);
  }

  /**
   * Merges this stream and {@code that} as elements arrive, taking the preferred side's element
   * whenever it has one ready: {@code that}'s if {@code preferred}, else this stream's.
   *
   * <p>Emits when either has an element, the preferred first; backpressures when downstream
   * backpressures; completes when both complete (or either, with {@code eagerComplete}); cancels
   * when downstream cancels.
   */
  public <M> Flow<In, Out, Mat> mergePreferred(
      Graph<SourceShape<Out>, M> that, boolean preferred, boolean eagerComplete) {
    return via(StructOps.mergePreferred(that, preferred, eagerComplete));
  }

  /** Like {@link #mergePreferred}, the materialized values combined by {@code combine}. */
  public <M, M2> Flow<In, Out, M2> mergePreferredMat(
      Graph<SourceShape<Out>, M> that, boolean preferred, boolean eagerComplete, Function2<Mat, M, M2> combine) {
    return viaMat(StructOps.mergePreferred(that, preferred, eagerComplete), combine);
  }

  /**
   * Merges this stream and {@code that} as elements arrive; when both have one ready, they share
   * the output in the proportion {@code leftPriority : rightPriority} (a deterministic smooth
   * weighted round-robin, see {@link MergePrioritized}).
   *
   * <p>Emits when either has an element; backpressures when downstream backpressures; completes
   * when both complete (or either, with {@code eagerComplete}); cancels when downstream cancels.
   *
   * @throws IllegalArgumentException if a priority is not positive
   */
  public <M> Flow<In, Out, Mat> mergePrioritized(
      Graph<SourceShape<Out>, M> that, int leftPriority, int rightPriority, boolean eagerComplete) {
    return via(StructOps.mergePrioritized(that, leftPriority, rightPriority, eagerComplete));
  }

  /** Like {@link #mergePrioritized}, the materialized values combined by {@code combine}. */
  public <M, M2> Flow<In, Out, M2> mergePrioritizedMat(
      Graph<SourceShape<Out>, M> that,
      int leftPriority,
      int rightPriority,
      boolean eagerComplete,
      Function2<Mat, M, M2> combine) {
    return viaMat(StructOps.mergePrioritized(that, leftPriority, rightPriority, eagerComplete), combine);
  }

  /**
   * Merges this stream and all of {@code those} as elements arrive.
   *
   * <p>Emits when any has an element; backpressures when downstream backpressures; completes when
   * all complete (or any, with {@code eagerComplete}); cancels when downstream cancels.
   */
  public Flow<In, Out, Mat> mergeAll(List<? extends Graph<SourceShape<Out>, ?>> those, boolean eagerComplete) {
    return via(StructOps.mergeAll(those, eagerComplete));
  }

  /**
   * Completes instead of failing when upstream fails.
   *
   * <p>Emits when upstream emits; backpressures when downstream backpressures; completes when
   * upstream completes or fails; cancels when downstream cancels.
   */
  public Flow<In, Out, Mat> onErrorComplete() {
    return onErrorComplete(ex -> true);
  }

  /** Completes instead of failing when upstream fails with an instance of {@code type}; other failures pass. */
  public Flow<In, Out, Mat> onErrorComplete(Class<? extends Throwable> type) {
    return via(StructOps.onErrorComplete(type));
  }

  /** Completes instead of failing when upstream fails with a failure {@code predicate} accepts; other failures pass. */
  public Flow<In, Out, Mat> onErrorComplete(java.util.function.Predicate<? super Throwable> predicate) {
    return via(StructOps.onErrorComplete(predicate));
  }
  // ------------------------------------------------------------------ end of state and structure

  /**
   * Holds up to {@code size} elements when downstream is slower, and applies {@code strategy} when
   * full.
   *
   * <p>Emits when downstream pulls and the buffer is not empty; backpressures when full with
   * {@link OverflowStrategy#backpressure()}; completes when upstream completes and the buffer is
   * drained; cancels when downstream cancels.
   */
  public Flow<In, Out, Mat> buffer(int size, OverflowStrategy strategy) {
    return via(Operators.buffer(size, strategy));
  }

  /**
   * Calls {@code f} for up to {@code parallelism} elements at once and emits the results in the
   * order of the elements; a future that is already complete is used at once, without a callback.
   *
   * <p>Emits when the oldest future completed; backpressures when {@code parallelism} futures are
   * pending or downstream backpressures; completes when upstream completes and all futures are
   * emitted; cancels when downstream cancels. A null result is skipped.
   */
  public <T> Flow<In, T, Mat> mapAsync(int parallelism, Function<Out, CompletionStage<T>> f) {
    return via(Operators.mapAsync(parallelism, f, true));
  }

  /** Like {@link #mapAsync}, but emits results as soon as they complete, in any order. */
  public <T> Flow<In, T, Mat> mapAsyncUnordered(int parallelism, Function<Out, CompletionStage<T>> f) {
    return via(Operators.mapAsync(parallelism, f, false));
  }

  /**
   * Takes up to {@code n} elements and emits them, once, with a source of the rest of the stream
   * (the tail), then completes; the tail must be materialized (within the subscription timeout,
   * see {@code groupBy}) to go on. If upstream completes first, the elements so far come with an
   * empty tail.
   *
   * <p>Emits when {@code n} elements arrived or upstream completed; backpressures when
   * downstream backpressures, and afterwards as the tail does; completes after the one element;
   * cancels when downstream cancels before it, or the tail cancels.
   *
   * @throws IllegalArgumentException if {@code n} is negative
   */
  public Flow<In, Pair<List<Out>, Source<Out, NotUsed>>, Mat> prefixAndTail(int n) {
    return via(new io.troupe.stream.internal.ops.PrefixAndTail<Out>(n));
  }

  /**
   * Emits {@code zero}, then the accumulation of each element with the asynchronous {@code f},
   * one element at a time (the next is taken once the previous result went downstream).
   *
   * <p>Emits when a result is there and downstream pulled; backpressures while a result is pending
   * or downstream backpressures; completes when upstream completes and the last result went out;
   * fails when {@code f} throws, returns null or its stage fails.
   */
  public <U> Flow<In, U, Mat> scanAsync(U zero, Function2<U, Out, CompletionStage<U>> f) {
    return via(new io.troupe.stream.internal.ops.ScanAsyncAndDelay.ScanAsync<Out, U>(
        "scanAsync", zero, f));
  }

  /**
   * Holds the elements back until {@code delay} has passed since the stream started; after that
   * they pass unchanged.
   *
   * @throws IllegalArgumentException if {@code delay} is negative
   */
  public Flow<In, Out, Mat> initialDelay(java.time.Duration delay) {
    return via(new io.troupe.stream.internal.ops.ScanAsyncAndDelay.InitialDelay<Out>(delay));
  }

  /** Like {@link #concat}, the materialized values combined by {@code combine}. */
  public <M, M2> Flow<In, Out, M2> concatMat(
      Graph<SourceShape<Out>, M> that, Function2<Mat, M, M2> combine) {
    return viaMat(Combine.withInput(Concat.<Out>create(2), that, 1), combine);
  }

  /** Like {@link #prepend}, the materialized values combined by {@code combine}. */
  public <M, M2> Flow<In, Out, M2> prependMat(
      Graph<SourceShape<Out>, M> that, Function2<Mat, M, M2> combine) {
    return viaMat(Combine.withInput(Concat.<Out>create(2), that, 0), combine);
  }

  /** Like {@link #merge(Graph)}, the materialized values combined by {@code combine}. */
  public <M, M2> Flow<In, Out, M2> mergeMat(
      Graph<SourceShape<Out>, M> that, Function2<Mat, M, M2> combine) {
    return viaMat(Combine.withInput(Merge.<Out>create(2), that, 1), combine);
  }

  /** Like {@link #zip}, the materialized values combined by {@code combine}. */
  public <T, M, M2> Flow<In, Pair<Out, T>, M2> zipMat(
      Graph<SourceShape<T>, M> that, Function2<Mat, M, M2> combine) {
    return zipWithMat(that, Pair::create, combine);
  }

  /** Like {@link #zipWith}, the materialized values combined by {@code combine}. */
  public <T, M, R, M2> Flow<In, R, M2> zipWithMat(
      Graph<SourceShape<T>, M> that, Function2<Out, T, R> f, Function2<Mat, M, M2> combine) {
    return viaMat(Combine.withSecondInput2(ZipWith.create(f), that), combine);
  }

  /**
   * Emits this stream's elements and then those of {@code that}; {@code that} is materialized
   * with this stream but pulled only after this stream completes.
   *
   * <p>Emits when the current source emits; backpressures when downstream backpressures;
   * completes when {@code that} completes; cancels when downstream cancels.
   */
  public <M> Flow<In, Out, Mat> concat(Graph<SourceShape<Out>, M> that) {
    return via(Operators.concat(that, false));
  }

  /** Emits the elements of {@code that} first and then this stream's. */
  public <M> Flow<In, Out, Mat> prepend(Graph<SourceShape<Out>, M> that) {
    return via(Operators.concat(that, true));
  }

  /**
   * Emits the elements of this stream and of {@code that} as they arrive.
   *
   * <p>Emits when either has an element; backpressures when downstream backpressures; completes
   * when both complete; cancels when downstream cancels.
   */
  public <M> Flow<In, Out, Mat> merge(Graph<SourceShape<Out>, M> that) {
    return merge(that, false);
  }

  /** Like {@link #merge(Graph)}; with {@code eagerComplete} it completes when either completes. */
  public <M> Flow<In, Out, Mat> merge(Graph<SourceShape<Out>, M> that, boolean eagerComplete) {
    return via(Operators.merge(that, eagerComplete));
  }

  /**
   * Pairs each element with one from {@code that}.
   *
   * <p>Emits when both have an element; backpressures when downstream backpressures; completes
   * when either completes; cancels when downstream cancels.
   */
  public <T, M> Flow<In, Pair<Out, T>, Mat> zip(Graph<SourceShape<T>, M> that) {
    return zipWith(that, Pair::create);
  }

  /** Combines each element with one from {@code that} by {@code f}. */
  public <T, M, R> Flow<In, R, Mat> zipWith(Graph<SourceShape<T>, M> that, Function2<Out, T, R> f) {
    return via(Operators.zipWith(that, f));
  }

  /**
   * Sends each element also to {@code that} sink; both must want it before the next is pulled.
   *
   * <p>Emits when an element arrives and both downstreams want it; backpressures when either
   * backpressures; completes when upstream completes; cancels when downstream cancels.
   */
  public Flow<In, Out, Mat> alsoTo(Graph<SinkShape<Out>, ?> that) {
    return via(Operators.alsoTo(that));
  }

  /**
   * Turns a failure of type {@code type} into one last element made by {@code supplier}, then
   * completes.
   */
  public Flow<In, Out, Mat> recover(Class<? extends Throwable> type, Creator<Out> supplier) {
    return via(Operators.recover(type, supplier));
  }

  /** See {@link Source#recoverWith}. */
  public Flow<In, Out, Mat> recoverWith(
      Class<? extends Throwable> type, Creator<Graph<SourceShape<Out>, NotUsed>> alternative) {
    return recoverWithRetries(-1, type, alternative);
  }

  /** See {@link Source#foldAsync}. */
  public <U> Flow<In, U, Mat> foldAsync(U zero, Function2<U, Out, CompletionStage<U>> f) {
    // scanAsync emits zero first, so the last element is always there
    return via(new io.troupe.stream.internal.ops.ScanAsyncAndDelay.ScanAsync<Out, U>(
            "foldAsync", zero, f))
        .reduce((acc, next) -> next);
  }

  /**
   * Switches to the source {@code alternative} makes when the stream fails with {@code type}, at
   * most {@code attempts} times ({@code -1}: no limit).
   */
  public Flow<In, Out, Mat> recoverWithRetries(
      int attempts,
      Class<? extends Throwable> type,
      Creator<Graph<SourceShape<Out>, NotUsed>> alternative) {
    return via(Operators.recoverWithRetries(attempts, type, alternative));
  }

  /** Replaces a failure of type {@code type} by the one {@code f} returns. */
  public <E extends Throwable> Flow<In, Out, Mat> mapError(Class<E> type, Function<E, Throwable> f) {
    return via(Operators.mapError(type, f));
  }

  /** Logs elements (debug), completion (debug) and failure (error) under {@code name}. */
  public Flow<In, Out, Mat> log(String name) {
    return log(name, e -> e);
  }

  /** Logs what {@code extract} makes of each element, and completion and failure. */
  public Flow<In, Out, Mat> log(String name, Function<Out, Object> extract) {
    return via(Operators.log(name, extract));
  }

  /**
   * Materializes a stage that completes when the stream passing here completes or is cancelled,
   * or fails when it fails, combined with this graph's value by {@code combine}.
   */
  public <M2> Flow<In, Out, M2> watchTermination(Function2<Mat, CompletionStage<Done>, M2> combine) {
    return viaMat(Operators.<Out>watchTermination(), combine);
  }

  /** Like {@link #alsoTo}, the materialized values combined by {@code combine}. */
  public <M2, M3> Flow<In, Out, M3> alsoToMat(Graph<SinkShape<Out>, M2> that, Function2<Mat, M2, M3> combine) {
    return viaMat(Operators.alsoToMat(that), combine);
  }

  // ------------------------------------------------------------------ join (bidi)

  /**
   * Closes a loop: this flow's output feeds {@code flow}, whose output feeds this flow's input.
   * Keeps this flow's materialized value. Something inside the loop must emit first (a {@code
   * merge} with a source, say), and the loop needs room for the elements travelling round it: a
   * loop of stages that each hold one element waits forever on its own backpressure, so put a
   * {@code buffer} into it.
   */
  public <M2> RunnableGraph<Mat> join(Graph<FlowShape<Out, In>, M2> flow) {
    return joinMat(flow, Keep.left());
  }

  /** Like {@link #join(Graph)}, the materialized values combined by {@code combine}. */
  public <M2, M3> RunnableGraph<M3> joinMat(
      Graph<FlowShape<Out, In>, M2> flow, Function2<Mat, M2, M3> combine) {
    Objects.requireNonNull(flow, "flow");
    Objects.requireNonNull(combine, "combine");
    return new RunnableGraph<>(
        io.troupe.stream.internal.BidiModules.flowJoinFlow(module, flow.module(), combine));
  }

  /**
   * Closes the left (application) side of {@code bidi} with this flow: this flow's output feeds
   * the bidi's top input and its bottom output feeds this flow; the result is a flow from the
   * bidi's bottom input {@code I2} to its top output {@code O2}, e.g. a server's connection
   * handler made of an application flow and a codec. Keeps this flow's materialized value.
   *
   * <pre>
   *        +------+        +------+
   *        |      | ~Out~&gt; |      |~~&gt; O2
   *        | this |        | bidi |
   *        |      | &lt;~In~  |      |&lt;~~ I2
   *        +------+        +------+
   * </pre>
   */
  public <I2, O2, M2> Flow<I2, O2, Mat> join(BidiFlow<Out, O2, I2, In, M2> bidi) {
    return joinMat(bidi, Keep.left());
  }

  /** Like {@link #join(BidiFlow)}, the materialized values combined by {@code combine}. */
  public <I2, O2, M2, M3> Flow<I2, O2, M3> joinMat(
      BidiFlow<Out, O2, I2, In, M2> bidi, Function2<Mat, M2, M3> combine) {
    Objects.requireNonNull(bidi, "bidi");
    Objects.requireNonNull(combine, "combine");
    return new Flow<>(
        FlowShape.of(bidi.shape().in2(), bidi.shape().out1()),
        io.troupe.stream.internal.BidiModules.flowJoinBidi(module, bidi.module(), combine));
  }

  // ------------------------------------------------------------------ substreams

  /**
   * Routes each element to a substream of its own key, opening a substream for each new key;
   * operators on the returned {@link SubFlow} apply to each substream, and {@code
   * mergeSubstreams()} merges them back. Elements of a key whose substream was cancelled are
   * dropped.
   *
   * <p>Emits (a substream) when an element has a new key; backpressures when the substream of
   * the current element backpressures; completes when upstream completes (completing every
   * substream); fails with {@link TooManySubstreamsOpenException} when a new key arrives while
   * {@code maxSubstreams} substreams are open; cancels when downstream and every substream
   * cancelled.
   *
   * @throws IllegalArgumentException if {@code maxSubstreams} is not positive
   */
  public <K> SubFlow<In, Out, Mat> groupBy(int maxSubstreams, Function<Out, K> f) {
    return groupBy(maxSubstreams, f, false);
  }

  /**
   * Like {@link #groupBy(int, Function)}; with {@code allowClosedSubstreamRecreation} an element
   * whose key's substream was cancelled opens a new substream instead of being dropped.
   */
  public <K> SubFlow<In, Out, Mat> groupBy(
      int maxSubstreams, Function<Out, K> f, boolean allowClosedSubstreamRecreation) {
    if (maxSubstreams <= 0) {
      throw new IllegalArgumentException("maxSubstreams must be > 0, was " + maxSubstreams);
    }
    Objects.requireNonNull(f, "f");
    return substreams(
        new io.troupe.stream.internal.ops.GroupBy<Out, K>(
            maxSubstreams, f, allowClosedSubstreamRecreation));
  }

  /**
   * Cuts the stream into substreams, starting a new one with each element for which {@code p}
   * holds (the first element always starts one).
   *
   * <p>Emits (a substream) when an element starts one; backpressures when the current substream
   * backpressures; completes when upstream completes; cancels when downstream cancels and the
   * current substream is done. Elements of a cancelled substream are dropped until the next cut.
   */
  public SubFlow<In, Out, Mat> splitWhen(Predicate<Out> p) {
    Objects.requireNonNull(p, "p");
    return substreams(new io.troupe.stream.internal.ops.Split<Out>(p, false));
  }

  /**
   * Cuts the stream into substreams, ending the current one after each element for which {@code
   * p} holds.
   *
   * <p>Emits (a substream) when an element arrives and no substream is open; backpressures when
   * the current substream backpressures; completes when upstream completes; cancels when
   * downstream cancels and the current substream is done.
   */
  public SubFlow<In, Out, Mat> splitAfter(Predicate<Out> p) {
    Objects.requireNonNull(p, "p");
    return substreams(new io.troupe.stream.internal.ops.Split<Out>(p, true));
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private SubFlow<In, Out, Mat> substreams(Graph<FlowShape<Out, Source<Out, NotUsed>>, NotUsed> splitter) {
    return new SubFlow<>((Flow<In, Source<Object, NotUsed>, Mat>) (Flow) via(splitter), Flow.<Object>create().map(e -> (Out) e));
  }

  /**
   * Turns each element into a source with {@code f} and emits that source's elements, one source
   * after the other.
   *
   * <p>Emits when the current inner source emits; backpressures when downstream backpressures;
   * completes when upstream and the last inner source completed; cancels when downstream cancels
   * (cancelling the inner source). An inner failure fails the stream.
   */
  public <T, M> Flow<In, T, Mat> flatMapConcat(Function<Out, ? extends Graph<SourceShape<T>, M>> f) {
    Objects.requireNonNull(f, "f");
    return via(new io.troupe.stream.internal.ops.FlatMapMerge<Out, T>(1, f));
  }

  /**
   * Turns each element into a source with {@code f} and emits the elements of up to {@code
   * breadth} such sources at once, as they arrive.
   *
   * <p>Emits when an inner source emits; backpressures when downstream backpressures (upstream
   * is pulled while fewer than {@code breadth} inner sources run); completes when upstream and
   * all inner sources completed; cancels when downstream cancels. An inner failure fails the
   * stream.
   *
   * @throws IllegalArgumentException if {@code breadth} is not positive
   */
  public <T, M> Flow<In, T, Mat> flatMapMerge(int breadth, Function<Out, ? extends Graph<SourceShape<T>, M>> f) {
    if (breadth <= 0) {
      throw new IllegalArgumentException("breadth must be > 0, was " + breadth);
    }
    Objects.requireNonNull(f, "f");
    return via(new io.troupe.stream.internal.ops.FlatMapMerge<Out, T>(breadth, f));
  }

  // ------------------------------------------------------------------ time

  /** {@code d}, checked to be positive; for every operator taking a duration. */
  static java.time.Duration positiveDuration(String name, java.time.Duration d) {
    Objects.requireNonNull(d, name);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, was " + d);
    }
    return d;
  }

  /**
   * Emits lists of up to {@code n} elements: when {@code n} are collected or when {@code
   * interval} passed since the last list, whichever comes first; never an empty list.
   *
   * <p>Emits when {@code n} elements are collected or the interval passed with some collected;
   * backpressures when {@code n} elements are collected and downstream backpressures; completes
   * when upstream completes (after the last list); cancels when downstream cancels.
   *
   * @throws IllegalArgumentException if {@code n} or {@code interval} is not positive
   */
  public Flow<In, List<Out>, Mat> groupedWithin(int n, java.time.Duration interval) {
    if (n <= 0) {
      throw new IllegalArgumentException("n must be > 0, was " + n);
    }
    return via(new io.troupe.stream.internal.ops.TimeOps.GroupedWeightedWithin<Out>(n, positiveDuration("interval", interval)));
  }

  /**
   * Emits lists whose total weight ({@code costFn} of each element) is at most {@code maxWeight}:
   * a list goes out when its weight reaches {@code maxWeight}, when the next element would push it
   * past {@code maxWeight} (that element starts the next list; one heavier than {@code maxWeight}
   * on its own makes a list of one), or when {@code interval} passed since the last list,
   * whichever comes first; never an empty list.
   *
   * <p>Emits when the weight limit is reached or the interval passed with some elements
   * collected; backpressures when a full list (or a list plus the element that did not fit) waits
   * for downstream; completes when upstream completes (after the last lists); cancels when
   * downstream cancels. A negative cost fails the stream with an {@code
   * IllegalArgumentException}.
   *
   * @throws IllegalArgumentException if {@code maxWeight} or {@code interval} is not positive
   */
  public Flow<In, List<Out>, Mat> groupedWeightedWithin(
      long maxWeight, Function<Out, Long> costFn, java.time.Duration interval) {
    return groupedWeightedWithin(maxWeight, Integer.MAX_VALUE, costFn, interval);
  }

  /**
   * As {@link #groupedWeightedWithin(long, Function, java.time.Duration)}, with at most {@code
   * maxNumber} elements per list as well.
   *
   * <p>Emits when the weight or number limit is reached or the interval passed with some elements
   * collected; backpressures when a full list (or a list plus the element that did not fit) waits
   * for downstream; completes when upstream completes (after the last lists); cancels when
   * downstream cancels.
   *
   * @throws IllegalArgumentException if {@code maxWeight}, {@code maxNumber} or {@code interval}
   *     is not positive
   */
  public Flow<In, List<Out>, Mat> groupedWeightedWithin(
      long maxWeight, int maxNumber, Function<Out, Long> costFn, java.time.Duration interval) {
    if (maxWeight <= 0) {
      throw new IllegalArgumentException("maxWeight must be > 0, was " + maxWeight);
    }
    if (maxNumber <= 0) {
      throw new IllegalArgumentException("maxNumber must be > 0, was " + maxNumber);
    }
    Objects.requireNonNull(costFn, "costFn");
    return via(
        new io.troupe.stream.internal.ops.TimeOps.GroupedWeightedWithin<Out>(
            maxWeight, maxNumber, costFn, positiveDuration("interval", interval)));
  }

  /**
   * Passes elements for {@code duration} after the stream started, then completes.
   *
   * <p>Emits when upstream emits within the duration; backpressures when downstream
   * backpressures; completes when the duration passed or upstream completes; cancels when the
   * duration passed or downstream cancels.
   */
  public Flow<In, Out, Mat> takeWithin(java.time.Duration duration) {
    return via(new io.troupe.stream.internal.ops.TimeOps.TakeWithin<Out>(positiveDuration("duration", duration)));
  }

  /**
   * Drops the elements that arrive within {@code duration} after the stream started.
   *
   * <p>Emits when upstream emits after the duration; backpressures when downstream
   * backpressures; completes when upstream completes; cancels when downstream cancels.
   */
  public Flow<In, Out, Mat> dropWithin(java.time.Duration duration) {
    return via(new io.troupe.stream.internal.ops.TimeOps.DropWithin<Out>(positiveDuration("duration", duration)));
  }

  /**
   * Fails the stream with a {@link java.util.concurrent.TimeoutException} when no element passed
   * for {@code timeout}.
   *
   * <p>Emits when upstream emits; backpressures when downstream backpressures; completes when
   * upstream completes; fails when the timeout expires; cancels when downstream cancels.
   */
  public Flow<In, Out, Mat> idleTimeout(java.time.Duration timeout) {
    return via(new io.troupe.stream.internal.ops.TimeOps.Timeout<Out>(
        positiveDuration("timeout", timeout), io.troupe.stream.internal.ops.TimeOps.TimeoutKind.IDLE));
  }

  /**
   * Fails the stream with a {@link java.util.concurrent.TimeoutException} when the first element
   * has not arrived within {@code timeout}.
   */
  public Flow<In, Out, Mat> initialTimeout(java.time.Duration timeout) {
    return via(new io.troupe.stream.internal.ops.TimeOps.Timeout<Out>(
        positiveDuration("timeout", timeout), io.troupe.stream.internal.ops.TimeOps.TimeoutKind.INITIAL));
  }

  /**
   * Fails the stream with a {@link java.util.concurrent.TimeoutException} when it has not
   * completed within {@code timeout}.
   */
  public Flow<In, Out, Mat> completionTimeout(java.time.Duration timeout) {
    return via(new io.troupe.stream.internal.ops.TimeOps.Timeout<Out>(
        positiveDuration("timeout", timeout), io.troupe.stream.internal.ops.TimeOps.TimeoutKind.COMPLETION));
  }

  /**
   * Emits an element made by {@code injected} whenever nothing passed for {@code maxIdle} and
   * downstream waits.
   *
   * <p>Emits when upstream emits, or when idle for {@code maxIdle} with demand; backpressures
   * when downstream backpressures; completes when upstream completes; cancels when downstream
   * cancels.
   */
  public Flow<In, Out, Mat> keepAlive(java.time.Duration maxIdle, Creator<Out> injected) {
    Objects.requireNonNull(injected, "injected");
    return via(new io.troupe.stream.internal.ops.TimeOps.KeepAlive<Out>(positiveDuration("maxIdle", maxIdle), injected));
  }

  // ------------------------------------------------------------------ rate control

  /**
   * Limits the rate to {@code elements} per {@code per}, holding elements back (shaping) with a
   * burst of what the rate allows in 100 ms (at least 1).
   *
   * <p>Emits when upstream emits and the rate allows it; backpressures when downstream
   * backpressures or the rate does not allow the next element yet; completes when upstream
   * completes (after a held element); cancels when downstream cancels.
   *
   * @throws IllegalArgumentException if {@code elements} or {@code per} is not positive
   */
  public Flow<In, Out, Mat> throttle(int elements, java.time.Duration per) {
    return throttle(elements, per, -1, e -> 1, ThrottleMode.SHAPING);
  }

  /**
   * Limits the rate to {@code elements} per {@code per}; up to {@code maximumBurst} elements pass
   * at once after a quiet time; {@code mode} says whether a faster element is held back or fails
   * the stream with {@link RateExceededException}.
   *
   * @throws IllegalArgumentException if {@code elements}, {@code per} or {@code maximumBurst} is not positive
   */
  public Flow<In, Out, Mat> throttle(int elements, java.time.Duration per, int maximumBurst, ThrottleMode mode) {
    return throttle(elements, per, maximumBurst, e -> 1, mode);
  }

  /**
   * Limits the total cost to {@code cost} per {@code per}, each element costing what {@code
   * costCalculation} says (e.g. its size in bytes); shaping, automatic burst.
   *
   * @throws IllegalArgumentException if {@code cost} or {@code per} is not positive
   */
  public Flow<In, Out, Mat> throttle(int cost, java.time.Duration per, Function<Out, Integer> costCalculation) {
    return throttle(cost, per, -1, costCalculation, ThrottleMode.SHAPING);
  }

  /**
   * Limits the total cost to {@code cost} per {@code per} with a token bucket of {@code
   * maximumBurst} tokens: each element takes {@code costCalculation}'s tokens; tokens come back
   * at the rate; the bucket starts full. In {@link ThrottleMode#SHAPING} an element without
   * enough tokens waits for them; in {@link ThrottleMode#ENFORCING} it fails the stream with
   * {@link RateExceededException}. The clock is the actor system scheduler's.
   *
   * <p>Emits when upstream emits and the bucket has the tokens (shaping: once it has them);
   * backpressures when downstream backpressures or an element waits for tokens; completes when
   * upstream completes (after a waiting element); cancels when downstream cancels.
   *
   * @throws IllegalArgumentException if {@code cost}, {@code per} or {@code maximumBurst} is not
   *     positive, or an element's cost is negative (then the stream fails with it)
   */
  public Flow<In, Out, Mat> throttle(
      int cost, java.time.Duration per, int maximumBurst, Function<Out, Integer> costCalculation, ThrottleMode mode) {
    int burst = io.troupe.stream.internal.ops.Throttle.checkedBurst(cost, per, maximumBurst, mode);
    Objects.requireNonNull(costCalculation, "costCalculation");
    return via(new io.troupe.stream.internal.ops.Throttle<Out>(cost, per, burst, costCalculation, mode));
  }

  // ------------------------------------------------------------------ delay, rate decoupling, limits

  /**
   * Holds each element back for {@code of} before emitting it, keeping up to the input buffer
   * size ({@link Attributes#inputBuffer}, 16 by default) elements; {@code strategy} says what
   * happens when another element arrives while the buffer is full.
   *
   * <p>Emits when the oldest buffered element's delay has passed and downstream pulls (with
   * {@link DelayOverflowStrategy#emitEarly()}, also before its time when an element arrives at a
   * full buffer); backpressures when the buffer is full with {@link
   * DelayOverflowStrategy#backpressure()}, or with {@link DelayOverflowStrategy#emitEarly()} while
   * downstream backpressures; completes when upstream completes and every buffered element was
   * emitted; cancels when downstream cancels.
   *
   * @throws IllegalArgumentException if {@code of} is negative
   */
  public Flow<In, Out, Mat> delay(java.time.Duration of, DelayOverflowStrategy strategy) {
    java.time.Duration d = io.troupe.stream.internal.ops.Delay.checkedDelay(of);
    Objects.requireNonNull(strategy, "strategy");
    return via(new io.troupe.stream.internal.ops.Delay<Out>(() -> DelayStrategy.fixedDelay(d), strategy));
  }

  /**
   * Holds each element back for the delay a {@link DelayStrategy} gives it (a new strategy from
   * {@code delayStrategySupplier} per materialization, so it may keep state), in arrival order:
   * an element never overtakes an earlier one. The buffer and {@code overflowStrategy} work as in
   * {@link #delay}; a negative or null delay fails the stream with an {@link
   * IllegalArgumentException}.
   *
   * <p>Emits when the oldest buffered element's delay has passed and downstream pulls;
   * backpressures as {@link #delay} does; completes when upstream completes and every buffered
   * element was emitted; cancels when downstream cancels.
   */
  public Flow<In, Out, Mat> delayWith(
      java.util.function.Supplier<DelayStrategy<Out>> delayStrategySupplier, DelayOverflowStrategy overflowStrategy) {
    Objects.requireNonNull(delayStrategySupplier, "delayStrategySupplier");
    Objects.requireNonNull(overflowStrategy, "overflowStrategy");
    return via(new io.troupe.stream.internal.ops.Delay<Out>(delayStrategySupplier, overflowStrategy));
  }

  /**
   * Fails the stream with a {@link BackpressureTimeoutException} when downstream has not asked
   * for the next element within {@code timeout} after it was sent one.
   *
   * <p>Emits when upstream emits; backpressures when downstream backpressures; completes when
   * upstream completes; fails when downstream took longer than {@code timeout} to pull after an
   * element; cancels when downstream cancels.
   *
   * @throws IllegalArgumentException if {@code timeout} is not positive
   */
  public Flow<In, Out, Mat> backpressureTimeout(java.time.Duration timeout) {
    return via(new io.troupe.stream.internal.ops.BackpressureTimeout<Out>(positiveDuration("timeout", timeout)));
  }

  /**
   * Combines the elements that arrive while downstream is busy into one with {@code aggregate},
   * so a faster upstream never waits for a slower downstream; a fast downstream gets every
   * element as it is. Consults the supervision strategy when {@code aggregate} throws (resume
   * drops the element, restart also drops what was combined so far).
   *
   * <p>Emits when downstream pulls and an element or combination is ready; backpressures never;
   * completes when upstream completes and the last combination was emitted; cancels when
   * downstream cancels.
   */
  public Flow<In, Out, Mat> conflate(Function2<Out, Out, Out> aggregate) {
    Objects.requireNonNull(aggregate, "aggregate");
    return via(new io.troupe.stream.internal.ops.RateOps.Batch<Out, Out>("conflate", 1, null, e -> e, aggregate));
  }

  /**
   * Like {@link #conflate}, but starts each combination with {@code seed} of its first element,
   * so the combination may have another type (a sum, a list, the latest value).
   *
   * <p>Emits when downstream pulls and a combination is ready; backpressures never; completes
   * when upstream completes and the last combination was emitted; cancels when downstream cancels.
   */
  public <S> Flow<In, S, Mat> conflateWithSeed(Function<Out, S> seed, Function2<S, Out, S> aggregate) {
    Objects.requireNonNull(seed, "seed");
    Objects.requireNonNull(aggregate, "aggregate");
    return via(new io.troupe.stream.internal.ops.RateOps.Batch<Out, S>("conflateWithSeed", 1, null, seed, aggregate));
  }

  /**
   * Like {@link #conflateWithSeed}, but a combination holds at most {@code max} elements: then
   * one more element waits and upstream is backpressured until downstream took the batch.
   *
   * <p>Emits when downstream pulls and a batch is ready; backpressures when a batch of {@code
   * max} elements and one more element wait and downstream backpressures; completes when upstream
   * completes and the last batch was emitted; cancels when downstream cancels.
   *
   * @throws IllegalArgumentException if {@code max} is not positive
   */
  public <S> Flow<In, S, Mat> batch(long max, Function<Out, S> seed, Function2<S, Out, S> aggregate) {
    io.troupe.stream.internal.ops.RateOps.Batch.checkedMax("batch", max);
    Objects.requireNonNull(seed, "seed");
    Objects.requireNonNull(aggregate, "aggregate");
    return via(new io.troupe.stream.internal.ops.RateOps.Batch<Out, S>("batch", max, e -> 1L, seed, aggregate));
  }

  /**
   * Like {@link #batch}, but each element weighs what {@code costFn} says (e.g. its size in
   * bytes) and a batch holds at most {@code max} weight. An element heavier than {@code max}
   * still forms a batch on its own. A negative weight fails the stream with an {@link
   * IllegalArgumentException}.
   *
   * <p>Emits when downstream pulls and a batch is ready; backpressures when an element does not
   * fit the current batch and downstream backpressures; completes when upstream completes and the
   * last batch was emitted; cancels when downstream cancels.
   *
   * @throws IllegalArgumentException if {@code max} is not positive
   */
  public <S> Flow<In, S, Mat> batchWeighted(
      long max, Function<Out, Long> costFn, Function<Out, S> seed, Function2<S, Out, S> aggregate) {
    io.troupe.stream.internal.ops.RateOps.Batch.checkedMax("batchWeighted", max);
    Objects.requireNonNull(costFn, "costFn");
    Objects.requireNonNull(seed, "seed");
    Objects.requireNonNull(aggregate, "aggregate");
    return via(new io.troupe.stream.internal.ops.RateOps.Batch<Out, S>("batchWeighted", max, costFn, seed, aggregate));
  }

  /**
   * Turns each element into an iterator with {@code expander} and emits its elements whenever
   * downstream pulls before upstream has the next element, which then replaces the iterator: a
   * faster downstream never waits for a slower upstream. Every element yields at least the first
   * element of its iterator (an empty iterator yields nothing), so a slower downstream
   * backpressures upstream. A throwing {@code expander} fails the stream.
   *
   * <p>Emits when downstream pulls and the current iterator has an element; backpressures when
   * downstream backpressures; completes when upstream completes and the last element's first
   * expansion was emitted; cancels when downstream cancels.
   */
  public <U> Flow<In, U, Mat> expand(Function<Out, java.util.Iterator<U>> expander) {
    Objects.requireNonNull(expander, "expander");
    return via(new io.troupe.stream.internal.ops.RateOps.Expand<Out, U>("expand", expander, false, null));
  }

  /**
   * Emits every element unchanged and, whenever downstream pulls before upstream has the next
   * element, the elements {@code extrapolator} makes of the last one (e.g. {@code
   * Stream.generate(() -> e).iterator()} repeats it). {@code extrapolator} is only called when
   * an extrapolated element is wanted.
   *
   * <p>Emits when downstream pulls and there is an element or an extrapolation of the last one;
   * backpressures when downstream backpressures; completes when upstream completes and its last
   * element was emitted; cancels when downstream cancels.
   */
  public Flow<In, Out, Mat> extrapolate(Function<Out, java.util.Iterator<Out>> extrapolator) {
    Objects.requireNonNull(extrapolator, "extrapolator");
    return via(new io.troupe.stream.internal.ops.RateOps.Expand<Out, Out>(
        "extrapolate", io.troupe.stream.internal.ops.RateOps.Expand.originalThen(extrapolator), false, null));
  }

  /**
   * Like {@link #extrapolate(Function)}, but starts with {@code initial} as if upstream had
   * emitted it first, so downstream gets elements (initial and its extrapolations) before
   * upstream sends any.
   *
   * <p>Emits when downstream pulls: first {@code initial}, then as {@link
   * #extrapolate(Function)}; backpressures when downstream backpressures; completes when upstream
   * completes and its last element (or {@code initial}) was emitted; cancels when downstream
   * cancels.
   */
  public Flow<In, Out, Mat> extrapolate(Function<Out, java.util.Iterator<Out>> extrapolator, Out initial) {
    Objects.requireNonNull(extrapolator, "extrapolator");
    Objects.requireNonNull(initial, "initial");
    return via(new io.troupe.stream.internal.ops.RateOps.Expand<Out, Out>(
        "extrapolate", io.troupe.stream.internal.ops.RateOps.Expand.originalThen(extrapolator), true, initial));
  }

  /**
   * A buffer of one element that asks upstream for an element before downstream asks: upstream
   * demand is detached from downstream demand, while the rates stay coupled.
   *
   * <p>Emits when downstream pulls and an element is held, or upstream emits and downstream
   * waits; backpressures when an element is held and downstream backpressures; completes when
   * upstream completes and the held element was emitted; cancels when downstream cancels.
   */
  public Flow<In, Out, Mat> detach() {
    return via(new io.troupe.stream.internal.ops.RateOps.Detach<Out>());
  }

  /**
   * Passes at most {@code n} elements and fails the stream with a {@link
   * StreamLimitReachedException} when upstream sends one more: a guard for streams that must stay
   * bounded (the elements are not dropped silently as by {@link #take}).
   *
   * <p>Emits when upstream emits and fewer than {@code n} elements passed; backpressures when
   * downstream backpressures; completes when upstream completes; fails on element {@code n + 1};
   * cancels when downstream cancels.
   *
   * @throws IllegalArgumentException if {@code n} is negative
   */
  public Flow<In, Out, Mat> limit(long n) {
    io.troupe.stream.internal.ops.RateOps.LimitWeighted.checkedMax("limit", n);
    return via(new io.troupe.stream.internal.ops.RateOps.LimitWeighted<Out>("limit", n, null));
  }

  /**
   * Passes elements while their total weight, by {@code costFn}, stays at most {@code n}, and
   * fails the stream with a {@link StreamLimitReachedException} on the element that passes it. A
   * negative weight fails the stream with an {@link IllegalArgumentException}; when {@code
   * costFn} throws, the supervision strategy decides (resume skips the element, restart also
   * resets the total).
   *
   * <p>Emits when upstream emits and the total stays within {@code n}; backpressures when
   * downstream backpressures; completes when upstream completes; fails when the total passes
   * {@code n}; cancels when downstream cancels.
   *
   * @throws IllegalArgumentException if {@code n} is negative
   */
  public Flow<In, Out, Mat> limitWeighted(long n, Function<Out, Long> costFn) {
    io.troupe.stream.internal.ops.RateOps.LimitWeighted.checkedMax("limitWeighted", n);
    Objects.requireNonNull(costFn, "costFn");
    return via(new io.troupe.stream.internal.ops.RateOps.LimitWeighted<Out>("limitWeighted", n, costFn));
  }
  // ------------------------------------------------------------------ end of delay, rate decoupling, limits
  // ------------------------------------------------------------------ end of rate, structure
}
