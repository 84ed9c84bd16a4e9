package io.troupe.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.troupe.actor.NotUsed;
import io.troupe.japi.Pair;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Combining streams (ZipN, ZipWithN, MergeLatest, MergeSequence, UnzipWith, Source/Sink.combine,
 * the Mat variants, prefixAndTail) and the small sources and operators ported from Pekko's Java
 * DSL with them (never, fromOption, iterate, fromJavaStream, foldAsync, recoverWith).
 */
class CombineJunctionsTest extends StreamTestBase {

  /** A source whose elements come from {@code junction}, fed by {@code inputs} in order. */
  private static <T, O> Source<O, NotUsed> fanIn(
      Graph<UniformFanInShape<T, O>, NotUsed> junction, List<Source<T, NotUsed>> inputs) {
    return Source.fromGraph(GraphDSL.create(b -> {
      UniformFanInShape<T, O> j = b.add(junction);
      for (int i = 0; i < inputs.size(); i++) {
        b.from(b.add(inputs.get(i))).toInlet(j.in(i));
      }
      return SourceShape.of(j.out());
    }));
  }

  // ------------------------------------------------------------------ ZipN / ZipWithN

  @Test
  void zipNEmitsOneElementOfEachInputInInputOrderAndStopsWithTheShortest() throws Exception {
    Source<List<Integer>, NotUsed> zipped =
        fanIn(ZipN.<Integer>create(3), List.of(
            Source.from(List.of(1, 2, 3)),
            Source.from(List.of(10, 20)),
            Source.from(List.of(100, 200, 300, 400))));
    assertThat(await(zipped.runWith(Sink.seq(), system)))
        .containsExactly(List.of(1, 10, 100), List.of(2, 20, 200));
  }

  @Test
  void zipWithNCombinesWithTheFunctionAndCompletesOnceTheLeftElementIsUsed() throws Exception {
    Probes.Pub<Integer> a = new Probes.Pub<>();
    Probes.Pub<Integer> b = new Probes.Pub<>();
    Probes.Sub<Integer> sub = new Probes.Sub<>();
    fanIn(ZipWithN.<Integer, Integer>create(l -> l.get(0) * 10 + l.get(1), 2),
        List.of(a.source(), b.source()))
        .runWith(sub.sink(), system);
    sub.request(1);
    a.sendNext(1);
    b.sendNext(2);
    sub.expectNext(12);
    sub.request(1);
    a.sendNext(3);
    a.sendComplete(); // its element 3 waits for b
    b.sendNext(4);
    sub.expectNext(34);
    sub.expectComplete();
    b.expectCancellation();
  }

