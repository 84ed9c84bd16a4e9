package io.troupe.stream;

import io.troupe.actor.ActorSystem;
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
 * A source of elements that each carry a context, such as the offset of the record an element
 * was made from; its operators work on the data and carry each element's context along, as
 * those of {@link FlowWithContext} do. It is a {@link Source} of {@link Pair}s (data, context)
 * underneath: {@link #asSource} gives that source, {@link #fromPairs} wraps one, and
 * {@link Source#asSourceWithContext} makes one from a plain source.
 *
 * <pre>{@code
 * Source.from(records)
 *     .asSourceWithContext(Record::offset)
 *     .map(Record::value)
 *     .mapAsync(4, store::save)
 *     .runWith(Sink.foreach(p -> committed.add(p.second())), system);
 * }</pre>
 *
 * @param <Out> the data emitted
 * @param <Ctx> the context emitted
 * @param <Mat> the materialized value
 */
public final class SourceWithContext<Out, Ctx, Mat>
    implements Graph<SourceShape<Pair<Out, Ctx>>, Mat> {
  private final Source<Pair<Out, Ctx>, Mat> delegate;

  private SourceWithContext(Source<Pair<Out, Ctx>, Mat> delegate) {
    this.delegate = delegate;
  }

  /** Views a source of (data, context) pairs as a source with context. */
  public static <Out, Ctx, Mat> SourceWithContext<Out, Ctx, Mat> fromPairs(
      Graph<SourceShape<Pair<Out, Ctx>>, Mat> source) {
    return new SourceWithContext<>(Source.fromGraph(source));
  }

  /** This source as a plain source of (data, context) pairs. */
  public Source<Pair<Out, Ctx>, Mat> asSource() {
    return delegate;
  }

  @Override
  public SourceShape<Pair<Out, Ctx>> shape() {
    return delegate.shape();
  }

  @Override
  public Module module() {
    return delegate.module();
  }

  @Override
  public SourceWithContext<Out, Ctx, Mat> withAttributes(Attributes attributes) {
    return new SourceWithContext<>(delegate.withAttributes(attributes));
  }

  @Override
  public SourceWithContext<Out, Ctx, Mat> addAttributes(Attributes attributes) {
    return new SourceWithContext<>(delegate.addAttributes(attributes));
  }

  @Override
  public SourceWithContext<Out, Ctx, Mat> named(String name) {
    return new SourceWithContext<>(delegate.named(name));
  }

  @Override
  public SourceWithContext<Out, Ctx, Mat> async() {
    return new SourceWithContext<>(delegate.async());
  }

  /** This source with its materialized value transformed by {@code f}. */
  public <M2> SourceWithContext<Out, Ctx, M2> mapMaterializedValue(Function<Mat, M2> f) {
    return new SourceWithContext<>(delegate.mapMaterializedValue(f));
  }

  /**
   * This source followed by {@code flow}, a flow of (data, context) pairs: a
   * {@link FlowWithContext}, or a plain flow that propagates the contexts itself. Keeps this
   * source's value.
   */
  public <Out2, Ctx2, M> SourceWithContext<Out2, Ctx2, Mat> via(
      Graph<FlowShape<Pair<Out, Ctx>, Pair<Out2, Ctx2>>, M> flow) {
    return new SourceWithContext<>(delegate.via(flow));
  }

  /** Like {@link #via}, the materialized values combined by {@code combine}. */
  public <Out2, Ctx2, M, M2> SourceWithContext<Out2, Ctx2, M2> viaMat(
      Graph<FlowShape<Pair<Out, Ctx>, Pair<Out2, Ctx2>>, M> flow, Function2<Mat, M, M2> combine) {
    return new SourceWithContext<>(delegate.viaMat(flow, combine));
  }

  /** This source into {@code sink} of (data, context) pairs; keeps this source's value. */
  public RunnableGraph<Mat> to(Graph<SinkShape<Pair<Out, Ctx>>, ?> sink) {
    return delegate.to(sink);
  }

  /** Like {@link #to}, the materialized values combined by {@code combine}. */
  public <M, M2> RunnableGraph<M2> toMat(
      Graph<SinkShape<Pair<Out, Ctx>>, M> sink, Function2<Mat, M, M2> combine) {
    return delegate.toMat(sink, combine);
  }

  /** Runs this source into {@code sink}; returns the sink's value. */
  public <M> M runWith(Graph<SinkShape<Pair<Out, Ctx>>, M> sink, Materializer materializer) {
    return delegate.runWith(sink, materializer);
  }

  /** Like {@link #runWith(Graph, Materializer)} with the system's materializer. */
  public <M> M runWith(Graph<SinkShape<Pair<Out, Ctx>>, M> sink, ActorSystem<?> system) {
    return delegate.runWith(sink, system);
  }

  /** See {@link FlowWithContext#unsafeDataVia}. */
  public <Out2, M> SourceWithContext<Out2, Ctx, Mat> unsafeDataVia(
      Graph<FlowShape<Out, Out2>, M> flow) {
    return via(ContextOps.<Out, Out2, Ctx, M>unsafeDataVia(flow));
  }

  /** See {@link FlowWithContext#map}. */
  public <T> SourceWithContext<T, Ctx, Mat> map(Function<Out, T> f) {
    return via(ContextOps.<Out, T, Ctx>map(f));
  }

  /** See {@link FlowWithContext#mapContext}. */
  public <Ctx2> SourceWithContext<Out, Ctx2, Mat> mapContext(Function<Ctx, Ctx2> f) {
    return via(ContextOps.<Out, Ctx, Ctx2>mapContext(f));
  }

  /** See {@link FlowWithContext#filter}. */
  public SourceWithContext<Out, Ctx, Mat> filter(Predicate<Out> p) {
    return via(ContextOps.<Out, Ctx>filter(p));
  }

  /** See {@link FlowWithContext#filterNot}. */
  public SourceWithContext<Out, Ctx, Mat> filterNot(Predicate<Out> p) {
    return via(ContextOps.<Out, Ctx>filterNot(p));
  }

  /** See {@link FlowWithContext#collect}. */
  public <T> SourceWithContext<T, Ctx, Mat> collect(Function<Out, Optional<T>> f) {
    return via(ContextOps.<Out, T, Ctx>collect(f));
  }

  /** See {@link FlowWithContext#mapConcat}. */
  public <T> SourceWithContext<T, Ctx, Mat> mapConcat(Function<Out, ? extends Iterable<T>> f) {
    return via(ContextOps.<Out, T, Ctx>mapConcat(f));
  }

  /** See {@link FlowWithContext#mapAsync}. */
  public <T> SourceWithContext<T, Ctx, Mat> mapAsync(
      int parallelism, Function<Out, CompletionStage<T>> f) {
    return via(ContextOps.<Out, T, Ctx>mapAsync(parallelism, f));
  }

  /** See {@link FlowWithContext#grouped}. */
  public SourceWithContext<List<Out>, List<Ctx>, Mat> grouped(int n) {
    return via(ContextOps.<Out, Ctx>grouped(n));
  }

  /** See {@link FlowWithContext#sliding}. */
  public SourceWithContext<List<Out>, List<Ctx>, Mat> sliding(int n, int step) {
    return via(ContextOps.<Out, Ctx>sliding(n, step));
  }

  /** See {@link FlowWithContext#log(String)}. */
  public SourceWithContext<Out, Ctx, Mat> log(String name) {
    return log(name, out -> out);
  }

  /** See {@link FlowWithContext#log(String, Function)}. */
  public SourceWithContext<Out, Ctx, Mat> log(String name, Function<Out, Object> extract) {
    return via(ContextOps.<Out, Ctx>log(name, extract));
  }

  /** See {@link FlowWithContext#throttle(int, Duration)}. */
  public SourceWithContext<Out, Ctx, Mat> throttle(int elements, Duration per) {
    return throttle(elements, per, elements, ThrottleMode.SHAPING);
  }

  /** See {@link FlowWithContext#throttle(int, Duration, int, ThrottleMode)}. */
  public SourceWithContext<Out, Ctx, Mat> throttle(
      int elements, Duration per, int maximumBurst, ThrottleMode mode) {
    return via(ContextOps.<Out, Ctx>throttle(elements, per, maximumBurst, mode));
  }

  /** See {@link FlowWithContext#alsoTo}. */
  public SourceWithContext<Out, Ctx, Mat> alsoTo(Graph<SinkShape<Out>, ?> sink) {
    return via(ContextOps.<Out, Ctx>alsoTo(sink, false));
  }

  /** See {@link FlowWithContext#alsoToContext}. */
  public SourceWithContext<Out, Ctx, Mat> alsoToContext(Graph<SinkShape<Ctx>, ?> sink) {
    return via(ContextOps.<Out, Ctx>alsoToContext(sink, false));
  }

  /** See {@link FlowWithContext#wireTap}. */
  public SourceWithContext<Out, Ctx, Mat> wireTap(Graph<SinkShape<Out>, ?> sink) {
    return via(ContextOps.<Out, Ctx>alsoTo(sink, true));
  }

  /** See {@link FlowWithContext#wireTapContext}. */
  public SourceWithContext<Out, Ctx, Mat> wireTapContext(Graph<SinkShape<Ctx>, ?> sink) {
    return via(ContextOps.<Out, Ctx>alsoToContext(sink, true));
  }

  @Override
  public String toString() {
    return "SourceWithContext(" + delegate + ")";
  }
}
