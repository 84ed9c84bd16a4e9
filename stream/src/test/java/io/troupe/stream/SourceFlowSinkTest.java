package io.troupe.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.troupe.actor.Done;
import io.troupe.actor.NotUsed;
import io.troupe.japi.Pair;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SourceFlowSinkTest extends StreamTestBase {

  @Test
  void rangeMapFilterFoldComputesTheSum() throws Exception {
    CompletionStage<Integer> sum =
        Source.range(1, 100).map(i -> i * 2).filter(i -> i % 3 == 0).runFold(0, Integer::sum, system);
    int expected = 0;
    for (int i = 1; i <= 100; i++) {
      if (i * 2 % 3 == 0) {
        expected += i * 2;
      }
    }
    assertThat(await(sum)).isEqualTo(expected);
  }

  @Test
  void aBlueprintCanRunManyTimes() throws Exception {
    RunnableGraph<CompletionStage<List<Integer>>> graph =
        Source.from(List.of(1, 2, 3)).map(i -> i + 1).toMat(Sink.seq(), Keep.right());
    for (int i = 0; i < 50; i++) {
      assertThat(await(graph.run(system))).containsExactly(2, 3, 4);
    }
  }

  @Test
  void simpleSources() throws Exception {
    assertThat(await(Source.single(7).runWith(Sink.seq(), system))).containsExactly(7);
    assertThat(await(Source.<Integer>empty().runWith(Sink.seq(), system))).isEmpty();
    assertThat(await(Source.range(1, 10, 3).runWith(Sink.seq(), system))).containsExactly(1, 4, 7, 10);
    assertThat(await(Source.range(5, 1, -2).runWith(Sink.seq(), system))).containsExactly(5, 3, 1);
    assertThat(await(Source.repeat("a").take(3).runWith(Sink.seq(), system)))
        .containsExactly("a", "a", "a");
    assertThat(await(Source.cycle(() -> List.of(1, 2).iterator()).take(5).runWith(Sink.seq(), system)))
        .containsExactly(1, 2, 1, 2, 1);
    assertThat(
            await(
                Source.unfold(0, s -> s < 4 ? Optional.of(Pair.create(s + 1, s * 10)) : Optional.empty())
                    .runWith(Sink.seq(), system)))
        .containsExactly(0, 10, 20, 30);
    assertThat(
            await(
                Source.unfoldAsync(
                        0,
                        s ->
                            CompletableFuture.supplyAsync(
                                () -> s < 3 ? Optional.of(Pair.create(s + 1, s)) : Optional.empty()))
                    .runWith(Sink.seq(), system)))
        .containsExactly(0, 1, 2);
    assertThat(await(Source.fromIterator(() -> List.of("x", "y").iterator()).runWith(Sink.seq(), system)))
        .containsExactly("x", "y");
    assertThat(
            await(
                Source.completionStage(CompletableFuture.supplyAsync(() -> 42)).runWith(Sink.head(), system)))
        .isEqualTo(42);
  }

  @Test
  void failedSourceFailsTheMaterializedFutureWithTheOriginalException() throws Exception {
    IllegalStateException boom = new IllegalStateException("boom");
    assertThat(awaitFailure(Source.failed(boom).runWith(Sink.seq(), system))).isSameAs(boom);
  }

  @Test
  void aFailingStageFailsDownstreamAndCancelsUpstream() throws Exception {
    CompletableFuture<Done> upstreamCancelled = new CompletableFuture<>();
    RuntimeException boom = new RuntimeException("bad element");
    CompletionStage<List<Integer>> result =
        Source.repeat(1)
            .watchTermination((m, done) -> {
              done.whenComplete((d, t) -> upstreamCancelled.complete(Done.INSTANCE));
              return m;
            })
            .map(i -> {
              throw boom;
            })
            .map(i -> (Integer) i)
            .runWith(Sink.seq(), system);
    assertThat(awaitFailure(result)).isSameAs(boom);
    assertThat(await(upstreamCancelled)).isEqualTo(Done.INSTANCE);
  }

  @Test
  void supervisionResumeDropsFailingElements() throws Exception {
    CompletionStage<List<Integer>> result =
        Source.range(1, 6)
            .map(i -> {
              if (i % 2 == 0) {
                throw new IllegalArgumentException("even");
              }
              return i;
            })
            .withAttributes(ActorAttributes.withSupervisionStrategy(Supervision.getResumingDecider()))
            .runWith(Sink.seq(), system);
    assertThat(await(result)).containsExactly(1, 3, 5);
  }

  @Test
  void supervisionRestartResetsScanState() throws Exception {
    CompletionStage<List<Integer>> result =
        Source.from(List.of(1, 2, -1, 3))
            .scan(0, (acc, i) -> {
              if (i < 0) {
                throw new IllegalArgumentException("negative");
              }
              return acc + i;
            })
            .withAttributes(ActorAttributes.withSupervisionStrategy(Supervision.getRestartingDecider()))
            .runWith(Sink.seq(), system);
    assertThat(await(result)).containsExactly(0, 1, 3, 3);
  }

  @Test
  void linearOperators() throws Exception {
    Source<Integer, NotUsed> src = Source.range(1, 10);
    assertThat(await(src.filterNot(i -> i > 3).runWith(Sink.seq(), system))).containsExactly(1, 2, 3);
    assertThat(await(src.mapConcat(i -> i < 3 ? List.of(i, i) : List.<Integer>of()).runWith(Sink.seq(), system)))
        .containsExactly(1, 1, 2, 2);
    assertThat(
            await(
                src.mapOptional(i -> i % 4 == 0 ? Optional.of("q" + i) : Optional.<String>empty())
                    .runWith(Sink.seq(), system)))
        .containsExactly("q4", "q8");
    assertThat(await(src.drop(8).runWith(Sink.seq(), system))).containsExactly(9, 10);
    assertThat(await(src.take(0).runWith(Sink.seq(), system))).isEmpty();
    assertThat(await(src.takeWhile(i -> i < 3).runWith(Sink.seq(), system))).containsExactly(1, 2);
    assertThat(await(src.takeWhile(i -> i < 3, true).runWith(Sink.seq(), system))).containsExactly(1, 2, 3);
    assertThat(await(src.dropWhile(i -> i < 9).runWith(Sink.seq(), system))).containsExactly(9, 10);
    assertThat(await(src.grouped(4).runWith(Sink.seq(), system)))
        .containsExactly(List.of(1, 2, 3, 4), List.of(5, 6, 7, 8), List.of(9, 10));
    assertThat(await(src.take(5).sliding(3, 2).runWith(Sink.seq(), system)))
        .containsExactly(List.of(1, 2, 3), List.of(3, 4, 5));
    assertThat(await(src.take(4).sliding(3, 1).runWith(Sink.seq(), system)))
        .containsExactly(List.of(1, 2, 3), List.of(2, 3, 4));
    assertThat(await(src.take(3).scan(0, Integer::sum).runWith(Sink.seq(), system)))
        .containsExactly(0, 1, 3, 6);
    assertThat(await(src.fold(0, Integer::sum).runWith(Sink.seq(), system))).containsExactly(55);
    assertThat(await(src.reduce(Math::max).runWith(Sink.seq(), system))).containsExactly(10);
    assertThat(await(src.take(2).zipWithIndex().runWith(Sink.seq(), system)))
        .containsExactly(Pair.create(1, 0L), Pair.create(2, 1L));
    assertThat(await(Source.from(List.<Object>of(1, "a", 2.0)).collectType(String.class).runWith(Sink.seq(), system)))
        .containsExactly("a");
  }

  @Test
  void sinks() throws Exception {
    Source<Integer, NotUsed> src = Source.range(1, 5);
    assertThat(await(src.runWith(Sink.head(), system))).isEqualTo(1);
    assertThat(await(src.runWith(Sink.last(), system))).isEqualTo(5);
    assertThat(await(src.runWith(Sink.headOption(), system))).contains(1);
    assertThat(await(Source.<Integer>empty().runWith(Sink.headOption(), system))).isEmpty();
    assertThat(await(Source.<Integer>empty().runWith(Sink.lastOption(), system))).isEmpty();
    assertThat(awaitFailure(Source.<Integer>empty().runWith(Sink.head(), system)))
        .isInstanceOf(java.util.NoSuchElementException.class);
    assertThat(awaitFailure(Source.<Integer>empty().runWith(Sink.reduce(Integer::sum), system)))
        .isInstanceOf(java.util.NoSuchElementException.class);
    assertThat(await(src.runWith(Sink.takeLast(2), system))).containsExactly(4, 5);
    assertThat(await(src.runWith(Sink.reduce(Integer::sum), system))).isEqualTo(15);
    List<Integer> seen = Collections.synchronizedList(new ArrayList<>());
    assertThat(await(src.runForeach(seen::add, system))).isEqualTo(Done.INSTANCE);
    assertThat(seen).containsExactly(1, 2, 3, 4, 5);
    assertThat(await(src.run(system))).isEqualTo(Done.INSTANCE);
    CompletableFuture<Optional<Throwable>> end = new CompletableFuture<>();
    src.runWith(Sink.onComplete(end::complete), system);
    assertThat(await(end)).isEmpty();
    AtomicInteger count = new AtomicInteger();
    assertThat(
            await(
                src.runWith(
                    Sink.foreachAsync(2, i -> CompletableFuture.runAsync(count::incrementAndGet)), system)))
        .isEqualTo(Done.INSTANCE);
    assertThat(count).hasValue(5);
  }

  @Test
  void cancelledSinkCancelsTheSource() throws Exception {
    CompletionStage<Done> termination =
        Source.repeat(1).watchTermination(Keep.right()).to(Sink.cancelled()).run(system);
    assertThat(await(termination)).isEqualTo(Done.INSTANCE);
  }

  @Test
  void materializedValuesCombine() throws Exception {
    Pair<CompletableFuture<Optional<Integer>>, CompletionStage<List<Integer>>> both =
        Source.<Integer>maybe().toMat(Sink.seq(), Keep.both()).run(system);
    both.first().complete(Optional.of(9));
    assertThat(await(both.second())).containsExactly(9);
    NotUsed none = Source.single(1).toMat(Sink.ignore(), Keep.none()).run(system);
    assertThat(none).isEqualTo(NotUsed.INSTANCE);
    String mapped = Source.single(1).mapMaterializedValue(n -> "mat").to(Sink.ignore()).run(system);
    assertThat(mapped).isEqualTo("mat");
  }

  @Test
  void maybeCompletedEmptyCompletesTheStream() throws Exception {
    Pair<CompletableFuture<Optional<Integer>>, CompletionStage<List<Integer>>> both =
        Source.<Integer>maybe().toMat(Sink.seq(), Keep.both()).run(system);
    both.first().complete(Optional.empty());
    assertThat(await(both.second())).isEmpty();
  }

  @Test
  void flowsComposeAndRun() throws Exception {
    Flow<String, Integer, NotUsed> lengths = Flow.of(String.class).map(String::length);
    Flow<String, Integer, NotUsed> doubled = lengths.via(Flow.<Integer>create().map(i -> i * 2));
    Sink<String, CompletionStage<List<Integer>>> sink = doubled.toMat(Sink.seq(), Keep.right());
    assertThat(await(Source.from(List.of("a", "bb")).runWith(sink, system))).containsExactly(2, 4);
    Pair<NotUsed, CompletionStage<List<Integer>>> p =
        lengths.runWith(Source.single("abc"), Sink.seq(), system);
    assertThat(await(p.second())).containsExactly(3);
    assertThat(await(Source.range(1, 3).runWith(Sink.<Integer>seq().contramap((Integer i) -> i * 10), system)))
        .containsExactly(10, 20, 30);
  }

  @Test
  void mapAsyncKeepsOrderAndUnorderedEmitsAll() throws Exception {
    CompletionStage<List<Integer>> ordered =
        Source.range(1, 20)
            .mapAsync(4, i -> CompletableFuture.supplyAsync(() -> i * 2))
            .runWith(Sink.seq(), system);
    List<Integer> expected = new ArrayList<>();
    for (int i = 1; i <= 20; i++) {
      expected.add(i * 2);
    }
    assertThat(await(ordered)).containsExactlyElementsOf(expected);
    CompletionStage<List<Integer>> unordered =
        Source.range(1, 20)
            .mapAsyncUnordered(4, i -> CompletableFuture.supplyAsync(() -> i * 2))
            .runWith(Sink.seq(), system);
    assertThat(await(unordered)).containsExactlyInAnyOrderElementsOf(expected);
    CompletionStage<List<Integer>> completed =
        Source.range(1, 5).mapAsync(2, i -> CompletableFuture.completedFuture(i)).runWith(Sink.seq(), system);
    assertThat(await(completed)).containsExactly(1, 2, 3, 4, 5);
  }

  @Test
  void mapAsyncFailureFailsTheStream() throws Exception {
    IllegalStateException boom = new IllegalStateException("async boom");
    CompletionStage<List<Integer>> r =
        Source.range(1, 5)
            .mapAsync(2, i -> i == 3 ? CompletableFuture.<Integer>failedFuture(boom) : CompletableFuture.completedFuture(i))
            .runWith(Sink.seq(), system);
    assertThat(awaitFailure(r)).isSameAs(boom);
  }

  @Test
  void mapAsyncNeverHasMoreThanParallelismFuturesPending() throws Exception {
    AtomicInteger pending = new AtomicInteger();
    AtomicInteger maxPending = new AtomicInteger();
    CompletionStage<Done> done =
        Source.range(1, 200)
            .mapAsync(
                3,
                i -> {
                  maxPending.accumulateAndGet(pending.incrementAndGet(), Math::max);
                  return CompletableFuture.supplyAsync(() -> {
                    pending.decrementAndGet();
                    return i;
                  });
                })
            .runWith(Sink.ignore(), system);
    await(done);
    assertThat(maxPending.get()).isBetween(1, 3);
  }

  @Test
  void recoverAndMapError() throws Exception {
    assertThat(
            await(
                Source.range(1, 3)
                    .map(i -> {
                      if (i == 3) {
                        throw new IllegalStateException("x");
                      }
                      return i;
                    })
                    .recover(IllegalStateException.class, () -> 99)
                    .runWith(Sink.seq(), system)))
        .containsExactly(1, 2, 99);
    Throwable t =
        awaitFailure(
            Source.failed(new IllegalStateException("x"))
                .mapError(IllegalStateException.class, e -> new UnsupportedOperationException("mapped", e))
                .runWith(Sink.seq(), system));
    assertThat(t).isInstanceOf(UnsupportedOperationException.class).hasMessage("mapped");
    assertThat(
            await(
                Source.<Integer>failed(new IllegalStateException("x"))
                    .recoverWithRetries(1, IllegalStateException.class, () -> Source.range(5, 7))
                    .runWith(Sink.seq(), system)))
        .containsExactly(5, 6, 7);
    Throwable exhausted =
        awaitFailure(
            Source.<Integer>failed(new IllegalStateException("first"))
                .recoverWithRetries(
                    1, IllegalStateException.class, () -> Source.failed(new IllegalStateException("second")))
                .runWith(Sink.seq(), system));
    assertThat(exhausted).hasMessage("second");
  }

  @Test
  void badArgumentsAreRejectedAtTheEdge() {
    assertThatThrownBy(() -> Source.range(1, 2).grouped(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("n must be > 0, was 0");
    assertThatThrownBy(() -> Source.range(1, 2).mapAsync(0, CompletableFuture::completedFuture))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("parallelism");
    assertThatThrownBy(() -> Source.range(1, 2).buffer(-1, OverflowStrategy.dropHead()))
        .hasMessageContaining("size must be > 0, was -1");
    assertThatThrownBy(() -> Source.range(1, 2, 0)).hasMessageContaining("step must not be zero");
    assertThatThrownBy(() -> Source.single(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> Attributes.inputBuffer(4, 6)).hasMessageContaining("power of two, was 6");
    assertThatThrownBy(() -> Sink.takeLast(0)).hasMessageContaining("n must be > 0, was 0");
  }

  @Test
  void lazySourceIsCreatedOnFirstDemand() throws Exception {
    AtomicInteger created = new AtomicInteger();
    Source<Integer, CompletionStage<NotUsed>> lazy =
        Source.lazySource(() -> {
          created.incrementAndGet();
          return Source.range(1, 3);
        });
    assertThat(created).hasValue(0);
    Pair<CompletionStage<NotUsed>, CompletionStage<List<Integer>>> p =
        lazy.toMat(Sink.seq(), Keep.both()).run(system);
    assertThat(await(p.second())).containsExactly(1, 2, 3);
    assertThat(await(p.first())).isEqualTo(NotUsed.INSTANCE);
    assertThat(created).hasValue(1);
  }

  @Test
  void lazySinkAndCompletionStageSink() throws Exception {
    CompletionStage<CompletionStage<List<Integer>>> inner =
        Source.range(1, 4).runWith(Sink.lazySink(Sink::<Integer>seq), system);
    assertThat(await(await(inner))).containsExactly(1, 2, 3, 4);
    Throwable never = awaitFailure(Source.<Integer>empty().runWith(Sink.lazySink(Sink::<Integer>seq), system));
    assertThat(never).isInstanceOf(NeverMaterializedException.class);
    CompletableFuture<Sink<Integer, CompletionStage<List<Integer>>>> later = new CompletableFuture<>();
    CompletionStage<CompletionStage<List<Integer>>> m =
        Source.range(1, 3).runWith(Sink.completionStageSink(later), system);
    later.complete(Sink.seq());
    assertThat(await(await(m))).containsExactly(1, 2, 3);
  }
}
