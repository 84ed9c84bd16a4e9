package io.troupe.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.troupe.actor.NotUsed;
import io.troupe.japi.Pair;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

class GraphDslTest extends StreamTestBase {

  @Test
  void broadcastAndMergeFormADiamond() throws Exception {
    RunnableGraph<CompletionStage<List<Integer>>> g =
        RunnableGraph.fromGraph(
            GraphDSL.create(
                Sink.<Integer>seq(),
                (b, out) -> {
                  UniformFanOutShape<Integer, Integer> bcast = b.add(Broadcast.create(2));
                  UniformFanInShape<Integer, Integer> merge = b.add(Merge.create(2));
                  b.from(b.add(Source.range(1, 3))).viaFanOut(bcast).toFanIn(merge);
                  b.from(bcast).via(b.add(Flow.of(Integer.class).map(i -> i * 10))).toFanIn(merge);
                  b.from(merge).to(out);
                  return ClosedShape.getInstance();
                }));
    assertThat(await(g.run(system))).containsExactlyInAnyOrder(1, 2, 3, 10, 20, 30);
    assertThat(await(g.run(system))).hasSize(6);
  }

  @Test
  void partialGraphsBecomeSourcesFlowsAndSinks() throws Exception {
    Source<Pair<Integer, String>, NotUsed> pairs =
        Source.fromGraph(
            GraphDSL.create(
                b -> {
                  FanInShape2<Integer, String, Pair<Integer, String>> zip = b.add(Zip.create());
                  b.from(b.add(Source.range(1, 3))).to(zip.in0());
                  b.from(b.add(Source.from(List.of("a", "b", "c", "d")))).to(zip.in1());
                  return SourceShape.of(zip.out());
                }));
    assertThat(await(pairs.runWith(Sink.seq(), system)))
        .containsExactly(Pair.create(1, "a"), Pair.create(2, "b"), Pair.create(3, "c"));

    Flow<Integer, Integer, NotUsed> evensDoubled =
        Flow.fromGraph(
            GraphDSL.create(
                b -> {
                  UniformFanOutShape<Integer, Integer> part =
                      b.add(Partition.create(2, (Integer i) -> i % 2));
                  UniformFanInShape<Integer, Integer> merge = b.add(Merge.create(2));
                  b.from(part).via(b.add(Flow.of(Integer.class).map(i -> i * 2))).toFanIn(merge);
                  b.from(part).via(b.add(Flow.of(Integer.class).filter(i -> false))).toFanIn(merge);
                  return FlowShape.of(part.in(), merge.out());
                }));
    assertThat(await(Source.range(1, 6).via(evensDoubled).runWith(Sink.seq(), system)))
        .containsExactly(4, 8, 12);

    Sink<Pair<Integer, String>, CompletionStage<List<Integer>>> firsts =
        Sink.fromGraph(
            GraphDSL.create(
                Sink.<Integer>seq(),
                (b, seq) -> {
                  FanOutShape2<Pair<Integer, String>, Integer, String> unzip =
                      b.add(Unzip.<Integer, String>create());
                  b.from(unzip.out0()).to(seq);
                  b.from(unzip.out1()).to(b.add(Sink.<String>ignore()));
                  return SinkShape.of(unzip.in());
                }));
    assertThat(await(pairs.runWith(firsts, system))).containsExactly(1, 2, 3);
  }

  @Test
  void balanceSpreadsAndConcatOrders() throws Exception {
    Source<Integer, NotUsed> balanced =
        Source.fromGraph(
            GraphDSL.create(
                b -> {
                  UniformFanOutShape<Integer, Integer> bal = b.add(Balance.create(3));
                  UniformFanInShape<Integer, Integer> merge = b.add(Merge.create(3));
                  b.from(b.add(Source.range(1, 100))).toFanOut(bal);
                  for (int i = 0; i < 3; i++) {
                    b.from(bal).toFanIn(merge);
                  }
                  return SourceShape.of(merge.out());
                }));
    assertThat(await(balanced.runWith(Sink.seq(), system))).hasSize(100).doesNotHaveDuplicates();
    Source<Integer, NotUsed> concatenated =
        Source.fromGraph(
            GraphDSL.create(
                b -> {
                  UniformFanInShape<Integer, Integer> concat = b.add(Concat.create(3));
                  b.from(b.add(Source.range(1, 2))).toFanIn(concat);
                  b.from(b.add(Source.range(3, 4))).toFanIn(concat);
                  b.from(b.add(Source.range(5, 6))).toFanIn(concat);
                  return SourceShape.of(concat.out());
                }));
    assertThat(await(concatenated.runWith(Sink.seq(), system))).containsExactly(1, 2, 3, 4, 5, 6);
  }

