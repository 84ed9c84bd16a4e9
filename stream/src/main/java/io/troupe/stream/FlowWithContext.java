package io.troupe.stream;

import io.troupe.actor.NotUsed;
import io.troupe.japi.Pair;
import io.troupe.japi.function.Function;
import io.troupe.japi.function.Function2;
import io.troupe.japi.function.Predicate;
import io.troupe.stream.internal.Module;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * A flow of elements that each carry a context, such as the offset of the record an element was
 * made from, which is to be committed once the element is through. Its operators work on the
 * data and carry each element's context along unchanged; {@link #mapContext} changes the
 * context. It is a {@link Flow} of {@link Pair}s (data, context) underneath: {@link #asFlow}
 * gives that flow, {@link #fromPairs} wraps one, and {@link #via} takes any flow of pairs for
 * what the operators here do not cover.
 *
 * <pre>{@code
 * FlowWithContext<Record, Offset, Event, Offset, NotUsed> parse =
 *     FlowWithContext.<Record, Offset>create()
 *         .map(Record::value)
 *         .filter(v -> !v.isBlank())
 *         .map(Event::parse);
 * }</pre>
 *
 * <p>Only operators that keep the elements in order and emit each result with the context of
 * the element it came from are offered (as in Pekko): {@link #filter} drops an element with its
 * context, {@link #mapConcat} repeats the context for each element made, and {@link #grouped}
 * and {@link #sliding} collect the contexts into a list beside the data.
 *
 * @param <In> the data taken in
 * @param <CtxIn> the context taken in
 * @param <Out> the data emitted
 * @param <CtxOut> the context emitted
 * @param <Mat> the materialized value
 */
public final class FlowWithContext<In, CtxIn, Out, CtxOut, Mat>
    implements Graph<FlowShape<Pair<In, CtxIn>, Pair<Out, CtxOut>>, Mat> {
  private final Flow<Pair<In, CtxIn>, Pair<Out, CtxOut>, Mat> delegate;

  private FlowWithContext(Flow<Pair<In, CtxIn>, Pair<Out, CtxOut>, Mat> delegate) {
    this.delegate = delegate;
  }

  /** The flow that passes data and context on unchanged. */
  public static <In, Ctx> FlowWithContext<In, Ctx, In, Ctx, NotUsed> create() {
    return new FlowWithContext<>(Flow.create());
  }

  /** Views a flow of (data, context) pairs as a flow with context. */
  public static <In, CtxIn, Out, CtxOut, Mat>
      FlowWithContext<In, CtxIn, Out, CtxOut, Mat> fromPairs(
          Graph<FlowShape<Pair<In, CtxIn>, Pair<Out, CtxOut>>, Mat> flow) {
    return new FlowWithContext<>(Flow.fromGraph(flow));
  }

  /** This flow as a plain flow of (data, context) pairs. */
  public Flow<Pair<In, CtxIn>, Pair<Out, CtxOut>, Mat> asFlow() {
    return delegate;
  }

  @Override
  public FlowShape<Pair<In, CtxIn>, Pair<Out, CtxOut>> shape() {
    return delegate.shape();
  }

  @Override
  public Module module() {
    return delegate.module();
  }

  @Override
  public FlowWithContext<In, CtxIn, Out, CtxOut, Mat> withAttributes(Attributes attributes) {
    return new FlowWithContext<>(delegate.withAttributes(attributes));
  }

  @Override
  public FlowWithContext<In, CtxIn, Out, CtxOut, Mat> addAttributes(Attributes attributes) {
    return new FlowWithContext<>(delegate.addAttributes(attributes));
  }

  @Override
  public FlowWithContext<In, CtxIn, Out, CtxOut, Mat> named(String name) {
    return new FlowWithContext<>(delegate.named(name));
  }

  @Override
  public FlowWithContext<In, CtxIn, Out, CtxOut, Mat> async() {
    return new FlowWithContext<>(delegate.async());
  }

  /** This flow with its materialized value transformed by {@code f}. */
  public <M2> FlowWithContext<In, CtxIn, Out, CtxOut, M2> mapMaterializedValue(
      Function<Mat, M2> f) {
    return new FlowWithContext<>(delegate.mapMaterializedValue(f));
  }

  /**
   * This flow followed by {@code flow}, a flow of (data, context) pairs that propagates the
   * contexts itself: the way to use an operator not offered here. Keeps this flow's value.
   */
  public <Out2, CtxOut2, M> FlowWithContext<In, CtxIn, Out2, CtxOut2, Mat> via(
      Graph<FlowShape<Pair<Out, CtxOut>, Pair<Out2, CtxOut2>>, M> flow) {
    return new FlowWithContext<>(delegate.via(flow));
  }

  /** Like {@link #via}, the materialized values combined by {@code combine}. */
  public <Out2, CtxOut2, M, M2> FlowWithContext<In, CtxIn, Out2, CtxOut2, M2> viaMat(
      Graph<FlowShape<Pair<Out, CtxOut>, Pair<Out2, CtxOut2>>, M> flow,
      Function2<Mat, M, M2> combine) {
    return new FlowWithContext<>(delegate.viaMat(flow, combine));
  }

  /**
   * Runs the data through {@code flow}, which must emit exactly one element for each element it
   * takes, in order: the contexts bypass it and are paired again with what it emits, one by one.
   * A flow that drops, adds or reorders elements pairs data with the wrong contexts, or stops
   * (the stream neither fails nor tells); use {@link #via} with a flow of pairs for those.
   */
  public <Out2, M> FlowWithContext<In, CtxIn, Out2, CtxOut, Mat> unsafeDataVia(
      Graph<FlowShape<Out, Out2>, M> flow) {
    return via(ContextOps.<Out, Out2, CtxOut, M>unsafeDataVia(flow));
  }

  /** Transforms each element's data with {@code f}; see {@link Flow#map}. */
  public <T> FlowWithContext<In, CtxIn, T, CtxOut, Mat> map(Function<Out, T> f) {
    return via(ContextOps.<Out, T, CtxOut>map(f));
  }

  /** Transforms each element's context with {@code f}, leaving the data as it is. */
  public <CtxOut2> FlowWithContext<In, CtxIn, Out, CtxOut2, Mat> mapContext(
      Function<CtxOut, CtxOut2> f) {
    return via(ContextOps.<Out, CtxOut, CtxOut2>mapContext(f));
  }

  /** Keeps the elements whose data satisfies {@code p}, dropping the others with their context. */
  public FlowWithContext<In, CtxIn, Out, CtxOut, Mat> filter(Predicate<Out> p) {
    return via(ContextOps.<Out, CtxOut>filter(p));
  }

  /** Drops the elements whose data satisfies {@code p}, with their context. */
  public FlowWithContext<In, CtxIn, Out, CtxOut, Mat> filterNot(Predicate<Out> p) {
    return via(ContextOps.<Out, CtxOut>filterNot(p));
  }

  /** Emits the present results of {@code f}, each with its element's context. */
  public <T> FlowWithContext<In, CtxIn, T, CtxOut, Mat> collect(Function<Out, Optional<T>> f) {
    return via(ContextOps.<Out, T, CtxOut>collect(f));
  }

  /** Emits each element {@code f} makes of an element's data, with that element's context. */
  public <T> FlowWithContext<In, CtxIn, T, CtxOut, Mat> mapConcat(
      Function<Out, ? extends Iterable<T>> f) {
    return via(ContextOps.<Out, T, CtxOut>mapConcat(f));
  }

  /**
   * Transforms each element's data with the asynchronous {@code f}, up to {@code parallelism} at
   * once, emitting in the order the elements came; see {@link Flow#mapAsync}.
   */
  public <T> FlowWithContext<In, CtxIn, T, CtxOut, Mat> mapAsync(
      int parallelism, Function<Out, CompletionStage<T>> f) {
    return via(ContextOps.<Out, T, CtxOut>mapAsync(parallelism, f));
  }

  /** Emits lists of {@code n} elements' data beside the list of their contexts. */
  public FlowWithContext<In, CtxIn, List<Out>, List<CtxOut>, Mat> grouped(int n) {
    return via(ContextOps.<Out, CtxOut>grouped(n));
  }

  /** Emits windows of data with the list of their contexts; see {@link Flow#sliding}. */
  public FlowWithContext<In, CtxIn, List<Out>, List<CtxOut>, Mat> sliding(int n, int step) {
    return via(ContextOps.<Out, CtxOut>sliding(n, step));
  }

  /** Logs the data under {@code name}; see {@link Flow#log(String)}. */
  public FlowWithContext<In, CtxIn, Out, CtxOut, Mat> log(String name) {
    return log(name, out -> out);
  }

  /** Logs what {@code extract} makes of the data under {@code name}. */
  public FlowWithContext<In, CtxIn, Out, CtxOut, Mat> log(
      String name, Function<Out, Object> extract) {
    return via(ContextOps.<Out, CtxOut>log(name, extract));
  }

  /** Lets at most {@code elements} elements through per {@code per}; see {@link Flow#throttle}. */
  public FlowWithContext<In, CtxIn, Out, CtxOut, Mat> throttle(int elements, Duration per) {
    return throttle(elements, per, elements, ThrottleMode.SHAPING);
  }

  /** Like {@link Flow#throttle(int, Duration, int, ThrottleMode)}. */
  public FlowWithContext<In, CtxIn, Out, CtxOut, Mat> throttle(
      int elements, Duration per, int maximumBurst, ThrottleMode mode) {
    return via(ContextOps.<Out, CtxOut>throttle(elements, per, maximumBurst, mode));
  }

  /** Also sends each element's data to {@code sink}, backpressured by both. */
  public FlowWithContext<In, CtxIn, Out, CtxOut, Mat> alsoTo(Graph<SinkShape<Out>, ?> sink) {
    return via(ContextOps.<Out, CtxOut>alsoTo(sink, false));
  }

  /** Also sends each element's context to {@code sink}, backpressured by both. */
  public FlowWithContext<In, CtxIn, Out, CtxOut, Mat> alsoToContext(
      Graph<SinkShape<CtxOut>, ?> sink) {
    return via(ContextOps.<Out, CtxOut>alsoToContext(sink, false));
  }

  /** Sends each element's data to {@code sink} when it wants it; see {@link Flow#wireTap}. */
  public FlowWithContext<In, CtxIn, Out, CtxOut, Mat> wireTap(Graph<SinkShape<Out>, ?> sink) {
    return via(ContextOps.<Out, CtxOut>alsoTo(sink, true));
  }

  /** Sends each element's context to {@code sink} when it wants it. */
  public FlowWithContext<In, CtxIn, Out, CtxOut, Mat> wireTapContext(
      Graph<SinkShape<CtxOut>, ?> sink) {
    return via(ContextOps.<Out, CtxOut>alsoToContext(sink, true));
  }

  @Override
  public String toString() {
    return "FlowWithContext(" + delegate + ")";
  }
}
