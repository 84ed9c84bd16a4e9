package io.troupe.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.troupe.stream.internal.MaterializerImpl;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Substreams of mergeSubstreams, flatMapConcat and flatMapMerge run inside their parent's island
 * (unless they have an async boundary): fewer islands, and the same results as before.
 */
class SubFusingTest extends StreamTestBase {

  @Test
  void mergedSubstreamsRunInTheParentsIsland() throws Exception {
    MaterializerImpl mat = (MaterializerImpl) Materializer.createMaterializer(system);
    try {
      Probes.Sub<Integer> sub = new Probes.Sub<>();
      Source.range(1, 1000)
          .groupBy(8, i -> i % 8)
          .map(i -> i * 2)
          .mergeSubstreams()
          .runWith(sub.sink(), mat);
      sub.request(100);
      assertThat(sub.expectNextN(100)).hasSize(100);
      // all eight substreams are open, and no island was started for any of them
      assertThat(mat.runningIslands()).isEqualTo(1);
      sub.request(Long.MAX_VALUE);
      assertThat(sub.expectNextN(900)).hasSize(900);
      sub.expectComplete();
      mat.whenAllStopped().get(10, TimeUnit.SECONDS);
      assertThat(mat.runningIslands()).isZero();
    } finally {
      mat.shutdown();
    }
  }

  @Test
  void groupByOverManyElementsKeepsEveryElementAndTheOrderPerKey() throws Exception {
    List<List<Integer>> perKey =
        await(
            Source.range(0, 99_999)
                .groupBy(64, i -> i % 64)
                .map(i -> i + 1)
                .grouped(100_000)
                .mergeSubstreams()
                .runWith(Sink.seq(), system));
    assertThat(perKey).hasSize(64);
    long total = 0;
    for (List<Integer> l : perKey) {
      for (int i = 1; i < l.size(); i++) {
        assertThat(l.get(i)).isEqualTo(l.get(i - 1) + 64);
      }
      total += l.size();
    }
    assertThat(total).isEqualTo(100_000);
  }

  @Test
  void innerSourcesLongerThanOneTurnResumeAfterTheirYield() throws Exception {
    // each inner source is a fused range + maps that yields its island every 8,192 elements
    long sum =
        await(
            Source.range(1, 3)
                .flatMapConcat(i -> Source.range(1, 20_000).map(x -> x * i).map(x -> (long) x))
                .runFold(0L, Long::sum, system));
    long perRun = 20_000L * 20_001L / 2;
    assertThat(sum).isEqualTo(perRun * 6);
  }

  @Test
  void anInnerSourceWithAnAsyncBoundaryRunsInIslandsOfItsOwn() throws Exception {
    List<Integer> out =
        await(
            Source.range(1, 3)
                .flatMapMerge(
                    2, i -> Source.range(1, 100).map(x -> x * i).async().filter(x -> x % 50 == 0))
                .runWith(Sink.seq(), system));
    assertThat(out).containsExactlyInAnyOrder(50, 100, 50, 100, 150, 200, 150, 300);
  }

  @Test
  void shuttingDownTheMaterializerStopsTheSubstreamsToo() throws Exception {
    MaterializerImpl mat = (MaterializerImpl) Materializer.createMaterializer(system);
    CompletableFuture<Long> count =
        Source.repeat(1)
            .groupBy(4, i -> (int) (Math.random() * 4))
            .map(i -> i)
            .mergeSubstreams()
            .runFold(0L, (n, i) -> n + 1, mat)
            .toCompletableFuture();
    Probes.awaitCondition("the stream ran", () -> mat.runningIslands() == 1);
    mat.shutdown();
    ExecutionException failed =
        org.junit.jupiter.api.Assertions.assertThrows(
            ExecutionException.class, () -> count.get(10, TimeUnit.SECONDS));
    assertThat(failed.getCause()).isInstanceOf(AbruptStageTerminationException.class);
    mat.whenAllStopped().get(10, TimeUnit.SECONDS);
    assertThat(mat.runningIslands()).isZero();
  }

  @Test
  void aSubstreamFailureFailsTheMergedStream() throws Exception {
    Throwable cause =
        awaitFailure(
            Source.range(1, 100)
                .groupBy(4, i -> i % 4)
                .map(
                    i -> {
                      if (i == 57) {
                        throw new IllegalStateException("bad element " + i);
                      }
                      return i;
                    })
                .mergeSubstreams()
                .runWith(Sink.ignore(), system));
    assertThat(cause).isInstanceOf(IllegalStateException.class).hasMessage("bad element 57");
  }
}
