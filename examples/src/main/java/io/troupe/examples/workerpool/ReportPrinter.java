package io.troupe.examples.workerpool;

import io.troupe.actor.Behavior;
import io.troupe.actor.Behaviors;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;

/** An actor that prints each progress {@link Report} as one line; also formats the final summary. */
public final class ReportPrinter {
  private ReportPrinter() {}

  /** A printer that writes a line per unfinished report to {@code out}; the final one it skips. */
  public static Behavior<Report> create(PrintStream out) {
    Objects.requireNonNull(out, "out");
    return Behaviors.receiveMessage(report -> {
      if (!report.finished()) {
        out.println(progressLine(report));
        out.flush();
      }
      return Behaviors.same();
    });
  }

  /**
   * One line: elapsed time, batches done/failed/retried, records, throughput, and restarts
   * (respawns after a slash) per worker.
   */
  public static String progressLine(Report r) {
    String workers = r.workers().stream()
        .map(w -> "w" + w.id() + ":" + w.restarts() + (w.respawns() > 0 ? "/" + w.respawns() : ""))
        .collect(Collectors.joining(" "));
    return String.format(Locale.ROOT,
        "[%5.1fs] batches done %,d failed %,d retried %,d | records %,d at %,.0f/s | restarts %s",
        r.elapsed().toMillis() / 1000.0, r.jobsDone(), r.jobsFailed(), r.jobsRetried(), r.records(),
        r.recordsPerSecond(), workers);
  }

  /** The final summary: totals, a table per worker, the traffic per service and recent failures. */
  public static String summary(Report r) {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "%n== Summary after %.2f s ==%n", r.elapsed().toMillis() / 1000.0));
    sb.append(String.format(Locale.ROOT,
        "batches: %,d taken, %,d enriched, %,d failed, %,d retried%n",
        r.jobsAccepted(), r.jobsDone(), r.jobsFailed(), r.jobsRetried()));
    sb.append(String.format(Locale.ROOT, "records: %,d enriched, %,.0f per second%n",
        r.records(), r.recordsPerSecond()));
    sb.append(String.format(Locale.ROOT, "workers: %d restarts, %d replaced after stopping%n",
        r.totalRestarts(), r.totalRespawns()));
    sb.append(String.format(Locale.ROOT, "  %-8s %10s %9s %9s%n", "worker", "batches", "restarts", "replaced"));
    for (Report.WorkerStatus w : r.workers()) {
      sb.append(String.format(Locale.ROOT, "  %-8s %,10d %9d %9d%n",
          "worker-" + w.id(), w.jobsDone(), w.restarts(), w.respawns()));
    }
    sb.append(String.format(Locale.ROOT, "traffic per service:%n"));
    sb.append(String.format(Locale.ROOT, "  %-18s %12s %12s %9s %8s%n", "service", "flows", "bytes", "rejected", "clients"));
    for (Report.ServiceSummary s : r.services()) {
      sb.append(String.format(Locale.ROOT, "  %-18s %,12d %12s %,9d %8d%n",
          s.service(), s.flows(), humanBytes(s.bytes()), s.rejectedFlows(), s.distinctClients()));
    }
    if (!r.recentFailures().isEmpty()) {
      sb.append(String.format(Locale.ROOT, "latest failed batches:%n"));
      r.recentFailures().forEach(f -> sb.append("  ").append(f).append(System.lineSeparator()));
    }
    return sb.toString();
  }

  /** {@code bytes} in B, KiB, MiB, GiB or TiB with one decimal. */
  static String humanBytes(long bytes) {
    String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
    double value = bytes;
    int unit = 0;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit++;
    }
    return unit == 0 ? bytes + " B" : String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
  }
}
