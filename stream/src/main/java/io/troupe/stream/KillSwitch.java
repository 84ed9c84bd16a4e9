package io.troupe.stream;

/**
 * A handle that ends the streams passing through its stage from outside: {@link #shutdown()}
 * completes them, {@link #abort(Throwable)} fails them. Thread-safe; only the first call counts.
 */
public interface KillSwitch {
  /** Completes the stream downstream of the switch and cancels it upstream. */
  void shutdown();

  /** Fails the stream downstream of the switch with {@code ex} and cancels it upstream. */
  void abort(Throwable ex);
}
