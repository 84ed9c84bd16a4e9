package io.troupe.stream.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.troupe.actor.ActorSystem;
import io.troupe.stream.ActorAttributes;
import io.troupe.stream.Flow;
import io.troupe.stream.Keep;
import io.troupe.stream.RunnableGraph;
import io.troupe.stream.Sink;
import io.troupe.stream.Source;
import io.troupe.stream.Supervision;
import java.util.Arrays;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Fusion of linear runs of simple stages: what gets fused, and that fused runs behave alike. */
class FusionTest {
  private static ActorSystem<Void> system;

  @BeforeAll
  static void start() {
    system = ActorSystem.create("fusion-test");
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

  @Test
  void aRunOfSimpleStagesBecomesOneStage() {
    RunnableGraph<?> graph =
        Source.range(1, 10)
            .map(i -> i + 1)
            .filter(i -> i > 2)
            .mapOptional(i -> Optional.of(i))
            .filterNot(i -> i == 5)
            .toMat(Sink.seq(), Keep.right());

    assertThat(stageNames(graph))
        .contains("fused(rangeSource,map,filter,mapOptional,filterNot)")
        .hasSize(2); // the fused run (its iterator source included), the sink
  }

  @Test
  void aFoldSinkJoinsTheRunBeforeIt() {
    RunnableGraph<?> graph =
        Source.range(1, 10).map(i -> i * 2).toMat(Sink.fold(0, Integer::sum), Keep.right());

    assertThat(stageNames(graph)).anyMatch(n -> n.startsWith("fused(rangeSource,map,") && n.endsWith(",fold)"));
  }

  @Test
  void stagesOnTwoSidesOfAnAsyncBoundaryAreNotFused() {
    RunnableGraph<?> graph =
        Source.range(1, 10)
            .map(i -> i + 1)
            .async()
            .map(i -> i + 1)
            .toMat(Sink.seq(), Keep.right());

    assertThat(stageNames(graph)).contains("fused(rangeSource,map)").noneMatch(n -> n.contains("map,map"));
  }

  @Test
  void aFusedRunComputesWhatTheStagesWould() throws Exception {
    List<Integer> result =
        await(
            Source.range(1, 1000)
                .map(i -> i * 3)
                .filter(i -> i % 2 == 0)
                .mapOptional(i -> i % 4 == 0 ? Optional.of(i / 2) : Optional.empty())
                .map(i -> i + 1)
                .runWith(Sink.seq(), system));

    List<Integer> expected =
        IntStream.rangeClosed(1, 1000)
            .map(i -> i * 3)
            .filter(i -> i % 2 == 0)
            .filter(i -> i % 4 == 0)
            .map(i -> i / 2 + 1)
            .boxed()
            .toList();
    assertThat(result).isEqualTo(expected);
  }

  @Test
  void aFusedBlueprintRunsAgainWithFreshState() throws Exception {
    RunnableGraph<CompletionStage<Integer>> graph =
        Source.range(1, 100)
            .map(i -> i + 1)
            .filter(i -> i % 2 == 0)
            .toMat(Sink.fold(0, Integer::sum), Keep.right());

    int expected = IntStream.rangeClosed(2, 101).filter(i -> i % 2 == 0).sum();
    assertThat(await(graph.run(system))).isEqualTo(expected);
    assertThat(await(graph.run(system))).isEqualTo(expected);
  }

  @Test
  void supervisionDecidesPerStageInsideAFusedRun() throws Exception {
    Flow<Integer, Integer, ?> resumingMap =
        Flow.of(Integer.class)
            .map(i -> {
              if (i % 3 == 0) {
                throw new IllegalArgumentException("no multiples of 3");
              }
              return i;
            })
            .withAttributes(
                ActorAttributes.withSupervisionStrategy(Supervision.getResumingDecider()));

    List<Integer> resumed =
        await(Source.range(1, 7).via(resumingMap).map(i -> i * 10).runWith(Sink.seq(), system));
    assertThat(resumed).containsExactly(10, 20, 40, 50, 70);

    // The next stage has no resuming decider: its own failure still fails the stream.
    Throwable failed =
        failureOf(
            Source.range(1, 7)
                .via(resumingMap)
                .map(i -> {
                  if (i == 5) {
                    throw new IllegalStateException("five");
                  }
                  return i;
                })
                .runWith(Sink.seq(), system));
    assertThat(failed).isInstanceOf(IllegalStateException.class).hasMessage("five");
  }

  @Test
  void aFoldInsideAFusedRunRestartsFromZeroWhenToldTo() throws Exception {
    int sum =
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

    assertThat(sum).isEqualTo(5 + 6);
  }

  @Test
  void aNullFromAFusedMapFailsTheStreamNamingTheStage() throws Exception {
    Throwable failed =
        failureOf(
            Source.range(1, 3)
                .map(i -> i == 2 ? null : i)
                .filter(i -> true)
                .runWith(Sink.seq(), system));

    assertThat(failed).isInstanceOf(NullPointerException.class).hasMessageContaining("map.out");
  }

  @Test
  void aFusedReduceOverNothingFails() throws Exception {
    Throwable failed =
        failureOf(Source.<Integer>empty().map(i -> i + 1).runWith(Sink.reduce(Integer::sum), system));

    assertThat(failed).isInstanceOf(NoSuchElementException.class);
  }

  @Test
  void aFusedRunStopsPullingWhenDownstreamCancels() throws Exception {
    List<Integer> firstThree =
        await(Source.repeat(1).map(i -> i + 1).filter(i -> i > 0).take(3).runWith(Sink.seq(), system));

    assertThat(firstThree).containsExactly(2, 2, 2);
  }
}
