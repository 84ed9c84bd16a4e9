package io.troupe.stream;

import io.troupe.actor.Done;
import io.troupe.actor.NotUsed;
import io.troupe.japi.function.Creator;
import io.troupe.japi.function.Function;
import io.troupe.japi.function.Function2;
import io.troupe.japi.function.Predicate;
import io.troupe.japi.function.Procedure;
import io.troupe.stream.internal.CompositeModule;
import io.troupe.stream.internal.Module;
import io.troupe.stream.internal.Operators;
import io.troupe.stream.internal.Publishers;
import io.troupe.stream.internal.Sinks;
import io.troupe.stream.internal.Streams;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * A blueprint with one open inlet: it consumes elements of type {@code In}, asking for them at
 * its own pace, and materializes a value of type {@code Mat} (often a {@link CompletionStage} of
 * its result).
 *
 * <p>Materialized futures complete with the result when the stream completes, fail with the
 * stream's failure, and fail with {@link AbruptStageTerminationException} when the stream is torn
 * down first.
 *
 * @param <In> the type of element consumed
 * @param <Mat> the materialized value
 */
public final class Sink<In, Mat> implements Graph<SinkShape<In>, Mat> {
  private final SinkShape<In> shape;
  private final Module module;

  Sink(SinkShape<In> shape, Module module) {
    this.shape = shape;
    this.module = module;
  }

  private static <T, M> Sink<T, M> of(Graph<SinkShape<T>, M> stage) {
    return new Sink<>(stage.shape(), stage.module());
  }

  /** Views a graph with one open inlet as a sink. */
  public static <T, M> Sink<T, M> fromGraph(Graph<SinkShape<T>, M> graph) {
    Objects.requireNonNull(graph, "graph");
    return graph instanceof Sink<T, M> s ? s : new Sink<>(graph.shape(), graph.module());
  }

  /**
   * Sends each element to {@code output1}, {@code output2} and {@code rest} through the fan-out
   * junction {@code fanOutStrategy} makes for their number, e.g. {@code Broadcast::create} or
   * {@code n -> Balance.create(n)}; output {@code i} of the junction feeds the {@code i}th sink.
   *
   * @throws IllegalArgumentException if the strategy makes a junction with another number of
   *     outputs
   */
  public static <T, U> Sink<T, NotUsed> combine(
      Sink<U, ?> output1,
      Sink<U, ?> output2,
      List<? extends Sink<U, ?>> rest,
      Function<Integer, ? extends Graph<UniformFanOutShape<T, U>, NotUsed>> fanOutStrategy) {
    return Combine.sinks(Combine.all(output1, output2, rest), fanOutStrategy);
  }

  /** Like {@link #combine} for two sinks, their materialized values combined by {@code combine}. */
  public static <T, U, M1, M2, M> Sink<T, M> combineMat(
      Sink<U, M1> first,
      Sink<U, M2> second,
      Function<Integer, ? extends Graph<UniformFanOutShape<T, U>, NotUsed>> fanOutStrategy,
      Function2<M1, M2, M> combine) {
    Objects.requireNonNull(fanOutStrategy, "fanOutStrategy");
    Graph<UniformFanOutShape<T, U>, NotUsed> junction = Combine.junction(fanOutStrategy, 2);
    return Combine.withFirstOutput(junction, first).toMat(second, combine);
  }

  /** Collects all elements into an unmodifiable list. Beware of endless streams. */
  public static <T> Sink<T, CompletionStage<List<T>>> seq() {
    return of(new Sinks.Seq<>());
  }

  /** The first element; fails with {@link java.util.NoSuchElementException} on an empty stream. */
  public static <T> Sink<T, CompletionStage<T>> head() {
    return of(new Sinks.Head<T, T>(false));
  }

  /** The first element, or empty for an empty stream. */
  public static <T> Sink<T, CompletionStage<Optional<T>>> headOption() {
    return of(new Sinks.Head<T, Optional<T>>(true));
  }

  /** The last element; fails with {@link java.util.NoSuchElementException} on an empty stream. */
  public static <T> Sink<T, CompletionStage<T>> last() {
    return of(new Sinks.Last<T, T>(false));
  }

  /** The last element, or empty for an empty stream. */
  public static <T> Sink<T, CompletionStage<Optional<T>>> lastOption() {
    return of(new Sinks.Last<T, Optional<T>>(true));
  }

  /**
   * The last {@code n} elements, oldest first.
   *
   * @throws IllegalArgumentException if {@code n} is not positive
   */
  public static <T> Sink<T, CompletionStage<List<T>>> takeLast(int n) {
    if (n <= 0) {
      throw new IllegalArgumentException("n must be > 0, was " + n);
    }
    return of(new Sinks.TakeLast<>(n));
  }

