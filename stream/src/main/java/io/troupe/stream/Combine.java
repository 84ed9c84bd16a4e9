package io.troupe.stream;

import io.troupe.actor.NotUsed;
import io.troupe.japi.function.Function;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The graphs behind {@code Source.combine}, {@code Source.zipN}, {@code Sink.combine} and
 * {@code mergeLatest}: a fan-in or fan-out junction wired to several sources or sinks.
 */
final class Combine {
  private Combine() {}

  /** {@code first}, {@code second} and {@code rest} as one list, none of them null. */
  static <G> List<G> all(G first, G second, List<? extends G> rest) {
    Objects.requireNonNull(first, "first");
    Objects.requireNonNull(second, "second");
    Objects.requireNonNull(rest, "rest");
    List<G> all = new ArrayList<>(rest.size() + 2);
    all.add(first);
    all.add(second);
    for (G g : rest) {
      all.add(Objects.requireNonNull(g, "rest must not contain null"));
    }
    return all;
  }

  /** The sources feeding the inputs, in order, of the junction {@code strategy} makes for them. */
  static <T, U> Source<U, NotUsed> sources(
      List<? extends Graph<SourceShape<T>, ?>> sources,
      Function<Integer, ? extends Graph<UniformFanInShape<T, U>, NotUsed>> strategy) {
    Objects.requireNonNull(strategy, "fanInStrategy");
    Graph<UniformFanInShape<T, U>, NotUsed> junction = junction(strategy, sources.size());
    return Source.fromGraph(GraphDSL.create(b -> {
      UniformFanInShape<T, U> j = b.add(junction);
      for (int i = 0; i < sources.size(); i++) {
        b.from(b.add(sources.get(i))).toInlet(j.in(i));
      }
      return SourceShape.of(j.out());
    }));
  }

  /**
   * A flow whose input is input 0 of {@code junction} (two inputs) and {@code that} input 1;
   * materializes {@code that}'s value.
   */
  static <T, U, M> Flow<T, U, M> withSecondInput(
      Graph<UniformFanInShape<T, U>, NotUsed> junction, Graph<SourceShape<T>, M> that) {
    return withInput(junction, that, 1);
  }

  /**
   * A flow whose input is the other input of {@code junction} (two inputs) and {@code that} input
   * {@code port}; materializes {@code that}'s value.
   */
  static <T, U, M> Flow<T, U, M> withInput(
      Graph<UniformFanInShape<T, U>, NotUsed> junction, Graph<SourceShape<T>, M> that, int port) {
    Objects.requireNonNull(that, "that");
    return Flow.fromGraph(GraphDSL.create(that, (b, other) -> {
      UniformFanInShape<T, U> j = b.add(junction);
      b.from(other).toInlet(j.in(port));
      return FlowShape.of(j.in(1 - port), j.out());
    }));
  }

  /**
   * A flow whose input is input 0 of the two-input {@code junction} and {@code that} input 1;
   * materializes {@code that}'s value.
   */
  static <A, B, O, M> Flow<A, O, M> withSecondInput2(
      Graph<FanInShape2<A, B, O>, NotUsed> junction, Graph<SourceShape<B>, M> that) {
    Objects.requireNonNull(that, "that");
    return Flow.fromGraph(GraphDSL.create(that, (b, other) -> {
      FanInShape2<A, B, O> j = b.add(junction);
      b.from(other).toInlet(j.in1());
      return FlowShape.of(j.in0(), j.out());
    }));
  }

  /** The junction {@code strategy} makes for {@code n} ports, checked to have that many. */
  static <S extends Shape, G extends Graph<S, NotUsed>> G junction(
      Function<Integer, ? extends G> strategy, int n) {
    G junction;
    try {
      junction = strategy.apply(n);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalArgumentException(
          "the fan-in/fan-out strategy failed for " + n + " ports", e);
    }
    Objects.requireNonNull(junction, "the strategy returned null");
    Shape shape = junction.shape();
    int ports = shape instanceof UniformFanInShape<?, ?> in ? in.getInlets().size()
        : ((UniformFanOutShape<?, ?>) shape).getOutlets().size();
    if (ports != n) {
      throw new IllegalArgumentException(
          "the strategy was asked for " + n + " ports but made a junction with " + ports);
    }
    return junction;
  }

  /** The sinks fed, in order, by the outputs of the junction {@code strategy} makes for them. */
  static <T, U> Sink<T, NotUsed> sinks(
      List<? extends Graph<SinkShape<U>, ?>> sinks,
      Function<Integer, ? extends Graph<UniformFanOutShape<T, U>, NotUsed>> strategy) {
    Objects.requireNonNull(strategy, "fanOutStrategy");
    Graph<UniformFanOutShape<T, U>, NotUsed> junction = junction(strategy, sinks.size());
    return Sink.fromGraph(GraphDSL.create(b -> {
      UniformFanOutShape<T, U> j = b.add(junction);
      for (int i = 0; i < sinks.size(); i++) {
        b.from(j.out(i)).to(b.add(sinks.get(i)));
      }
      return SinkShape.of(j.in());
    }));
  }

  /**
   * A flow into {@code junction} (two outputs) that sends output 0 to {@code first} and emits
   * output 1; materializes {@code first}'s value.
   */
  static <T, U, M> Flow<T, U, M> withFirstOutput(
      Graph<UniformFanOutShape<T, U>, NotUsed> junction, Graph<SinkShape<U>, M> first) {
    Objects.requireNonNull(first, "first");
    return Flow.fromGraph(GraphDSL.create(first, (b, sink) -> {
      UniformFanOutShape<T, U> j = b.add(junction);
      b.from(j.out(0)).to(sink);
      return FlowShape.of(j.in(), j.out(1));
    }));
  }
}
