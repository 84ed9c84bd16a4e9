package io.troupe.actor.testkit.internal;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.AppenderBase;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * A logback appender that keeps log events instead of writing them, so that {@code
 * LogCapturing} (JUnit 4) and {@code LogCapturingExtension} (JUnit 5) can print the events of a
 * failed test and drop those of a passed one. Put it on the root logger in {@code
 * logback-test.xml}, and give the {@value #DELEGATE_LOGGER_NAME} logger the appenders that
 * should print the events of failed tests:
 *
 * <pre>{@code
 * <appender name="CapturingAppender" class="io.troupe.actor.testkit.internal.CapturingAppender"/>
 * <logger name="io.troupe.actor.testkit.internal.CapturingAppenderDelegate" additivity="false">
 *   <appender-ref ref="STDOUT"/>
 * </logger>
 * <root level="DEBUG">
 *   <appender-ref ref="CapturingAppender"/>
 * </root>
 * }</pre>
 *
 * <p>At most {@value #CAPACITY} events are kept; older ones are dropped. Internal API apart from
 * its use in logback configuration.
 */
public final class CapturingAppender extends AppenderBase<ILoggingEvent> {
  /** The logger whose appenders print the events of a failed test. */
  public static final String DELEGATE_LOGGER_NAME = "io.troupe.actor.testkit.internal.CapturingAppenderDelegate";

  /** How many events are kept at most. */
  public static final int CAPACITY = 100_000;

  private final ArrayDeque<ILoggingEvent> buffer = new ArrayDeque<>();

  /** Created by logback from the configuration. */
  public CapturingAppender() {
    setName("CapturingAppender");
  }

  /**
   * The capturing appender on the root logger.
   *
   * @throws IllegalStateException if logback is not the SLF4J provider or no capturing appender is
   *     configured on the root logger
   */
  public static CapturingAppender get() {
    ILoggerFactory factory = LoggerFactory.getILoggerFactory();
    if (!(factory instanceof LoggerContext context)) {
      throw new IllegalStateException("log capturing needs logback-classic as the SLF4J provider, but the provider's "
          + "logger factory is " + factory.getClass().getName());
    }
    Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    for (Iterator<Appender<ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext(); ) {
      if (it.next() instanceof CapturingAppender c) {
        return c;
      }
    }
    throw new IllegalStateException("no " + CapturingAppender.class.getName() + " on the root logger; add it in "
        + "logback-test.xml (see the Javadoc of CapturingAppender)");
  }

  @Override
  protected void append(ILoggingEvent event) {
    event.prepareForDeferredProcessing(); // fixes thread name, MDC and message now
    synchronized (buffer) {
      if (buffer.size() == CAPACITY) {
        buffer.pollFirst();
      }
      buffer.addLast(event);
    }
  }

  /** Writes the kept events, oldest first, to the appenders of the delegate logger, and drops them. */
  public void flush() {
    List<ILoggingEvent> events;
    synchronized (buffer) {
      events = new ArrayList<>(buffer);
      buffer.clear();
    }
    Logger delegate = ((LoggerContext) getContext()).getLogger(DELEGATE_LOGGER_NAME);
    for (ILoggingEvent e : events) {
      appendToDelegate(delegate, e);
    }
  }

  /** Writes one line of the test kit's own to the delegate's appenders. */
  public void announce(String message) {
    Logger delegate = ((LoggerContext) getContext()).getLogger(DELEGATE_LOGGER_NAME);
    appendToDelegate(delegate, new LoggingEvent(Logger.FQCN, delegate, Level.INFO, message, null, null));
  }

  private static void appendToDelegate(Logger delegate, ILoggingEvent e) {
    for (Iterator<Appender<ILoggingEvent>> it = delegate.iteratorForAppenders(); it.hasNext(); ) {
      it.next().doAppend(e);
    }
  }

  /** Drops the kept events. */
  public void clear() {
    synchronized (buffer) {
      buffer.clear();
    }
  }

  /** How many events are kept now. */
  public int size() {
    synchronized (buffer) {
      return buffer.size();
    }
  }
}
