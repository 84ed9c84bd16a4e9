package io.troupe.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.troupe.bench.Workload.Side;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportTest {
  private static final Workload ECHO = workload("echo");
  private static final Workload FOOTPRINT = workload(Workload.FOOTPRINT);

  private static Workload workload(String key) {
    return Workload.ALL.stream().filter(w -> w.key().equals(key)).findFirst().orElseThrow();
  }

  @Test
  void theRatioIsTheMedianOfThePerRoundRatiosNotTheRatioOfMedians() {
    Report report = new Report(3);
    report.add(ECHO, Side.TROUPE, 0, 30, Double.NaN);
    report.add(ECHO, Side.PEKKO, 0, 10, Double.NaN); // 3.0
    report.add(ECHO, Side.TROUPE, 1, 10, Double.NaN);
    report.add(ECHO, Side.PEKKO, 1, 10, Double.NaN); // 1.0
    report.add(ECHO, Side.TROUPE, 2, 40, Double.NaN);
    report.add(ECHO, Side.PEKKO, 2, 20, Double.NaN); // 2.0

    assertThat(report.medianRatio(ECHO)).isEqualTo(2.0);
    assertThat(report.medianScore(ECHO, Side.TROUPE)).isEqualTo(30);
    assertThat(report.medianScore(ECHO, Side.PEKKO)).isEqualTo(10);
    assertThat(report.render("h")).contains("2.00x").contains("1.00-3.00x").contains("met");
  }

  @Test
  void aFailedRunLeavesItsRoundOutOfTheRatioAndIsListed() {
    Report report = new Report(2);
    report.add(ECHO, Side.TROUPE, 0, 10, Double.NaN);
    report.add(ECHO, Side.PEKKO, 0, 10, Double.NaN);
    report.fail(ECHO, Side.TROUPE, 1, "an echo round did not complete within 60 s");
    report.add(ECHO, Side.PEKKO, 1, 99, Double.NaN);

    assertThat(report.anyFailed()).isTrue();
    assertThat(report.medianRatio(ECHO)).isEqualTo(1.0);
    assertThat(report.render("h"))
        .contains("MISSED")
        .contains("echo / Troupe / round 2: an echo round did not complete within 60 s");
  }

  @Test
  void footprintMeetsItsTargetWhenTroupeIsAtMostHalfOfPekko() {
    Report report = new Report(1);
    report.add(FOOTPRINT, Side.TROUPE, 0, 110, Double.NaN);
    report.add(FOOTPRINT, Side.PEKKO, 0, 740, Double.NaN);

    assertThat(report.medianRatio(FOOTPRINT)).isCloseTo(110.0 / 740, within(1e-9));
    assertThat(report.render("h")).contains("110.0 B/actor").contains("<= 0.5x  met");

    Report worse = new Report(1);
    worse.add(FOOTPRINT, Side.TROUPE, 0, 400, Double.NaN);
    worse.add(FOOTPRINT, Side.PEKKO, 0, 740, Double.NaN);
    assertThat(worse.render("h")).contains("MISSED");
  }

  @Test
  void allocationIsTabulatedOnlyWhenProfiled() {
    Report plain = new Report(1);
    plain.add(ECHO, Side.TROUPE, 0, 1e7, Double.NaN);
    plain.add(ECHO, Side.PEKKO, 0, 1e7, Double.NaN);
    assertThat(plain.render("h")).doesNotContain("allocation per operation");

    Report profiled = new Report(1);
    profiled.add(ECHO, Side.TROUPE, 0, 2.5e7, 0.4);
    profiled.add(ECHO, Side.PEKKO, 0, 1e7, 48);
    assertThat(profiled.render("h"))
        .contains("25.00 M msg/s")
        .contains("allocation per operation")
        .contains("0.4 B/msg")
        .contains("48.0 B/msg");
  }

  @Test
  void medianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
    assertThat(Report.median(List.of(4.0, 1.0, 3.0, 2.0))).isEqualTo(2.5);
    assertThat(Report.median(List.of())).isNaN();
  }

  @Test
  void roundsOutsideTheRunAreRejected() {
    Report report = new Report(2);
    assertThatThrownBy(() -> report.add(ECHO, Side.TROUPE, 2, 1, Double.NaN))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("was 2");
    assertThatThrownBy(() -> new Report(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("was 0");
  }
}
