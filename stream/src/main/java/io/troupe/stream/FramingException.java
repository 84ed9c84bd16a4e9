package io.troupe.stream;

/**
 * The failure of a framing stage whose input cannot be cut into frames: a frame longer than
 * allowed, a malformed header or object, or input that ends inside a frame. The message says
 * which.
 */
public final class FramingException extends RuntimeException {
  /** A framing failure explained by {@code message}. */
  public FramingException(String message) {
    super(message);
  }
}
