package io.troupe.actor;

/** The signal a failed behavior gets before its actor restarts from the initial behavior. */
public final class PreRestart implements Signal {
  private static final PreRestart INSTANCE = new PreRestart();

  private PreRestart() {}

  /** The single instance. */
  public static PreRestart instance() {
    return INSTANCE;
  }

  @Override
  public String toString() {
    return "PreRestart";
  }
}
