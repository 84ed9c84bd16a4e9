package io.troupe.actor;

import com.typesafe.config.Config;
import java.time.Duration;

/**
 * The configuration an {@link ActorSystem} was started with, and the values the actor runtime
 * reads from it (under {@code troupe.}).
 */
public final class Settings {
  private final String name;
  private final Config config;
  private final int logDeadLetters;
  private final boolean logDeadLettersDuringShutdown;
  private final Duration logDeadLettersSuspendDuration;
  private final boolean daemonic;

  /** Reads the settings; fails with {@link com.typesafe.config.ConfigException} on a bad value. */
  public Settings(String name, Config config) {
    this.name = name;
    this.config = config;
    Config t = config.getConfig("troupe");
    String dl = t.getString("log-dead-letters");
    this.logDeadLetters = switch (dl) {
      case "on", "true", "yes" -> Integer.MAX_VALUE;
      case "off", "false", "no" -> 0;
      default -> t.getInt("log-dead-letters");
    };
    this.logDeadLettersDuringShutdown = t.getBoolean("log-dead-letters-during-shutdown");
    this.logDeadLettersSuspendDuration = t.getDuration("log-dead-letters-suspend-duration");
    this.daemonic = t.getBoolean("daemonic");
  }

  /** The system's name. */
  public String name() {
    return name;
  }

  /** The whole configuration, with the reference defaults filled in. */
  public Config config() {
    return config;
  }

  /** How many dead letters are logged before logging pauses; 0 turns it off. */
  public int logDeadLetters() {
    return logDeadLetters;
  }

  /** Whether dead letters are logged while the system terminates. */
  public boolean logDeadLettersDuringShutdown() {
    return logDeadLettersDuringShutdown;
  }

  /** How long dead-letter logging pauses after {@link #logDeadLetters()} were logged. */
  public Duration logDeadLettersSuspendDuration() {
    return logDeadLettersSuspendDuration;
  }

  /** Whether the system's threads are daemon threads. */
  public boolean daemonic() {
    return daemonic;
  }

  @Override
  public String toString() {
    return "Settings(" + name + ")";
  }
}
