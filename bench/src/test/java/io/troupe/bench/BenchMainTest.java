package io.troupe.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.runner.BenchmarkException;
import org.openjdk.jmh.runner.RunnerException;

class BenchMainTest {

  @Test
  void aFailedRunIsReportedWithTheBenchmarksOwnMessageNotJmhs() {
    IllegalStateException timeout =
        new IllegalStateException("an echo round did not complete within 60 s\n\tat ...");
    RunnerException wrapped =
        new RunnerException(
            "Benchmark caught the exception",
            new BenchmarkException("Benchmark error during the run", List.of(timeout)));

    assertThat(BenchMain.rootMessage(wrapped))
        .isEqualTo("an echo round did not complete within 60 s");
  }

  @Test
  void withoutAnythingBetterJmhsOwnMessageIsShown() {
    assertThat(BenchMain.rootMessage(new RunnerException("Benchmark caught the exception")))
        .isEqualTo("Benchmark caught the exception");
  }
}
