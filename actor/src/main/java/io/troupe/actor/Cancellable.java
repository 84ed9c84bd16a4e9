package io.troupe.actor;

/** A scheduled task that can be cancelled. */
public interface Cancellable {
  /**
   * Cancels the task; returns {@code true} if this call cancelled it, {@code false} if it had
   * already run (a one-shot task), or was cancelled before.
   */
  boolean cancel();

  /** Whether {@link #cancel()} has succeeded. */
  boolean isCancelled();
}
