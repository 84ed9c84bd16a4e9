package io.troupe.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.troupe.actor.NotUsed;
import io.troupe.japi.Pair;
import io.troupe.japi.function.Function;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** statefulMap, statefulMapConcat, intersperse and onErrorComplete, on Source, Flow and substreams. */
class StatefulOperatorsTest extends StreamTestBase {

  // ------------------------------------------------------------------ statefulMap

  @Test
  void statefulMapCarriesStateAndEmitsWhatOnCompleteReturns() throws Exception {
    // a running "pairs" operator: emits [prev, cur] and, at the end, the dangling last element
    Source<List<Integer>, NotUsed> pairs =
        Source.range(1, 5)
            .statefulMap(
                () -> new ArrayList<Integer>(),
                (buf, i) -> {
                  buf.add(i);
                  if (buf.size() == 2) {
                    List<Integer> out = List.copyOf(buf);
                    buf.clear();
                    return Pair.create(buf, out);
                  }
                  return Pair.create(buf, null); // nothing to emit yet
                },
                buf -> buf.isEmpty() ? Optional.empty() : Optional.of(List.copyOf(buf)));
    assertThat(await(pairs.runWith(Sink.seq(), system)))
        .containsExactly(List.of(1, 2), List.of(3, 4), List.of(5));
    // each run gets a fresh state
    assertThat(await(pairs.runWith(Sink.seq(), system))).hasSize(3);
  }

  @Test
  void statefulMapOnAFlowNumbersElements() throws Exception {
    Flow<String, String, NotUsed> numbered =
        Flow.of(String.class).statefulMap(() -> 0L, (i, s) -> Pair.create(i + 1, s + i), i -> Optional.empty());
    assertThat(await(Source.from(List.of("a", "b", "c")).via(numbered).runWith(Sink.seq(), system)))
        .containsExactly("a0", "b1", "c2");
  }

  @Test
  void statefulMapCallsOnCompleteOnceOnFailureAndFailsTheStream() throws Exception {
    List<Integer> closed = new CopyOnWriteArrayList<>();
    RuntimeException boom = new RuntimeException("boom");
    Probes.Pub<Integer> pub = new Probes.Pub<>();
    CompletionStage<List<Integer>> result =
        pub.source()
            .statefulMap(() -> 0, (sum, i) -> Pair.create(sum + i, sum + i), sum -> {
              closed.add(sum);
              return Optional.of(-1);
            })
            .runWith(Sink.seq(), system);
    pub.sendNext(1).sendNext(2);
    pub.sendError(boom);
    assertThat(awaitFailure(result)).isSameAs(boom);
    assertThat(closed).containsExactly(3); // called once, its element not emitted
  }

  @Test
  void statefulMapCallsOnCompleteWhenDownstreamCancelsAndCancelsUpstream() throws Exception {
    List<Integer> closed = new CopyOnWriteArrayList<>();
    Probes.Pub<Integer> pub = new Probes.Pub<>();
    Probes.Sub<Integer> sub = new Probes.Sub<>();
    pub.source()
        .statefulMap(() -> 10, (s, i) -> Pair.create(s + i, s + i), s -> {
          closed.add(s);
          return Optional.empty();
        })
        .runWith(sub.sink(), system);
    sub.request(1);
    pub.sendNext(5);
    sub.expectNext(15);
    sub.cancel();
    pub.expectCancellation();
    Probes.awaitCondition("onComplete after cancel", () -> closed.size() == 1);
    assertThat(closed).containsExactly(15);
  }

  @Test
  void statefulMapEmitsNoMoreThanRequested() throws Exception {
    Probes.Sub<Integer> sub = new Probes.Sub<>();
    Source.range(1, 1_000_000)
        .statefulMap(() -> 0, (s, i) -> Pair.create(s + 1, s), s -> Optional.of(-1))
        .runWith(sub.sink(), system);
    sub.request(2);
    sub.expectNext(0, 1);
    sub.request(1);
    sub.expectNext(2);
    sub.cancel();
  }

