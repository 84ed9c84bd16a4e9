package io.troupe.stream;

import io.troupe.actor.ActorSystem;
import io.troupe.actor.Cancellable;
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
import io.troupe.stream.internal.Sources;
import io.troupe.stream.internal.Streams;
import io.troupe.stream.internal.ops.StructOps;
import java.time.Duration;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A blueprint with one open outlet: it emits elements of type {@code Out} when downstream asks
 * for them, and materializes a value of type {@code Mat}.
 *
 * <pre>{@code
 * CompletionStage<Integer> sum =
 *     Source.range(1, 100).map(i -> i * 2).filter(i -> i % 3 == 0).runFold(0, Integer::sum, system);
 * }</pre>
 *
 * <p>Sources are immutable: each operator returns a new blueprint, and one blueprint may be run
 * any number of times. The operators' Javadoc says when each <em>emits</em>, <em>backpressures
 * </em>, <em>completes</em> and <em>cancels</em>.
 *
 * @param <Out> the type of element emitted
 * @param <Mat> the materialized value
 */
public final class Source<Out, Mat> implements Graph<SourceShape<Out>, Mat> {
  private final SourceShape<Out> shape;
  private final Module module;

  Source(SourceShape<Out> shape, Module module) {
    this.shape = shape;
    this.module = module;
  }

  private static <T> Source<T, NotUsed> of(Graph<SourceShape<T>, NotUsed> stage) {
    return new Source<>(stage.shape(), stage.module());
  }

  // ------------------------------------------------------------------ factories

  /** Views a graph with one open outlet as a source. */
  public static <T, M> Source<T, M> fromGraph(Graph<SourceShape<T>, M> graph) {
    Objects.requireNonNull(graph, "graph");
    return graph instanceof Source<T, M> s ? s : new Source<>(graph.shape(), graph.module());
  }

  /** Emits {@code element} once, then completes. */
  public static <T> Source<T, NotUsed> single(T element) {
    Objects.requireNonNull(element, "element");
    return of(new Sources.Single<>(element));
  }

  /**
   * Combines {@code first}, {@code second} and {@code rest}, in that order, with the fan-in
   * junction {@code fanInStrategy} makes for their number, e.g. {@code Merge::create} or
   * {@code n -> Concat.create(n)}.
   *
   * <pre>{@code
   * Source<Integer, NotUsed> merged = Source.combine(a, b, List.of(c), Merge::create);
   * }</pre>
   *
   * @throws IllegalArgumentException if the strategy makes a junction with another number of
   *     inputs
   */
  public static <T, U> Source<U, NotUsed> combine(
      Source<T, ?> first,
      Source<T, ?> second,
      List<? extends Source<T, ?>> rest,
      Function<Integer, ? extends Graph<UniformFanInShape<T, U>, NotUsed>> fanInStrategy) {
    return Combine.sources(Combine.all(first, second, rest), fanInStrategy);
  }

  /** Like {@link #combine} for two sources, their values combined by {@code combine}. */
  public static <T, U, M1, M2, M> Source<U, M> combineMat(
      Source<T, M1> first,
      Source<T, M2> second,
      Function<Integer, ? extends Graph<UniformFanInShape<T, U>, NotUsed>> fanInStrategy,
      Function2<M1, M2, M> combine) {
    Objects.requireNonNull(first, "first");
    Objects.requireNonNull(fanInStrategy, "fanInStrategy");
    Graph<UniformFanInShape<T, U>, NotUsed> junction = Combine.junction(fanInStrategy, 2);
    return first.viaMat(Combine.withSecondInput(junction, second), combine);
  }

  /**
   * Emits a list of one element of each source, in the order of {@code sources}, until any of
   * them completes; see {@link ZipN}. No sources: completes at once.
   */
  public static <T> Source<List<T>, NotUsed> zipN(List<? extends Source<T, ?>> sources) {
    return zipWithN(elements -> elements, sources);
  }

  /**
   * Emits what {@code zipper} makes of one element of each source, in the order of {@code
   * sources}, until any of them completes; see {@link ZipWithN}. No sources: completes at once.
   */
  public static <T, O> Source<O, NotUsed> zipWithN(
      Function<List<T>, O> zipper, List<? extends Source<T, ?>> sources) {
    Objects.requireNonNull(zipper, "zipper");
    Objects.requireNonNull(sources, "sources");
    if (sources.isEmpty()) {
      return empty();
    }
    return Combine.sources(sources, n -> ZipWithN.create(zipper, n));
  }

  /** Completes at once without emitting. */
  public static <T> Source<T, NotUsed> empty() {
    return of(new Sources.Failed<>(null));
  }

  /** Completes at once without emitting; the class only fixes the element type. */
  public static <T> Source<T, NotUsed> empty(Class<T> type) {
    return empty();
  }

  /** Fails at once with {@code cause}. */
  public static <T> Source<T, NotUsed> failed(Throwable cause) {
    Objects.requireNonNull(cause, "cause");
    return of(new Sources.Failed<>(cause));
  }

  /** Emits the elements of {@code iterable}, asking it for a new iterator each run. */
  public static <T> Source<T, NotUsed> from(Iterable<T> iterable) {
    Objects.requireNonNull(iterable, "iterable");
    return of(new Sources.IteratorSource<T>("iterableSource", iterable::iterator));
  }

  /** Emits the elements of the iterator {@code creator} makes, a new one for each run. */
  public static <T> Source<T, NotUsed> fromIterator(Creator<Iterator<T>> creator) {
    Objects.requireNonNull(creator, "creator");
    return of(new Sources.IteratorSource<T>("iteratorSource", creator));
  }

  /** Emits the integers from {@code start} to {@code end}, both included. */
  public static Source<Integer, NotUsed> range(int start, int end) {
    return range(start, end, 1);
  }

  /**
   * Emits {@code start}, {@code start + step}, ... up to and including {@code end}.
   *
   * @throws IllegalArgumentException if {@code step} is zero
   */
  public static Source<Integer, NotUsed> range(int start, int end, int step) {
    if (step == 0) {
      throw new IllegalArgumentException("step must not be zero, was " + step);
    }
    return of(new Sources.IteratorSource<Integer>("rangeSource", () -> new RangeIterator(start, end, step)));
  }

  private static final class RangeIterator implements Iterator<Integer> {
    private long next;
    private final long end;
    private final int step;

    RangeIterator(int start, int end, int step) {
      this.next = start;
      this.end = end;
      this.step = step;
    }

