package io.troupe.actor.testkit;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Marker;
import org.slf4j.event.Level;

/**
 * A log event a behavior wrote to {@code context.getLog()} under a {@link BehaviorTestKit}, with
 * the message already formatted.
 *
 * @param level the level
 * @param message the formatted message
 * @param cause the throwable logged with it
 * @param marker the marker logged with it
 * @param mdc the thread's MDC when it was logged
 */
public record CapturedLogEvent(
    Level level, String message, Optional<Throwable> cause, Optional<Marker> marker, Map<String, String> mdc) {

  public CapturedLogEvent {
    Objects.requireNonNull(level, "level");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(cause, "cause");
    Objects.requireNonNull(marker, "marker");
    mdc = Map.copyOf(Objects.requireNonNull(mdc, "mdc"));
  }

  /** An event without cause, marker or MDC. */
  public CapturedLogEvent(Level level, String message) {
    this(level, message, Optional.empty(), Optional.empty(), Map.of());
  }

  public Level getLevel() {
    return level;
  }

  public String getMessage() {
    return message;
  }

  public Optional<Throwable> getErrorCause() {
    return cause;
  }

  public Optional<Marker> getMarker() {
    return marker;
  }

  public Map<String, String> getMdc() {
    return mdc;
  }
}
