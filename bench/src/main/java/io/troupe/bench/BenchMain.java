package io.troupe.bench;

import io.troupe.bench.HeapMeter.Footprint;
import io.troupe.bench.Workload.Side;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * The benchmarks jar's entry point: runs every workload for Troupe and for Pekko in one go and
 * prints the Troupe/Pekko table; {@code jmh ...} hands the rest of the arguments to plain JMH.
 *
 * <p>Each round runs every workload on both sides back to back, Troupe first in odd rounds and
 * Pekko first in even ones (A B, B A, ...), so that drift on a shared machine hits both sides
 * alike; each run is a fresh JMH fork (or, for the footprint, a fresh JVM). Progress goes to
 * standard error, the table to standard output. The exit status is 1 if any run failed, 2 for bad
 * arguments.
 */
public final class BenchMain {
  /** How long one footprint program may run, in seconds. */
  private static final long FOOTPRINT_BOUND_SECONDS = 600;

  private BenchMain() {}

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("jmh")) {
      org.openjdk.jmh.Main.main(Arrays.copyOfRange(args, 1, args.length));
      return;
    }
    if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
      System.out.print(BenchSettings.USAGE);
      return;
    }
    BenchSettings settings;
    try {
      settings = BenchSettings.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("error: " + e.getMessage());
      System.err.print(BenchSettings.USAGE);
      System.exit(2);
      return;
    }
    Report report = run(settings);
    System.out.print(report.render(header(settings)));
    System.out.flush();
    if (report.anyFailed()) {
      System.exit(1);
    }
  }

  private static Report run(BenchSettings settings) throws InterruptedException {
    Report report = new Report(settings.rounds());
    List<Workload> workloads = settings.selected();
    int runs = settings.rounds() * workloads.size() * 2;
    int done = 0;
    for (int round = 0; round < settings.rounds(); round++) {
      List<Side> order =
          round % 2 == 0 ? List.of(Side.TROUPE, Side.PEKKO) : List.of(Side.PEKKO, Side.TROUPE);
      for (Workload workload : workloads) {
        for (Side side : order) {
          done++;
          long start = System.nanoTime();
          String label =
              String.format(
                  Locale.ROOT,
                  "[%d/%d] round %d, %-6s %-12s",
                  done,
                  runs,
                  round + 1,
                  side.packageName(),
                  workload.key());
          System.err.print(label + " ... ");
          System.err.flush();
          try {
            if (workload.isFootprint()) {
              Footprint f = footprint(side, settings.footprintActors());
              report.add(workload, side, round, f.bytesPerActor(), Double.NaN);
              System.err.print(Report.score(workload, f.bytesPerActor()));
            } else {
              double[] result = jmh(workload, side, settings);
              report.add(workload, side, round, result[0], result[1]);
              System.err.print(Report.score(workload, result[0]));
              if (!Double.isNaN(result[1])) {
                System.err.printf(Locale.ROOT, ", %.1f B/%s", result[1], workload.unit());
              }
            }
          } catch (RunnerException | IOException | IllegalStateException e) {
            String reason = rootMessage(e);
            report.fail(workload, side, round, reason);
            System.err.print("FAILED: " + reason);
          }
          System.err.printf(
              Locale.ROOT, "  (%d s)%n", TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start));
        }
      }
    }
    return report;
  }

  /** Runs one side of a JMH workload in its own fork: {score, bytes per op or NaN}. */
  private static double[] jmh(Workload workload, Side side, BenchSettings settings)
      throws RunnerException {
    TimeValue iteration = TimeValue.seconds(settings.secondsPerIteration());
    ChainedOptionsBuilder options =
        new OptionsBuilder()
            .include(workload.includeFor(side))
            .forks(1)
            .warmupIterations(settings.warmupIterations())
            .warmupTime(iteration)
            .measurementIterations(settings.iterations())
            .measurementTime(iteration)
            .shouldFailOnError(true)
            .verbosity(settings.verbose() ? VerboseMode.NORMAL : VerboseMode.SILENT);
    if (settings.profileGc()) {
      options.addProfiler(GCProfiler.class);
    }
    Collection<RunResult> results = new Runner(options.build()).run();
    if (results.size() != 1) {
      throw new IllegalStateException(
          "expected one result for " + workload.includeFor(side) + ", got " + results.size());
    }
    RunResult result = results.iterator().next();
    double score = result.getPrimaryResult().getScore();
    Result<?> norm = result.getSecondaryResults().get("gc.alloc.rate.norm");
    return new double[] {score, norm == null ? Double.NaN : norm.getScore()};
  }

  /** Runs one side's footprint program in a fresh JVM and reads its result line. */
  private static Footprint footprint(Side side, int actors)
      throws IOException, InterruptedException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String mainClass = "io.troupe.bench." + side.packageName() + ".IdleActorFootprint";
    // Like JMH's forks, the program gets this JVM's options.
    List<String> command = new ArrayList<>();
    command.add(java);
    command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
    command.addAll(
        List.of("-cp", System.getProperty("java.class.path"), mainClass, Integer.toString(actors)));
    Process process =
        new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    List<String> lines = new ArrayList<>();
    try (BufferedReader out =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        lines.add(line);
      }
    }
    if (!process.waitFor(FOOTPRINT_BOUND_SECONDS, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException(
          mainClass + " did not finish within " + FOOTPRINT_BOUND_SECONDS + " s");
    }
    if (process.exitValue() != 0) {
      throw new IllegalStateException(mainClass + " exited with status " + process.exitValue());
    }
    Optional<Footprint> result =
        lines.stream().map(Footprint::parse).flatMap(Optional::stream).findFirst();
    return result.orElseThrow(
        () -> new IllegalStateException(mainClass + " printed no FOOTPRINT line: " + lines));
  }

  private static String header(BenchSettings s) {
    return String.format(
        Locale.ROOT,
        "Troupe vs Pekko %s on JDK %s (%s), %d cores%n"
            + "%d round(s), sides alternating; each run: 1 fork, %d x %d s warmup, %d x %d s"
            + " measurement; T/P = Troupe/Pekko, median over rounds%n"
            + "throughput: higher is better (target: T/P at least the target);"
            + " footprint (%,d idle actors): lower is better (T/P at most the target)",
        org.apache.pekko.Version.current(),
        Runtime.version(),
        System.getProperty("java.vm.vendor"),
        Runtime.getRuntime().availableProcessors(),
        s.rounds(),
        s.warmupIterations(),
        s.secondsPerIteration(),
        s.iterations(),
        s.secondsPerIteration(),
        s.footprintActors());
  }

  /**
   * The most telling message in {@code t}: JMH wraps a benchmark's own exception (a round that
   * timed out, say) in causes and suppressed exceptions of its own; the benchmark's is the one to
   * show.
   */
  static String rootMessage(Throwable t) {
    Throwable best = null;
    ArrayDeque<Throwable> todo = new ArrayDeque<>(List.of(t));
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    while (!todo.isEmpty()) {
      Throwable x = todo.removeFirst();
      if (!seen.add(x)) {
        continue;
      }
      if (!x.getClass().getName().startsWith("org.openjdk.jmh.") && x.getMessage() != null) {
        best = x;
      }
      if (x.getCause() != null) {
        todo.addLast(x.getCause());
      }
      todo.addAll(Arrays.asList(x.getSuppressed()));
    }
    Throwable shown = best != null ? best : t;
    String message = shown.getMessage() == null ? shown.getClass().getName() : shown.getMessage();
    return message.lines().findFirst().orElse(message);
  }
}
