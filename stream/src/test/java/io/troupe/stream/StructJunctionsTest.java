package io.troupe.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.troupe.actor.NotUsed;
import io.troupe.japi.Pair;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The structure junctions used inside {@link GraphDSL}. */
class StructJunctionsTest extends StreamTestBase {

  private static <T> List<T> run(Source<T, NotUsed> s) throws Exception {
    return await(s.runWith(Sink.seq(), system));
  }

  @Test
  void mergePreferredHasAPreferredPortAndSecondaryPorts() throws Exception {
    Source<Integer, NotUsed> merged =
        Source.fromGraph(
            GraphDSL.create(
                b -> {
                  MergePreferred.MergePreferredShape<Integer> m = b.add(MergePreferred.create(2));
                  b.from(b.add(Source.range(1, 3))).toInlet(m.preferred());
                  b.from(b.add(Source.range(10, 12))).toInlet(m.in(0));
                  b.from(b.add(Source.range(20, 22))).toInlet(m.in(1));
                  return SourceShape.of(m.out());
                }));
    assertThat(run(merged)).containsExactlyInAnyOrder(1, 2, 3, 10, 11, 12, 20, 21, 22);
    assertThat(MergePreferred.MergePreferredShape.<Integer>create(2, "m").inlets())
        .extracting(Inlet::name)
        .containsExactly("m.in0", "m.in1", "m.preferred");
    assertThatThrownBy(() -> MergePreferred.create(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("secondaryPorts must be > 0, was 0");
  }

  @Test
  void mergePrioritizedMergesAllInputs() throws Exception {
    Source<Integer, NotUsed> merged =
        Source.fromGraph(
            GraphDSL.create(
                b -> {
                  UniformFanInShape<Integer, Integer> m = b.add(MergePrioritized.create(new int[] {3, 1}));
                  b.from(b.add(Source.range(1, 20))).toFanIn(m);
                  b.from(b.add(Source.range(21, 40))).toFanIn(m);
                  return SourceShape.of(m.out());
                }));
    assertThat(run(merged)).hasSize(40).doesNotHaveDuplicates();
    assertThatThrownBy(() -> MergePrioritized.create(new int[] {1, -1}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("priorities[1] must be > 0, was -1");
    assertThatThrownBy(() -> MergePrioritized.create(new int[0]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("priorities.length must be > 0, was 0");
  }

  @Test
  void mergeSortedAndInterleaveAsJunctions() throws Exception {
    Source<Integer, NotUsed> sorted =
        Source.fromGraph(
            GraphDSL.create(
                b -> {
                  FanInShape2<Integer, Integer, Integer> m = b.add(MergeSorted.<Integer>create());
                  b.from(b.add(Source.from(List.of(2, 4, 6)))).to(m.in0());
                  b.from(b.add(Source.from(List.of(1, 5)))).to(m.in1());
                  return SourceShape.of(m.out());
                }));
    assertThat(run(sorted)).containsExactly(1, 2, 4, 5, 6);

    Source<Integer, NotUsed> desc =
        Source.fromGraph(
            GraphDSL.create(
                b -> {
                  FanInShape2<Integer, Integer, Integer> m =
                      b.add(MergeSorted.create(Comparator.<Integer>reverseOrder()));
                  b.from(b.add(Source.from(List.of(6, 2)))).to(m.in0());
                  b.from(b.add(Source.from(List.of(5, 1)))).to(m.in1());
                  return SourceShape.of(m.out());
                }));
    assertThat(run(desc)).containsExactly(6, 5, 2, 1);

    Source<Integer, NotUsed> interleaved =
        Source.fromGraph(
            GraphDSL.create(
                b -> {
                  UniformFanInShape<Integer, Integer> m = b.add(Interleave.create(3, 2));
                  b.from(b.add(Source.range(1, 4))).toFanIn(m);
                  b.from(b.add(Source.range(10, 11))).toFanIn(m);
                  b.from(b.add(Source.range(20, 23))).toFanIn(m);
                  return SourceShape.of(m.out());
                }));
    assertThat(run(interleaved)).containsExactly(1, 2, 10, 11, 20, 21, 3, 4, 22, 23);
    assertThatThrownBy(() -> Interleave.create(2, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("segmentSize must be > 0, was 0");
  }

  @Test
  void zipLatestAndZipLatestWithAsJunctions() throws Exception {
    Source<Pair<Integer, String>, NotUsed> latest =
        Source.fromGraph(
            GraphDSL.create(
                b -> {
                  FanInShape2<Integer, String, Pair<Integer, String>> z = b.add(ZipLatest.create(false));
                  b.from(b.add(Source.single(1))).to(z.in0());
                  b.from(b.add(Source.single("a"))).to(z.in1());
                  return SourceShape.of(z.out());
                }));
    assertThat(run(latest)).containsExactly(Pair.create(1, "a"));

    Source<String, NotUsed> with =
        Source.fromGraph(
            GraphDSL.create(
                b -> {
                  FanInShape2<Integer, Integer, String> z =
                      b.add(ZipLatestWith.create((Integer x, Integer y) -> x + "+" + y));
                  b.from(b.add(Source.single(1))).to(z.in0());
                  b.from(b.add(Source.single(2))).to(z.in1());
                  return SourceShape.of(z.out());
                }));
    assertThat(run(with)).containsExactly("1+2");
  }

  @Test
  void orElseAsAJunction() throws Exception {
    Source<String, NotUsed> fallback =
        Source.fromGraph(
            GraphDSL.create(
                b -> {
                  UniformFanInShape<String, String> o = b.add(OrElse.<String>create());
                  b.from(b.add(Source.<String>empty())).toFanIn(o);
                  b.from(b.add(Source.single("fallback"))).toFanIn(o);
                  return SourceShape.of(o.out());
                }));
    assertThat(run(fallback)).containsExactly("fallback");
  }
}