  /** Folds all elements with {@code f}, starting at {@code zero}. */
  public static <U, T> Sink<T, CompletionStage<U>> fold(U zero, Function2<U, T, U> f) {
    return Flow.<T>create().fold(zero, f).toMat(Sink.<U>head(), Keep.right());
  }

  /**
   * Folds all elements with the asynchronous {@code f}, one at a time, and completes with the
   * result; see {@link Source#foldAsync}.
   */
  public static <U, T> Sink<T, CompletionStage<U>> foldAsync(
      U zero, Function2<U, T, CompletionStage<U>> f) {
    return Flow.<T>create().foldAsync(zero, f).toMat(Sink.<U>head(), Keep.right());
  }

  /** Combines all elements with {@code f}; fails on an empty stream. */
  public static <T> Sink<T, CompletionStage<T>> reduce(Function2<T, T, T> f) {
    return Flow.<T>create().reduce(f).toMat(Sink.<T>head(), Keep.right());
  }

  /** Calls {@code f} for each element; completes when the stream does. */
  public static <T> Sink<T, CompletionStage<Done>> foreach(Procedure<T> f) {
    Objects.requireNonNull(f, "f");
    return of(new Sinks.Foreach<>(f));
  }

  /**
   * Calls {@code f} for up to {@code parallelism} elements at once, waiting for the futures it
   * returns; completes when the stream does and all futures did.
   */
  public static <T> Sink<T, CompletionStage<Done>> foreachAsync(
      int parallelism, Function<T, CompletionStage<Void>> f) {
    Objects.requireNonNull(f, "f");
    return Flow.<T>create()
        .mapAsyncUnordered(parallelism, e -> f.apply(e).thenApply(v -> Done.INSTANCE))
        .toMat(Sink.<Done>ignore(), Keep.right());
  }

  /** Counts the elements; completes with the count when upstream completes. */
  public static <T> Sink<T, CompletionStage<Long>> count() {
    return fold(0L, (n, e) -> n + 1);
  }

  /**
   * Completes with {@code true} at the first element that satisfies {@code p} (and cancels
   * upstream), with {@code false} when upstream completes without one.
   */
  public static <T> Sink<T, CompletionStage<Boolean>> exists(Predicate<T> p) {
    Objects.requireNonNull(p, "p");
    return Flow.<T>create().filter(p).take(1).toMat(Sink.<T>headOption(), Keep.right())
        .mapMaterializedValue(first -> first.thenApply(Optional::isPresent));
  }

  /**
   * Completes with {@code false} at the first element that does not satisfy {@code p} (and
   * cancels upstream), with {@code true} when upstream completes without one.
   */
  public static <T> Sink<T, CompletionStage<Boolean>> forall(Predicate<T> p) {
    Objects.requireNonNull(p, "p");
    return Sink.<T>exists(e -> !p.test(e)).mapMaterializedValue(found -> found.thenApply(b -> !b));
  }

  /**
   * Completes with {@code false} at the first element that satisfies {@code p} (and cancels
   * upstream), with {@code true} when upstream completes without one.
   */
  public static <T> Sink<T, CompletionStage<Boolean>> none(Predicate<T> p) {
    return Sink.<T>exists(p).mapMaterializedValue(found -> found.thenApply(b -> !b));
  }

  /**
   * Collects the elements with a {@link java.util.stream.Collector} (a new container per
   * materialization); see {@link StreamConverters#javaCollector}.
   */
  public static <T, R> Sink<T, CompletionStage<R>> collect(
      java.util.stream.Collector<T, ?, R> collector) {
    Objects.requireNonNull(collector, "collector");
    return StreamConverters.javaCollector(() -> collector);
  }

  /**
   * A sink read by pulling: it materializes a {@link SinkQueueWithCancel} whose {@code pull()}
   * gives the next element (empty at the end), with one pull waiting at a time. The sink buffers
   * up to the input buffer's maximum (16 by default) ahead of the pulls.
   */
  public static <T> Sink<T, SinkQueueWithCancel<T>> queue() {
    return queue(1);
  }

  /**
   * Like {@link #queue()}, with up to {@code maxConcurrentPulls} pulls waiting at once.
   *
   * @throws IllegalArgumentException if {@code maxConcurrentPulls} is not positive
   */
  public static <T> Sink<T, SinkQueueWithCancel<T>> queue(int maxConcurrentPulls) {
    return fromGraph(new io.troupe.stream.internal.ops.QueueSink<T>(maxConcurrentPulls));
  }

