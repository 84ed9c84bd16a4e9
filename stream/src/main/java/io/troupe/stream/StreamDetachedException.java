package io.troupe.stream;

/** An operation on a stage that has already stopped, such as invoking an async callback with feedback. */
public final class StreamDetachedException extends IllegalStateException {
  /** Creates the exception with {@code message}. */
  public StreamDetachedException(String message) {
    super(message);
  }

  /** Creates the exception with {@code message} and {@code cause}. */
  public StreamDetachedException(String message, Throwable cause) {
    super(message, cause);
  }
}
