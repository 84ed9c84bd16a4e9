package io.troupe.actor;

/** The value of a result that carries no information, such as a materialized value nobody uses. */
public enum NotUsed {
  /** The single instance. */
  INSTANCE;

  /** Returns the single instance; Pekko's Java name for it. */
  public static NotUsed notUsed() {
    return INSTANCE;
  }

  /** Returns the single instance. */
  public static NotUsed getInstance() {
    return INSTANCE;
  }
}
