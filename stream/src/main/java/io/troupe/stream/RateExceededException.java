package io.troupe.stream;

/** The failure of a stream whose {@code throttle} in {@link ThrottleMode#ENFORCING} mode was exceeded. */
public final class RateExceededException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** An exception with {@code message}. */
  public RateExceededException(String message) {
    super(message);
  }
}