  @Test
  void zipWithNFailsWithItsFunctionAndRefusesNoInputs() throws Exception {
    Source<Integer, NotUsed> failing =
        fanIn(ZipWithN.<Integer, Integer>create(l -> l.get(0) / l.get(1), 2),
            List.of(Source.single(1), Source.single(0)));
    assertThat(awaitFailure(failing.runWith(Sink.seq(), system)))
        .isInstanceOf(ArithmeticException.class);
    assertThatThrownBy(() -> ZipN.create(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ZipWithN.create(null, 2)).isInstanceOf(NullPointerException.class);
  }

  // ------------------------------------------------------------------ MergeLatest

  @Test
  void mergeLatestEmitsOnceAllInputsHaveAnElementAndThenOnEveryNewElement() throws Exception {
    Probes.Pub<String> a = new Probes.Pub<>();
    Probes.Pub<String> b = new Probes.Pub<>();
    Probes.Sub<List<String>> sub = new Probes.Sub<>();
    fanIn(MergeLatest.<String>create(2), List.of(a.source(), b.source()))
        .runWith(sub.sink(), system);
    sub.request(10);
    a.sendNext("a1");
    a.sendNext("a2"); // replaces a1: b has not emitted yet
    b.sendNext("b1");
    sub.expectNext(List.of("a2", "b1"));
    b.sendNext("b2");
    sub.expectNext(List.of("a2", "b2"));
    a.sendNext("a3");
    sub.expectNext(List.of("a3", "b2"));
    a.sendComplete();
    b.sendNext("b3"); // a's last element stays in the list
    sub.expectNext(List.of("a3", "b3"));
    b.sendComplete();
    sub.expectComplete();
  }

  @Test
  void mergeLatestPullsAnInputAgainOnlyAfterItsElementWentDownstream() throws Exception {
    AtomicInteger pullsA = new AtomicInteger();
    AtomicInteger pullsB = new AtomicInteger();
    Probes.Sub<List<Integer>> sub = new Probes.Sub<>();
    fanIn(MergeLatest.<Integer>create(2), List.of(counting(pullsA), counting(pullsB)))
        .runWith(sub.sink(), system);
    // until both have an element, a's newer elements replace its older one
    sub.request(1);
    List<Integer> first = sub.expectNext();
    // after that, each list holds exactly one new element of each input: nothing is pulled
    // ahead of demand, so nothing is skipped
    for (int k = 1; k <= 2; k++) {
      sub.request(1);
      sub.expectNext(List.of(first.get(0) + k, first.get(1) + k));
    }
    Probes.awaitCondition(
        "the inputs pulled once for the next list",
        () -> pullsA.get() == first.get(0) + 3 && pullsB.get() == first.get(1) + 3);
  }

  /** An endless source 1, 2, 3, ... counting how often it was asked for an element. */
  private static Source<Integer, NotUsed> counting(AtomicInteger pulls) {
    return Source.fromIterator(() -> new java.util.Iterator<Integer>() {
      @Override
      public boolean hasNext() {
        return true;
      }

      @Override
      public Integer next() {
        return pulls.incrementAndGet();
      }
    });
  }

  @Test
  void mergeLatestWithEagerCompleteCompletesWhenAnyInputCompletes() throws Exception {
    Probes.Pub<Integer> a = new Probes.Pub<>();
    Probes.Pub<Integer> b = new Probes.Pub<>();
    Probes.Sub<List<Integer>> sub = new Probes.Sub<>();
    fanIn(MergeLatest.<Integer>create(2, true), List.of(a.source(), b.source()))
        .runWith(sub.sink(), system);
    sub.request(5);
    a.sendNext(1);
    b.sendNext(2);
    sub.expectNext(List.of(1, 2));
    a.sendComplete();
    sub.expectComplete();
    b.expectCancellation();
  }

  // ------------------------------------------------------------------ MergeSequence

  @Test
  void mergeSequenceRestoresTheOrderOfElementsSplitOverParallelPaths() throws Exception {
    List<Integer> input = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      input.add(i * 3);
    }
    // split by parity of the index, run each part through its own async path, merge back in order
    Flow<Pair<Integer, Long>, Pair<Integer, Long>, NotUsed> work =
        Flow.fromGraph(GraphDSL.create(b -> {
          UniformFanOutShape<Pair<Integer, Long>, Pair<Integer, Long>> split =
              b.add(Partition.<Pair<Integer, Long>>create(2, p -> (int) (p.second() % 2)));
          UniformFanInShape<Pair<Integer, Long>, Pair<Integer, Long>> merge =
              b.add(MergeSequence.<Pair<Integer, Long>>create(2, Pair::second));
          for (int i = 0; i < 2; i++) {
            b.from(split.out(i))
                .via(b.add(Flow.<Pair<Integer, Long>>create()
                    .map(p -> Pair.create(p.first() + 1, p.second())).async()))
                .toInlet(merge.in(i));
          }
          return FlowShape.of(split.in(), merge.out());
        }));
    List<Pair<Integer, Long>> out =
        await(Source.from(input).zipWithIndex().via(work).runWith(Sink.seq(), system));
    assertThat(out).hasSize(200);
    for (int i = 0; i < 200; i++) {
      assertThat(out.get(i)).isEqualTo(Pair.create(i * 3 + 1, (long) i));
    }
  }

