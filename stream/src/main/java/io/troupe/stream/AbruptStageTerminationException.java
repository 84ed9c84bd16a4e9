package io.troupe.stream;

/** A stage was stopped before it completed its work, because its stream was torn down (for example its materializer or system shut down). */
public final class AbruptStageTerminationException extends IllegalStateException {
  /** Creates the exception with {@code message}. */
  public AbruptStageTerminationException(String message) {
    super(message);
  }

  /** Creates the exception with {@code message} and {@code cause}. */
  public AbruptStageTerminationException(String message, Throwable cause) {
    super(message, cause);
  }
}
