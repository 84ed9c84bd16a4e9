package io.troupe.bench;

import java.lang.management.ManagementFactory;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Measures retained heap: the bytes still in use after full collections, and the line in which a
 * footprint program reports how many of them its actors hold.
 *
 * <p>A footprint program runs in a JVM of its own: it takes {@link #usedAfterGc()} with its actor
 * system started, spawns the actors, waits until every one has started, takes it again, and
 * prints {@link #resultLine}. {@link BenchMain} starts those programs and reads the line back with
 * {@link Footprint#parse}.
 */
public final class HeapMeter {
  private static final int COLLECTIONS = 3;

  private HeapMeter() {}

  /**
   * The heap in use after {@value #COLLECTIONS} explicit full collections (the default collector,
   * G1, collects fully on {@link System#gc()}).
   */
  public static long usedAfterGc() {
    long used = 0;
    for (int i = 0; i < COLLECTIONS; i++) {
      System.gc();
      used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
    return used;
  }

  /** The machine-readable report of one footprint measurement. */
  public static String resultLine(String side, long actors, long bytes) {
    return String.format(Locale.ROOT, "FOOTPRINT side=%s actors=%d bytes=%d", side, actors, bytes);
  }

  /** A human-readable report of one footprint measurement. */
  public static String summary(String side, long actors, long bytes) {
    return String.format(
        Locale.ROOT,
        "%s: %,d idle actors retain %,d heap bytes, %.1f bytes per actor",
        side,
        actors,
        bytes,
        (double) bytes / actors);
  }

  /** One footprint measurement: {@code actors} idle actors retained {@code bytes} bytes. */
  public record Footprint(String side, long actors, long bytes) {
    private static final Pattern LINE =
        Pattern.compile("^FOOTPRINT side=(\\w+) actors=(\\d+) bytes=(-?\\d+)$");

    /** Bytes per actor. */
    public double bytesPerActor() {
      return (double) bytes / actors;
    }

    /** The measurement in {@code line}, if it is a {@link #resultLine}. */
    public static Optional<Footprint> parse(String line) {
      Matcher m = LINE.matcher(line.strip());
      if (!m.matches()) {
        return Optional.empty();
      }
      return Optional.of(
          new Footprint(m.group(1), Long.parseLong(m.group(2)), Long.parseLong(m.group(3))));
    }
  }

  /**
   * Reads the actor count from a footprint program's arguments: none for {@code defaultActors},
   * or one positive multiple of {@code parents}.
   *
   * @throws IllegalArgumentException naming the bad value
   */
  public static int actorsArgument(String[] args, int defaultActors, int parents) {
    if (args.length == 0) {
      return defaultActors;
    }
    if (args.length > 1) {
      throw new IllegalArgumentException(
          "expected at most one argument (the number of idle actors), got " + args.length);
    }
    int actors;
    try {
      actors = Integer.parseInt(args[0].replace("_", ""));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("actors must be a number, was '" + args[0] + "'", e);
    }
    if (actors <= 0 || actors % parents != 0) {
      throw new IllegalArgumentException(
          "actors must be a positive multiple of " + parents + ", was " + actors);
    }
    return actors;
  }
}
