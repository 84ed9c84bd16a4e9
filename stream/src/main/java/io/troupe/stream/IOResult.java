package io.troupe.stream;

/**
 * The outcome of a finished IO stage (file, input or output stream): how many bytes it read or
 * wrote. A stage that fails materializes a failed future instead, with an {@link
 * IOOperationIncompleteException} that carries the count reached and the cause.
 *
 * @param count the number of bytes read or written
 */
public record IOResult(long count) {
  /** A successful result of {@code count} bytes. */
  public static IOResult createSuccessful(long count) {
    return new IOResult(count);
  }

  /** The number of bytes read or written; Pekko's getter name. */
  public long getCount() {
    return count;
  }

  /** Always true: failures fail the materialized future instead (kept for Pekko code). */
  public boolean wasSuccessful() {
    return true;
  }
}
