package io.troupe.examples.workerpool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WorkerPoolDemoTest {

  @Test
  void runsForTheGivenTimeAndPrintsASummaryThatAddsUp() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    Report r = WorkerPoolDemo.run(DemoOptions.parse("--seconds", "1", "--workers", "2"), out);

    assertThat(r.finished()).isTrue();
    assertThat(r.jobsDone()).isPositive();
    assertThat(r.jobsDone() + r.jobsFailed()).isEqualTo(r.jobsAccepted());
    assertThat(r.workers()).hasSize(2);
    String text = bytes.toString(StandardCharsets.UTF_8);
    assertThat(text)
        .contains("2 workers enrich VPC flow logs for 1 s")
        .contains("== Summary after")
        .contains("traffic per service:")
        .contains("api-gateway")
        .contains("actor system shut down");
  }

  @Test
  void parsesTheCommandLine() {
    assertThat(DemoOptions.parse()).isEqualTo(new DemoOptions(6, 4, 2024));
    assertThat(DemoOptions.parse("--seconds", "9", "--workers", "8", "--seed", "1"))
        .isEqualTo(new DemoOptions(9, 8, 1));
  }

  @Test
  void rejectsABadCommandLineNamingTheOption() {
    assertThatThrownBy(() -> DemoOptions.parse("--seconds", "0"))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("--seconds must be within 1..3600, was 0");
    assertThatThrownBy(() -> DemoOptions.parse("--workers", "many"))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("--workers must be a whole number, was 'many'");
    assertThatThrownBy(() -> DemoOptions.parse("--seconds"))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("--seconds needs a value");
    assertThatThrownBy(() -> DemoOptions.parse("--fast"))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("unknown option '--fast'");
  }

  @Test
  void formatsBytesForPeople() {
    assertThat(ReportPrinter.humanBytes(512)).isEqualTo("512 B");
    assertThat(ReportPrinter.humanBytes(1536)).isEqualTo("1.5 KiB");
    assertThat(ReportPrinter.humanBytes(3L << 30)).isEqualTo("3.0 GiB");
  }
}
