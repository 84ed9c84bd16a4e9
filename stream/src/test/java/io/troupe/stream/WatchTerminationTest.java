package io.troupe.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.troupe.actor.Done;
import io.troupe.japi.Pair;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

/** {@code watchTermination}: its future completes, fails or is torn down with the stream. */
class WatchTerminationTest extends StreamTestBase {

  @Test
  void completesWhenTheStreamCompletesAndPassesElements() throws Exception {
    Pair<CompletionStage<Done>, CompletionStage<List<Integer>>> p =
        Source.range(1, 3)
            .watchTermination(Keep.right())
            .toMat(Sink.seq(), Keep.both())
            .run(system);
    assertThat(await(p.second())).containsExactly(1, 2, 3);
    assertThat(await(p.first())).isSameAs(Done.INSTANCE);
  }

  @Test
  void isNotDoneWhileTheStreamRunsAndCompletesWhenItEnds() throws Exception {
    Pair<CompletableFuture<Optional<Integer>>, CompletionStage<Done>> p =
        Source.<Integer>maybe().watchTermination(Keep.both()).to(Sink.ignore()).run(system);
    assertThat(p.second().toCompletableFuture().isDone()).isFalse();
    p.first().complete(Optional.of(1));
    assertThat(await(p.second())).isSameAs(Done.INSTANCE);
  }

  @Test
  void failsWithTheUpstreamFailure() throws Exception {
    IllegalStateException boom = new IllegalStateException("boom");
    CompletionStage<Done> done =
        Source.<Integer>failed(boom).watchTermination(Keep.right()).to(Sink.ignore()).run(system);
    assertThat(awaitFailure(done)).isSameAs(boom);
  }

  @Test
  void completesWhenTheDownstreamCancelsBecauseItNeedsNoMore() throws Exception {
    Pair<CompletionStage<Done>, CompletionStage<List<Integer>>> p =
        Source.repeat(1)
            .watchTermination(Keep.right())
            .take(2)
            .toMat(Sink.seq(), Keep.both())
            .run(system);
    assertThat(await(p.second())).containsExactly(1, 1);
    assertThat(await(p.first())).isSameAs(Done.INSTANCE);
  }

  @Test
  void failsWhenADownstreamStageFails() throws Exception {
    IllegalArgumentException bad = new IllegalArgumentException("bad element");
    Pair<CompletionStage<Done>, CompletionStage<Done>> p =
        Source.range(1, 10)
            .watchTermination(Keep.right())
            .toMat(
                Sink.<Integer>foreach(
                    i -> {
                      if (i == 2) {
                        throw bad;
                      }
                    }),
                Keep.both())
            .run(system);
    assertThat(awaitFailure(p.second())).isSameAs(bad);
    assertThat(awaitFailure(p.first())).isSameAs(bad);
  }

  @Test
  void failsAbruptlyWhenTheMaterializerShutsDown() throws Exception {
    Materializer mat = Materializer.createMaterializer(system);
    CompletionStage<Done> done =
        Source.<Integer>maybe().watchTermination(Keep.right()).to(Sink.ignore()).run(mat);
    mat.shutdown();
    assertThat(awaitFailure(done)).isInstanceOf(AbruptStageTerminationException.class);
  }

  @Test
  void onAFlowItCombinesWithTheFlowsValue() throws Exception {
    Flow<Integer, Integer, CompletionStage<Done>> watched =
        Flow.of(Integer.class).map(i -> i + 1).watchTermination(Keep.right());
    Pair<CompletionStage<Done>, CompletionStage<List<Integer>>> p =
        Source.range(1, 2).viaMat(watched, Keep.right()).toMat(Sink.seq(), Keep.both()).run(system);
    assertThat(await(p.second())).containsExactly(2, 3);
    assertThat(await(p.first())).isSameAs(Done.INSTANCE);
  }
}
