package io.troupe.bench.io;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * The input data of the IO benchmarks, generated from a fixed seed so that every run and both
 * sides see the same bytes.
 */
public final class IoData {
  private IoData() {}

  private static final String[] LEVELS = {"INFO ", "INFO ", "INFO ", "DEBUG", "WARN ", "ERROR"};
  private static final String[] LOGGERS = {
    "io.example.orders.OrderService",
    "io.example.http.RequestLog",
    "io.example.db.ConnectionPool",
    "io.example.cache.Lookup",
    "io.example.billing.InvoiceJob"
  };
  private static final String[] MESSAGES = {
    "request handled",
    "cache miss for key",
    "connection returned to pool after use by",
    "invoice batch written",
    "slow query detected while serving the dashboard for tenant",
    "retrying after transient failure"
  };

  /** The longest line {@link #logLines} writes, in bytes with its {@code '\n'}. */
  public static final int MAX_LINE = 300;

  /** {@code size} pseudo-random bytes from {@code seed}. */
  public static byte[] randomBytes(int size, long seed) {
    byte[] bytes = new byte[size];
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = 0; i < size; i++) {
      bytes[i] = (byte) random.nextInt(256);
    }
    return bytes;
  }

  /**
   * Exactly {@code size} bytes of log lines, each ending in {@code '\n'} and at most {@link
   * #MAX_LINE} bytes long (the last one is dots, filling the size).
   */
  public static byte[] logLines(int size, long seed) {
    byte[] bytes = new byte[size];
    SplittableRandom random = new SplittableRandom(seed);
    StringBuilder line = new StringBuilder(320);
    int position = 0;
    long millis = 1_714_560_000_000L;
    while (size - position > MAX_LINE) {
      millis += random.nextInt(50);
      line.setLength(0);
      line.append(millis / 1000)
          .append('.')
          .append(String.valueOf(1000 + millis % 1000), 1, 4)
          .append(' ')
          .append(LEVELS[random.nextInt(LEVELS.length)])
          .append(" [worker-")
          .append(random.nextInt(16))
          .append("] ")
          .append(LOGGERS[random.nextInt(LOGGERS.length)])
          .append(" - ")
          .append(MESSAGES[random.nextInt(MESSAGES.length)])
          .append(" id=")
          .append(random.nextLong(1L << 40))
          .append(" took=")
          .append(random.nextInt(2_000))
          .append("ms");
      int padding = random.nextInt(120);
      for (int i = 0; i < padding; i++) {
        line.append((char) ('a' + random.nextInt(26)));
      }
      line.append('\n');
      byte[] encoded = line.toString().getBytes(StandardCharsets.US_ASCII);
      if (encoded.length > MAX_LINE) {
        throw new IllegalStateException("a log line of " + encoded.length + " bytes");
      }
      System.arraycopy(encoded, 0, bytes, position, encoded.length);
      position += encoded.length;
    }
    for (int i = position; i < size - 1; i++) {
      bytes[i] = '.';
    }
    bytes[size - 1] = '\n';
    return bytes;
  }
}
