package io.troupe.stream;

import java.util.concurrent.TimeoutException;

/**
 * The failure of a stream whose {@code backpressureTimeout} expired: downstream did not ask for
 * the next element within the timeout after it was sent one.
 */
public final class BackpressureTimeoutException extends TimeoutException {
  private static final long serialVersionUID = 1L;

  /** An exception with {@code message}. */
  public BackpressureTimeoutException(String message) {
    super(message);
  }
}
