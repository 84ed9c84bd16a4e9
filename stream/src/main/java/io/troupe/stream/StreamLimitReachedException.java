package io.troupe.stream;

/** A stream carried more elements than the limit an operator was given. */
public final class StreamLimitReachedException extends RuntimeException {
  /** Creates the exception with {@code message}. */
  public StreamLimitReachedException(String message) {
    super(message);
  }

  /** Creates the exception with {@code message} and {@code cause}. */
  public StreamLimitReachedException(String message, Throwable cause) {
    super(message, cause);
  }
}
