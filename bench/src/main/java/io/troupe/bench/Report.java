package io.troupe.bench;

import io.troupe.bench.Workload.Side;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The results of a comparison run and the table made of them: per workload, the median score of
 * each side over the rounds, the median of the per-round Troupe/Pekko ratios, the range of those
 * ratios (how noisy the machine was), and whether the target is met.
 *
 * <p>Throughput scores are operations per second (higher is better); footprint scores are bytes
 * per actor (lower is better). Allocation, when profiled, is bytes per operation.
 */
public final class Report {
  private final int rounds;
  private final Map<Workload, Map<Side, Round[]>> results = new LinkedHashMap<>();

  /** What one side scored in one round; {@code error} is set instead when the run failed. */
  private record Round(double score, double bytesPerOp, String error) {}

  /**
   * Makes an empty report for {@code rounds} rounds.
   *
   * @throws IllegalArgumentException if {@code rounds} is not positive
   */
  public Report(int rounds) {
    if (rounds <= 0) {
      throw new IllegalArgumentException("rounds must be positive, was " + rounds);
    }
    this.rounds = rounds;
  }

  /**
   * Records a score. {@code bytesPerOp} is {@link Double#NaN} when allocation was not profiled.
   *
   * @throws IllegalArgumentException if {@code round} is outside {@code [0, rounds)}
   */
  public void add(Workload workload, Side side, int round, double score, double bytesPerOp) {
    slot(workload, side)[checkRound(round)] = new Round(score, bytesPerOp, null);
  }

  /** Records that a run failed, with a one-line reason. */
  public void fail(Workload workload, Side side, int round, String error) {
    slot(workload, side)[checkRound(round)] =
        new Round(Double.NaN, Double.NaN, Objects.requireNonNull(error, "error"));
  }

  /** Whether any run failed. */
  public boolean anyFailed() {
    return results.values().stream()
        .flatMap(m -> m.values().stream())
        .flatMap(Arrays::stream)
        .anyMatch(r -> r != null && r.error != null);
  }

  /** The median of the per-round Troupe/Pekko ratios of {@code workload}; NaN if none. */
  public double medianRatio(Workload workload) {
    return median(ratios(workload));
  }

  /** The median score of {@code side} on {@code workload}; NaN if it has none. */
  public double medianScore(Workload workload, Side side) {
    return median(values(workload, side, false));
  }

  /** The table, with {@code header} above it. */
  public String render(String header) {
    StringBuilder out = new StringBuilder(header).append("\n\n");
    String format = "%-40s %16s %16s %8s %15s %8s  %s%n";
    out.append(
        String.format(
            Locale.ROOT, format, "workload", "Troupe", "Pekko", "T/P", "T/P range", "target", ""));
    boolean anyAlloc = false;
    for (Map.Entry<Workload, Map<Side, Round[]>> e : results.entrySet()) {
      Workload w = e.getKey();
      List<Double> ratios = ratios(w);
      double ratio = median(ratios);
      String range =
          ratios.isEmpty()
              ? "-"
              : String.format(
                  Locale.ROOT,
                  "%.2f-%.2fx",
                  ratios.stream().mapToDouble(d -> d).min().orElseThrow(),
                  ratios.stream().mapToDouble(d -> d).max().orElseThrow());
      String target = (w.isFootprint() ? "<= " : ">= ") + trim(w.target()) + "x";
      String verdict;
      if (Double.isNaN(ratio)) {
        verdict = "no result";
      } else if (w.isFootprint() ? ratio <= w.target() : ratio >= w.target()) {
        verdict = "met";
      } else {
        verdict = "MISSED";
      }
      out.append(
          String.format(
              Locale.ROOT,
              format,
              w.title(),
              score(w, medianScore(w, Side.TROUPE)),
              score(w, medianScore(w, Side.PEKKO)),
              Double.isNaN(ratio) ? "-" : String.format(Locale.ROOT, "%.2fx", ratio),
              range,
              target,
              verdict));
      anyAlloc |= !w.isFootprint() && !values(w, Side.TROUPE, true).isEmpty();
    }
    if (anyAlloc) {
      out.append("\nallocation per operation (JMH -prof gc, gc.alloc.rate.norm), median over rounds\n\n");
      String allocFormat = "%-40s %16s %16s%n";
      out.append(String.format(Locale.ROOT, allocFormat, "workload", "Troupe", "Pekko"));
      for (Workload w : results.keySet()) {
        if (w.isFootprint()) {
          continue;
        }
        out.append(
            String.format(
                Locale.ROOT,
                allocFormat,
                w.title(),
                bytes(median(values(w, Side.TROUPE, true)), w.unit()),
                bytes(median(values(w, Side.PEKKO, true)), w.unit())));
      }
    }
    List<String> errors = new ArrayList<>();
    results.forEach(
        (w, sides) ->
            sides.forEach(
                (side, rs) -> {
                  for (int r = 0; r < rs.length; r++) {
                    if (rs[r] != null && rs[r].error != null) {
                      errors.add(
                          w.key() + " / " + side.displayName() + " / round " + (r + 1) + ": "
                              + rs[r].error);
                    }
                  }
                }));
    if (!errors.isEmpty()) {
      out.append("\nfailed runs\n");
      errors.forEach(err -> out.append("  ").append(err).append('\n'));
    }
    return out.toString();
  }