  @Test
  void aCycleWithABufferRuns() throws Exception {
    // Each element goes around the loop until it exceeds 100; then it leaves the loop.
    Source<Integer, NotUsed> loop =
        Source.fromGraph(
            GraphDSL.create(
                b -> {
                  UniformFanInShape<Integer, Integer> merge = b.add(Merge.create(2));
                  UniformFanOutShape<Integer, Integer> part =
                      b.add(Partition.create(2, (Integer i) -> i > 100 ? 1 : 0));
                  b.from(b.add(Source.from(List.of(3, 7)))).toFanIn(merge);
                  b.from(merge).toFanOut(part);
                  b.from(part.out(0))
                      .via(b.add(Flow.of(Integer.class).map(i -> i * 2).buffer(4, OverflowStrategy.backpressure())))
                      .toFanIn(merge);
                  return SourceShape.of(part.out(1));
                }));
    assertThat(await(loop.take(2).runWith(Sink.seq(), system))).containsExactlyInAnyOrder(192, 112);
  }

  @Test
  void operatorsBuiltOnJunctions() throws Exception {
    assertThat(await(Source.range(1, 3).concat(Source.range(7, 8)).runWith(Sink.seq(), system)))
        .containsExactly(1, 2, 3, 7, 8);
    assertThat(await(Source.range(1, 2).prepend(Source.single(0)).runWith(Sink.seq(), system)))
        .containsExactly(0, 1, 2);
    assertThat(await(Source.range(1, 3).merge(Source.range(4, 6)).runWith(Sink.seq(), system)))
        .containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6);
    assertThat(await(Source.range(1, 3).zip(Source.repeat("x")).runWith(Sink.seq(), system)))
        .containsExactly(Pair.create(1, "x"), Pair.create(2, "x"), Pair.create(3, "x"));
    assertThat(await(Source.range(1, 3).zipWith(Source.range(10, 20), Integer::sum).runWith(Sink.seq(), system)))
        .containsExactly(11, 13, 15);
    CompletionStage<List<Integer>> side =
        Source.range(1, 3).alsoToMat(Sink.<Integer>seq(), Keep.right()).to(Sink.ignore()).run(system);
    assertThat(await(side)).containsExactly(1, 2, 3);
  }

  @Test
  void buildErrorsNameThePorts() {
    assertThatThrownBy(
            () ->
                GraphDSL.create(
                    b -> {
                      UniformFanOutShape<Integer, Integer> bcast = b.add(Broadcast.create(2));
                      b.from(b.add(Source.single(1))).toFanOut(bcast);
                      b.from(bcast).to(b.add(Sink.<Integer>ignore()));
                      return ClosedShape.getInstance();
                    }))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("broadcast.out1")
        .hasMessageContaining("not connected");
    assertThatThrownBy(
            () ->
                GraphDSL.create(
                    b -> {
                      SourceShape<Integer> src = b.add(Source.single(1));
                      SinkShape<Integer> a = b.add(Sink.<Integer>ignore());
                      SinkShape<Integer> c = b.add(Sink.<Integer>ignore());
                      b.from(src).to(a);
                      b.from(src).to(c);
                      return ClosedShape.getInstance();
                    }))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("already connected");
    assertThatThrownBy(
            () ->
                GraphDSL.create(
                    b -> {
                      b.from(Source.single(1).shape()).to(b.add(Sink.<Integer>ignore()));
                      return ClosedShape.getInstance();
                    }))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("does not belong to this builder");
    assertThatThrownBy(() -> Broadcast.create(0)).hasMessageContaining("outputPorts must be >= 1, was 0");
  }
}
