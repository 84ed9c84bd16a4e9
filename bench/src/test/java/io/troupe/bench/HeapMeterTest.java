package io.troupe.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.troupe.bench.HeapMeter.Footprint;
import org.junit.jupiter.api.Test;

class HeapMeterTest {

  @Test
  void theResultLineReadsBackAsTheSameMeasurement() {
    String line = HeapMeter.resultLine("troupe", 1_001_000, 108_673_040);

    assertThat(Footprint.parse(line))
        .contains(new Footprint("troupe", 1_001_000, 108_673_040));
    assertThat(Footprint.parse(line).orElseThrow().bytesPerActor())
        .isEqualTo(108_673_040.0 / 1_001_000);
  }

  @Test
  void otherLinesAreNotMeasurements() {
    assertThat(Footprint.parse(HeapMeter.summary("pekko", 10, 100))).isEmpty();
    assertThat(Footprint.parse("FOOTPRINT side=pekko actors=ten bytes=1")).isEmpty();
  }

  @Test
  void theActorCountDefaultsAndMustBeAPositiveMultipleOfTheParents() {
    assertThat(HeapMeter.actorsArgument(new String[0], 1_000_000, 1_000)).isEqualTo(1_000_000);
    assertThat(HeapMeter.actorsArgument(new String[] {"200_000"}, 1_000_000, 1_000))
        .isEqualTo(200_000);
    assertThatThrownBy(() -> HeapMeter.actorsArgument(new String[] {"1500"}, 1, 1_000))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1500");
    assertThatThrownBy(() -> HeapMeter.actorsArgument(new String[] {"many"}, 1, 1_000))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'many'");
  }
}
