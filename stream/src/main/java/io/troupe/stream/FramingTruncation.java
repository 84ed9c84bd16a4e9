package io.troupe.stream;

/** Whether a delimiter framing stage accepts input that ends without a final delimiter. */
public enum FramingTruncation {
  /** The bytes after the last delimiter are emitted as a last frame. */
  ALLOW,
  /** Input that ends after a partial frame fails the stream with a {@link FramingException}. */
  DISALLOW
}
