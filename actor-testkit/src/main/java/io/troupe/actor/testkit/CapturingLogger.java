package io.troupe.actor.testkit;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.MDC;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/** The logger a {@link BehaviorTestKit} gives its behavior: every level on, every event kept. */
final class CapturingLogger extends LegacyAbstractLogger {
  private final transient List<CapturedLogEvent> sink;

  CapturingLogger(String name, List<CapturedLogEvent> sink) {
    this.name = name;
    this.sink = sink;
  }

  @Override
  protected String getFullyQualifiedCallerName() {
    return null;
  }

  @Override
  protected void handleNormalizedLoggingCall(
      Level level, Marker marker, String messagePattern, Object[] arguments, Throwable throwable) {
    String message = arguments == null || arguments.length == 0
        ? String.valueOf(messagePattern)
        : MessageFormatter.basicArrayFormat(messagePattern, arguments);
    Map<String, String> mdc = MDC.getCopyOfContextMap();
    sink.add(new CapturedLogEvent(level, message, Optional.ofNullable(throwable), Optional.ofNullable(marker),
        mdc == null ? Map.of() : mdc));
  }

  @Override
  public boolean isTraceEnabled() {
    return true;
  }

  @Override
  public boolean isDebugEnabled() {
    return true;
  }

  @Override
  public boolean isInfoEnabled() {
    return true;
  }

  @Override
  public boolean isWarnEnabled() {
    return true;
  }

  @Override
  public boolean isErrorEnabled() {
    return true;
  }
}