    @Override
    public boolean hasNext() {
      return step > 0 ? next <= end : next >= end;
    }

    @Override
    public Integer next() {
      long n = next;
      next += step;
      return (int) n;
    }
  }

  /** Emits {@code element} forever. */
  public static <T> Source<T, NotUsed> repeat(T element) {
    Objects.requireNonNull(element, "element");
    return of(
        new Sources.IteratorSource<T>(
            "repeatSource",
            () ->
                new Iterator<T>() {
                  @Override
                  public boolean hasNext() {
                    return true;
                  }

                  @Override
                  public T next() {
                    return element;
                  }
                }));
  }

  /**
   * Emits the elements of the iterators {@code creator} makes, again and again.
   *
   * @throws IllegalArgumentException (when run) if an iterator is empty
   */
  public static <T> Source<T, NotUsed> cycle(Creator<Iterator<T>> creator) {
    Objects.requireNonNull(creator, "creator");
    return of(
        new Sources.IteratorSource<T>(
            "cycleSource",
            () ->
                new Iterator<T>() {
                  private Iterator<T> current = creator.create();

                  {
                    if (!current.hasNext()) {
                      throw new IllegalArgumentException("cycle needs a non-empty iterator");
                    }
                  }

                  @Override
                  public boolean hasNext() {
                    return true;
                  }

                  @Override
                  public T next() {
                    if (!current.hasNext()) {
                      try {
                        current = creator.create();
                      } catch (RuntimeException e) {
                        throw e;
                      } catch (Exception e) {
                        throw new IllegalStateException(e);
                      }
                      if (!current.hasNext()) {
                        throw new IllegalArgumentException("cycle needs a non-empty iterator");
                      }
                    }
                    return current.next();
                  }
                }));
  }

  /**
   * Emits what {@code f} produces from a state, starting with {@code zero}, until it returns
   * empty.
   */
  public static <S, T> Source<T, NotUsed> unfold(S zero, Function<S, Optional<Pair<S, T>>> f) {
    Objects.requireNonNull(f, "f");
    return of(new Sources.Unfold<>(zero, f));
  }

  /** Like {@link #unfold} with a function that answers asynchronously. */
  public static <S, T> Source<T, NotUsed> unfoldAsync(
      S zero, Function<S, CompletionStage<Optional<Pair<S, T>>>> f) {
    Objects.requireNonNull(f, "f");
    return of(new Sources.UnfoldAsync<>(zero, f));
  }

  /** Emits the value of {@code stage} once it completes (nothing if it is null), or fails. */
  public static <T> Source<T, NotUsed> completionStage(CompletionStage<T> stage) {
    Objects.requireNonNull(stage, "stage");
    return of(new Sources.FromCompletionStage<>(stage));
  }

