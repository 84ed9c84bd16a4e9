package io.troupe.stream;

import io.troupe.actor.NotUsed;
import io.troupe.japi.Pair;
import io.troupe.japi.function.Creator;
import io.troupe.japi.function.Function;
import io.troupe.japi.function.Function2;
import io.troupe.japi.function.Predicate;
import io.troupe.stream.internal.ops.FlatMapMerge;
import io.troupe.stream.internal.ops.RunEachSink;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * The substreams made by {@link Flow#groupBy}, {@link Flow#splitWhen} or {@link Flow#splitAfter}: operators added here apply to each substream, and {@link
 * #mergeSubstreams()}, {@link #concatSubstreams()} or {@link #to} end the substream section.
 *
 * <pre>{@code
 * Flow.of(String.class)
 *     .groupBy(1000, w -> w)
 *     .map(w -> Pair.create(w, 1))
 *     .reduce((a, b) -> Pair.create(a.first(), a.second() + b.second()))
 *     .mergeSubstreams();
 * }</pre>
 *
 * @param <In> the type of element the enclosing flow takes in
 * @param <Out> the type of element of each substream
 * @param <Mat> the materialized value of the enclosing flow
 */
public final class SubFlow<In, Out, Mat> {
  private final Flow<In, Source<Object, NotUsed>, Mat> substreams;
  private final Flow<Object, Out, NotUsed> perSubstream;

  SubFlow(Flow<In, Source<Object, NotUsed>, Mat> substreams, Flow<Object, Out, NotUsed> perSubstream) {
    this.substreams = substreams;
    this.perSubstream = perSubstream;
  }

  private Flow<In, Source<Out, NotUsed>, Mat> flattened() {
    Flow<Object, Out, NotUsed> f = perSubstream;
    return substreams.map(s -> s.via(f));
  }

  /** Each substream followed by {@code flow} (its materialized value is dropped). */
  public <T> SubFlow<In, T, Mat> via(Graph<FlowShape<Out, T>, ?> flow) {
    Objects.requireNonNull(flow, "flow");
    return new SubFlow<>(substreams, perSubstream.via(flow).mapMaterializedValue(m -> NotUsed.INSTANCE));
  }

  /**
   * Merges the substreams' elements into one stream as they arrive, running all substreams at
   * once; ends the substream section.
   */
  public Flow<In, Out, Mat> mergeSubstreams() {
    return mergeSubstreamsWithParallelism(Integer.MAX_VALUE);
  }

  /**
   * Merges the substreams' elements, running at most {@code parallelism} substreams at once (a
   * {@code groupBy} with more keys than that waits forever for a free slot).
   *
   * @throws IllegalArgumentException if {@code parallelism} is not positive
   */
  public Flow<In, Out, Mat> mergeSubstreamsWithParallelism(int parallelism) {
    if (parallelism <= 0) {
      throw new IllegalArgumentException("parallelism must be > 0, was " + parallelism);
    }
    return flattened().via(new FlatMapMerge<Source<Out, NotUsed>, Out>(parallelism, s -> s));
  }

  /**
   * Emits the substreams' elements one substream after the other, in the order the substreams
   * were opened (only sensible for {@code splitWhen}/{@code splitAfter}: a {@code groupBy}
   * substream that never completes blocks the rest).
   */
  public Flow<In, Out, Mat> concatSubstreams() {
    return mergeSubstreamsWithParallelism(1);
  }

  /** Runs each substream into its own materialization of {@code sink}. */
  public Sink<In, Mat> to(Graph<SinkShape<Out>, ?> sink) {
    Objects.requireNonNull(sink, "sink");
    return flattened().to(new RunEachSink<Out>(sink));
  }

  /** {@link Flow#map} on each substream. */
  public <T> SubFlow<In, T, Mat> map(Function<Out, T> f) {
    return via(Flow.<Out>create().map(f));
  }

  /** {@link Flow#filter} on each substream. */
  public SubFlow<In, Out, Mat> filter(Predicate<Out> p) {
    return via(Flow.<Out>create().filter(p));
  }

  /** {@link Flow#filterNot} on each substream. */
  public SubFlow<In, Out, Mat> filterNot(Predicate<Out> p) {
    return via(Flow.<Out>create().filterNot(p));
  }

  /** {@link Flow#mapConcat} on each substream. */
  public <T> SubFlow<In, T, Mat> mapConcat(Function<Out, ? extends Iterable<T>> f) {
    return via(Flow.<Out>create().mapConcat(f));
  }

  /** {@link Flow#mapOptional} on each substream. */
  public <T> SubFlow<In, T, Mat> mapOptional(Function<Out, Optional<T>> f) {
    return via(Flow.<Out>create().mapOptional(f));
  }

  /** {@link Flow#mapAsync} on each substream. */
  public <T> SubFlow<In, T, Mat> mapAsync(int parallelism, Function<Out, CompletionStage<T>> f) {
    return via(Flow.<Out>create().mapAsync(parallelism, f));
  }

  /** {@link Flow#take} on each substream. */
  public SubFlow<In, Out, Mat> take(long n) {
    return via(Flow.<Out>create().take(n));
  }

  /** {@link Flow#drop} on each substream. */
  public SubFlow<In, Out, Mat> drop(long n) {
    return via(Flow.<Out>create().drop(n));
  }

  /** {@link Flow#takeWhile(Predicate)} on each substream. */
  public SubFlow<In, Out, Mat> takeWhile(Predicate<Out> p) {
    return via(Flow.<Out>create().takeWhile(p));
  }

  /** {@link Flow#grouped} on each substream. */
  public SubFlow<In, List<Out>, Mat> grouped(int n) {
    return via(Flow.<Out>create().grouped(n));
  }

  /** {@link Flow#scan} on each substream. */
  public <T> SubFlow<In, T, Mat> scan(T zero, Function2<T, Out, T> f) {
    return via(Flow.<Out>create().scan(zero, f));
  }

  /** {@link Flow#fold} on each substream: one result per substream. */
  public <T> SubFlow<In, T, Mat> fold(T zero, Function2<T, Out, T> f) {
    return via(Flow.<Out>create().fold(zero, f));
  }

  /** {@link Flow#reduce} on each substream: one result per substream. */
  public SubFlow<In, Out, Mat> reduce(Function2<Out, Out, Out> f) {
    return via(Flow.<Out>create().reduce(f));
  }

  /** {@link Flow#statefulMap} on each substream: each substream has its own state. */
  public <S, T> SubFlow<In, T, Mat> statefulMap(
      Creator<S> create, Function2<S, Out, Pair<S, T>> f, Function<S, Optional<T>> onComplete) {
    return via(Flow.<Out>create().statefulMap(create, f, onComplete));
  }

  /** {@link Flow#statefulMapConcat} on each substream: a new function per substream. */
  public <T> SubFlow<In, T, Mat> statefulMapConcat(Creator<Function<Out, Iterable<T>>> f) {
    return via(Flow.<Out>create().statefulMapConcat(f));
  }

  /** {@link Flow#intersperse(Object)} on each substream. */
  public SubFlow<In, Out, Mat> intersperse(Out inject) {
    return via(Flow.<Out>create().intersperse(inject));
  }

  /** {@link Flow#intersperse(Object, Object, Object)} on each substream. */
  public SubFlow<In, Out, Mat> intersperse(Out start, Out inject, Out end) {
    return via(Flow.<Out>create().intersperse(start, inject, end));
  }

  /** {@link Flow#buffer} on each substream. */
  public SubFlow<In, Out, Mat> buffer(int size, OverflowStrategy strategy) {
    return via(Flow.<Out>create().buffer(size, strategy));
  }

  /** {@link Flow#log(String)} on each substream. */
  public SubFlow<In, Out, Mat> log(String name) {
    return via(Flow.<Out>create().log(name));
  }

  /** {@link Source#groupedWeightedWithin(long, Function, java.time.Duration)} on each substream. */
  public SubFlow<In, List<Out>, Mat> groupedWeightedWithin(
      long maxWeight, Function<Out, Long> costFn, java.time.Duration interval) {
    return via(Flow.<Out>create().groupedWeightedWithin(maxWeight, costFn, interval));
  }

  /**
   * {@link Source#groupedWeightedWithin(long, int, Function, java.time.Duration)} on each
   * substream.
   */
  public SubFlow<In, List<Out>, Mat> groupedWeightedWithin(
      long maxWeight, int maxNumber, Function<Out, Long> costFn, java.time.Duration interval) {
    return via(Flow.<Out>create().groupedWeightedWithin(maxWeight, maxNumber, costFn, interval));
  }

  /** Each substream as an island of its own. */
  public SubFlow<In, Out, Mat> async() {
    return via(Flow.<Out>create().async());
  }

  // ------------------------------------------------------------------ time, rate decoupling, limits, throttle

  /** {@link Flow#throttle(int, java.time.Duration)} on each substream. */
  public SubFlow<In, Out, Mat> throttle(int elements, java.time.Duration per) {
    return via(Flow.<Out>create().throttle(elements, per));
  }

  /** {@link Flow#throttle(int, java.time.Duration, int, ThrottleMode)} on each substream. */
  public SubFlow<In, Out, Mat> throttle(int elements, java.time.Duration per, int maximumBurst, ThrottleMode mode) {
    return via(Flow.<Out>create().throttle(elements, per, maximumBurst, mode));
  }

  /** {@link Flow#throttle(int, java.time.Duration, Function)} on each substream. */
  public SubFlow<In, Out, Mat> throttle(int cost, java.time.Duration per, Function<Out, Integer> costCalculation) {
    return via(Flow.<Out>create().throttle(cost, per, costCalculation));
  }

  /** {@link Flow#throttle(int, java.time.Duration, int, Function, ThrottleMode)} on each substream. */
  public SubFlow<In, Out, Mat> throttle(
      int cost, java.time.Duration per, int maximumBurst, Function<Out, Integer> costCalculation, ThrottleMode mode) {
    return via(Flow.<Out>create().throttle(cost, per, maximumBurst, costCalculation, mode));
  }

  /** {@link Flow#delay} on each substream. */
  public SubFlow<In, Out, Mat> delay(java.time.Duration of, DelayOverflowStrategy strategy) {
    return via(Flow.<Out>create().delay(of, strategy));
  }

  /** {@link Flow#delayWith} on each substream, each with a strategy of its own. */
  public SubFlow<In, Out, Mat> delayWith(
      java.util.function.Supplier<DelayStrategy<Out>> delayStrategySupplier, DelayOverflowStrategy overflowStrategy) {
    return via(Flow.<Out>create().delayWith(delayStrategySupplier, overflowStrategy));
  }

  /** {@link Flow#backpressureTimeout} on each substream. */
  public SubFlow<In, Out, Mat> backpressureTimeout(java.time.Duration timeout) {
    return via(Flow.<Out>create().backpressureTimeout(timeout));
  }

  /** {@link Flow#conflate} on each substream. */
  public SubFlow<In, Out, Mat> conflate(Function2<Out, Out, Out> aggregate) {
    return via(Flow.<Out>create().conflate(aggregate));
  }

  /** {@link Flow#conflateWithSeed} on each substream. */
  public <S> SubFlow<In, S, Mat> conflateWithSeed(Function<Out, S> seed, Function2<S, Out, S> aggregate) {
    return via(Flow.<Out>create().conflateWithSeed(seed, aggregate));
  }

  /** {@link Flow#batch} on each substream. */
  public <S> SubFlow<In, S, Mat> batch(long max, Function<Out, S> seed, Function2<S, Out, S> aggregate) {
    return via(Flow.<Out>create().batch(max, seed, aggregate));
  }

  /** {@link Flow#batchWeighted} on each substream. */
  public <S> SubFlow<In, S, Mat> batchWeighted(
      long max, Function<Out, Long> costFn, Function<Out, S> seed, Function2<S, Out, S> aggregate) {
    return via(Flow.<Out>create().batchWeighted(max, costFn, seed, aggregate));
  }

  /** {@link Flow#expand} on each substream. */
  public <U> SubFlow<In, U, Mat> expand(Function<Out, java.util.Iterator<U>> expander) {
    return via(Flow.<Out>create().expand(expander));
  }

  /** {@link Flow#extrapolate(Function)} on each substream. */
  public SubFlow<In, Out, Mat> extrapolate(Function<Out, java.util.Iterator<Out>> extrapolator) {
    return via(Flow.<Out>create().extrapolate(extrapolator));
  }

  /** {@link Flow#extrapolate(Function, Object)} on each substream, each starting with {@code initial}. */
  public SubFlow<In, Out, Mat> extrapolate(Function<Out, java.util.Iterator<Out>> extrapolator, Out initial) {
    return via(Flow.<Out>create().extrapolate(extrapolator, initial));
  }

  /** {@link Flow#detach} on each substream. */
  public SubFlow<In, Out, Mat> detach() {
    return via(Flow.<Out>create().detach());
  }

  /** {@link Flow#limit} on each substream: each may carry {@code n} elements. */
  public SubFlow<In, Out, Mat> limit(long n) {
    return via(Flow.<Out>create().limit(n));
  }

  /** {@link Flow#limitWeighted} on each substream. */
  public SubFlow<In, Out, Mat> limitWeighted(long n, Function<Out, Long> costFn) {
    return via(Flow.<Out>create().limitWeighted(n, costFn));
  }
  // ------------------------------------------------------------------ end of time, rate decoupling, limits, throttle
}
