package io.troupe.examples.workerpool;

import java.time.Duration;

/**
 * The command line of {@link WorkerPoolDemo}.
 *
 * @param seconds how long the pool takes new batches
 * @param workers how many workers run
 * @param seed the seed of the generated flow logs
 */
public record DemoOptions(int seconds, int workers, long seed) {

  /** What {@link #parse} accepts. */
  public static final String USAGE =
      "usage: WorkerPoolDemo [--seconds N (1-3600, default 6)] [--workers N (1-256, default 4)] [--seed N]";

  /** Checks the ranges. */
  public DemoOptions {
    if (seconds < 1 || seconds > 3600) {
      throw new IllegalArgumentException("--seconds must be within 1..3600, was " + seconds);
    }
    if (workers < 1 || workers > 256) {
      throw new IllegalArgumentException("--workers must be within 1..256, was " + workers);
    }
  }

  /**
   * Reads {@code --seconds N}, {@code --workers N} and {@code --seed N}.
   *
   * @throws IllegalArgumentException naming the option and value that are wrong
   */
  public static DemoOptions parse(String... args) {
    int seconds = 6;
    int workers = 4;
    long seed = 2024;
    for (int i = 0; i < args.length; i++) {
      String option = args[i];
      if (!option.equals("--seconds") && !option.equals("--workers") && !option.equals("--seed")) {
        throw new IllegalArgumentException("unknown option '" + option + "'");
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(option + " needs a value");
      }
      String value = args[++i];
      long n;
      try {
        n = Long.parseLong(value);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(option + " must be a whole number, was '" + value + "'");
      }
      switch (option) {
        case "--seconds" -> seconds = (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, n));
        case "--workers" -> workers = (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, n));
        default -> seed = n;
      }
    }
    return new DemoOptions(seconds, workers, seed);
  }

  /** How long the pool takes new batches. */
  public Duration duration() {
    return Duration.ofSeconds(seconds);
  }
}
