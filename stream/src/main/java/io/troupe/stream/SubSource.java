package io.troupe.stream;

import io.troupe.actor.NotUsed;
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
 * The substreams made by {@link Source#groupBy}, {@link Source#splitWhen} or {@link
 * Source#splitAfter}: operators added here apply to each substream, and {@link
 * #mergeSubstreams()}, {@link #concatSubstreams()} or {@link #to} end the substream section.
 *
 * <pre>{@code
 * Source.from(words)
 *     .groupBy(1000, w -> w)
 *     .map(w -> Pair.create(w, 1))
 *     .reduce((a, b) -> Pair.create(a.first(), a.second() + b.second()))
 *     .mergeSubstreams();
 * }</pre>
 *
 * @param <Out> the type of element of each substream
 * @param <Mat> the materialized value of the enclosing source
 */
public final class SubSource<Out, Mat> {
  private final Source<Source<Object, NotUsed>, Mat> substreams;
  private final Flow<Object, Out, NotUsed> perSubstream;

  SubSource(Source<Source<Object, NotUsed>, Mat> substreams, Flow<Object, Out, NotUsed> perSubstream) {
    this.substreams = substreams;
    this.perSubstream = perSubstream;
  }

  private Source<Source<Out, NotUsed>, Mat> flattened() {
    Flow<Object, Out, NotUsed> f = perSubstream;
    return substreams.map(s -> s.via(f));
  }

  /** Each substream followed by {@code flow} (its materialized value is dropped). */
  public <T> SubSource<T, Mat> via(Graph<FlowShape<Out, T>, ?> flow) {
    Objects.requireNonNull(flow, "flow");
    return new SubSource<>(substreams, perSubstream.via(flow).mapMaterializedValue(m -> NotUsed.INSTANCE));
  }

  /**
   * Merges the substreams' elements into one stream as they arrive, running all substreams at
   * once; ends the substream section.
   */
  public Source<Out, Mat> mergeSubstreams() {
    return mergeSubstreamsWithParallelism(Integer.MAX_VALUE);
  }

  /**
   * Merges the substreams' elements, running at most {@code parallelism} substreams at once (a
   * {@code groupBy} with more keys than that waits forever for a free slot).
   *
   * @throws IllegalArgumentException if {@code parallelism} is not positive
   */
  public Source<Out, Mat> mergeSubstreamsWithParallelism(int parallelism) {
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
  public Source<Out, Mat> concatSubstreams() {
    return mergeSubstreamsWithParallelism(1);
  }

  /** Runs each substream into its own materialization of {@code sink}. */
  public RunnableGraph<Mat> to(Graph<SinkShape<Out>, ?> sink) {
    Objects.requireNonNull(sink, "sink");
    return flattened().to(new RunEachSink<Out>(sink));
  }

  /** {@link Source#map} on each substream. */
  public <T> SubSource<T, Mat> map(Function<Out, T> f) {
    return via(Flow.<Out>create().map(f));
  }

  /** {@link Source#filter} on each substream. */
  public SubSource<Out, Mat> filter(Predicate<Out> p) {
    return via(Flow.<Out>create().filter(p));
  }

  /** {@link Source#filterNot} on each substream. */
  public SubSource<Out, Mat> filterNot(Predicate<Out> p) {
    return via(Flow.<Out>create().filterNot(p));
  }

  /** {@link Source#mapConcat} on each substream. */
  public <T> SubSource<T, Mat> mapConcat(Function<Out, ? extends Iterable<T>> f) {
    return via(Flow.<Out>create().mapConcat(f));
  }

  /** {@link Source#mapOptional} on each substream. */
  public <T> SubSource<T, Mat> mapOptional(Function<Out, Optional<T>> f) {
    return via(Flow.<Out>create().mapOptional(f));
  }

  /** {@link Source#mapAsync} on each substream. */
  public <T> SubSource<T, Mat> mapAsync(int parallelism, Function<Out, CompletionStage<T>> f) {
    return via(Flow.<Out>create().mapAsync(parallelism, f));
  }

  /** {@link Source#take} on each substream. */
  public SubSource<Out, Mat> take(long n) {
    return via(Flow.<Out>create().take(n));
  }

  /** {@link Source#drop} on each substream. */
  public SubSource<Out, Mat> drop(long n) {
    return via(Flow.<Out>create().drop(n));
  }

  /** {@link Source#takeWhile(Predicate)} on each substream. */
  public SubSource<Out, Mat> takeWhile(Predicate<Out> p) {
    return via(Flow.<Out>create().takeWhile(p));
  }

  /** {@link Source#grouped} on each substream. */
  public SubSource<List<Out>, Mat> grouped(int n) {
    return via(Flow.<Out>create().grouped(n));
  }

  /** {@link Source#scan} on each substream. */
  public <T> SubSource<T, Mat> scan(T zero, Function2<T, Out, T> f) {
    return via(Flow.<Out>create().scan(zero, f));
  }

  /** {@link Source#fold} on each substream: one result per substream. */
  public <T> SubSource<T, Mat> fold(T zero, Function2<T, Out, T> f) {
    return via(Flow.<Out>create().fold(zero, f));
  }

  /** {@link Source#reduce} on each substream: one result per substream. */
  public SubSource<Out, Mat> reduce(Function2<Out, Out, Out> f) {
    return via(Flow.<Out>create().reduce(f));
  }

  /** {@link Source#buffer} on each substream. */
  public SubSource<Out, Mat> buffer(int size, OverflowStrategy strategy) {
    return via(Flow.<Out>create().buffer(size, strategy));
  }

  /** {@link Source#log(String)} on each substream. */
  public SubSource<Out, Mat> log(String name) {
    return via(Flow.<Out>create().log(name));
  }

  /** Each substream as an island of its own. */
  public SubSource<Out, Mat> async() {
    return via(Flow.<Out>create().async());
  }
}
