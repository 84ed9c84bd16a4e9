package io.troupe.examples.servicemap;

import static org.assertj.core.api.Assertions.assertThat;

import io.troupe.actor.ActorRef;
import io.troupe.actor.ActorSystem;
import io.troupe.actor.Behaviors;
import io.troupe.examples.workerpool.FlowLogGenerator;
import io.troupe.examples.workerpool.FlowRecord;
import io.troupe.examples.workerpool.MalformedRecordException;
import io.troupe.examples.workerpool.ServiceDirectory;
import io.troupe.stream.Source;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ServiceMapPipelineTest {
  private ActorSystem<Void> system;

  @BeforeEach
  void start() {
    system = ActorSystem.create(Behaviors.empty(), "service-map-test",
        com.typesafe.config.ConfigFactory.parseString("troupe.coordinated-shutdown.run-by-jvm-shutdown-hook = off"));
  }

  @AfterEach
  void stop() throws Exception {
    system.terminate();
    system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  private static List<String> lines(long seed, int count, double corruptShare) {
    FlowLogGenerator generator = FlowLogGenerator.create(seed, 500, corruptShare);
    List<String> lines = new ArrayList<>(count);
    while (lines.size() < count) {
      lines.addAll(generator.next());
    }
    return lines.subList(0, count);
  }

  private ServiceMap.Snapshot awaitCompleted(ActorRef<ServiceMap.Command> map) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    ServiceMap.Snapshot s = ServiceMapDemo.snapshot(system, map);
    while (!s.completed() && s.failure() == null && System.nanoTime() < deadline) {
      s = ServiceMapDemo.snapshot(system, map);
    }
    return s;
  }

  @Test
  void theMapHoldsExactlyTheTotalsOfTheWellFormedRecordsAndBadOnesDoNotStopTheStream() throws Exception {
    List<String> input = lines(7, 30_000, 0.01);
    ServiceDirectory directory = FlowLogGenerator.directory();
    Map<String, long[]> expected = new HashMap<>();
    int malformed = 0;
    for (String line : input) {
      Optional<FlowRecord> r;
      try {
        r = FlowRecord.parse(line);
      } catch (MalformedRecordException e) {
        malformed++;
        continue;
      }
      r.ifPresent(rec -> {
        String key = ServiceMapPipeline.callerGroup(rec.srcAddr()) + " -> " + directory.serviceFor(rec.dstAddr(), rec.dstPort());
        long[] t = expected.computeIfAbsent(key, k -> new long[2]);
        t[0]++;
        t[1] += rec.bytes();
      });
    }
    assertThat(malformed).as("the input has bad lines").isPositive();

    ActorRef<ServiceMap.Command> map = system.systemActorOf(ServiceMap.create(), "map");
    ServiceMapPipeline.Counters counters = new ServiceMapPipeline.Counters();
    Source.from(input).runWith(ServiceMapPipeline.pipeline(directory, counters, map), system);
    ServiceMap.Snapshot snapshot = awaitCompleted(map);

    assertThat(snapshot.failure()).isNull();
    assertThat(snapshot.completed()).isTrue();
    assertThat(counters.lines()).isEqualTo(input.size());
    assertThat(counters.malformed()).isEqualTo(malformed);
    Map<String, long[]> actual = new HashMap<>();
    for (ServiceMap.EdgeTotals e : snapshot.edges()) {
      actual.put(e.from() + " -> " + e.to(), new long[] {e.flows(), e.bytes()});
    }
    assertThat(actual.keySet()).isEqualTo(expected.keySet());
    for (Map.Entry<String, long[]> e : expected.entrySet()) {
      assertThat(actual.get(e.getKey())).as(e.getKey()).containsExactly(e.getValue());
    }
  }

  @Test
  void windowsNeverMixEdgesAndCoverEveryRecord() {
    List<Edge> edges = List.of(new Edge("a", "b", 10, true), new Edge("a", "b", 5, false));
    EdgeWindow w = EdgeWindow.of(edges);
    assertThat(w).isEqualTo(new EdgeWindow("a", "b", 2, 15, 1));
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> EdgeWindow.of(List.of(new Edge("a", "b", 1, true), new Edge("a", "c", 1, true))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("a -> b")
        .hasMessageContaining("a -> c");
  }
}
