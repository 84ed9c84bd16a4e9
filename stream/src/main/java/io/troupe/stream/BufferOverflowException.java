package io.troupe.stream;

/** A buffer with OverflowStrategy.fail() received an element while full. */
public final class BufferOverflowException extends RuntimeException {
  /** Creates the exception with {@code message}. */
  public BufferOverflowException(String message) {
    super(message);
  }

  /** Creates the exception with {@code message} and {@code cause}. */
  public BufferOverflowException(String message, Throwable cause) {
    super(message, cause);
  }
}
