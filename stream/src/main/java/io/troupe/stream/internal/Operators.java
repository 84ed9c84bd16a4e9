package io.troupe.stream.internal;

import io.troupe.actor.Done;
import io.troupe.actor.NotUsed;
import io.troupe.japi.Pair;
import io.troupe.japi.function.Creator;
import io.troupe.japi.function.Function;
import io.troupe.japi.function.Function2;
import io.troupe.japi.function.Predicate;
import io.troupe.stream.Attributes;
import io.troupe.stream.FlowShape;
import io.troupe.stream.Graph;
import io.troupe.stream.Inlet;
import io.troupe.stream.Outlet;
import io.troupe.stream.OverflowStrategy;
import io.troupe.stream.SinkShape;
import io.troupe.stream.SourceShape;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Validates operator arguments and builds the stage graphs behind {@code Source}, {@code Flow}
 * and {@code Sink} methods. Internal API.
 */
public final class Operators {
  private Operators() {}

  private static void positive(String name, long value) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + " must be > 0, was " + value);
    }
  }

  public static <A, B> Graph<FlowShape<A, B>, NotUsed> map(Function<A, B> f) {
    return new Ops.Map<>(Objects.requireNonNull(f, "f"));
  }

  public static <T> Graph<FlowShape<T, T>, NotUsed> filter(Predicate<T> p, boolean negate) {
    return new Ops.Filter<>(Objects.requireNonNull(p, "p"), negate);
  }

  public static <A, B> Graph<FlowShape<A, B>, NotUsed> mapConcat(
      Function<A, ? extends Iterable<B>> f) {
    return new Ops.MapConcat<>(Objects.requireNonNull(f, "f"));
  }

  public static <A, B> Graph<FlowShape<A, B>, NotUsed> mapOptional(Function<A, Optional<B>> f) {
    return new Ops.MapOptional<>(Objects.requireNonNull(f, "f"));
  }

  public static <T> Graph<FlowShape<T, T>, NotUsed> take(long n) {
    return new Ops.Take<>(n);
  }

  public static <T> Graph<FlowShape<T, T>, NotUsed> drop(long n) {
    return new Ops.Drop<>(n);
  }

  public static <T> Graph<FlowShape<T, T>, NotUsed> takeWhile(Predicate<T> p, boolean inclusive) {
    return new Ops.TakeWhile<>(Objects.requireNonNull(p, "p"), inclusive);
  }

  public static <T> Graph<FlowShape<T, T>, NotUsed> dropWhile(Predicate<T> p) {
    return new Ops.DropWhile<>(Objects.requireNonNull(p, "p"));
  }

  public static <T> Graph<FlowShape<T, List<T>>, NotUsed> grouped(int n) {
    positive("n", n);
    return new Ops.Grouped<>(n);
  }

  public static <T> Graph<FlowShape<T, List<T>>, NotUsed> sliding(int n, int step) {
    positive("n", n);
    positive("step", step);
    return new Ops.Sliding<>(n, step);
  }

  public static <T, S> Graph<FlowShape<T, S>, NotUsed> scan(S zero, Function2<S, T, S> f) {
    Objects.requireNonNull(zero, "zero");
    return new Ops.Scan<>(zero, Objects.requireNonNull(f, "f"));
  }

  public static <T, S> Graph<FlowShape<T, S>, NotUsed> fold(S zero, Function2<S, T, S> f) {
    Objects.requireNonNull(zero, "zero");
    return new Ops.Fold<>(zero, Objects.requireNonNull(f, "f"), false);
  }

  public static <T> Graph<FlowShape<T, T>, NotUsed> reduce(Function2<T, T, T> f) {
    return new Ops.Fold<T, T>(null, Objects.requireNonNull(f, "f"), true);
  }

  public static <T> Graph<FlowShape<T, Pair<T, Long>>, NotUsed> zipWithIndex() {
    return new Ops.ZipWithIndex<>();
  }

  public static <T> Graph<FlowShape<T, T>, NotUsed> buffer(int size, OverflowStrategy strategy) {
    positive("size", size);
    return new Ops.Buffer<>(size, Objects.requireNonNull(strategy, "strategy"));
  }

  public static <A, B> Graph<FlowShape<A, B>, NotUsed> mapAsync(
      int parallelism, Function<A, CompletionStage<B>> f, boolean ordered) {
    positive("parallelism", parallelism);
    return new AsyncOps.MapAsync<>(parallelism, Objects.requireNonNull(f, "f"), ordered);
  }

  public static <T> Graph<FlowShape<T, T>, NotUsed> recover(
      Class<? extends Throwable> type, Creator<T> supplier) {
    return new AsyncOps.Recover<>(
        Objects.requireNonNull(type, "type"), Objects.requireNonNull(supplier, "supplier"));
  }

  public static <T> Graph<FlowShape<T, T>, NotUsed> recoverWithRetries(
      int attempts,
      Class<? extends Throwable> type,
      Creator<Graph<SourceShape<T>, NotUsed>> alternative) {
    if (attempts < -1) {
      throw new IllegalArgumentException("attempts must be >= -1, was " + attempts);
    }
    return new Streams.RecoverWith<>(
        attempts, Objects.requireNonNull(type, "type"), Objects.requireNonNull(alternative, "alternative"));
  }

  public static <T, E extends Throwable> Graph<FlowShape<T, T>, NotUsed> mapError(
      Class<E> type, Function<E, Throwable> f) {
    return new AsyncOps.MapError<>(
        Objects.requireNonNull(type, "type"), Objects.requireNonNull(f, "f"));
  }

  public static <T> Graph<FlowShape<T, T>, NotUsed> log(String name, Function<T, Object> extract) {
    return new AsyncOps.Log<>(
        Objects.requireNonNull(name, "name"), Objects.requireNonNull(extract, "extract"));
  }

  public static <T> Graph<FlowShape<T, T>, CompletionStage<Done>> watchTermination() {
    return new AsyncOps.WatchTermination<>();
  }

  // ---- fan-in and fan-out helpers, built as composite modules

  private static <A, B> FlowShape<A, B> freshFlowShape(String name) {
    return FlowShape.of(Inlet.create(name + ".in"), Outlet.create(name + ".out"));
  }

  /**
   * A flow around a two-input junction whose input {@code thatPort} is fed by {@code that} and
   * whose other input is the flow's inlet.
   */
  private static <A, B> Graph<FlowShape<A, B>, NotUsed> fanIn2(
      Module junction, Module that, int thatPort, String name) {
    int upPort = 1 - thatPort;
    CompositeModule m =
        new CompositeModule(
            new Module[] {junction, that},
            new long[] {CompositeModule.ref(1, 0)},
            new long[] {CompositeModule.ref(0, thatPort)},
            new long[] {CompositeModule.ref(0, upPort)},
            new long[] {CompositeModule.ref(0, 0)},
            MatCombiner.keep(0),
            Attributes.none());
    return new GenericGraph<>(freshFlowShape(name), m);
  }

  public static <T> Graph<FlowShape<T, T>, NotUsed> concat(
      Graph<SourceShape<T>, ?> that, boolean prepend) {
    Objects.requireNonNull(that, "that");
    return fanIn2(new Junctions.Concat<T>(2).module(), that.module(), prepend ? 0 : 1, "concat");
  }

  public static <T> Graph<FlowShape<T, T>, NotUsed> merge(
      Graph<SourceShape<T>, ?> that, boolean eagerComplete) {
    Objects.requireNonNull(that, "that");
    return fanIn2(new Junctions.Merge<T>(2, eagerComplete).module(), that.module(), 1, "merge");
  }

  public static <A, B, R> Graph<FlowShape<A, R>, NotUsed> zipWith(
      Graph<SourceShape<B>, ?> that, Function2<A, B, R> f) {
    Objects.requireNonNull(that, "that");
    Objects.requireNonNull(f, "f");
    return fanIn2(new Junctions.ZipWith<A, B, R>(f).module(), that.module(), 1, "zipWith");
  }

  public static <T> Graph<FlowShape<T, T>, NotUsed> alsoTo(Graph<SinkShape<T>, ?> that) {
    return new GenericGraph<>(freshFlowShape("alsoTo"), alsoToMat(that).module());
  }

  /** A flow that also sends its elements to {@code that}, materializing that sink's value. */
  public static <T, M> Graph<FlowShape<T, T>, M> alsoToMat(Graph<SinkShape<T>, M> that) {
    Objects.requireNonNull(that, "that");
    CompositeModule m =
        new CompositeModule(
            new Module[] {new Junctions.Broadcast<T>(2, false).module(), that.module()},
            new long[] {CompositeModule.ref(0, 1)},
            new long[] {CompositeModule.ref(1, 0)},
            new long[] {CompositeModule.ref(0, 0)},
            new long[] {CompositeModule.ref(0, 0)},
            MatCombiner.keep(1),
            Attributes.none());
    return new GenericGraph<>(freshFlowShape("alsoTo"), m);
  }

  /** A module of an unconnected sink and source side by side, as one flow. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public static Module side(Module sink, Module source, Function2<?, ?, ?> combine) {
    return new CompositeModule(
        new Module[] {sink, source},
        new long[0],
        new long[0],
        new long[] {CompositeModule.ref(0, 0)},
        new long[] {CompositeModule.ref(1, 0)},
        CompositeModule.combinerOf((Function2) combine),
        Attributes.none());
  }
}