  @Test
  void statefulMapFollowsSupervision() throws Exception {
    Function<Integer, Integer> failOn3 =
        i -> {
          if (i == 3) {
            throw new IllegalStateException("3");
          }
          return i;
        };
    Source<Integer, NotUsed> sums =
        Source.range(1, 5)
            .statefulMap(() -> 0, (s, i) -> Pair.create(s + failOn3.apply(i), s + i), s -> Optional.of(s * 100));
    // stop (default): fails
    assertThat(awaitFailure(sums.runWith(Sink.seq(), system))).hasMessage("3");
    // resume: the element is dropped, the state kept
    assertThat(
            await(
                sums.withAttributes(ActorAttributes.withSupervisionStrategy(Supervision.getResumingDecider()))
                    .runWith(Sink.seq(), system)))
        .containsExactly(1, 3, 7, 12, 1200);
    // restart: the old state is closed (its element emitted) and a new one starts
    assertThat(
            await(
                sums.withAttributes(ActorAttributes.withSupervisionStrategy(Supervision.getRestartingDecider()))
                    .runWith(Sink.seq(), system)))
        .containsExactly(1, 3, 300, 4, 9, 900);
  }

  @Test
  void statefulMapRejectsNullArguments() {
    assertThatThrownBy(() -> Source.range(1, 2).statefulMap(null, (s, i) -> Pair.create(s, i), s -> Optional.empty()))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("create");
    assertThatThrownBy(() -> Source.range(1, 2).statefulMap(() -> 0, (s, i) -> Pair.create(s, i), null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("onComplete");
  }

  @Test
  void statefulMapClosesItsStateWhenTheStreamIsTornDown() throws Exception {
    List<Integer> closed = new CopyOnWriteArrayList<>();
    java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
    Materializer mat = Materializer.createMaterializer(system);
    Source.<Integer>maybe()
        .statefulMap(() -> {
          started.countDown();
          return 7;
        }, (s, i) -> Pair.create(s, i), s -> {
          closed.add(s);
          return Optional.empty();
        })
        .runWith(Sink.ignore(), mat);
    assertThat(started.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    mat.shutdown();
    Probes.awaitCondition("onComplete after teardown", () -> !closed.isEmpty());
    assertThat(closed).containsExactly(7);
  }

  // ------------------------------------------------------------------ statefulMapConcat

  @Test
  void statefulMapConcatKeepsStatePerMaterialization() throws Exception {
    AtomicInteger created = new AtomicInteger();
    // emits each element as often as it has been seen so far
    Source<String, NotUsed> repeats =
        Source.from(List.of("a", "b", "a", "a"))
            .statefulMapConcat(
                () -> {
                  created.incrementAndGet();
                  java.util.Map<String, Integer> seen = new java.util.HashMap<>();
                  return s -> java.util.Collections.nCopies(seen.merge(s, 1, Integer::sum), s);
                });
    assertThat(await(repeats.runWith(Sink.seq(), system)))
        .containsExactly("a", "b", "a", "a", "a", "a", "a");
    assertThat(await(repeats.runWith(Sink.seq(), system))).hasSize(7);
    assertThat(created).hasValue(2);
  }

  @Test
  void statefulMapConcatBackpressuresWithinAnIterableAndCompletesAfterIt() throws Exception {
    Probes.Pub<Integer> pub = new Probes.Pub<>();
    Probes.Sub<Integer> sub = new Probes.Sub<>();
    pub.source()
        .statefulMapConcat(() -> (Integer i) -> List.of(i, i, i))
        .runWith(sub.sink(), system);
    pub.sendNext(7);
    pub.sendComplete();
    sub.request(2);
    sub.expectNext(7, 7);
    sub.request(5);
    sub.expectNext(7);
    sub.expectComplete();
  }

  @Test
  void statefulMapConcatFailsOnUpstreamFailureAndOnAThrowingFunction() throws Exception {
    RuntimeException boom = new RuntimeException("boom");
    assertThat(
            awaitFailure(
                Source.<Integer>failed(boom)
                    .statefulMapConcat(() -> (Integer i) -> List.of(i))
                    .runWith(Sink.seq(), system)))
        .isSameAs(boom);
    assertThat(
            awaitFailure(
                Source.range(1, 3)
                    .statefulMapConcat(
                        () -> (Integer i) -> {
                          throw new IllegalArgumentException("bad " + i);
                        })
                    .runWith(Sink.seq(), system)))
        .hasMessage("bad 1");
  }

  @Test
  void statefulMapConcatFailsOnANullElementInsteadOfSkippingTheRest() throws Exception {
    assertThat(
            awaitFailure(
                Source.single(1)
                    .statefulMapConcat(() -> (Integer i) -> java.util.Arrays.asList(i, null, i))
                    .runWith(Sink.seq(), system)))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void statefulMapConcatRestartCreatesANewFunction() throws Exception {
    Source<Integer, NotUsed> s =
        Source.range(1, 5)
            .statefulMapConcat(
                () -> {
                  int[] count = {0};
                  return (Integer i) -> {
                    if (i == 3) {
                      throw new IllegalStateException();
                    }
                    return List.of(++count[0]);
                  };
                })
            .withAttributes(ActorAttributes.withSupervisionStrategy(Supervision.getRestartingDecider()));
    assertThat(await(s.runWith(Sink.seq(), system))).containsExactly(1, 2, 1, 2);
  }

  @Test
  void statefulMapConcatCancelsUpstreamWhenDownstreamCancels() throws Exception {
    Probes.Pub<Integer> pub = new Probes.Pub<>();
    Probes.Sub<Integer> sub = new Probes.Sub<>();
    pub.source().statefulMapConcat(() -> (Integer i) -> List.of(i)).runWith(sub.sink(), system);
    sub.request(1);
    pub.sendNext(1);
    sub.expectNext(1);
    sub.cancel();
    pub.expectCancellation();
  }

  // ------------------------------------------------------------------ intersperse

  @Test
  void intersperseInjectsBetweenElementsAndAroundThem() throws Exception {
    assertThat(await(Source.from(List.of("a", "b", "c")).intersperse(",").runWith(Sink.seq(), system)))
        .containsExactly("a", ",", "b", ",", "c");
    assertThat(
            await(Source.from(List.of("a", "b")).intersperse("[", ",", "]").runFold("", String::concat, system)))
        .isEqualTo("[a,b]");
    assertThat(await(Source.<String>empty().intersperse("[", ",", "]").runWith(Sink.seq(), system)))
        .containsExactly("[", "]");
    assertThat(await(Source.<String>empty().intersperse(",").runWith(Sink.seq(), system))).isEmpty();
    assertThat(await(Source.single("x").intersperse(",").runWith(Sink.seq(), system))).containsExactly("x");
  }

  @Test
  void intersperseEmitsOneElementPerRequest() throws Exception {
    Probes.Pub<String> pub = new Probes.Pub<>();
    Probes.Sub<String> sub = new Probes.Sub<>();
    pub.source().intersperse("<", "-", ">").runWith(sub.sink(), system);
    sub.request(1);
    sub.expectNext("<");
    pub.sendNext("a");
    pub.sendNext("b");
    sub.request(2);
    sub.expectNext("a", "-");
    sub.request(1);
    sub.expectNext("b");
    pub.sendComplete();
    sub.request(1);
    sub.expectNext(">");
    sub.expectComplete();
  }

  @Test
  void intersperseFailsAndCancels() throws Exception {
    RuntimeException boom = new RuntimeException("boom");
    Probes.Pub<String> pub = new Probes.Pub<>();
    Probes.Sub<String> sub = new Probes.Sub<>();
    pub.source().intersperse(",").runWith(sub.sink(), system);
    sub.request(5);
    pub.sendNext("a");
    sub.expectNext("a");
    pub.sendError(boom);
    assertThat(sub.expectError()).isSameAs(boom);

    Probes.Pub<String> pub2 = new Probes.Pub<>();
    Probes.Sub<String> sub2 = new Probes.Sub<>();
    pub2.source().intersperse(",").runWith(sub2.sink(), system);
    sub2.cancel();
    pub2.expectCancellation();
  }

  @Test
  void intersperseRejectsNulls() {
    assertThatThrownBy(() -> Source.single("a").intersperse(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("inject");
    assertThatThrownBy(() -> Source.single("a").intersperse(null, ",", "]"))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("start");
  }

  // ------------------------------------------------------------------ onErrorComplete

  @Test
  void onErrorCompleteTurnsAFailureIntoCompletion() throws Exception {
    Source<Integer, NotUsed> failing =
        Source.range(1, 5).map(i -> {
          if (i == 3) {
            throw new IllegalStateException("at 3");
          }
          return i;
        });
    assertThat(await(failing.onErrorComplete().runWith(Sink.seq(), system))).containsExactly(1, 2);
    assertThat(await(failing.onErrorComplete(IllegalStateException.class).runWith(Sink.seq(), system)))
        .containsExactly(1, 2);
    assertThat(await(failing.onErrorComplete(ex -> ex.getMessage().equals("at 3")).runWith(Sink.seq(), system)))
        .containsExactly(1, 2);
  }

  @Test
  void onErrorCompleteLetsOtherFailuresThrough() throws Exception {
    Source<Integer, NotUsed> failing = Source.failed(new IllegalArgumentException("other"));
    assertThat(awaitFailure(failing.onErrorComplete(IllegalStateException.class).runWith(Sink.seq(), system)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("other");
    assertThat(awaitFailure(failing.onErrorComplete(ex -> false).runWith(Sink.seq(), system)))
        .hasMessage("other");
  }

  @Test
  void onErrorCompletePassesElementsAsRequestedAndCancelsUpstream() throws Exception {
    Probes.Pub<Integer> pub = new Probes.Pub<>();
    Probes.Sub<Integer> sub = new Probes.Sub<>();
    Flow<Integer, Integer, NotUsed> f = Flow.of(Integer.class).onErrorComplete();
    pub.source().via(f).runWith(sub.sink(), system);
    pub.sendNext(1).sendNext(2);
    sub.request(1);
    sub.expectNext(1);
    sub.request(1);
    sub.expectNext(2);
    sub.cancel();
    pub.expectCancellation();
  }

  // ------------------------------------------------------------------ substreams

  @Test
  void substreamsGetTheirOwnStateAndSeparators() throws Exception {
    List<String> perKey =
        await(
            Source.from(List.of("a1", "b1", "a2", "b2", "a3"))
                .groupBy(2, s -> s.charAt(0))
                .statefulMap(() -> 0, (n, s) -> Pair.create(n + 1, s + "#" + n), n -> Optional.of("n=" + n))
                .intersperse("[", ",", "]")
                .fold("", String::concat)
                .mergeSubstreams()
                .runWith(Sink.seq(), system));
    assertThat(perKey).containsExactlyInAnyOrder("[a1#0,a2#1,a3#2,n=3]", "[b1#0,b2#1,n=2]");

    List<Integer> flowed =
        await(
            Source.range(1, 6)
                .via(
                    Flow.of(Integer.class)
                        .splitWhen(i -> i % 3 == 1)
                        .statefulMapConcat(() -> {
                          int[] seen = {0};
                          return (Integer i) -> List.of(++seen[0]);
                        })
                        .concatSubstreams())
                .runWith(Sink.seq(), system));
    assertThat(flowed).containsExactly(1, 2, 3, 1, 2, 3);
  }
  // ------------------------------------------------------------------ docs

  @Test
  void theStateAndStructureExampleOfTheDocsRuns() throws Exception {
    // the example of docs/streams-operators.md, "State and structure"
    java.util.concurrent.atomic.AtomicInteger seen = new java.util.concurrent.atomic.AtomicInteger();
    List<String> errors = new CopyOnWriteArrayList<>();
    CompletionStage<List<String>> out =
        Source.from(List.of("start", "ERROR disk", "ok", "done"))
            .statefulMap(() -> 1, (n, line) -> Pair.create(n + 1, n + ": " + line), n -> Optional.of("(" + (n - 1) + " lines)"))
            .wireTap(line -> seen.incrementAndGet()) // never slows the stream down
            .divertTo(Sink.foreach(errors::add), line -> line.contains("ERROR"))
            .onErrorComplete(IllegalStateException.class)
            .runWith(Sink.seq(), system);
    assertThat(await(out)).containsExactly("1: start", "3: ok", "4: done", "(4 lines)");
    assertThat(errors).containsExactly("2: ERROR disk");
    assertThat(seen).hasValue(5);
  }
}
