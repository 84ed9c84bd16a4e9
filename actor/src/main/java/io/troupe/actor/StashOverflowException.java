package io.troupe.actor;

/** Thrown by {@link StashBuffer#stash} when the buffer is full. */
public final class StashOverflowException extends RuntimeException {
  /** Creates the exception with a message naming the capacity. */
  public StashOverflowException(String message) {
    super(message);
  }
}
