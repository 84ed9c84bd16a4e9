package io.troupe.stream.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigFactory;
import io.troupe.actor.ActorSystem;
import io.troupe.actor.Done;
import io.troupe.actor.Behaviors;
import io.troupe.japi.Pair;
import io.troupe.stream.AbruptStageTerminationException;
import io.troupe.stream.ActorAttributes;
import io.troupe.stream.Attributes;
import io.troupe.stream.Flow;
import io.troupe.stream.KillSwitches;
import io.troupe.stream.Keep;
import io.troupe.stream.Materializer;
import io.troupe.stream.RunnableGraph;
import io.troupe.stream.Sink;
import io.troupe.stream.Source;
import io.troupe.stream.Supervision;
import io.troupe.stream.UniqueKillSwitch;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Iterator sources fused with the run after them: the plan, the results, and yielding; and a
 * grouping window ending a fused run, with or without a source (the window's timer and demand on a
 * manual clock are in {@code FusedGroupWindowTest}).
 */
class SourceFusionTest {
  private static final String ONE_THREAD = "source-fusion-one-thread";
  private static final Duration NEVER = Duration.ofDays(1);
  private static ActorSystem<Void> system;

  @BeforeAll
  static void start() {
    system =
        ActorSystem.create(
            Behaviors.empty(),
            "source-fusion-test",
            ConfigFactory.parseString(
                    ONE_THREAD
                        + " { executor = \"thread-pool-executor\", throughput = 5,"
                        + " thread-pool-executor.fixed-pool-size = 1 }")
                .withFallback(ConfigFactory.load()));
  }

  @AfterAll
  static void stop() throws Exception {
    system.terminate();
    system.getWhenTerminated().toCompletableFuture().get(20, TimeUnit.SECONDS);
  }

