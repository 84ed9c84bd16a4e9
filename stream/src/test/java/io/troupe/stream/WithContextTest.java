package io.troupe.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.troupe.actor.NotUsed;
import io.troupe.japi.Pair;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * SourceWithContext and FlowWithContext: each element's context (here the offset of a record)
 * stays with the data it belongs to through every operator, as a consumer that commits offsets
 * after processing relies on.
 */
class WithContextTest extends StreamTestBase {
  /** A record as read from a log, with the offset to commit once it is processed. */
  record Record(long offset, String value) {}

  private static List<Record> records(String... values) {
    List<Record> out = new ArrayList<>();
    for (int i = 0; i < values.length; i++) {
      out.add(new Record(100 + i, values[i]));
    }
    return out;
  }

  private static <A, B> List<Pair<A, B>> run(SourceWithContext<A, B, ?> source) throws Exception {
    return await(source.runWith(Sink.seq(), system));
  }

  @Test
  void operatorsWorkOnTheDataAndCarryEachElementsContextAlong() throws Exception {
    SourceWithContext<Integer, Long, NotUsed> lengths =
        Source.from(records("a", "", "ccc", "dd"))
            .asSourceWithContext(Record::offset)
            .map(Record::value)
            .filterNot(String::isEmpty) // drops "" and its offset 101
            .map(String::length)
            .filter(n -> n < 3) // drops "ccc" and 102
            .mapContext(offset -> offset * 10);
    assertThat(run(lengths)).containsExactly(Pair.create(1, 1000L), Pair.create(2, 1030L));
  }

  @Test
  void mapConcatRepeatsTheContextAndCollectDropsAbsentResultsWithTheirContext() throws Exception {
    SourceWithContext<String, Long, NotUsed> words =
        Source.from(records("a b", "", "c"))
            .asSourceWithContext(Record::offset)
            .mapConcat(r -> List.of(r.value().split(" ")))
            .collect(w -> w.isEmpty() ? Optional.empty() : Optional.of(w.toUpperCase()));
    assertThat(run(words))
        .containsExactly(Pair.create("A", 100L), Pair.create("B", 100L), Pair.create("C", 102L));
  }

  @Test
  void mapAsyncEmitsInOrderWithTheRightContextsAndDropsANullResultWithItsContext()
      throws Exception {
    List<CompletableFuture<String>> pending = new CopyOnWriteArrayList<>();
    CompletionStage<List<Pair<String, Long>>> result =
        Source.from(records("x", "skip", "z"))
            .asSourceWithContext(Record::offset)
            .mapAsync(3, r -> {
              CompletableFuture<String> f = new CompletableFuture<>();
              pending.add(f);
              return f;
            })
            .runWith(Sink.seq(), system);
    Probes.awaitCondition("three calls of the function", () -> pending.size() == 3);
    pending.get(2).complete("Z"); // completes first, is still emitted last
    pending.get(1).complete(null);
    pending.get(0).complete("X");
    assertThat(await(result)).containsExactly(Pair.create("X", 100L), Pair.create("Z", 102L));
  }

  @Test
  void groupedAndSlidingPutTheContextsOfAWindowBesideItsData() throws Exception {
    SourceWithContext<String, Long, NotUsed> values =
        Source.from(records("a", "b", "c")).asSourceWithContext(Record::offset).map(Record::value);
    assertThat(run(values.grouped(2)))
        .containsExactly(
            Pair.create(List.of("a", "b"), List.of(100L, 101L)),
            Pair.create(List.of("c"), List.of(102L)));
    assertThat(run(values.sliding(2, 1)))
        .containsExactly(
            Pair.create(List.of("a", "b"), List.of(100L, 101L)),
            Pair.create(List.of("b", "c"), List.of(101L, 102L)));
  }

