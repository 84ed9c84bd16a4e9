package io.troupe.stream;

/** A stream was aborted because its materializer or actor system shut down. */
public final class AbruptTerminationException extends IllegalStateException {
  /** Creates the exception with {@code message}. */
  public AbruptTerminationException(String message) {
    super(message);
  }

  /** Creates the exception with {@code message} and {@code cause}. */
  public AbruptTerminationException(String message, Throwable cause) {
    super(message, cause);
  }
}
