package io.troupe.actor;

import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.event.Level;

/**
 * How {@link Behaviors#logMessages(LogOptions, Behavior)} logs: whether at all, at which level, and
 * to which logger (by default the actor's own, {@link ActorContext#getLog()}). Immutable.
 */
public final class LogOptions {
  private static final LogOptions DEFAULT = new LogOptions(true, Level.DEBUG, null);

  private final boolean enabled;
  private final Level level;
  private final Logger logger;

  private LogOptions(boolean enabled, Level level, Logger logger) {
    this.enabled = enabled;
    this.level = level;
    this.logger = logger;
  }

  /** Enabled, at DEBUG, to the actor's logger. */
  public static LogOptions create() {
    return DEFAULT;
  }

  /** These options, enabled or not. */
  public LogOptions withEnabled(boolean enabled) {
    return new LogOptions(enabled, level, logger);
  }

  /** These options at {@code level}. */
  public LogOptions withLevel(Level level) {
    return new LogOptions(enabled, Objects.requireNonNull(level, "level"), logger);
  }

  /** These options logging to {@code logger}. */
  public LogOptions withLogger(Logger logger) {
    return new LogOptions(enabled, level, Objects.requireNonNull(logger, "logger"));
  }

  /** Whether messages are logged. */
  public boolean enabled() {
    return enabled;
  }

  /** The level messages are logged at. */
  public Level level() {
    return level;
  }

  /** The logger, if one was given instead of the actor's. */
  public Optional<Logger> getLogger() {
    return Optional.ofNullable(logger);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LogOptions l && l.enabled == enabled && l.level == level && Objects.equals(l.logger, logger);
  }

  @Override
  public int hashCode() {
    return Objects.hash(enabled, level, logger);
  }

  @Override
  public String toString() {
    return "LogOptions(" + (enabled ? level : "disabled") + (logger == null ? "" : ", " + logger.getName()) + ")";
  }
}
