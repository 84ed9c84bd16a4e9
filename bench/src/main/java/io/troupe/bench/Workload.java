package io.troupe.bench;

import java.util.List;
import java.util.regex.Pattern;

/**
 * One workload of the comparison: a JMH benchmark written twice, as {@code
 * io.troupe.bench.troupe.<benchmark>} and {@code io.troupe.bench.pekko.<benchmark>}, or the idle
 * actor footprint programs. {@code target} is the Troupe/Pekko ratio the project aims for: at
 * least that much for throughput, at most that much for footprint.
 *
 * @param key the short name used by {@code --only}
 * @param title what the table calls it
 * @param benchmark {@code Class.method} of the JMH benchmark ({@code sub/Class.method} if it
 *     lives in a sub-package, see {@link #benchmarkName}), or null for the footprint
 * @param unit what one operation is
 * @param target the ratio aimed for
 */
public record Workload(String key, String title, String benchmark, String unit, double target) {

  /** The key of the idle actor footprint workload. */
  public static final String FOOTPRINT = "footprint";

  /** Every workload, in the order the table lists them. */
  public static final List<Workload> ALL =
      List.of(
          new Workload(
              "ping-pong-1", "ping-pong, 1 pair, 1 in flight", "PingPongBenchmark.onePair", "msg", 1.5),
          new Workload(
              "ping-pong-4", "ping-pong, 4 pairs, 1 in flight each", "PingPongBenchmark.fourPairs",
              "msg", 1.5),
          new Workload("echo", "echo, 256 pairs, 50 in flight each", "EchoBenchmark.echo", "msg", 1.5),
          new Workload("fan-in", "fan-in, 4 threads tell 1 actor", "FanInBenchmark.fanIn", "msg", 1.5),
          new Workload(
              "spawn", "spawn + 1 message + stop, 10k actors", "SpawnBenchmark.spawn", "actor", 2.0),
          new Workload(FOOTPRINT, "heap bytes per idle actor", null, "actor", 0.5),
          new Workload(
              "router-pool", "round-robin pool of 8, fed by 2 threads",
              "RouterPoolBenchmark.roundRobinPool", "msg", 1.5),
          new Workload(
              "work-pulling", "work-pulling delivery to 4 workers", "WorkPullingBenchmark.workPulling",
              "job", 1.5),
          new Workload(
              "stream-fused", "stream range.map.filter.fold, fused",
              "stream/StreamBenchmark.mapFilterFold", "elem", 3.0),
          new Workload(
              "stream-ten-maps", "stream ten maps, fused", "stream/StreamBenchmark.tenMaps", "elem",
              3.0),
          new Workload(
              "stream-async", "stream map, async boundary, filter.fold",
              "stream/StreamBenchmark.mapAsyncBoundaryFilterFold", "elem", 5.0),
          new Workload(
              "stream-map-async", "stream mapAsync(4), completed futures",
              "stream/StreamBenchmark.mapAsyncCompleted", "elem", 1.5),
          new Workload(
              "stream-materialize", "stream materialize 1000 tiny streams",
              "stream/StreamBenchmark.materialize", "stream", 3.0),
          new Workload(
              "stream-groupby", "stream groupBy(64).map.mergeSubstreams",
              "stream/OperatorBenchmark.groupByMapMerge", "elem", 1.5),
          new Workload(
              "stream-grouped-within", "stream groupedWithin(1000, 100 ms)",
              "stream/OperatorBenchmark.groupedWithin", "elem", 1.5),
          new Workload(
              "stream-mergehub", "stream MergeHub, 4 producers, 1 consumer",
              "stream/OperatorBenchmark.mergeHub", "elem", 1.5),
          new Workload(
              "stream-queue-offer", "stream Source.queue(1024) offers, 1 thread",
              "stream/OperatorBenchmark.queueOffer", "elem", 1.5),
          new Workload(
              "io-tcp-1", "TCP echo over loopback, 1 connection",
              "io/TcpEchoBenchmark.oneConnection", "MB", 1.5),
          new Workload(
              "io-tcp-16", "TCP echo over loopback, 16 connections",
              "io/TcpEchoBenchmark.sixteenConnections", "MB", 1.5),
          new Workload(
              "io-file-copy", "file copy FileIO to FileIO, 256 MB", "io/FileCopyBenchmark.copy",
              "MB", 1.5),
          new Workload(
              "io-framing", "Framing.delimiter, 100 MB of log lines",
              "io/FramingBenchmark.delimiter", "MB", 1.5));

  /** Whether this is the footprint workload, measured by plain programs instead of JMH. */
  public boolean isFootprint() {
    return benchmark == null;
  }

  /** The JMH include pattern that selects exactly this workload's benchmark for {@code side}. */
  public String includeFor(Side side) {
    if (isFootprint()) {
      throw new IllegalStateException("the footprint workload has no JMH benchmark");
    }
    return "^" + Pattern.quote(benchmarkName(side)) + "$";
  }

  /**
   * The full name ({@code package.Class.method}) of this workload's benchmark for {@code side}: in
   * {@code io.troupe.bench.<side>}, or, for a benchmark written {@code sub/Class.method}, in
   * {@code io.troupe.bench.<sub>.<side>} (the stream workloads live in {@code bench.stream}).
   */
  public String benchmarkName(Side side) {
    if (isFootprint()) {
      throw new IllegalStateException("the footprint workload has no JMH benchmark");
    }
    int slash = benchmark.indexOf('/');
    String sub = slash < 0 ? "" : benchmark.substring(0, slash) + ".";
    return "io.troupe.bench." + sub + side.packageName() + "." + benchmark.substring(slash + 1);
  }

  /** A runtime being compared. */
  public enum Side {
    TROUPE("troupe", "Troupe"),
    PEKKO("pekko", "Pekko");

    private final String packageName;
    private final String displayName;

    Side(String packageName, String displayName) {
      this.packageName = packageName;
      this.displayName = displayName;
    }

    /** The last part of the package its benchmarks live in. */
    public String packageName() {
      return packageName;
    }

    /** How the table names it. */
    public String displayName() {
      return displayName;
    }
  }
}
