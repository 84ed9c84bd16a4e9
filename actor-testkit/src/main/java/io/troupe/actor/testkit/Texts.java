package io.troupe.actor.testkit;

import java.time.Duration;
import java.util.Collection;
import java.util.Objects;

/** How the kit writes durations and values into failure messages, and argument checks. */
final class Texts {
  private Texts() {}

  /** "3 s", "100 ms", "1500 ms", "250 µs". */
  static String duration(Duration d) {
    long nanos;
    try {
      nanos = d.toNanos();
    } catch (ArithmeticException e) {
      return d.toString();
    }
    if (nanos % 1_000_000_000L == 0) {
      return nanos / 1_000_000_000L + " s";
    }
    if (nanos % 1_000_000L == 0) {
      return nanos / 1_000_000L + " ms";
    }
    if (nanos >= 1_000_000L) {
      return String.format(java.util.Locale.ROOT, "%.3f ms", nanos / 1e6);
    }
    return nanos % 1000 == 0 ? nanos / 1000 + " µs" : nanos + " ns";
  }

  /** A value with its class when the class would otherwise be invisible or ambiguous. */
  static String value(Object o) {
    if (o == null) {
      return "null";
    }
    return "[" + o + "] (" + o.getClass().getName() + ")";
  }

  /** A list of values, one per line, at most {@code limit} of them. */
  static String list(Collection<?> values, int limit) {
    if (values.isEmpty()) {
      return " (none)";
    }
    StringBuilder sb = new StringBuilder();
    int i = 0;
    for (Object v : values) {
      if (i++ == limit) {
        sb.append("\n  ... and ").append(values.size() - limit).append(" more");
        break;
      }
      sb.append("\n  ").append(v);
    }
    return sb.toString();
  }

  static Duration requireNonNegative(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isNegative()) {
      throw new IllegalArgumentException(name + " must not be negative, was " + d);
    }
    return d;
  }

  static Duration requirePositive(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, was " + d);
    }
    return d;
  }

  /** Throws {@code t} as is, checked or not, so behavior failures reach the test unchanged. */
  @SuppressWarnings("unchecked")
  static <E extends Throwable> RuntimeException sneakyThrow(Throwable t) throws E {
    throw (E) t;
  }
}
