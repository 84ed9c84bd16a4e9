package io.troupe.stream;

/**
 * The failure of an IO stage's materialized future: the operation stopped after {@link #count()}
 * bytes because of {@link #getCause()} (for example a missing file or a denied permission).
 */
public final class IOOperationIncompleteException extends RuntimeException {
  private final long count;

  /** The operation stopped after {@code count} bytes because of {@code cause}. */
  public IOOperationIncompleteException(long count, Throwable cause) {
    super("IO operation was stopped unexpectedly after " + count + " bytes because of "
        + cause, cause);
    this.count = count;
  }

  /** The number of bytes read or written before the failure. */
  public long count() {
    return count;
  }

  /** Same as {@link #count()}; Pekko's getter name. */
  public long getCount() {
    return count;
  }
}
