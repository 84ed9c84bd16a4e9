package io.troupe.stream;

/** A lazily created graph was never materialized because its stream ended first. */
public final class NeverMaterializedException extends RuntimeException {
  /** Creates the exception with {@code message}. */
  public NeverMaterializedException(String message) {
    super(message);
  }

  /** Creates the exception with {@code message} and {@code cause}. */
  public NeverMaterializedException(String message, Throwable cause) {
    super(message, cause);
  }
}
