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
 * @param benchmark {@code Class.method} of the JMH benchmark, or null for the footprint
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
          new Workload(FOOTPRINT, "heap bytes per idle actor", null, "actor", 0.5));

  /** Whether this is the footprint workload, measured by plain programs instead of JMH. */
  public boolean isFootprint() {
    return benchmark == null;
  }

  /** The JMH include pattern that selects exactly this workload's benchmark for {@code side}. */
  public String includeFor(Side side) {
    if (isFootprint()) {
      throw new IllegalStateException("the footprint workload has no JMH benchmark");
    }
    return "^" + Pattern.quote("io.troupe.bench." + side.packageName() + "." + benchmark) + "$";
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
