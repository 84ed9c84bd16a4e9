package io.troupe.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BenchSettingsTest {

  @Test
  void noArgumentsMeansThreeRoundsOfEveryWorkloadWithTheDefaultJmhTimes() {
    BenchSettings s = BenchSettings.parse();

    assertThat(s.rounds()).isEqualTo(3);
    assertThat(s.warmupIterations()).isEqualTo(3);
    assertThat(s.iterations()).isEqualTo(5);
    assertThat(s.secondsPerIteration()).isEqualTo(1);
    assertThat(s.profileGc()).isFalse();
    assertThat(s.selected()).isEqualTo(Workload.ALL);
    assertThat(s.footprintActors()).isEqualTo(1_000_000);
  }

  @Test
  void quickIsOneShortRoundAndLaterOptionsStillApply() {
    BenchSettings s = BenchSettings.parse("--rounds", "2", "--quick", "--prof", "gc");

    assertThat(s.rounds()).isEqualTo(2);
    assertThat(s.warmupIterations()).isEqualTo(1);
    assertThat(s.iterations()).isEqualTo(2);
    assertThat(s.footprintActors()).isEqualTo(200_000);
    assertThat(s.profileGc()).isTrue();
  }

  @Test
  void onlyKeepsTableOrderWhateverTheOrderGiven() {
    BenchSettings s = BenchSettings.parse("--only", "spawn, echo");

    assertThat(s.selected()).extracting(Workload::key).containsExactly("echo", "spawn");
  }

  @Test
  void badValuesAreRejectedNamingTheOptionAndTheValue() {
    assertThatThrownBy(() -> BenchSettings.parse("--rounds", "0"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--rounds")
        .hasMessageContaining("0");
    assertThatThrownBy(() -> BenchSettings.parse("--time", "fast"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--time")
        .hasMessageContaining("fast");
    assertThatThrownBy(() -> BenchSettings.parse("--only", "echo,pingpong"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("pingpong");
    assertThatThrownBy(() -> BenchSettings.parse("--prof", "stack"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("stack");
    assertThatThrownBy(() -> BenchSettings.parse("--actors", "1500"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1500");
    assertThatThrownBy(() -> BenchSettings.parse("--iterations"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--iterations needs a value");
    assertThatThrownBy(() -> BenchSettings.parse("--fork", "2"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--fork");
  }
}
