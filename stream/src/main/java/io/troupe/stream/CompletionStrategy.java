package io.troupe.stream;

/**
 * How an actor-fed source completes when told to: at once, or after emitting what it buffered.
 */
public enum CompletionStrategy {
  /** Completes at once; buffered elements are dropped. */
  IMMEDIATELY,
  /** Emits the buffered elements, then completes. */
  DRAINING;

  /** Completes at once. */
  public static CompletionStrategy immediately() {
    return IMMEDIATELY;
  }

  /** Emits the buffer first, then completes. */
  public static CompletionStrategy draining() {
    return DRAINING;
  }
}
