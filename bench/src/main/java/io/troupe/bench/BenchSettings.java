package io.troupe.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What one comparison run does: how many alternating rounds, how long JMH warms up and measures,
 * which workloads, and whether to profile allocation. Made from the command line by {@link
 * #parse}.
 *
 * @param rounds how many times each workload runs per side, alternating which side goes first
 * @param warmupIterations JMH warmup iterations per run
 * @param iterations JMH measurement iterations per run
 * @param secondsPerIteration the length of each warmup and measurement iteration
 * @param profileGc whether to add JMH's GC profiler and report bytes allocated per operation
 * @param workloads the keys of the workloads to run, in table order
 * @param footprintActors how many idle actors the footprint programs spawn
 * @param verbose whether to show JMH's own output
 */
public record BenchSettings(
    int rounds,
    int warmupIterations,
    int iterations,
    int secondsPerIteration,
    boolean profileGc,
    List<String> workloads,
    int footprintActors,
    boolean verbose) {

  /** The defaults: about ten to fifteen minutes on two cores. */
  public static BenchSettings defaults() {
    return new BenchSettings(3, 3, 5, 1, false, allKeys(), 1_000_000, false);
  }

  /** The command-line help. */
  public static final String USAGE =
      """
      Usage: java -jar troupe-benchmarks.jar [options]
             java -jar troupe-benchmarks.jar jmh [JMH options]   (plain JMH, e.g. -l to list)

      Runs every workload for Troupe and for Pekko, alternating the two, and prints a table of
      Troupe/Pekko ratios.

        --quick            1 round, 1 x 1 s warmup, 2 x 1 s measurement, 200k idle actors
        --rounds N         alternating rounds per workload (default 3)
        --warmup N         JMH warmup iterations per run (default 3)
        --iterations N     JMH measurement iterations per run (default 5)
        --time S           seconds per warmup or measurement iteration (default 1)
        --prof gc          also report bytes allocated per operation (JMH's GC profiler)
        --only K1,K2,...   only these workloads; keys: %s
        --actors N         idle actors in the footprint workload (default 1000000; multiple of 1000)
        --verbose          show JMH's own output
        --help             this text
      """
          .formatted(String.join(", ", allKeys()));

  /**
   * Reads the settings from command-line arguments.
   *
   * @throws IllegalArgumentException naming the option and the value it did not accept
   */
  public static BenchSettings parse(String... args) {
    BenchSettings s = defaults();
    boolean quick = false;
    for (String arg : args) {
      if (arg.equals("--quick")) {
        quick = true;
      }
    }
    if (quick) {
      s = new BenchSettings(1, 1, 2, 1, false, allKeys(), 200_000, false);
    }
    int rounds = s.rounds;
    int warmup = s.warmupIterations;
    int iterations = s.iterations;
    int seconds = s.secondsPerIteration;
    boolean gc = false;
    List<String> workloads = s.workloads;
    int actors = s.footprintActors;
    boolean verbose = false;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      switch (arg) {
        case "--quick" -> {}
        case "--rounds" -> rounds = positive(arg, value(args, ++i, arg));
        case "--warmup" -> warmup = nonNegative(arg, value(args, ++i, arg));
        case "--iterations" -> iterations = positive(arg, value(args, ++i, arg));
        case "--time" -> seconds = positive(arg, value(args, ++i, arg));
        case "--prof" -> {
          String profiler = value(args, ++i, arg);
          if (!profiler.equals("gc")) {
            throw new IllegalArgumentException(
                "--prof supports only 'gc' here (use the jmh sub-command for others), was '"
                    + profiler + "'");
          }
          gc = true;
        }
        case "--only" -> workloads = workloadKeys(value(args, ++i, arg));
        case "--actors" -> {
          actors = positive(arg, value(args, ++i, arg));
          if (actors % 1_000 != 0) {
            throw new IllegalArgumentException(
                "--actors must be a multiple of 1000, was " + actors);
          }
        }
        case "--verbose" -> verbose = true;
        default -> throw new IllegalArgumentException("unknown option '" + arg + "'");
      }
    }
    return new BenchSettings(rounds, warmup, iterations, seconds, gc, workloads, actors, verbose);
  }

  /** The workloads selected, in table order. */
  public List<Workload> selected() {
    return Workload.ALL.stream().filter(w -> workloads.contains(w.key())).toList();
  }

  private static List<String> allKeys() {
    return Workload.ALL.stream().map(Workload::key).toList();
  }

  private static List<String> workloadKeys(String list) {
    Set<String> known = new TreeSet<>(allKeys());
    List<String> keys = new ArrayList<>();
    for (String key : list.split(",")) {
      String k = key.strip();
      if (!known.contains(k)) {
        throw new IllegalArgumentException(
            "--only: unknown workload '" + k + "'; known: " + String.join(", ", allKeys()));
      }
      keys.add(k);
    }
    return List.copyOf(keys);
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args[i];
  }

  private static int positive(String option, String value) {
    int n = number(option, value);
    if (n <= 0) {
      throw new IllegalArgumentException(option + " must be positive, was " + n);
    }
    return n;
  }

  private static int nonNegative(String option, String value) {
    int n = number(option, value);
    if (n < 0) {
      throw new IllegalArgumentException(option + " must not be negative, was " + n);
    }
    return n;
  }

  private static int number(String option, String value) {
    try {
      return Integer.parseInt(value.replace("_", ""));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(option + " needs a whole number, was '" + value + "'", e);
    }
  }
}
