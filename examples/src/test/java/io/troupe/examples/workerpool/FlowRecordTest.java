package io.troupe.examples.workerpool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FlowRecordTest {

  @Test
  void parsesAnAcceptedFlowInTheDefaultFormat() {
    Optional<FlowRecord> r = FlowRecord.parse(
        "2 123456789010 eni-1235b8ca123456789 172.31.16.139 172.31.16.21 20641 22 6 20 4249 1418530010 1418530070 ACCEPT OK");
    assertThat(r).contains(new FlowRecord("172.31.16.139", "172.31.16.21", 20641, 22, 6, 20, 4249, true));
  }

  @Test
  void parsesARejectedFlow() {
    assertThat(FlowRecord.parse(FlowLines.rejectedAtGateway("10.0.1.7", 60)).orElseThrow().accepted()).isFalse();
  }

  @Test
  void aLineWithoutDataCarriesNoFlow() {
    assertThat(FlowRecord.parse(FlowLines.NODATA)).isEmpty();
    assertThat(FlowRecord.parse(FlowLines.NODATA.replace("NODATA", "SKIPDATA"))).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "2 123456789010 eni-0a1b2c3d 10.0.1.1 10.0.2.5 40000 5432 | expected 14 fields but found 7",
    "2 123456789010 eni-0a1b2c3d 10.0.1.1 10.0.2.5 40000 5432 6 10 12x4 1 2 ACCEPT OK | field 'bytes' is not a number: '12x4'",
    "2 123456789010 eni-0a1b2c3d 10.0.300.1 10.0.2.5 40000 5432 6 10 1 1 2 ACCEPT OK | field 'srcaddr' is not an IPv4 address: '10.0.300.1'",
    "2 123456789010 eni-0a1b2c3d 10.0.1.1 10.0.2 40000 5432 6 10 1 1 2 ACCEPT OK | field 'dstaddr' is not an IPv4 address: '10.0.2'",
    "2 123456789010 eni-0a1b2c3d 10.0.1.1 10.0.2.5 40000 70000 6 10 1 1 2 ACCEPT OK | field 'dstport' is out of range [0, 65535]: 70000",
    "2 123456789010 eni-0a1b2c3d 10.0.1.1 10.0.2.5 40000 5432 6 10 1 1 2 DROP OK | field 'action' is not ACCEPT or REJECT: 'DROP'",
    "2 123456789010 eni-0a1b2c3d 10.0.1.1 10.0.2.5 40000 5432 6 10 1 1 2 ACCEPT BAD | field 'log-status' is not OK, NODATA or SKIPDATA: 'BAD'",
  })
  void rejectsAMalformedLineNamingTheFieldAndValue(String line, String message) {
    assertThatThrownBy(() -> FlowRecord.parse(line))
        .isInstanceOf(MalformedRecordException.class)
        .hasMessageContaining(message)
        .satisfies(e -> assertThat(((EnrichmentException) e).retryable()).isFalse());
  }

  @Test
  void theGeneratorRepeatsItselfForTheSameSeed() {
    FlowLogGenerator a = FlowLogGenerator.create(7, 100, 0.01);
    FlowLogGenerator b = FlowLogGenerator.create(7, 100, 0.01);
    for (int i = 0; i < 5; i++) {
      assertThat(a.next()).isEqualTo(b.next());
    }
  }

  @Test
  void theGeneratorWritesOnlyValidLinesWithoutCorruptionAndOnlyBadOnesWithFullCorruption() {
    List<String> clean = FlowLogGenerator.create(1, 2_000, 0.0).next();
    clean.forEach(FlowRecord::parse);
    assertThat(clean.stream().map(FlowRecord::parse).flatMap(Optional::stream)
            .map(r -> FlowLogGenerator.directory().serviceFor(r.dstAddr(), r.dstPort())))
        .doesNotContainNull()
        .allMatch(s -> !s.startsWith("port-"), "every generated flow goes to a known service");

    for (String line : FlowLogGenerator.create(1, 300, 1.0).next()) {
      assertThatThrownBy(() -> FlowRecord.parse(line)).as(line).isInstanceOf(MalformedRecordException.class);
    }
  }

  @Test
  void theGeneratorRejectsBadSettings() {
    assertThatThrownBy(() -> FlowLogGenerator.create(1, 0, 0.1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("batchSize").hasMessageContaining("0");
    assertThatThrownBy(() -> FlowLogGenerator.create(1, 10, 1.5))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("corruptShare").hasMessageContaining("1.5");
  }
}