  /**
   * Emits {@code tick} after {@code initialDelay} and then every {@code interval}, dropping ticks
   * that downstream is not ready for; the materialized {@link Cancellable} stops it.
   */
  public static <T> Source<T, Cancellable> tick(Duration initialDelay, Duration interval, T tick) {
    Objects.requireNonNull(initialDelay, "initialDelay");
    Objects.requireNonNull(interval, "interval");
    Objects.requireNonNull(tick, "tick");
    if (initialDelay.isNegative()) {
      throw new IllegalArgumentException("initialDelay must not be negative, was " + initialDelay);
    }
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("interval must be positive, was " + interval);
    }
    return fromGraph(new Sources.Tick<>(initialDelay, interval, tick));
  }

  /** A source that never emits, completes or fails (until cancelled). */
  public static <T> Source<T, NotUsed> never() {
    return Source.<T>maybe().mapMaterializedValue(promise -> NotUsed.INSTANCE);
  }

  /** The element of {@code optional}, or no element. */
  public static <T> Source<T, NotUsed> fromOption(Optional<T> optional) {
    Objects.requireNonNull(optional, "optional");
    return optional.map(Source::single).orElseGet(Source::empty);
  }

  /** The endless {@code seed, f(seed), f(f(seed)), ...}. */
  public static <T> Source<T, NotUsed> iterate(T seed, Function<T, T> f) {
    Objects.requireNonNull(seed, "seed");
    Objects.requireNonNull(f, "f");
    return unfold(seed, s -> Optional.of(Pair.create(f.apply(s), s)));
  }

  /**
   * The elements of the {@link java.util.stream.BaseStream} that {@code stream} makes, read on the
   * blocking dispatcher; see {@link StreamConverters#fromJavaStream}.
   */
  public static <T, S extends java.util.stream.BaseStream<T, S>> Source<T, NotUsed> fromJavaStream(
      Creator<? extends java.util.stream.BaseStream<T, S>> stream) {
    return StreamConverters.fromJavaStream(stream);
  }

  /**
   * Elements read from a resource: {@code create} opens it when the stream starts, {@code read}
   * returns the next element or empty at the end, and {@code close} closes it exactly once (at the
   * end, when downstream cancels, when the stream fails, and before a supervised restart opens a
   * new one; a resumed failure skips that read). The calls block, so the source runs on the
   * blocking dispatcher ({@code troupe.actor.default-blocking-io-dispatcher}).
   *
   * <pre>{@code
   * Source<String, NotUsed> lines = Source.unfoldResource(
   *     () -> Files.newBufferedReader(path),
   *     reader -> Optional.ofNullable(reader.readLine()),
   *     BufferedReader::close);
   * }</pre>
   */
  public static <T, S> Source<T, NotUsed> unfoldResource(
      Creator<S> create, Function<S, Optional<T>> read, Procedure<S> close) {
    return fromGraph(
        new io.troupe.stream.internal.io.UnfoldResourceSource<S, T>(create, read, close));
  }

  /** One element, made by {@code create} when it is first asked for (not at materialization). */
  public static <T> Source<T, NotUsed> lazySingle(Creator<T> create) {
    Objects.requireNonNull(create, "create");
    return single(NotUsed.INSTANCE).map(x -> create.create());
  }

  /**
   * Emits the element the materialized future is completed with and completes; completing it
   * with empty completes the stream without elements.
   */
  public static <T> Source<T, CompletableFuture<Optional<T>>> maybe() {
    return fromGraph(new Sources.Maybe<>());
  }

  /**
   * Creates the source with {@code create} when downstream first asks for an element, and runs
   * it; the materialized stage completes with its value then.
   */
  public static <T, M> Source<T, CompletionStage<M>> lazySource(
      Creator<? extends Graph<SourceShape<T>, M>> create) {
    Objects.requireNonNull(create, "create");
    return fromGraph(new Streams.LazySource<>(create));
  }

  /**
   * A source whose materialized value is a {@link java.util.concurrent.Flow.Subscriber}: what is
   * published to that subscriber is emitted here. It requests in batches of the input buffer size.
   */
  public static <T> Source<T, java.util.concurrent.Flow.Subscriber<T>> asSubscriber() {
    return fromGraph(new io.troupe.stream.internal.Publishers.SubscriberSource<T>(null));
  }

  /** Subscribes to {@code publisher} when run and emits what it publishes. */
  public static <T> Source<T, NotUsed> fromPublisher(java.util.concurrent.Flow.Publisher<T> publisher) {
    Objects.requireNonNull(publisher, "publisher");
    return fromGraph(new io.troupe.stream.internal.Publishers.SubscriberSource<T>(publisher))
        .mapMaterializedValue(s -> NotUsed.INSTANCE);
  }

  /**
   * A source fed through the {@link BoundedSourceQueue} it materializes, whose {@code offer}
   * answers at once: enqueued, or dropped when {@code bufferSize} elements wait already. The
   * cheapest way to feed a stream from other threads or actors.
   *
   * <p>Emits when there is demand and the buffer is not empty; backpressures never (offers are
   * dropped); completes when the queue is completed and drained; cancels when downstream cancels.
   *
   * @throws IllegalArgumentException if {@code bufferSize} is not positive
   */
  public static <T> Source<T, BoundedSourceQueue<T>> queue(int bufferSize) {
    if (bufferSize <= 0) {
      throw new IllegalArgumentException("bufferSize must be > 0, was " + bufferSize);
    }
    return fromGraph(new io.troupe.stream.internal.ops.BoundedQueueSource<T>(bufferSize));
  }

  /**
   * A source fed through the {@link SourceQueueWithComplete} it materializes: {@code offer}
   * returns a {@link CompletionStage} answered once the element is buffered. When {@code
   * bufferSize} elements wait, {@code overflowStrategy} applies; with {@link
   * OverflowStrategy#backpressure()} the answer waits for room (one such offer at a time).
   *
   * <p>Emits when there is demand and an element is buffered or offered; backpressures the
   * offers when the strategy is backpressure and the buffer is full; completes when the queue is
   * completed and drained; cancels when downstream cancels.
   *
   * @throws IllegalArgumentException if {@code bufferSize} is negative
   */
  public static <T> Source<T, SourceQueueWithComplete<T>> queue(
      int bufferSize, OverflowStrategy overflowStrategy) {
    return queue(bufferSize, overflowStrategy, 1);
  }

  /**
   * Like {@link #queue(int, OverflowStrategy)}, allowing up to {@code maxConcurrentOffers}
   * offers to wait for room at once; one more fails its answer with {@link
   * IllegalStateException}.
   *
   * @throws IllegalArgumentException if {@code bufferSize} is negative or {@code
   *     maxConcurrentOffers} not positive
   */
  public static <T> Source<T, SourceQueueWithComplete<T>> queue(
      int bufferSize, OverflowStrategy overflowStrategy, int maxConcurrentOffers) {
    Objects.requireNonNull(overflowStrategy, "overflowStrategy");
    if (bufferSize < 0) {
      throw new IllegalArgumentException("bufferSize must be >= 0, was " + bufferSize);
    }
    if (maxConcurrentOffers <= 0) {
      throw new IllegalArgumentException(
          "maxConcurrentOffers must be > 0, was " + maxConcurrentOffers);
    }
    return fromGraph(
        new io.troupe.stream.internal.ops.QueueSource<T>(
            bufferSize, overflowStrategy, maxConcurrentOffers));
  }

  // ------------------------------------------------------------------ graph plumbing

  @Override
  public SourceShape<Out> shape() {
    return shape;
  }

  @Override
  public Module module() {
    return module;
  }

  @Override
  public Source<Out, Mat> withAttributes(Attributes attributes) {
    Objects.requireNonNull(attributes, "attributes");
    return new Source<>(shape, module.withAttributes(attributes));
  }

  @Override
  public Source<Out, Mat> addAttributes(Attributes attributes) {
    return new Source<>(shape, module.withAttributes(module.attributes().and(attributes)));
  }

  @Override
  public Source<Out, Mat> named(String name) {
    return addAttributes(Attributes.name(name));
  }

  @Override
  public Source<Out, Mat> async() {
    return addAttributes(Attributes.asyncBoundary());
  }

  /** This source as an island of its own, run on the dispatcher configured at {@code dispatcher}. */
  public Source<Out, Mat> async(String dispatcher) {
    return addAttributes(Attributes.asyncBoundary().and(ActorAttributes.dispatcher(dispatcher)));
  }

  /** This source as an island with the given input buffer size behind it. */
  public Source<Out, Mat> async(String dispatcher, int inputBufferSize) {
    return async(dispatcher).addAttributes(Attributes.inputBuffer(inputBufferSize, inputBufferSize));
  }

  /** This source with its materialized value transformed by {@code f}. */
  public <M2> Source<Out, M2> mapMaterializedValue(Function<Mat, M2> f) {
    Objects.requireNonNull(f, "f");
    return new Source<>(shape, CompositeModule.mapMaterialized(module, f));
  }

  /** This source followed by {@code flow}; keeps this source's materialized value. */
  public <T, M> Source<T, Mat> via(Graph<FlowShape<Out, T>, M> flow) {
    return viaMat(flow, Keep.left());
  }

  /** This source followed by {@code flow}, the materialized values combined by {@code combine}. */
  public <T, M, M2> Source<T, M2> viaMat(
      Graph<FlowShape<Out, T>, M> flow, Function2<Mat, M, M2> combine) {
    Objects.requireNonNull(flow, "flow");
    Objects.requireNonNull(combine, "combine");
    return new Source<>(
        SourceShape.of(flow.shape().out()), CompositeModule.linear(module, flow.module(), combine));
  }

  /** Connects this source to {@code sink}; keeps this source's materialized value. */
  public RunnableGraph<Mat> to(Graph<SinkShape<Out>, ?> sink) {
    return toMat(sink, Keep.left());
  }

  /** Connects this source to {@code sink}, the materialized values combined by {@code combine}. */
  public <M, M2> RunnableGraph<M2> toMat(Graph<SinkShape<Out>, M> sink, Function2<Mat, M, M2> combine) {
    Objects.requireNonNull(sink, "sink");
    Objects.requireNonNull(combine, "combine");
    return new RunnableGraph<>(CompositeModule.linear(module, sink.module(), combine));
  }

  /** Runs this source into {@code sink} and returns the sink's materialized value. */
  public <M> M runWith(Graph<SinkShape<Out>, M> sink, Materializer materializer) {
    return toMat(sink, Keep.<Mat, M>right()).run(materializer);
  }

  /** Runs this source into {@code sink} with the system's materializer. */
  public <M> M runWith(Graph<SinkShape<Out>, M> sink, ActorSystem<?> system) {
    return runWith(sink, Materializer.matFromSystem(system));
  }
  /**
   * This source as a {@link SourceWithContext}: each element is paired with the context
   * {@code extractContext} takes from it (for example the offset of the record it is).
   */
  public <Ctx> SourceWithContext<Out, Ctx, Mat> asSourceWithContext(
      Function<Out, Ctx> extractContext) {
    Objects.requireNonNull(extractContext, "extractContext");
    return SourceWithContext.fromPairs(map(out -> Pair.create(out, extractContext.apply(out))));
  }


  /** Runs this source, ignoring its elements; completes when the stream does. */
  public CompletionStage<Done> run(Materializer materializer) {
    return runWith(Sink.ignore(), materializer);
  }

  /** Runs this source, ignoring its elements, with the system's materializer. */
  public CompletionStage<Done> run(ActorSystem<?> system) {
    return runWith(Sink.ignore(), system);
  }

  /** Runs this source and folds its elements. */
  public <U> CompletionStage<U> runFold(U zero, Function2<U, Out, U> f, Materializer materializer) {
    return runWith(Sink.fold(zero, f), materializer);
  }

  /** Runs this source and folds its elements, with the system's materializer. */
  public <U> CompletionStage<U> runFold(U zero, Function2<U, Out, U> f, ActorSystem<?> system) {
    return runWith(Sink.fold(zero, f), system);
  }

  /** Runs this source and reduces its elements. */
  public CompletionStage<Out> runReduce(Function2<Out, Out, Out> f, Materializer materializer) {
    return runWith(Sink.reduce(f), materializer);
  }

  /** Runs this source and reduces its elements, with the system's materializer. */
  public CompletionStage<Out> runReduce(Function2<Out, Out, Out> f, ActorSystem<?> system) {
    return runWith(Sink.reduce(f), system);
  }

  /** Runs this source, calling {@code f} for each element. */
  public CompletionStage<Done> runForeach(Procedure<Out> f, Materializer materializer) {
    return runWith(Sink.foreach(f), materializer);
  }

  /** Runs this source, calling {@code f} for each element, with the system's materializer. */
  public CompletionStage<Done> runForeach(Procedure<Out> f, ActorSystem<?> system) {
    return runWith(Sink.foreach(f), system);
  }

  // ------------------------------------------------------------------ operators


  /**
   * Transforms each element with {@code f}.
   *
   * <p>Emits when {@code f} returns; backpressures when downstream backpressures; completes when
   * upstream completes; cancels when downstream cancels. Supervision: resume and restart drop the
   * element.
   */
  public <T> Source<T, Mat> map(Function<Out, T> f) {
    return via(Operators.map(f));
  }

  /**
   * Passes on the elements for which {@code p} holds.
   *
   * <p>Emits when an element satisfies {@code p}; backpressures when downstream backpressures;
   * completes when upstream completes; cancels when downstream cancels.
   */
  public Source<Out, Mat> filter(Predicate<Out> p) {
    return via(Operators.filter(p, false));
  }

  /**
   * Passes on the elements for which {@code p} does not hold.
   *
   * <p>Emits when an element fails {@code p}; backpressures when downstream backpressures;
   * completes when upstream completes; cancels when downstream cancels.
   */
  public Source<Out, Mat> filterNot(Predicate<Out> p) {
    return via(Operators.filter(p, true));
  }

  /**
   * Maps each element to an iterable and emits its elements in order.
   *
   * <p>Emits when downstream pulls and an element of the current iterable is left; backpressures
   * when downstream backpressures; completes when upstream completes and the last iterable is
   * emitted; cancels when downstream cancels.
   */
  public <T> Source<T, Mat> mapConcat(Function<Out, ? extends Iterable<T>> f) {
    return via(Operators.mapConcat(f));
  }

  /**
   * Applies {@code f} and passes on the values it returns present: filter and map in one, Pekko's
   * {@code collect} for Java.
   *
   * <p>Emits when {@code f} returns a present value; backpressures when downstream backpressures;
   * completes when upstream completes; cancels when downstream cancels.
   */
  public <T> Source<T, Mat> mapOptional(Function<Out, Optional<T>> f) {
    return via(Operators.mapOptional(f));
  }

  /** Same as {@link #mapOptional}. */
  public <T> Source<T, Mat> collect(Function<Out, Optional<T>> f) {
    return mapOptional(f);
  }

  /** Passes on the elements that are instances of {@code type}, cast to it. */
  public <T> Source<T, Mat> collectType(Class<T> type) {
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
  public Source<Out, Mat> take(long n) {
    return via(Operators.take(n));
  }

  /**
   * Drops the first {@code n} elements and passes the rest.
   *
   * <p>Emits when an element arrives after the first {@code n}; backpressures when downstream
   * backpressures; completes when upstream completes; cancels when downstream cancels.
   */
  public Source<Out, Mat> drop(long n) {
    return via(Operators.drop(n));
  }

  /**
   * Passes elements while {@code p} holds, then completes.
   *
   * <p>Emits while {@code p} holds; backpressures when downstream backpressures; completes when
   * {@code p} first fails or upstream completes; cancels when {@code p} first fails or downstream
   * cancels.
   */
  public Source<Out, Mat> takeWhile(Predicate<Out> p) {
    return takeWhile(p, false);
  }

  /** Like {@link #takeWhile(Predicate)}; with {@code inclusive} the first failing element is passed. */
  public Source<Out, Mat> takeWhile(Predicate<Out> p, boolean inclusive) {
    return via(Operators.takeWhile(p, inclusive));
  }

  /**
   * Drops elements while {@code p} holds, then passes everything.
   *
   * <p>Emits once {@code p} failed for an element; backpressures when downstream backpressures;
   * completes when upstream completes; cancels when downstream cancels.
   */
  public Source<Out, Mat> dropWhile(Predicate<Out> p) {
    return via(Operators.dropWhile(p));
  }

  /**
   * Emits lists of {@code n} elements; the last may be shorter.
   *
   * <p>Emits when {@code n} elements are collected or upstream completes with some collected;
   * backpressures when downstream backpressures and {@code n} elements are collected; completes
   * when upstream completes; cancels when downstream cancels.
   */
  public Source<List<Out>, Mat> grouped(int n) {
    return via(Operators.grouped(n));
  }

  /**
   * Emits windows of {@code n} elements, each {@code step} elements after the previous one.
   *
   * <p>Emits when a window is full, or upstream completes with unemitted elements; backpressures
   * when downstream backpressures; completes when upstream completes; cancels when downstream
   * cancels.
   */
  public Source<List<Out>, Mat> sliding(int n, int step) {
    return via(Operators.sliding(n, step));
  }

  /**
   * Emits {@code zero}, then the accumulation of each element with {@code f}.
   *
   * <p>Emits when {@code f} returns (and first {@code zero}); backpressures when downstream
   * backpressures; completes when upstream completes; cancels when downstream cancels.
   */
  public <T> Source<T, Mat> scan(T zero, Function2<T, Out, T> f) {
    return via(Operators.scan(zero, f));
  }

  /**
   * Accumulates all elements with {@code f}, starting at {@code zero}, and emits the result.
   *
   * <p>Emits when upstream completes; backpressures when downstream backpressures; completes
   * after emitting; cancels when downstream cancels.
   */
  public <T> Source<T, Mat> fold(T zero, Function2<T, Out, T> f) {
    return via(Operators.fold(zero, f));
  }

  /**
   * Combines all elements with {@code f}, the first element being the start, and emits the
   * result; an empty stream fails with {@link java.util.NoSuchElementException}.
   */
  public Source<Out, Mat> reduce(Function2<Out, Out, Out> f) {
    return via(Operators.reduce(f));
  }

  /**
   * Pairs each element with its index, starting at 0.
   *
   * <p>Emits when an element arrives; backpressures when downstream backpressures; completes when
   * upstream completes; cancels when downstream cancels.
   */
  public Source<Pair<Out, Long>, Mat> zipWithIndex() {
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
   * Source.from(List.of("a", "b", "c"))
   *     .statefulMap(() -> 0L, (i, s) -> Pair.create(i + 1, s + i), i -> Optional.empty()); // a0 b1 c2
   * }</pre>
   *
   * <p>Emits when {@code f} returns an element (or {@code onComplete} one on completion);
   * backpressures when downstream backpressures; completes when upstream completes (after the
   * element of {@code onComplete}); cancels when downstream cancels. Supervision: resume drops the
   * element, restart closes the state with {@code onComplete} (emitting what it returns) and
   * creates a new one.
   */
  public <S, T> Source<T, Mat> statefulMap(
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
  public <T> Source<T, Mat> statefulMapConcat(Creator<Function<Out, Iterable<T>>> f) {
    return via(StructOps.<Out, T>statefulMapConcat(f));
  }

  /**
   * Emits {@code inject} between each two elements.
   *
   * <p>Emits when upstream emits (with {@code inject} before every element but the first);
   * backpressures when downstream backpressures; completes when upstream completes; cancels when
   * downstream cancels.
   */
  public Source<Out, Mat> intersperse(Out inject) {
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
  public Source<Out, Mat> intersperse(Out start, Out inject, Out end) {
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
  public Source<Out, Mat> wireTap(Graph<SinkShape<Out>, ?> that) {
    return via(StructOps.wireTap(that));
  }

  /** Like {@link #wireTap(Graph)}, the materialized values combined by {@code combine}. */
  public <M2, M3> Source<Out, M3> wireTapMat(
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
  public Source<Out, Mat> wireTap(Procedure<Out> f) {
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
  public Source<Out, Mat> divertTo(Graph<SinkShape<Out>, ?> that, Predicate<Out> when) {
    return via(StructOps.divertTo(that, when));
  }

  /** Like {@link #divertTo}, the materialized values combined by {@code combine}. */
  public <M2, M3> Source<Out, M3> divertToMat(
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
  public <M> Source<Out, Mat> orElse(Graph<SourceShape<Out>, M> secondary) {
    return via(StructOps.orElse(secondary));
  }

  /** Like {@link #orElse}, the materialized values combined by {@code combine}. */
  public <M, M2> Source<Out, M2> orElseMat(
      Graph<SourceShape<Out>, M> secondary, Function2<Mat, M, M2> combine) {
    return viaMat(StructOps.orElse(secondary), combine);
  }

  /**
   * Once this source and {@code that} have each emitted, emits the list of both latest elements
   * (this source's first) whenever either emits; see {@link MergeLatest}. Completes when both
   * complete, or either with {@code eagerComplete}.
   */
  public <M> Source<List<Out>, Mat> mergeLatest(
      Graph<SourceShape<Out>, M> that, boolean eagerComplete) {
    return mergeLatestMat(that, eagerComplete, Keep.left());
  }

  /** Like {@link #mergeLatest}, the materialized values combined by {@code combine}. */
  public <M, M2> Source<List<Out>, M2> mergeLatestMat(
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
  public <T, M> Source<Pair<Out, T>, Mat> zipLatest(Graph<SourceShape<T>, M> that) {
    return zipLatestWith(that, true, Pair::create);
  }

  /** Like {@link #zipLatest}, the materialized values combined by {@code combine}. */
  public <T, M, M2> Source<Pair<Out, T>, M2> zipLatestMat(
      Graph<SourceShape<T>, M> that, Function2<Mat, M, M2> combine) {
    return viaMat(StructOps.<Out, T, Pair<Out, T>, M>zipLatestWith(that, true, Pair::create), combine);
  }

  /**
   * Combines the latest element of this stream and of {@code that} with {@code combine}, each time
   * either brings a new one, once both have brought one; completes when either completes.
   */
  public <T, M, R> Source<R, Mat> zipLatestWith(
      Graph<SourceShape<T>, M> that, Function2<Out, T, R> combine) {
    return zipLatestWith(that, true, combine);
  }

  /**
   * Like {@link #zipLatestWith(Graph, Function2)}; without {@code eagerComplete} it goes on with
   * the last element of the completed side until both completed.
   */
  public <T, M, R> Source<R, Mat> zipLatestWith(
      Graph<SourceShape<T>, M> that, boolean eagerComplete, Function2<Out, T, R> combine) {
    return via(StructOps.zipLatestWith(that, eagerComplete, combine));
  }

  /** Like {@link #zipLatestWith(Graph, Function2)}, the materialized values combined by {@code matF}. */
  public <T, M, R, M2> Source<R, M2> zipLatestWithMat(
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
  public <U> Source<Pair<Out, U>, Mat> zipAll(Graph<SourceShape<U>, ?> that, Out thisElem, U thatElem) {
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
  public <M> Source<Out, Mat> interleave(Graph<SourceShape<Out>, M> that, int segmentSize) {
    return interleave(that, segmentSize, false);
  }

  /** Like {@link #interleave(Graph, int)}; with {@code eagerClose} it completes when either completes. */
  public <M> Source<Out, Mat> interleave(Graph<SourceShape<Out>, M> that, int segmentSize, boolean eagerClose) {
    return via(StructOps.interleave(that, segmentSize, eagerClose));
  }

  /** Like {@link #interleave(Graph, int)}, the materialized values combined by {@code combine}. */
  public <M, M2> Source<Out, M2> interleaveMat(
      Graph<SourceShape<Out>, M> that, int segmentSize, Function2<Mat, M, M2> combine) {
    return interleaveMat(that, segmentSize, false, combine);
  }

  /** Like {@link #interleave(Graph, int, boolean)}, the materialized values combined by {@code combine}. */
  public <M, M2> Source<Out, M2> interleaveMat(
      Graph<SourceShape<Out>, M> that, int segmentSize, boolean eagerClose, Function2<Mat, M, M2> combine) {
    return viaMat(StructOps.interleave(that, segmentSize, eagerClose), combine);
  }

  /**
   * Interleaves this stream and all of {@code those} in segments of {@code segmentSize}, in list
   * order, skipping completed ones; with {@code eagerClose} it completes when any completes.
   *
   * @throws IllegalArgumentException if {@code segmentSize} is not positive
   */
  public Source<Out, Mat> interleaveAll(
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
  public <M> Source<Out, Mat> mergeSorted(Graph<SourceShape<Out>, M> that, Comparator<Out> comparator) {
    return via(StructOps.mergeSorted(that, comparator));
  }

  /** Like {@link #mergeSorted}, the materialized values combined by {@code combine}. */
  public <M, M2> Source<Out, M2> mergeSortedMat(
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
  public <M> Source<Out, Mat> mergePreferred(
      Graph<SourceShape<Out>, M> that, boolean preferred, boolean eagerComplete) {
    return via(StructOps.mergePreferred(that, preferred, eagerComplete));
  }

  /** Like {@link #mergePreferred}, the materialized values combined by {@code combine}. */
  public <M, M2> Source<Out, M2> mergePreferredMat(
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
  public <M> Source<Out, Mat> mergePrioritized(
      Graph<SourceShape<Out>, M> that, int leftPriority, int rightPriority, boolean eagerComplete) {
    return via(StructOps.mergePrioritized(that, leftPriority, rightPriority, eagerComplete));
  }

  /** Like {@link #mergePrioritized}, the materialized values combined by {@code combine}. */
  public <M, M2> Source<Out, M2> mergePrioritizedMat(
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
  public Source<Out, Mat> mergeAll(List<? extends Graph<SourceShape<Out>, ?>> those, boolean eagerComplete) {
    return via(StructOps.mergeAll(those, eagerComplete));
  }

  /**
   * Completes instead of failing when upstream fails.
   *
   * <p>Emits when upstream emits; backpressures when downstream backpressures; completes when
   * upstream completes or fails; cancels when downstream cancels.
   */
  public Source<Out, Mat> onErrorComplete() {
    return onErrorComplete(ex -> true);
  }

  /** Completes instead of failing when upstream fails with an instance of {@code type}; other failures pass. */
  public Source<Out, Mat> onErrorComplete(Class<? extends Throwable> type) {
    return via(StructOps.onErrorComplete(type));
  }

  /** Completes instead of failing when upstream fails with a failure {@code predicate} accepts; other failures pass. */
  public Source<Out, Mat> onErrorComplete(java.util.function.Predicate<? super Throwable> predicate) {
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
  public Source<Out, Mat> buffer(int size, OverflowStrategy strategy) {
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
  public <T> Source<T, Mat> mapAsync(int parallelism, Function<Out, CompletionStage<T>> f) {
    return via(Operators.mapAsync(parallelism, f, true));
  }

  /** Like {@link #mapAsync}, but emits results as soon as they complete, in any order. */
  public <T> Source<T, Mat> mapAsyncUnordered(int parallelism, Function<Out, CompletionStage<T>> f) {
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
  public Source<Pair<List<Out>, Source<Out, NotUsed>>, Mat> prefixAndTail(int n) {
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
  public <U> Source<U, Mat> scanAsync(U zero, Function2<U, Out, CompletionStage<U>> f) {
    return via(new io.troupe.stream.internal.ops.ScanAsyncAndDelay.ScanAsync<Out, U>(
        "scanAsync", zero, f));
  }

  /**
   * Holds the elements back until {@code delay} has passed since the stream started; after that
   * they pass unchanged.
   *
   * @throws IllegalArgumentException if {@code delay} is negative
   */
  public Source<Out, Mat> initialDelay(java.time.Duration delay) {
    return via(new io.troupe.stream.internal.ops.ScanAsyncAndDelay.InitialDelay<Out>(delay));
  }

  /** Like {@link #concat}, the materialized values combined by {@code combine}. */
  public <M, M2> Source<Out, M2> concatMat(
      Graph<SourceShape<Out>, M> that, Function2<Mat, M, M2> combine) {
    return viaMat(Combine.withInput(Concat.<Out>create(2), that, 1), combine);
  }

  /** Like {@link #prepend}, the materialized values combined by {@code combine}. */
  public <M, M2> Source<Out, M2> prependMat(
      Graph<SourceShape<Out>, M> that, Function2<Mat, M, M2> combine) {
    return viaMat(Combine.withInput(Concat.<Out>create(2), that, 0), combine);
  }

  /** Like {@link #merge(Graph)}, the materialized values combined by {@code combine}. */
  public <M, M2> Source<Out, M2> mergeMat(
      Graph<SourceShape<Out>, M> that, Function2<Mat, M, M2> combine) {
    return viaMat(Combine.withInput(Merge.<Out>create(2), that, 1), combine);
  }

  /** Like {@link #zip}, the materialized values combined by {@code combine}. */
  public <T, M, M2> Source<Pair<Out, T>, M2> zipMat(
      Graph<SourceShape<T>, M> that, Function2<Mat, M, M2> combine) {
    return zipWithMat(that, Pair::create, combine);
  }

  /** Like {@link #zipWith}, the materialized values combined by {@code combine}. */
  public <T, M, R, M2> Source<R, M2> zipWithMat(
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
  public <M> Source<Out, Mat> concat(Graph<SourceShape<Out>, M> that) {
    return via(Operators.concat(that, false));
  }

  /** Emits the elements of {@code that} first and then this stream's. */
  public <M> Source<Out, Mat> prepend(Graph<SourceShape<Out>, M> that) {
    return via(Operators.concat(that, true));
  }

  /**
   * Emits the elements of this stream and of {@code that} as they arrive.
   *
   * <p>Emits when either has an element; backpressures when downstream backpressures; completes
   * when both complete; cancels when downstream cancels.
   */
  public <M> Source<Out, Mat> merge(Graph<SourceShape<Out>, M> that) {
    return merge(that, false);
  }

  /** Like {@link #merge(Graph)}; with {@code eagerComplete} it completes when either completes. */
  public <M> Source<Out, Mat> merge(Graph<SourceShape<Out>, M> that, boolean eagerComplete) {
    return via(Operators.merge(that, eagerComplete));
  }

  /**
   * Pairs each element with one from {@code that}.
   *
   * <p>Emits when both have an element; backpressures when downstream backpressures; completes
   * when either completes; cancels when downstream cancels.
   */
  public <T, M> Source<Pair<Out, T>, Mat> zip(Graph<SourceShape<T>, M> that) {
    return zipWith(that, Pair::create);
  }

  /** Combines each element with one from {@code that} by {@code f}. */
  public <T, M, R> Source<R, Mat> zipWith(Graph<SourceShape<T>, M> that, Function2<Out, T, R> f) {
    return via(Operators.zipWith(that, f));
  }

  /**
   * Sends each element also to {@code that} sink; both must want it before the next is pulled.
   *
   * <p>Emits when an element arrives and both downstreams want it; backpressures when either
   * backpressures; completes when upstream completes; cancels when downstream cancels.
   */
  public Source<Out, Mat> alsoTo(Graph<SinkShape<Out>, ?> that) {
    return via(Operators.alsoTo(that));
  }

  /**
   * Turns a failure of type {@code type} into one last element made by {@code supplier}, then
   * completes.
   */
  public Source<Out, Mat> recover(Class<? extends Throwable> type, Creator<Out> supplier) {
    return via(Operators.recover(type, supplier));
  }

  /**
   * Like {@link #recoverWithRetries} without a limit: each failure of type {@code type} switches
   * to a new source from {@code alternative}.
   */
  public Source<Out, Mat> recoverWith(
      Class<? extends Throwable> type, Creator<Graph<SourceShape<Out>, NotUsed>> alternative) {
    return recoverWithRetries(-1, type, alternative);
  }

  /**
   * Folds the elements with the asynchronous {@code f}, one at a time (the next element is taken
   * once the previous result is there), and emits the result when upstream completes.
   *
   * <p>Emits when upstream completed and the last result is there; backpressures while a result is
   * pending; fails when {@code f} throws, returns null or its stage fails.
   */
  public <U> Source<U, Mat> foldAsync(U zero, Function2<U, Out, CompletionStage<U>> f) {
    // scanAsync emits zero first, so the last element is always there
    return via(new io.troupe.stream.internal.ops.ScanAsyncAndDelay.ScanAsync<Out, U>(
            "foldAsync", zero, f))
        .reduce((acc, next) -> next);
  }

  /** Runs this source into {@code Sink.foldAsync(zero, f)}. */
  public <U> CompletionStage<U> runFoldAsync(
      U zero, Function2<U, Out, CompletionStage<U>> f, ActorSystem<?> system) {
    return runWith(Sink.foldAsync(zero, f), system);
  }

  /**
   * Switches to the source {@code alternative} makes when the stream fails with {@code type}, at
   * most {@code attempts} times ({@code -1}: no limit).
   */
  public Source<Out, Mat> recoverWithRetries(
      int attempts,
      Class<? extends Throwable> type,
      Creator<Graph<SourceShape<Out>, NotUsed>> alternative) {
    return via(Operators.recoverWithRetries(attempts, type, alternative));
  }

  /** Replaces a failure of type {@code type} by the one {@code f} returns. */
  public <E extends Throwable> Source<Out, Mat> mapError(Class<E> type, Function<E, Throwable> f) {
    return via(Operators.mapError(type, f));
  }

  /** Logs elements (debug), completion (debug) and failure (error) under {@code name}. */
  public Source<Out, Mat> log(String name) {
    return log(name, e -> e);
  }

  /** Logs what {@code extract} makes of each element, and completion and failure. */
  public Source<Out, Mat> log(String name, Function<Out, Object> extract) {
    return via(Operators.log(name, extract));
  }

  /**
   * Materializes a stage that completes when the stream passing here completes or is cancelled,
   * or fails when it fails, combined with this graph's value by {@code combine}.
   */
  public <M2> Source<Out, M2> watchTermination(Function2<Mat, CompletionStage<Done>, M2> combine) {
    return viaMat(Operators.<Out>watchTermination(), combine);
  }

  /** Like {@link #alsoTo}, the materialized values combined by {@code combine}. */
  public <M2, M3> Source<Out, M3> alsoToMat(Graph<SinkShape<Out>, M2> that, Function2<Mat, M2, M3> combine) {
    return viaMat(Operators.alsoToMat(that), combine);
  }

  // ------------------------------------------------------------------ substreams

  /**
   * Routes each element to a substream of its own key, opening a substream for each new key;
   * operators on the returned {@link SubSource} apply to each substream, and {@code
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
  public <K> SubSource<Out, Mat> groupBy(int maxSubstreams, Function<Out, K> f) {
    return groupBy(maxSubstreams, f, false);
  }

  /**
   * Like {@link #groupBy(int, Function)}; with {@code allowClosedSubstreamRecreation} an element
   * whose key's substream was cancelled opens a new substream instead of being dropped.
   */
  public <K> SubSource<Out, Mat> groupBy(
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
  public SubSource<Out, Mat> splitWhen(Predicate<Out> p) {
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
  public SubSource<Out, Mat> splitAfter(Predicate<Out> p) {
    Objects.requireNonNull(p, "p");
    return substreams(new io.troupe.stream.internal.ops.Split<Out>(p, true));
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private SubSource<Out, Mat> substreams(Graph<FlowShape<Out, Source<Out, NotUsed>>, NotUsed> splitter) {
    return new SubSource<>((Source<Source<Object, NotUsed>, Mat>) (Source) via(splitter), Flow.<Object>create().map(e -> (Out) e));
  }

  /**
   * Turns each element into a source with {@code f} and emits that source's elements, one source
   * after the other.
   *
   * <p>Emits when the current inner source emits; backpressures when downstream backpressures;
   * completes when upstream and the last inner source completed; cancels when downstream cancels
   * (cancelling the inner source). An inner failure fails the stream.
   */
  public <T, M> Source<T, Mat> flatMapConcat(Function<Out, ? extends Graph<SourceShape<T>, M>> f) {
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
  public <T, M> Source<T, Mat> flatMapMerge(int breadth, Function<Out, ? extends Graph<SourceShape<T>, M>> f) {
    if (breadth <= 0) {
      throw new IllegalArgumentException("breadth must be > 0, was " + breadth);
    }
    Objects.requireNonNull(f, "f");
    return via(new io.troupe.stream.internal.ops.FlatMapMerge<Out, T>(breadth, f));
  }

  // ------------------------------------------------------------------ time

  private static java.time.Duration positiveDuration(String name, java.time.Duration d) {
    return Flow.positiveDuration(name, d);
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
  public Source<List<Out>, Mat> groupedWithin(int n, java.time.Duration interval) {
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
  public Source<List<Out>, Mat> groupedWeightedWithin(
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
  public Source<List<Out>, Mat> groupedWeightedWithin(
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
  public Source<Out, Mat> takeWithin(java.time.Duration duration) {
    return via(new io.troupe.stream.internal.ops.TimeOps.TakeWithin<Out>(positiveDuration("duration", duration)));
  }

  /**
   * Drops the elements that arrive within {@code duration} after the stream started.
   *
   * <p>Emits when upstream emits after the duration; backpressures when downstream
   * backpressures; completes when upstream completes; cancels when downstream cancels.
   */
  public Source<Out, Mat> dropWithin(java.time.Duration duration) {
    return via(new io.troupe.stream.internal.ops.TimeOps.DropWithin<Out>(positiveDuration("duration", duration)));
  }

  /**
   * Fails the stream with a {@link java.util.concurrent.TimeoutException} when no element passed
   * for {@code timeout}.
   *
   * <p>Emits when upstream emits; backpressures when downstream backpressures; completes when
   * upstream completes; fails when the timeout expires; cancels when downstream cancels.
   */
  public Source<Out, Mat> idleTimeout(java.time.Duration timeout) {
    return via(new io.troupe.stream.internal.ops.TimeOps.Timeout<Out>(
        positiveDuration("timeout", timeout), io.troupe.stream.internal.ops.TimeOps.TimeoutKind.IDLE));
  }

  /**
   * Fails the stream with a {@link java.util.concurrent.TimeoutException} when the first element
   * has not arrived within {@code timeout}.
   */
  public Source<Out, Mat> initialTimeout(java.time.Duration timeout) {
    return via(new io.troupe.stream.internal.ops.TimeOps.Timeout<Out>(
        positiveDuration("timeout", timeout), io.troupe.stream.internal.ops.TimeOps.TimeoutKind.INITIAL));
  }

  /**
   * Fails the stream with a {@link java.util.concurrent.TimeoutException} when it has not
   * completed within {@code timeout}.
   */
  public Source<Out, Mat> completionTimeout(java.time.Duration timeout) {
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
  public Source<Out, Mat> keepAlive(java.time.Duration maxIdle, Creator<Out> injected) {
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
  public Source<Out, Mat> throttle(int elements, java.time.Duration per) {
    return throttle(elements, per, -1, e -> 1, ThrottleMode.SHAPING);
  }

  /**
   * Limits the rate to {@code elements} per {@code per}; up to {@code maximumBurst} elements pass
   * at once after a quiet time; {@code mode} says whether a faster element is held back or fails
   * the stream with {@link RateExceededException}.
   *
   * @throws IllegalArgumentException if {@code elements}, {@code per} or {@code maximumBurst} is not positive
   */
  public Source<Out, Mat> throttle(int elements, java.time.Duration per, int maximumBurst, ThrottleMode mode) {
    return throttle(elements, per, maximumBurst, e -> 1, mode);
  }

  /**
   * Limits the total cost to {@code cost} per {@code per}, each element costing what {@code
   * costCalculation} says (e.g. its size in bytes); shaping, automatic burst.
   *
   * @throws IllegalArgumentException if {@code cost} or {@code per} is not positive
   */
  public Source<Out, Mat> throttle(int cost, java.time.Duration per, Function<Out, Integer> costCalculation) {
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
  public Source<Out, Mat> throttle(
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
  public Source<Out, Mat> delay(java.time.Duration of, DelayOverflowStrategy strategy) {
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
  public Source<Out, Mat> delayWith(
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
  public Source<Out, Mat> backpressureTimeout(java.time.Duration timeout) {
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
  public Source<Out, Mat> conflate(Function2<Out, Out, Out> aggregate) {
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
  public <S> Source<S, Mat> conflateWithSeed(Function<Out, S> seed, Function2<S, Out, S> aggregate) {
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
  public <S> Source<S, Mat> batch(long max, Function<Out, S> seed, Function2<S, Out, S> aggregate) {
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
  public <S> Source<S, Mat> batchWeighted(
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
  public <U> Source<U, Mat> expand(Function<Out, java.util.Iterator<U>> expander) {
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
  public Source<Out, Mat> extrapolate(Function<Out, java.util.Iterator<Out>> extrapolator) {
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
  public Source<Out, Mat> extrapolate(Function<Out, java.util.Iterator<Out>> extrapolator, Out initial) {
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
  public Source<Out, Mat> detach() {
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
  public Source<Out, Mat> limit(long n) {
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
  public Source<Out, Mat> limitWeighted(long n, Function<Out, Long> costFn) {
    io.troupe.stream.internal.ops.RateOps.LimitWeighted.checkedMax("limitWeighted", n);
    Objects.requireNonNull(costFn, "costFn");
    return via(new io.troupe.stream.internal.ops.RateOps.LimitWeighted<Out>("limitWeighted", n, costFn));
  }
  // ------------------------------------------------------------------ end of delay, rate decoupling, limits
  // ------------------------------------------------------------------ end of rate, structure
}
