package io.troupe.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.troupe.japi.Pair;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** initialDelay on a manual clock. */
class InitialDelayTest extends ManualTimeTestBase {
  private static final long MS = 1_000_000L;

  @Test
  void noElementPassesBeforeTheDelayAndAllPassRightAfter() throws Exception {
    long start = clock();
    CompletableFuture<List<Pair<Integer, Long>>> done =
        Source.from(List.of(1, 2, 3))
            .initialDelay(Duration.ofSeconds(2))
            .map(i -> Pair.create(i, clock()))
            .runWith(Sink.seq(), system)
            .toCompletableFuture();
    List<Pair<Integer, Long>> out = advanceUntilDone(done, Duration.ofMillis(100));
    assertThat(out).extracting(Pair::first).containsExactly(1, 2, 3);
    assertThat(out.get(0).second() - start).isGreaterThanOrEqualTo(2000 * MS);
    assertThatThrownBy(() -> Source.single(1).initialDelay(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
