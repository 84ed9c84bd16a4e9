package io.troupe.stream;

import io.troupe.actor.NotUsed;
import io.troupe.japi.Pair;
import io.troupe.japi.function.Function;
import io.troupe.japi.function.Predicate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * The steps {@link FlowWithContext} and {@link SourceWithContext} share: each works on a stream
 * of (data, context) pairs with an ordinary operator, applying the user's function to the data
 * and carrying the context along. The operators keep their usual semantics (emission,
 * backpressure, completion, supervision); a pair is dropped, kept or emitted as a whole.
 */
final class ContextOps {
  private ContextOps() {}

  static <A, B, C> Flow<Pair<A, C>, Pair<B, C>, NotUsed> map(Function<A, B> f) {
    Objects.requireNonNull(f, "f");
    return Flow.<Pair<A, C>>create()
        .map(p -> Pair.create(data(f.apply(p.first()), "map"), p.second()));
  }

  static <A, C, C2> Flow<Pair<A, C>, Pair<A, C2>, NotUsed> mapContext(Function<C, C2> f) {
    Objects.requireNonNull(f, "f");
    return Flow.<Pair<A, C>>create().map(p -> Pair.create(p.first(), f.apply(p.second())));
  }

  static <A, C> Flow<Pair<A, C>, Pair<A, C>, NotUsed> filter(Predicate<A> p) {
    Objects.requireNonNull(p, "p");
    return Flow.<Pair<A, C>>create().filter(e -> p.test(e.first()));
  }

  static <A, C> Flow<Pair<A, C>, Pair<A, C>, NotUsed> filterNot(Predicate<A> p) {
    Objects.requireNonNull(p, "p");
    return Flow.<Pair<A, C>>create().filterNot(e -> p.test(e.first()));
  }

  static <A, B, C> Flow<Pair<A, C>, Pair<B, C>, NotUsed> collect(Function<A, Optional<B>> f) {
    Objects.requireNonNull(f, "f");
    return Flow.<Pair<A, C>>create().collect(p -> {
      Optional<B> b = Objects.requireNonNull(f.apply(p.first()), "collect function returned null");
      return b.map(value -> Pair.create(value, p.second()));
    });
  }

  static <A, B, C> Flow<Pair<A, C>, Pair<B, C>, NotUsed> mapConcat(
      Function<A, ? extends Iterable<B>> f) {
    Objects.requireNonNull(f, "f");
    return Flow.<Pair<A, C>>create().mapConcat(p -> {
      Iterable<B> out =
          Objects.requireNonNull(f.apply(p.first()), "mapConcat function returned null");
      List<Pair<B, C>> pairs = new ArrayList<>();
      for (B b : out) {
        pairs.add(Pair.create(data(b, "mapConcat"), p.second()));
      }
      return pairs;
    });
  }

  static <A, B, C> Flow<Pair<A, C>, Pair<B, C>, NotUsed> mapAsync(
      int parallelism, Function<A, CompletionStage<B>> f) {
    Objects.requireNonNull(f, "f");
    return Flow.<Pair<A, C>>create().mapAsync(parallelism, p -> {
      CompletionStage<B> stage =
          Objects.requireNonNull(f.apply(p.first()), "mapAsync function returned null");
      // a null result is dropped, as plain mapAsync drops it: the pair must be null too
      return stage.thenApply(b -> b == null ? null : Pair.create(b, p.second()));
    });
  }

  static <A, C> Flow<Pair<A, C>, Pair<List<A>, List<C>>, NotUsed> grouped(int n) {
    return Flow.<Pair<A, C>>create().grouped(n).map(ContextOps::unzip);
  }

  static <A, C> Flow<Pair<A, C>, Pair<List<A>, List<C>>, NotUsed> sliding(int n, int step) {
    return Flow.<Pair<A, C>>create().sliding(n, step).map(ContextOps::unzip);
  }

  static <A, C> Flow<Pair<A, C>, Pair<A, C>, NotUsed> log(
      String name, Function<A, Object> extract) {
    Objects.requireNonNull(extract, "extract");
    return Flow.<Pair<A, C>>create().log(name, p -> extract.apply(p.first()));
  }

  static <A, C> Flow<Pair<A, C>, Pair<A, C>, NotUsed> throttle(
      int elements, Duration per, int maximumBurst, ThrottleMode mode) {
    return Flow.<Pair<A, C>>create().throttle(elements, per, maximumBurst, mode);
  }

  static <A, C> Flow<Pair<A, C>, Pair<A, C>, NotUsed> alsoTo(
      Graph<SinkShape<A>, ?> sink, boolean tap) {
    Sink<Pair<A, C>, ?> data = Flow.<Pair<A, C>>create().map(Pair::first).to(sink);
    return tap ? Flow.<Pair<A, C>>create().wireTap(data) : Flow.<Pair<A, C>>create().alsoTo(data);
  }

  static <A, C> Flow<Pair<A, C>, Pair<A, C>, NotUsed> alsoToContext(
      Graph<SinkShape<C>, ?> sink, boolean tap) {
    Sink<Pair<A, C>, ?> contexts = Flow.<Pair<A, C>>create().map(Pair::second).to(sink);
    return tap ? Flow.<Pair<A, C>>create().wireTap(contexts)
        : Flow.<Pair<A, C>>create().alsoTo(contexts);
  }

  /**
   * Runs the data through {@code flow} and pairs each element it emits with the context of the
   * element taken in as many elements before (see {@link FlowWithContext#unsafeDataVia}).
   */
  static <A, B, C, M> Flow<Pair<A, C>, Pair<B, C>, NotUsed> unsafeDataVia(
      Graph<FlowShape<A, B>, M> flow) {
    Objects.requireNonNull(flow, "flow");
    return Flow.fromGraph(GraphDSL.create(b -> {
      FanOutShape2<Pair<A, C>, A, C> unzip = b.add(Unzip.<A, C>create());
      FanInShape2<B, C, Pair<B, C>> zip = b.add(Zip.<B, C>create());
      b.from(unzip.out0()).via(b.add(flow)).toInlet(zip.in0());
      b.from(unzip.out1()).toInlet(zip.in1());
      return FlowShape.of(unzip.in(), zip.out());
    }));
  }

  private static <A, C> Pair<List<A>, List<C>> unzip(List<Pair<A, C>> pairs) {
    List<A> data = new ArrayList<>(pairs.size());
    List<C> contexts = new ArrayList<>(pairs.size());
    for (Pair<A, C> p : pairs) {
      data.add(p.first());
      contexts.add(p.second());
    }
    return Pair.create(Collections.unmodifiableList(data), Collections.unmodifiableList(contexts));
  }

  private static <T> T data(T value, String operator) {
    if (value == null) {
      throw new NullPointerException(
          operator + " function returned null: stream elements must not be null");
    }
    return value;
  }
}