  private static <T> T await(CompletionStage<T> stage) throws Exception {
    return stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private static Throwable failureOf(CompletionStage<?> stage) throws Exception {
    try {
      await(stage);
    } catch (ExecutionException e) {
      return e.getCause();
    }
    throw new AssertionError("expected the stream to fail");
  }

  private static List<String> stageNames(RunnableGraph<?> graph) {
    return Arrays.stream(Plan.of(graph.module()).stages)
        .filter(Objects::nonNull)
        .map(s -> s instanceof Fusion.Fused f ? f.name() : s.getClass().getSimpleName())
        .toList();
  }

  /** An iterator over {@code 1, 2, ...} that throws on its {@code failAt}-th element. */
  private static Iterator<Integer> failingAt(int failAt) {
    return new Iterator<>() {
      private int next = 1;

      @Override
      public boolean hasNext() {
        return true;
      }

      @Override
      public Integer next() {
        if (next == failAt) {
          throw new IllegalStateException("iterator broke at " + failAt);
        }
        return next++;
      }
    };
  }

  @Test
  void everyIteratorSourceHeadsTheRunAfterIt() {
    assertThat(
            stageNames(
                Source.range(1, 10)
                    .map(i -> i * 3)
                    .filter(i -> i % 2 == 0)
                    .toMat(Sink.fold(0, Integer::sum), Keep.right())))
        .hasSize(2) // the fused run and the head sink
        .anyMatch(n -> n.startsWith("fused(rangeSource,map,filter,") && n.endsWith(",fold)"));
    assertThat(stageNames(Source.from(List.of(1, 2)).map(i -> i).toMat(Sink.seq(), Keep.right())))
        .contains("fused(iterableSource,map)")
        .hasSize(2);
    assertThat(
            stageNames(
                Source.fromIterator(() -> List.of(1).iterator())
                    .filterNot(i -> i > 1)
                    .toMat(Sink.seq(), Keep.right())))
        .contains("fused(iteratorSource,filterNot)");
    assertThat(stageNames(Source.repeat(1).map(i -> i).take(3).toMat(Sink.seq(), Keep.right())))
        .contains("fused(repeatSource,map)");
    assertThat(stageNames(Source.range(1, 10).toMat(Sink.reduce(Integer::sum), Keep.right())))
        .contains("fused(rangeSource,identity,reduce)"); // Sink.reduce starts with an identity
  }

  @Test
  void aSourceBeforeAnAsyncBoundaryStaysApart() {
    List<String> names =
        stageNames(
            Source.range(1, 10)
                .async()
                .map(i -> i + 1)
                .filter(i -> i > 2)
                .toMat(Sink.seq(), Keep.right()));

    assertThat(names).contains("IteratorSource", "fused(map,filter)");
  }

  @Test
  void aFusedFoldOverManyChunksFoldsEveryElement() throws Exception {
    int n = 20 * FusedSource.CHUNK + 17;
    long sum =
        await(
            Source.range(1, n)
                .map(i -> (long) i * 3)
                .filter(i -> (i & 1) == 0)
                .runFold(0L, Long::sum, system));

    assertThat(sum).isEqualTo(LongStream.rangeClosed(1, n).map(i -> i * 3).filter(i -> (i & 1) == 0).sum());
  }

  @Test
  void longRunsOfDroppedElementsDoNotLoseTheSurvivors() throws Exception {
    int gap = 3 * FusedSource.CHUNK + 5;
    List<Integer> survivors =
        await(Source.range(1, 4 * gap).filter(i -> i % gap == 0).runWith(Sink.seq(), system));
    assertThat(survivors).containsExactly(gap, 2 * gap, 3 * gap, 4 * gap);

    List<Integer> droppedAtTheEnd =
        await(Source.range(1, 3 * FusedSource.CHUNK).filter(i -> i < 3).runWith(Sink.seq(), system));
    assertThat(droppedAtTheEnd).containsExactly(1, 2);
  }

  @Test
  void aPullDrivenFusedSourceEmitsInOrder() throws Exception {
    int n = 3 * FusedSource.CHUNK;
    List<Integer> result =
        await(Source.range(1, n).map(i -> i * 2).filter(i -> i % 3 != 0).runWith(Sink.seq(), system));

    assertThat(result)
        .isEqualTo(IntStream.rangeClosed(1, n).map(i -> i * 2).filter(i -> i % 3 != 0).boxed().toList());
  }

  @Test
  void theIteratorsFailureFailsTheStreamDespiteResumingSteps() throws Exception {
    Flow<Integer, Integer, ?> resumingMap =
        Flow.of(Integer.class)
            .map(i -> i + 1)
            .withAttributes(ActorAttributes.withSupervisionStrategy(Supervision.getResumingDecider()));

    Throwable pulled =
        failureOf(Source.fromIterator(() -> failingAt(4)).via(resumingMap).runWith(Sink.seq(), system));
    assertThat(pulled).isInstanceOf(IllegalStateException.class).hasMessage("iterator broke at 4");

    Throwable folded =
        failureOf(
            Source.fromIterator(() -> failingAt(FusedSource.CHUNK + 3))
                .via(resumingMap)
                .runFold(0, Integer::sum, system));
    assertThat(folded)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("iterator broke at " + (FusedSource.CHUNK + 3));
  }

  @Test
  void aNullFromTheIteratorOrAFailingCreatorFailsTheStream() throws Exception {
    Throwable nul =
        failureOf(
            Source.fromIterator(() -> Arrays.asList(1, null, 3).iterator())
                .map(i -> i)
                .runWith(Sink.seq(), system));
    assertThat(nul).isInstanceOf(NullPointerException.class);

    Throwable creator =
        failureOf(
            Source.<Integer>fromIterator(() -> {
                  throw new IllegalStateException("no iterator today");
                })
                .map(i -> i)
                .runFold(0, Integer::sum, system));
    assertThat(creator).isInstanceOf(IllegalStateException.class).hasMessage("no iterator today");
  }

  @Test
  void supervisionStillDecidesPerStage() throws Exception {
    int n = 2 * FusedSource.CHUNK;
    long resumed =
        await(
            Source.range(1, n)
                .via(
                    Flow.of(Integer.class)
                        .map(i -> {
                          if (i % 1000 == 0) {
                            throw new IllegalArgumentException("no thousands");
                          }
                          return (long) i;
                        })
                        .withAttributes(
                            ActorAttributes.withSupervisionStrategy(
                                Supervision.getResumingDecider())))
                .runFold(0L, Long::sum, system));
    assertThat(resumed).isEqualTo(LongStream.rangeClosed(1, n).filter(i -> i % 1000 != 0).sum());

    int restarted =
        await(
            Source.range(1, 6)
                .map(i -> i)
                .runWith(
                    Sink.<Integer, Integer>fold(
                            0,
                            (acc, i) -> {
                              if (i == 4) {
                                throw new IllegalArgumentException("four");
                              }
                              return acc + i;
                            })
                        .withAttributes(
                            ActorAttributes.withSupervisionStrategy(
                                Supervision.getRestartingDecider())),
                    system));
    assertThat(restarted).isEqualTo(5 + 6);

    Throwable stopped =
        failureOf(
            Source.range(1, 10)
                .map(i -> {
                  if (i == 7) {
                    throw new IllegalStateException("seven");
                  }
                  return i;
                })
                .runWith(Sink.seq(), system));
    assertThat(stopped).isInstanceOf(IllegalStateException.class).hasMessage("seven");
  }

  @Test
  void emptySourcesCompleteFusedRuns() throws Exception {
    assertThat(await(Source.from(List.<Integer>of()).map(i -> i).runWith(Sink.seq(), system))).isEmpty();
    assertThat(await(Source.from(List.<Integer>of()).map(i -> i).runFold(7, Integer::sum, system)))
        .isEqualTo(7);
    assertThat(failureOf(Source.from(List.<Integer>of()).map(i -> i).runWith(Sink.reduce(Integer::sum), system)))
        .isInstanceOf(NoSuchElementException.class);
    assertThat(await(Source.range(1, 100).runWith(Sink.reduce(Integer::sum), system))).isEqualTo(5050);
  }

  @Test
  void eachRunTakesAFreshIterator() throws Exception {
    AtomicInteger created = new AtomicInteger();
    RunnableGraph<CompletionStage<Integer>> graph =
        Source.fromIterator(() -> {
              created.incrementAndGet();
              return List.of(1, 2, 3).iterator();
            })
            .map(i -> i * 10)
            .toMat(Sink.fold(0, Integer::sum), Keep.right());

    assertThat(await(graph.run(system))).isEqualTo(60);
    assertThat(await(graph.run(system))).isEqualTo(60);
    assertThat(created).hasValue(2);
  }

  @Test
  void downstreamCancellationStopsAnEndlessFusedSource() throws Exception {
    MaterializerImpl mat = MaterializerImpl.create(system);
    try {
      assertThat(await(Source.repeat(1).map(i -> i + 1).runWith(Sink.head(), mat))).isEqualTo(2);
      assertThat(await(Source.repeat(1).map(i -> i + 1).take(5).runWith(Sink.seq(), mat)))
          .containsExactly(2, 2, 2, 2, 2);
      mat.whenAllStopped().get(10, TimeUnit.SECONDS);
      assertThat(mat.runningIslands()).isZero();
    } finally {
      mat.shutdown();
    }
  }

  @Test
  void anEndlessFilteredSourceLeavesItsThreadToOtherStreams() throws Exception {
    CountDownLatch looping = new CountDownLatch(1);
    AtomicLong seen = new AtomicLong();
    Attributes oneThread = ActorAttributes.dispatcher(ONE_THREAD);
    Pair<UniqueKillSwitch, CompletionStage<Done>> endless =
        Source.repeat(1)
            .filter(i -> {
              if (seen.incrementAndGet() == 3L * FusedSource.CHUNK) {
                looping.countDown();
              }
              return false;
            })
            .viaMat(KillSwitches.single(), Keep.right())
            .toMat(Sink.ignore(), Keep.both())
            .withAttributes(oneThread)
            .run(system);
    assertThat(looping.await(10, TimeUnit.SECONDS)).isTrue();

    // The only thread of the dispatcher is shared with the endless stream.
    int other =
        await(Source.single(41).map(i -> i + 1).toMat(Sink.head(), Keep.right()).withAttributes(oneThread).run(system));
    assertThat(other).isEqualTo(42);

    endless.first().shutdown();
    assertThat(await(endless.second())).isEqualTo(Done.getInstance());
  }

  @Test
  void anEndlessFusedFoldYieldsAndStopsWithItsMaterializer() throws Exception {
    Materializer mat = Materializer.createMaterializer(system);
    CountDownLatch looping = new CountDownLatch(1);
    AtomicLong seen = new AtomicLong();
    Attributes oneThread = ActorAttributes.dispatcher(ONE_THREAD);
    CompletionStage<Long> sum =
        Source.repeat(1L)
            .map(i -> {
              if (seen.incrementAndGet() == 3L * FusedSource.CHUNK) {
                looping.countDown();
              }
              return i;
            })
            .toMat(Sink.fold(0L, Long::sum), Keep.right())
            .withAttributes(oneThread)
            .run(mat);
    assertThat(looping.await(10, TimeUnit.SECONDS)).isTrue();

    int other =
        await(Source.single(41).map(i -> i + 1).toMat(Sink.head(), Keep.right()).withAttributes(oneThread).run(system));
    assertThat(other).isEqualTo(42);

    mat.shutdown();
    assertThat(failureOf(sum)).isInstanceOf(AbruptStageTerminationException.class);
  }

  // ---- a grouping window at the end of a fused run

  /** {@code elements} cut into lists of {@code n}, the last one shorter. */
  private static List<List<Integer>> chunks(List<Integer> elements, int n) {
    List<List<Integer>> lists = new ArrayList<>();
    for (int i = 0; i < elements.size(); i += n) {
      lists.add(elements.subList(i, Math.min(elements.size(), i + n)));
    }
    return lists;
  }

  private static Flow<Integer, Integer, ?> failingMap(int every, Supervision.Directive directive) {
    return Flow.of(Integer.class)
        .map(i -> {
          if (i % every == 0) {
            throw new IllegalArgumentException("no multiples of " + every);
          }
          return i;
        })
        .withAttributes(ActorAttributes.withSupervisionStrategy(e -> directive));
  }

  @Test
  void aWindowEndsTheRunAfterAnIteratorSourceOrAfterSteps() {
    assertThat(
            stageNames(
                Source.range(1, 10)
                    .groupedWithin(3, NEVER)
                    .toMat(Sink.fold(0, (n, g) -> n + g.size()), Keep.right())))
        // the fold is a run of its own (Sink.fold starts with an identity)
        .contains("fused(rangeSource,groupedWithin)", "fused(identity,fold)");
    assertThat(
            stageNames(
                Source.range(1, 10)
                    .map(i -> i + 1)
                    .filter(i -> i > 2)
                    .grouped(2)
                    .map(List::size)
                    .toMat(Sink.seq(), Keep.right())))
        .contains("fused(rangeSource,map,filter,grouped)")
        .noneMatch(n -> n.contains("grouped,"))
        .hasSize(3); // the map after the window is a run of its own
    assertThat(
            stageNames(
                Source.range(1, 10)
                    .async()
                    .map(i -> i + 1)
                    .groupedWeightedWithin(10, i -> 1L, NEVER)
                    .toMat(Sink.seq(), Keep.right())))
        .contains("IteratorSource", "fused(map,groupedWeightedWithin)");
    // a window alone after a stage that does not fuse stays as it is
    assertThat(
            stageNames(
                Source.range(1, 10).async().grouped(2).toMat(Sink.seq(), Keep.right())))
        .contains("IteratorSource", "Grouped");
  }

  @Test
  void aFusedSourceWindowEmitsTheListsInOrderWithTheLastOneShorter() throws Exception {
    int n = 5 * FusedSource.CHUNK + 7;
    List<Integer> all = IntStream.rangeClosed(1, n).boxed().toList();

    assertThat(await(Source.range(1, n).groupedWithin(1000, NEVER).runWith(Sink.seq(), system)))
        .isEqualTo(chunks(all, 1000));
    assertThat(await(Source.range(1, n).grouped(1000).runWith(Sink.seq(), system)))
        .isEqualTo(chunks(all, 1000));
    assertThat(await(Source.range(1, 20).groupedWithin(10, NEVER).runWith(Sink.seq(), system)))
        .isEqualTo(chunks(all.subList(0, 20), 10)); // the last list is full: then completion
  }

  @Test
  void stepsBeforeTheWindowRunOnEveryElementWithAndWithoutASource() throws Exception {
    int n = 3 * FusedSource.CHUNK;
    List<Integer> survivors =
        IntStream.rangeClosed(1, n).map(i -> i * 3).filter(i -> i % 7 != 0).boxed().toList();

    Flow<Integer, Integer, ?> steps = Flow.of(Integer.class).map(i -> i * 3).filter(i -> i % 7 != 0);
    List<Source<List<Integer>, ?>> runs =
        List.of(
            Source.range(1, n).via(steps).groupedWithin(100, NEVER), // one fused source
            Source.range(1, n).async().via(steps).groupedWithin(100, NEVER), // fused steps
            Source.range(1, n).async().via(steps).grouped(100));
    for (Source<List<Integer>, ?> run : runs) {
      assertThat(await(run.runWith(Sink.seq(), system))).isEqualTo(chunks(survivors, 100));
    }
  }

  @Test
  void anEmptyIteratorCompletesAFusedWindowWithoutAList() throws Exception {
    assertThat(
            await(Source.from(List.<Integer>of()).map(i -> i).groupedWithin(3, NEVER).runWith(Sink.seq(), system)))
        .isEmpty();
    assertThat(await(Source.range(1, 6).filter(i -> i > 6).grouped(3).runWith(Sink.seq(), system)))
        .isEmpty(); // everything dropped: no empty list at the end
  }

  @Test
  void aLongRunOfDroppedElementsKeepsTheWindowOpen() throws Exception {
    int gap = 3 * FusedSource.CHUNK + 5;
    List<List<Integer>> lists =
        await(
            Source.range(1, 5 * gap)
                .filter(i -> i % gap == 0)
                .groupedWithin(2, NEVER)
                .runWith(Sink.seq(), system));

    assertThat(lists).containsExactly(List.of(gap, 2 * gap), List.of(3 * gap, 4 * gap), List.of(5 * gap));
  }

  @Test
  void groupedStillEmitsImmutableListsAndGroupedWithinMutableOnes() throws Exception {
    List<List<Integer>> grouped =
        await(Source.range(1, 5).map(i -> i).grouped(2).runWith(Sink.seq(), system));
    assertThat(grouped).containsExactly(List.of(1, 2), List.of(3, 4), List.of(5));
    assertThatThrownBy(() -> grouped.get(0).add(9)).isInstanceOf(UnsupportedOperationException.class);

    List<List<Integer>> within =
        await(Source.range(1, 5).map(i -> i).groupedWithin(2, NEVER).runWith(Sink.seq(), system));
    assertThat(within).containsExactly(List.of(1, 2), List.of(3, 4), List.of(5));
    within.get(0).add(9); // the unfused stage hands its list over, too
  }

  @Test
  void aResumingStepDropsItsFailuresInsideTheWindowRun() throws Exception {
    List<List<Integer>> expected =
        List.of(List.of(1, 2, 3, 4), List.of(6, 7, 8, 9), List.of(11, 12, 13, 14), List.of(16));
    Flow<Integer, Integer, ?> resuming = failingMap(5, Supervision.Directive.RESUME);
    Flow<Integer, Integer, ?> restarting = failingMap(5, Supervision.Directive.RESTART);
    List<Source<List<Integer>, ?>> runs =
        List.of(
            Source.range(1, 16).via(resuming).groupedWithin(4, NEVER),
            Source.range(1, 16).async().via(resuming).groupedWithin(4, NEVER),
            Source.range(1, 16).via(restarting).grouped(4)); // a map restarts by dropping, too
    for (Source<List<Integer>, ?> run : runs) {
      assertThat(await(run.runWith(Sink.seq(), system))).isEqualTo(expected);
    }
  }

  @Test
  void aStoppingStepFailsTheStreamAndDropsThePartialList() throws Exception {
    Throwable fromSource =
        failureOf(
            Source.range(1, 100)
                .via(failingMap(7, Supervision.Directive.STOP))
                .groupedWithin(10, NEVER)
                .runWith(Sink.seq(), system));
    assertThat(fromSource).isInstanceOf(IllegalArgumentException.class).hasMessage("no multiples of 7");

    Throwable afterBoundary =
        failureOf(
            Source.range(1, 100)
                .async()
                .via(failingMap(7, Supervision.Directive.STOP))
                .grouped(3)
                .runWith(Sink.seq(), system));
    assertThat(afterBoundary).isInstanceOf(IllegalArgumentException.class).hasMessage("no multiples of 7");

    Throwable nul =
        failureOf(
            Source.range(1, 10)
                .map(i -> i == 4 ? null : i)
                .groupedWithin(10, NEVER)
                .runWith(Sink.seq(), system));
    assertThat(nul).isInstanceOf(NullPointerException.class).hasMessageContaining("map.out");
  }

  @Test
  void theIteratorsFailureFailsTheWindowRun() throws Exception {
    Throwable failed =
        failureOf(
            Source.fromIterator(() -> failingAt(25))
                .via(failingMap(1000, Supervision.Directive.RESUME))
                .groupedWithin(10, NEVER)
                .runWith(Sink.seq(), system));

    assertThat(failed).isInstanceOf(IllegalStateException.class).hasMessage("iterator broke at 25");
  }

  @Test
  void downstreamCancellationStopsAnEndlessWindowRun() throws Exception {
    MaterializerImpl mat = MaterializerImpl.create(system);
    try {
      List<List<Integer>> three =
          await(
              Source.repeat(1)
                  .map(i -> i + 1)
                  .groupedWithin(4, NEVER)
                  .take(3)
                  .runWith(Sink.seq(), mat));
      assertThat(three).containsExactly(List.of(2, 2, 2, 2), List.of(2, 2, 2, 2), List.of(2, 2, 2, 2));
      assertThat(
              await(Source.repeat(1).filter(i -> i > 0).grouped(2).runWith(Sink.head(), mat)))
          .containsExactly(1, 1);
      mat.whenAllStopped().get(10, TimeUnit.SECONDS);
      assertThat(mat.runningIslands()).isZero();
    } finally {
      mat.shutdown();
    }
  }
}
