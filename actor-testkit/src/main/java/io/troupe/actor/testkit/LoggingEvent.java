package io.troupe.actor.testkit;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Marker;
import org.slf4j.event.Level;

/**
 * A log event as {@link LoggingTestKit} sees it, taken from the logging backend.
 *
 * @param level the level
 * @param loggerName the name of the logger
 * @param threadName the thread that logged it
 * @param message the formatted message
 * @param timeStamp when it was logged, in milliseconds since the epoch
 * @param marker the marker, if any
 * @param throwable the throwable logged with it, if any
 * @param mdc the MDC when it was logged; an actor's path is under {@code troupeSource}
 */
public record LoggingEvent(
    Level level,
    String loggerName,
    String threadName,
    String message,
    long timeStamp,
    Optional<Marker> marker,
    Optional<Throwable> throwable,
    Map<String, String> mdc) {

  public LoggingEvent {
    Objects.requireNonNull(level, "level");
    Objects.requireNonNull(loggerName, "loggerName");
    Objects.requireNonNull(threadName, "threadName");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(marker, "marker");
    Objects.requireNonNull(throwable, "throwable");
    mdc = Map.copyOf(Objects.requireNonNull(mdc, "mdc"));
  }

  /** An event with just level and message, for custom matchers in tests. */
  public static LoggingEvent create(Level level, String message) {
    return new LoggingEvent(level, "", Thread.currentThread().getName(), message, System.currentTimeMillis(),
        Optional.empty(), Optional.empty(), Map.of());
  }

  public Level getLevel() {
    return level;
  }

  public String getLoggerName() {
    return loggerName;
  }

  public String getThreadName() {
    return threadName;
  }

  public String getMessage() {
    return message;
  }

  public long getTimeStamp() {
    return timeStamp;
  }

  public Optional<Marker> getMarker() {
    return marker;
  }

  public Optional<Throwable> getThrowable() {
    return throwable;
  }

  public Map<String, String> getMdc() {
    return mdc;
  }

  @Override
  public String toString() {
    return level + " " + loggerName + " - " + message
        + throwable.map(t -> " [" + t.getClass().getName() + ": " + t.getMessage() + "]").orElse("");
  }
}