  @Test
  void aFlowWithContextIsReusableAndIsAFlowOfPairsUnderneath() throws Exception {
    FlowWithContext<Record, Long, Integer, Long, NotUsed> parse =
        FlowWithContext.<Record, Long>create()
            .map(Record::value)
            .filter(v -> !v.isBlank())
            .map(Integer::parseInt);
    SourceWithContext<Record, Long, NotUsed> source =
        Source.from(records("7", " ", "9")).asSourceWithContext(Record::offset);
    assertThat(run(source.via(parse).map(n -> n * 2)))
        .containsExactly(Pair.create(14, 100L), Pair.create(18, 102L));

    List<Pair<Integer, Long>> viaPlainFlow =
        await(
            Source.from(List.of(Pair.create(new Record(5, "3"), 5L)))
                .via(parse.asFlow())
                .runWith(Sink.seq(), system));
    assertThat(viaPlainFlow).containsExactly(Pair.create(3, 5L));

    FlowWithContext<Record, Long, Integer, Long, NotUsed> wrapped =
        FlowWithContext.fromPairs(parse.asFlow());
    assertThat(run(source.via(wrapped))).hasSize(2);
  }

  @Test
  void aPlainFlowThatDropsElementsBecomesAFlowWithContextThroughItsElements() throws Exception {
    Flow<Record, Record, NotUsed> dropOdd = Flow.of(Record.class).filter(r -> r.offset() % 2 == 0);
    FlowWithContext<String, Long, Record, Long, NotUsed> withContext =
        dropOdd.asFlowWithContext(
            (String value, Long offset) -> new Record(offset, value), Record::offset);
    SourceWithContext<String, Long, NotUsed> source =
        Source.from(records("a", "b", "c")).asSourceWithContext(Record::offset).map(Record::value);
    assertThat(run(source.via(withContext)))
        .containsExactly(
            Pair.create(new Record(100, "a"), 100L), Pair.create(new Record(102, "c"), 102L));
  }

  @Test
  void unsafeDataViaPairsAOneToOneFlowsOutputWithTheContextsInOrder() throws Exception {
    Flow<String, String, NotUsed> upper = Flow.of(String.class).map(String::toUpperCase).async();
    List<Record> many = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      many.add(new Record(i, "v" + i));
    }
    List<Pair<String, Long>> out =
        run(Source.from(many).asSourceWithContext(Record::offset).map(Record::value)
            .unsafeDataVia(upper));
    assertThat(out).hasSize(500);
    for (int i = 0; i < 500; i++) {
      assertThat(out.get(i)).isEqualTo(Pair.create("V" + i, (long) i));
    }
  }

  @Test
  void alsoToContextAndWireTapContextSeeTheContextsOfWhatPassed() throws Exception {
    List<Long> committed = new CopyOnWriteArrayList<>();
    List<String> tapped = new CopyOnWriteArrayList<>();
    List<Pair<String, Long>> out =
        run(Source.from(records("a", "b"))
            .asSourceWithContext(Record::offset)
            .map(Record::value)
            .alsoToContext(Sink.foreach(committed::add))
            .alsoTo(Sink.foreach(tapped::add)));
    assertThat(out).containsExactly(Pair.create("a", 100L), Pair.create("b", 101L));
    Probes.awaitCondition(
        "both side sinks saw both elements", () -> committed.size() == 2 && tapped.size() == 2);
    assertThat(committed).containsExactly(100L, 101L);
    assertThat(tapped).containsExactly("a", "b");
  }

  @Test
  void aFailingFunctionFailsTheStreamAndResumeDropsTheElementWithItsContext() throws Exception {
    SourceWithContext<Integer, Long, NotUsed> parsed =
        Source.from(records("1", "x", "3"))
            .asSourceWithContext(Record::offset)
            .map(r -> Integer.parseInt(r.value()));
    assertThat(awaitFailure(parsed.runWith(Sink.seq(), system)))
        .isInstanceOf(NumberFormatException.class);
    SourceWithContext<Integer, Long, NotUsed> resumed =
        parsed.withAttributes(
            ActorAttributes.withSupervisionStrategy(Supervision.getResumingDecider()));
    assertThat(run(resumed)).containsExactly(Pair.create(1, 100L), Pair.create(3, 102L));
  }

  @Test
  void nullDataAndNullArgumentsAreRefused() throws Exception {
    SourceWithContext<String, Long, NotUsed> nulls =
        Source.from(records("a")).asSourceWithContext(Record::offset).map(r -> (String) null);
    assertThat(awaitFailure(nulls.runWith(Sink.seq(), system)))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("map function returned null");
    SourceWithContext<Record, Long, NotUsed> source =
        Source.from(records("a")).asSourceWithContext(Record::offset);
    assertThatThrownBy(() -> source.map(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> Source.single(1).asSourceWithContext(null))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> FlowWithContext.create().mapAsync(0, x -> null))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