  /** Formats a score: an operation rate, or bytes per actor for the footprint. */
  static String score(Workload w, double value) {
    if (Double.isNaN(value)) {
      return "-";
    }
    if (w.isFootprint()) {
      return String.format(Locale.ROOT, "%.1f B/%s", value, w.unit());
    }
    if (value >= 1e6) {
      return String.format(Locale.ROOT, "%.2f M %s/s", value / 1e6, w.unit());
    }
    if (value >= 1e3) {
      return String.format(Locale.ROOT, "%.1f k %s/s", value / 1e3, w.unit());
    }
    return String.format(Locale.ROOT, "%.1f %s/s", value, w.unit());
  }

  /** The median of {@code values}: the middle one, or the mean of the middle two; NaN if empty. */
  static double median(List<Double> values) {
    if (values.isEmpty()) {
      return Double.NaN;
    }
    double[] sorted = values.stream().mapToDouble(d -> d).sorted().toArray();
    int mid = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  }

  private static String bytes(double value, String unit) {
    return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.1f B/%s", value, unit);
  }

  private static String trim(double d) {
    return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
  }

  private List<Double> ratios(Workload workload) {
    Map<Side, Round[]> sides = results.get(workload);
    List<Double> ratios = new ArrayList<>();
    if (sides == null || !sides.containsKey(Side.TROUPE) || !sides.containsKey(Side.PEKKO)) {
      return ratios;
    }
    Round[] t = sides.get(Side.TROUPE);
    Round[] p = sides.get(Side.PEKKO);
    for (int r = 0; r < rounds; r++) {
      if (ok(t[r]) && ok(p[r]) && p[r].score != 0) {
        ratios.add(t[r].score / p[r].score);
      }
    }
    return ratios;
  }

  private List<Double> values(Workload workload, Side side, boolean allocation) {
    Map<Side, Round[]> sides = results.get(workload);
    List<Double> values = new ArrayList<>();
    if (sides == null || !sides.containsKey(side)) {
      return values;
    }
    for (Round r : sides.get(side)) {
      if (ok(r)) {
        double v = allocation ? r.bytesPerOp : r.score;
        if (!Double.isNaN(v)) {
          values.add(v);
        }
      }
    }
    return values;
  }

  private static boolean ok(Round r) {
    return r != null && r.error == null;
  }

  private Round[] slot(Workload workload, Side side) {
    Objects.requireNonNull(workload, "workload");
    Objects.requireNonNull(side, "side");
    return results
        .computeIfAbsent(workload, w -> new EnumMap<>(Side.class))
        .computeIfAbsent(side, s -> new Round[rounds]);
  }

  private int checkRound(int round) {
    if (round < 0 || round >= rounds) {
      throw new IllegalArgumentException(
          "round must be in [0, " + rounds + "), was " + round);
    }
    return round;
  }
}
