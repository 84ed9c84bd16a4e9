package io.troupe.actor;

/** The value that says an operation has completed and carries nothing else. */
public enum Done {
  /** The single instance. */
  INSTANCE;

  /** Returns the single instance; Pekko's Java name for it. */
  public static Done done() {
    return INSTANCE;
  }

  /** Returns the single instance. */
  public static Done getInstance() {
    return INSTANCE;
  }
}