  /** Consumes and drops all elements; completes when the stream does. */
  public static <T> Sink<T, CompletionStage<Done>> ignore() {
    return of(new Sinks.Foreach<T>(null));
  }

  /** Cancels at once. */
  public static <T> Sink<T, NotUsed> cancelled() {
    return of(new Sinks.Cancelled<>());
  }

  /**
   * Calls {@code callback} once when the stream ends: with empty on completion, or with the
   * failure (an {@link AbruptStageTerminationException} if the stream was torn down).
   */
  public static <T> Sink<T, NotUsed> onComplete(Procedure<Optional<Throwable>> callback) {
    Objects.requireNonNull(callback, "callback");
    return of(new Sinks.OnComplete<>(callback));
  }

  /**
   * A {@link java.util.concurrent.Flow.Publisher} of the stream's elements. {@link
   * AsPublisher#WITHOUT_FANOUT} accepts one subscriber; {@link AsPublisher#WITH_FANOUT} any
   * number, each getting the elements from when it subscribed, at the pace of the slowest.
   */
  public static <T> Sink<T, java.util.concurrent.Flow.Publisher<T>> asPublisher(AsPublisher fanout) {
    Objects.requireNonNull(fanout, "fanout");
    return of(new Publishers.PublisherSink<>(fanout == AsPublisher.WITH_FANOUT));
  }

  /** Hands the stream's elements to {@code subscriber}, honouring its demand. */
  public static <T> Sink<T, NotUsed> fromSubscriber(
      java.util.concurrent.Flow.Subscriber<T> subscriber) {
    Objects.requireNonNull(subscriber, "subscriber");
    return of(new Publishers.SubscriberSink<>(subscriber));
  }

  /**
   * Waits for {@code sink} to be available and then runs the stream into it; the materialized
   * stage completes with the inner sink's value.
   */
  public static <T, M> Sink<T, CompletionStage<M>> completionStageSink(
      CompletionStage<? extends Graph<SinkShape<T>, M>> sink) {
    Objects.requireNonNull(sink, "sink");
    return of(new Streams.FutureSink<T, M>(() -> sink));
  }

  /**
   * Creates the sink with {@code create} when the first element arrives; the materialized stage
   * completes with its value then, or fails with {@link NeverMaterializedException} if the stream
   * ends first.
   */
  public static <T, M> Sink<T, CompletionStage<M>> lazySink(
      Creator<? extends Graph<SinkShape<T>, M>> create) {
    Objects.requireNonNull(create, "create");
    return of(
        new Streams.FutureSink<T, M>(
            () -> java.util.concurrent.CompletableFuture.completedFuture(create.create())));
  }

  @Override
  public SinkShape<In> shape() {
    return shape;
  }

  @Override
  public Module module() {
    return module;
  }

  @Override
  public Sink<In, Mat> withAttributes(Attributes attributes) {
    Objects.requireNonNull(attributes, "attributes");
    return new Sink<>(shape, module.withAttributes(attributes));
  }

  @Override
  public Sink<In, Mat> addAttributes(Attributes attributes) {
    return new Sink<>(shape, module.withAttributes(module.attributes().and(attributes)));
  }

  @Override
  public Sink<In, Mat> named(String name) {
    return addAttributes(Attributes.name(name));
  }

  @Override
  public Sink<In, Mat> async() {
    return addAttributes(Attributes.asyncBoundary());
  }

  /** This sink with its materialized value transformed by {@code f}. */
  public <M2> Sink<In, M2> mapMaterializedValue(Function<Mat, M2> f) {
    Objects.requireNonNull(f, "f");
    return new Sink<>(shape, CompositeModule.mapMaterialized(module, f));
  }

  /** A sink that transforms each element with {@code f} before this sink gets it. */
  public <T> Sink<T, Mat> contramap(Function<T, In> f) {
    return Flow.fromFunction(f).toMat(this, Keep.right());
  }

  /** Runs {@code source} into this sink and returns this sink's materialized value. */
  public <M> Mat runWith(Graph<SourceShape<In>, M> source, Materializer materializer) {
    return Source.fromGraph(source).toMat(this, Keep.<M, Mat>right()).run(materializer);
  }

  /** Like {@link #runWith(Graph, Materializer)} with the system's materializer. */
  public <M> Mat runWith(Graph<SourceShape<In>, M> source, io.troupe.actor.ActorSystem<?> system) {
    return runWith(source, Materializer.matFromSystem(system));
  }

}