  @Test
  void mergeSequenceFailsOnAGapARepeatAndAnInputGoingBackwards() throws Exception {
    CompletionStage<List<Long>> gap =
        fanIn(MergeSequence.<Long>create(2, x -> x),
            List.of(Source.from(List.of(0L, 3L)), Source.from(List.of(1L))))
            .runWith(Sink.seq(), system);
    assertThat(awaitFailure(gap))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("expected sequence number 2");

    CompletionStage<List<Long>> repeat =
        fanIn(MergeSequence.<Long>create(2, x -> x),
            List.of(Source.from(List.of(0L, 1L)), Source.from(List.of(1L, 2L))))
            .runWith(Sink.seq(), system);
    assertThat(awaitFailure(repeat)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("repeated or an input is out of order");

    CompletionStage<List<Long>> backwards =
        fanIn(MergeSequence.<Long>create(1, x -> x), List.of(Source.from(List.of(0L, 2L, 1L))))
            .runWith(Sink.seq(), system);
    assertThat(awaitFailure(backwards)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void mergeSequenceCompletesWhenAllInputsCompleteAndEmitsEachElementOnDemand()
      throws Exception {
    Probes.Pub<Long> a = new Probes.Pub<>();
    Probes.Pub<Long> b = new Probes.Pub<>();
    Probes.Sub<Long> sub = new Probes.Sub<>();
    fanIn(MergeSequence.<Long>create(2, x -> x), List.of(a.source(), b.source()))
        .runWith(sub.sink(), system);
    b.sendNext(1L); // waits: 0 has not come
    sub.request(1);
    a.sendNext(0L);
    sub.expectNext(0L);
    a.sendComplete();
    sub.request(1);
    sub.expectNext(1L);
    b.sendComplete();
    sub.expectComplete();
  }

  // ------------------------------------------------------------------ UnzipWith

  @Test
  void unzipWithSplitsEachElementIntoItsTwoOutputs() throws Exception {
    java.util.concurrent.atomic.AtomicReference<CompletionStage<List<Integer>>> lengths =
        new java.util.concurrent.atomic.AtomicReference<>();
    Sink<Integer, NotUsed> lengthSink =
        Sink.<Integer>seq().mapMaterializedValue(cs -> {
          lengths.set(cs);
          return NotUsed.getInstance();
        });
    CompletionStage<List<String>> words =
        RunnableGraph.fromGraph(GraphDSL.create(Sink.<String>seq(), (b, wordSink) -> {
          FanOutShape2<String, String, Integer> unzip =
              b.add(UnzipWith.<String, String, Integer>create(
                  s -> Pair.create(s.toUpperCase(), s.length())));
          b.from(b.add(Source.from(List.of("ab", "c")))).toInlet(unzip.in());
          b.from(unzip.out0()).to(wordSink);
          b.from(unzip.out1()).to(b.add(lengthSink));
          return ClosedShape.getInstance();
        }))
            .run(system);
    assertThat(await(words)).containsExactly("AB", "C");
    assertThat(await(lengths.get())).containsExactly(2, 1);
  }

  // ------------------------------------------------------------------ Source/Sink.combine, zipN

  @Test
  void sourceCombineFeedsTheSourcesInOrderIntoTheJunctionTheStrategyMakes() throws Exception {
    Source<Integer, NotUsed> concatenated =
        Source.combine(Source.from(List.of(1, 2)), Source.single(3),
            List.of(Source.from(List.of(4, 5))), n -> Concat.<Integer>create(n));
    assertThat(await(concatenated.runWith(Sink.seq(), system))).containsExactly(1, 2, 3, 4, 5);
    Source<Integer, NotUsed> merged =
        Source.combine(Source.from(List.of(1, 2)), Source.single(3), List.of(), Merge::create);
    assertThat(await(merged.runWith(Sink.seq(), system))).containsExactlyInAnyOrder(1, 2, 3);
  }

  @Test
  void sourceCombineMatKeepsBothValuesAndABadStrategyIsRefused() throws Exception {
    Pair<Pair<String, String>, CompletionStage<List<Integer>>> run =
        Source.combineMat(
                Source.single(1).mapMaterializedValue(m -> "first"),
                Source.single(2).mapMaterializedValue(m -> "second"),
                n -> Concat.<Integer>create(n), Pair::create)
            .toMat(Sink.seq(), Keep.both())
            .run(system);
    assertThat(run.first()).isEqualTo(Pair.create("first", "second"));
    assertThat(await(run.second())).containsExactly(1, 2);
    assertThatThrownBy(() -> Source.combine(Source.single(1), Source.single(2), List.of(),
            n -> Merge.<Integer>create(n + 1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the strategy was asked for 2 ports but made a junction with 3");
  }

  @Test
  void sourceZipNAndZipWithNZipInTheOrderOfTheListAndNoSourcesCompleteAtOnce() throws Exception {
    assertThat(await(Source.zipN(List.of(Source.from(List.of(1, 2)), Source.from(List.of(3, 4))))
            .runWith(Sink.seq(), system)))
        .containsExactly(List.of(1, 3), List.of(2, 4));
    assertThat(await(Source.<Integer, Integer>zipWithN(
                l -> l.stream().mapToInt(Integer::intValue).sum(),
                List.of(Source.single(1), Source.single(10), Source.single(100)))
            .runWith(Sink.seq(), system)))
        .containsExactly(111);
    assertThat(await(Source.<Integer>zipN(List.of()).runWith(Sink.seq(), system))).isEmpty();
  }

  @Test
  void sinkCombineSendsThroughTheFanOutToEachSinkAndCombineMatKeepsBothValues() throws Exception {
    List<Integer> a = new java.util.concurrent.CopyOnWriteArrayList<>();
    List<Integer> b = new java.util.concurrent.CopyOnWriteArrayList<>();
    Sink<Integer, NotUsed> both = Sink.combine(
        Sink.<Integer>foreach(a::add), Sink.<Integer>foreach(b::add), List.of(),
        n -> Broadcast.<Integer>create(n));
    await(Source.from(List.of(1, 2, 3)).alsoTo(both).runWith(Sink.ignore(), system));
    Probes.awaitCondition("both sinks saw all", () -> a.size() == 3 && b.size() == 3);
    assertThat(a).containsExactly(1, 2, 3);
    assertThat(b).containsExactly(1, 2, 3);

    Pair<CompletionStage<List<Integer>>, CompletionStage<Integer>> values =
        Source.from(List.of(1, 2, 3)).runWith(
            Sink.combineMat(Sink.<Integer>seq(), Sink.<Integer, Integer>fold(0, Integer::sum),
                n -> Broadcast.<Integer>create(n), Pair::create),
            system);
    assertThat(await(values.first())).containsExactly(1, 2, 3);
    assertThat(await(values.second())).isEqualTo(6);
  }

  @Test
  void theMergeLatestOperatorPairsThisStreamsLatestWithTheOthers() throws Exception {
    Probes.Pub<Integer> other = new Probes.Pub<>();
    Probes.Pub<Integer> main = new Probes.Pub<>();
    Probes.Sub<List<Integer>> sub = new Probes.Sub<>();
    main.source().mergeLatest(other.source(), false).runWith(sub.sink(), system);
    sub.request(5);
    main.sendNext(1);
    other.sendNext(10);
    sub.expectNext(List.of(1, 10));
    other.sendNext(20);
    sub.expectNext(List.of(1, 20));
    main.sendComplete();
    other.sendComplete();
    sub.expectComplete();
  }

  // ------------------------------------------------------------------ Mat variants, prefixAndTail

  @Test
  void concatPrependMergeAndZipMatVariantsKeepBothMaterializedValues() throws Exception {
    Source<Integer, String> a = Source.from(List.of(1, 2)).mapMaterializedValue(m -> "a");
    Source<Integer, String> b = Source.from(List.of(3)).mapMaterializedValue(m -> "b");
    Pair<Pair<String, String>, CompletionStage<List<Integer>>> concat =
        a.concatMat(b, Pair::create).toMat(Sink.seq(), Keep.both()).run(system);
    assertThat(concat.first()).isEqualTo(Pair.create("a", "b"));
    assertThat(await(concat.second())).containsExactly(1, 2, 3);
    assertThat(await(a.prependMat(b, Keep.right()).runWith(Sink.seq(), system)))
        .containsExactly(3, 1, 2);
    assertThat(a.prependMat(b, Keep.right()).to(Sink.ignore()).run(system)).isEqualTo("b");
    assertThat(await(a.mergeMat(b, Keep.left()).runWith(Sink.seq(), system)))
        .containsExactlyInAnyOrder(1, 2, 3);
    Pair<String, CompletionStage<List<Pair<Integer, Integer>>>> zipped =
        a.zipMat(b, Keep.right()).toMat(Sink.seq(), Keep.both()).run(system);
    assertThat(zipped.first()).isEqualTo("b");
    assertThat(await(zipped.second())).containsExactly(Pair.create(1, 3));
    Flow<Integer, Integer, String> flow =
        Flow.of(Integer.class).zipWithMat(b, Integer::sum, (x, y) -> y);
    assertThat(await(Source.single(10).via(flow).runWith(Sink.seq(), system))).containsExactly(13);
  }

  @Test
  void prefixAndTailEmitsThePrefixWithASourceOfTheRest() throws Exception {
    Pair<List<Integer>, Source<Integer, NotUsed>> p =
        await(Source.range(1, 6).prefixAndTail(2).runWith(Sink.head(), system));
    assertThat(p.first()).containsExactly(1, 2);
    assertThat(await(p.second().runWith(Sink.seq(), system))).containsExactly(3, 4, 5, 6);

    Pair<List<Integer>, Source<Integer, NotUsed>> shortStream =
        await(Source.range(1, 2).prefixAndTail(5).runWith(Sink.head(), system));
    assertThat(shortStream.first()).containsExactly(1, 2);
    assertThat(await(shortStream.second().runWith(Sink.seq(), system))).isEmpty();

    Pair<List<Integer>, Source<Integer, NotUsed>> none =
        await(Source.range(1, 3).prefixAndTail(0).runWith(Sink.head(), system));
    assertThat(none.first()).isEmpty();
    assertThat(await(none.second().runWith(Sink.seq(), system))).containsExactly(1, 2, 3);
    assertThatThrownBy(() -> Source.single(1).prefixAndTail(-1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void prefixAndTailPassesElementsAndAFailureAfterThePrefixToTheTail() throws Exception {
    Probes.Pub<Integer> pub = new Probes.Pub<>();
    CompletionStage<Pair<List<Integer>, Source<Integer, NotUsed>>> head =
        pub.source().prefixAndTail(1).runWith(Sink.head(), system);
    pub.sendNext(7);
    Pair<List<Integer>, Source<Integer, NotUsed>> pair = await(head);
    assertThat(pair.first()).containsExactly(7);
    Probes.Sub<Integer> tail = new Probes.Sub<>();
    pair.second().runWith(tail.sink(), system);
    tail.request(1);
    pub.sendNext(8);
    tail.expectNext(8);
    RuntimeException boom = new RuntimeException("boom");
    pub.sendError(boom);
    assertThat(tail.expectError()).isSameAs(boom);
  }

  // ------------------------------------------------------------------ small sources and operators

  @Test
  void foldAsyncFoldsOneElementAtATimeInOrderAndFailsWithItsFunction() throws Exception {
    java.util.concurrent.atomic.AtomicInteger inFlight = new java.util.concurrent.atomic.AtomicInteger();
    java.util.concurrent.atomic.AtomicInteger maxInFlight = new java.util.concurrent.atomic.AtomicInteger();
    CompletionStage<String> folded =
        Source.range(1, 5).runFoldAsync("", (acc, i) -> {
          maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
          return java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            inFlight.decrementAndGet();
            return acc + i;
          });
        }, system);
    assertThat(await(folded)).isEqualTo("12345");
    assertThat(maxInFlight.get()).isEqualTo(1);
    assertThat(await(Source.<Integer>empty().foldAsync(0,
            (a, b) -> java.util.concurrent.CompletableFuture.completedFuture(a + b))
        .runWith(Sink.seq(), system))).containsExactly(0);
    RuntimeException boom = new RuntimeException("boom");
    assertThat(awaitFailure(Source.range(1, 3).runWith(Sink.<Integer, Integer>foldAsync(0,
            (a, b) -> java.util.concurrent.CompletableFuture.failedFuture(boom)), system)))
        .isSameAs(boom);
  }

  @Test
  void neverFromOptionIterateFromJavaStreamAndRecoverWith() throws Exception {
    assertThat(await(Source.fromOption(java.util.Optional.of(1)).runWith(Sink.seq(), system)))
        .containsExactly(1);
    assertThat(await(Source.<Integer>fromOption(java.util.Optional.empty())
        .runWith(Sink.seq(), system))).isEmpty();
    assertThat(await(Source.iterate(1, i -> i * 2).take(5).runWith(Sink.seq(), system)))
        .containsExactly(1, 2, 4, 8, 16);
    assertThat(await(Source.fromJavaStream(() -> java.util.stream.Stream.of("a", "b"))
        .runWith(Sink.seq(), system))).containsExactly("a", "b");
    assertThat(await(Source.<Integer>never().merge(Source.single(3), true)
        .runWith(Sink.seq(), system))).containsExactly(3);
    java.util.concurrent.atomic.AtomicInteger attempts = new java.util.concurrent.atomic.AtomicInteger();
    assertThat(await(Source.<Integer>failed(new IllegalStateException("x"))
        .recoverWith(IllegalStateException.class, () -> attempts.incrementAndGet() < 3
            ? Source.<Integer>failed(new IllegalStateException("again"))
            : Source.single(9))
        .runWith(Sink.seq(), system))).containsExactly(9);
    assertThat(attempts.get()).isEqualTo(3);
  }

  // ------------------------------------------------------------------ fromSinkAndSourceCoupled

  @Test
  void aCoupledFlowEndsItsSinkWhenItsSourceCompletesAndItsOutputWhenItsInputCompletes()
      throws Exception {
    // the source completes: the output completes and the sink's input is closed
    Pair<CompletionStage<List<Integer>>, CompletionStage<List<String>>> bySource =
        Source.<Integer>never()
            .viaMat(Flow.fromSinkAndSourceCoupledMat(
                Sink.<Integer>seq(), Source.single("bye"), Keep.left()), Keep.right())
            .toMat(Sink.seq(), Keep.both())
            .run(system);
    assertThat(await(bySource.second())).containsExactly("bye");
    assertThat(await(bySource.first())).isEmpty();

    // the input completes: the sink completes with what came and the endless source is cancelled
    Pair<CompletionStage<List<Integer>>, CompletionStage<List<String>>> byInput =
        Source.from(List.of(1, 2))
            .viaMat(Flow.fromSinkAndSourceCoupledMat(
                Sink.<Integer>seq(), Source.<String>never(), Keep.left()), Keep.right())
            .toMat(Sink.seq(), Keep.both())
            .run(system);
    assertThat(await(byInput.first())).containsExactly(1, 2);
    assertThat(await(byInput.second())).isEmpty();

    // a failing input fails the output
    RuntimeException boom = new RuntimeException("boom");
    assertThat(awaitFailure(Source.<Integer>failed(boom)
            .via(Flow.fromSinkAndSourceCoupled(Sink.<Integer>ignore(), Source.<String>never()))
            .runWith(Sink.seq(), system)))
        .isSameAs(boom);
  }

  // ------------------------------------------------------------------ unfoldResource

  /** A resource over a list that records how often it was opened and closed. */
  static final class Cursor {
    static final java.util.concurrent.atomic.AtomicInteger opened =
        new java.util.concurrent.atomic.AtomicInteger();
    static final java.util.concurrent.atomic.AtomicInteger closed =
        new java.util.concurrent.atomic.AtomicInteger();
    private final java.util.Iterator<String> it;

    Cursor(List<String> rows) {
      opened.incrementAndGet();
      it = rows.iterator();
    }

    java.util.Optional<String> next() {
      if (!it.hasNext()) {
        return java.util.Optional.empty();
      }
      String row = it.next();
      if (row.startsWith("bad")) {
        throw new IllegalArgumentException(row);
      }
      return java.util.Optional.of(row);
    }

    void close() {
      closed.incrementAndGet();
    }
  }

  @Test
  void unfoldResourceReadsUntilEmptyAndClosesOnceAtTheEndOnCancelAndOnFailure() throws Exception {
    Cursor.opened.set(0);
    Cursor.closed.set(0);
    assertThat(await(Source.unfoldResource(() -> new Cursor(List.of("a", "b")), Cursor::next,
            Cursor::close).runWith(Sink.seq(), system))).containsExactly("a", "b");
    Probes.awaitCondition("closed at the end", () -> Cursor.closed.get() == 1);

    assertThat(await(Source.unfoldResource(() -> new Cursor(List.of("a", "b", "c")), Cursor::next,
            Cursor::close).take(1).runWith(Sink.seq(), system))).containsExactly("a");
    Probes.awaitCondition("closed on cancel", () -> Cursor.closed.get() == 2);

    assertThat(awaitFailure(Source.unfoldResource(() -> new Cursor(List.of("a", "bad")),
            Cursor::next, Cursor::close).runWith(Sink.seq(), system)))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("bad");
    Probes.awaitCondition("closed on failure", () -> Cursor.closed.get() == 3);
    assertThat(Cursor.opened.get()).isEqualTo(3);
  }

  @Test
  void unfoldResourceResumeSkipsAFailedReadAndRestartReopensTheResource() throws Exception {
    Cursor.opened.set(0);
    Cursor.closed.set(0);
    assertThat(await(Source.unfoldResource(() -> new Cursor(List.of("a", "bad1", "b")),
            Cursor::next, Cursor::close)
        .withAttributes(ActorAttributes.withSupervisionStrategy(Supervision.getResumingDecider()))
        .runWith(Sink.seq(), system))).containsExactly("a", "b");
    java.util.concurrent.atomic.AtomicInteger creates = new java.util.concurrent.atomic.AtomicInteger();
    assertThat(await(Source.unfoldResource(
            () -> new Cursor(creates.getAndIncrement() == 0 ? List.of("a", "bad") : List.of("x")),
            Cursor::next, Cursor::close)
        .withAttributes(ActorAttributes.withSupervisionStrategy(Supervision.getRestartingDecider()))
        .runWith(Sink.seq(), system))).containsExactly("a", "x");
    Probes.awaitCondition("every opened cursor closed", () -> Cursor.closed.get() == 3);
    assertThat(Cursor.opened.get()).isEqualTo(3);
  }

  // ------------------------------------------------------------------ small sinks

  @Test
  void countExistsForallNoneCollectFlattenOptionalAndLazySingle() throws Exception {
    assertThat(await(Source.range(1, 5).runWith(Sink.count(), system))).isEqualTo(5L);
    java.util.concurrent.atomic.AtomicInteger pulled = new java.util.concurrent.atomic.AtomicInteger();
    Source<Integer, NotUsed> numbers = Source.range(1, 100).map(i -> {
      pulled.incrementAndGet();
      return i;
    });
    assertThat(await(numbers.runWith(Sink.exists(i -> i == 3), system))).isTrue();
    assertThat(pulled.get()).isLessThan(100); // cancelled at the first match
    assertThat(await(Source.range(1, 5).runWith(Sink.exists(i -> i > 9), system))).isFalse();
    assertThat(await(Source.range(1, 5).runWith(Sink.forall(i -> i > 0), system))).isTrue();
    assertThat(await(Source.range(1, 5).runWith(Sink.forall(i -> i < 3), system))).isFalse();
    assertThat(await(Source.range(1, 5).runWith(Sink.none(i -> i > 9), system))).isTrue();
    assertThat(await(Source.range(1, 4).runWith(
            Sink.collect(java.util.stream.Collectors.summingInt(i -> i)), system)))
        .isEqualTo(10);
    assertThat(await(Source.from(List.of(java.util.Optional.of(1), java.util.Optional.<Integer>empty(),
            java.util.Optional.of(3))).via(Flow.<Integer>flattenOptional())
        .runWith(Sink.seq(), system))).containsExactly(1, 3);
    java.util.concurrent.atomic.AtomicInteger made = new java.util.concurrent.atomic.AtomicInteger();
    Source<Integer, NotUsed> lazy = Source.lazySingle(made::incrementAndGet);
    assertThat(made.get()).isZero();
    assertThat(await(lazy.runWith(Sink.seq(), system))).containsExactly(1);
  }

  // ------------------------------------------------------------------ Sink.queue

  @Test
  void sinkQueueHandsOutElementsOnPullThenEmptyAndRefusesASecondWaitingPull() throws Exception {
    SinkQueueWithCancel<Integer> queue = Source.range(1, 3).runWith(Sink.queue(), system);
    assertThat(await(queue.pull())).contains(1);
    assertThat(await(queue.pull())).contains(2);
    assertThat(await(queue.pull())).contains(3);
    assertThat(await(queue.pull())).isEmpty();
    assertThat(awaitFailure(queue.pull())).isInstanceOf(StreamDetachedException.class);

    Probes.Pub<Integer> pub = new Probes.Pub<>();
    SinkQueueWithCancel<Integer> waiting = pub.source().runWith(Sink.queue(), system);
    CompletionStage<java.util.Optional<Integer>> first = waiting.pull();
    assertThat(awaitFailure(waiting.pull())).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("at most 1 pull");
    pub.sendNext(5);
    assertThat(await(first)).contains(5);
    RuntimeException boom = new RuntimeException("boom");
    CompletionStage<java.util.Optional<Integer>> failed = waiting.pull();
    pub.sendError(boom);
    assertThat(awaitFailure(failed)).isSameAs(boom);
  }

  @Test
  void sinkQueueCancelCompletesAWaitingPullEmptyAndCancelsUpstream() throws Exception {
    Probes.Pub<Integer> pub = new Probes.Pub<>();
    SinkQueueWithCancel<Integer> queue = pub.source().runWith(
        Sink.<Integer>queue().withAttributes(Attributes.inputBuffer(2, 2)), system);
    CompletionStage<java.util.Optional<Integer>> pending = queue.pull();
    queue.cancel();
    assertThat(await(pending)).isEmpty();
    pub.expectCancellation();
    assertThatThrownBy(() -> Sink.queue(0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void scanAsyncEmitsZeroThenEachAsyncResultInOrder() throws Exception {
    assertThat(await(Source.range(1, 4).scanAsync(0,
            (acc, i) -> java.util.concurrent.CompletableFuture.supplyAsync(() -> acc + i))
        .runWith(Sink.seq(), system))).containsExactly(0, 1, 3, 6, 10);
    assertThat(await(Source.<Integer>empty().scanAsync(7,
            (acc, i) -> java.util.concurrent.CompletableFuture.completedFuture(acc + i))
        .runWith(Sink.seq(), system))).containsExactly(7);
    RuntimeException boom = new RuntimeException("boom");
    assertThat(awaitFailure(Source.range(1, 3).scanAsync(0,
            (acc, i) -> java.util.concurrent.CompletableFuture.<Integer>failedFuture(boom))
        .runWith(Sink.seq(), system))).isSameAs(boom);
  }
}
