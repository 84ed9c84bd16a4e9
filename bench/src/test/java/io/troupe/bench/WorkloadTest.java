package io.troupe.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.troupe.bench.Workload.Side;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class WorkloadTest {

  @Test
  void eachBenchmarkExistsOnBothSides() throws ReflectiveOperationException {
    for (Workload w : Workload.ALL) {
      if (w.isFootprint()) {
        continue;
      }
      for (Side side : Side.values()) {
        String name = w.benchmarkName(side);
        int dot = name.lastIndexOf('.');
        Class<?> type = Class.forName(name.substring(0, dot));
        assertThat(type.getMethod(name.substring(dot + 1)).isAnnotationPresent(
                org.openjdk.jmh.annotations.Benchmark.class))
            .as("%s on %s", w.key(), side)
            .isTrue();
      }
    }
  }

  @Test
  void theIncludePatternSelectsOnlyThatSidesMethod() {
    Workload onePair =
        Workload.ALL.stream().filter(w -> w.key().equals("ping-pong-1")).findFirst().orElseThrow();
    Pattern troupe = Pattern.compile(onePair.includeFor(Side.TROUPE));

    assertThat(troupe.matcher("io.troupe.bench.troupe.PingPongBenchmark.onePair").find()).isTrue();
    assertThat(troupe.matcher("io.troupe.bench.pekko.PingPongBenchmark.onePair").find()).isFalse();
    assertThat(troupe.matcher("io.troupe.bench.troupe.PingPongBenchmark.fourPairs").find())
        .isFalse();
  }

  @Test
  void aSubPackagedBenchmarkLivesInItsSidesPackageUnderTheSubPackage() {
    Workload fused =
        Workload.ALL.stream().filter(w -> w.key().equals("stream-fused")).findFirst().orElseThrow();

    assertThat(fused.benchmarkName(Side.PEKKO))
        .isEqualTo("io.troupe.bench.stream.pekko.StreamBenchmark.mapFilterFold");
    assertThat(Pattern.compile(fused.includeFor(Side.TROUPE))
            .matcher("io.troupe.bench.stream.troupe.StreamBenchmark.mapFilterFold")
            .find())
        .isTrue();
  }
}
