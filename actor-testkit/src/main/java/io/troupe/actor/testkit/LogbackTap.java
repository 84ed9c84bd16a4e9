package io.troupe.actor.testkit;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxy;
import ch.qos.logback.core.AppenderBase;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;
import org.slf4j.event.Level;

/**
 * An appender on logback's root logger that hands every event to the listeners registered at the
 * moment; attached while at least one listener is. Needs logback-classic as the SLF4J provider.
 */
final class LogbackTap extends AppenderBase<ILoggingEvent> {
  private static final Object LOCK = new Object();
  private static LogbackTap installed; // guarded by LOCK

  private final List<Consumer<LoggingEvent>> listeners = new CopyOnWriteArrayList<>();

  private LogbackTap() {}

  /** Registers {@code listener}; running the returned action unregisters it. */
  static Runnable listen(Consumer<LoggingEvent> listener) {
    Logger root = rootLogger();
    LogbackTap tap;
    synchronized (LOCK) {
      if (installed == null) {
        tap = new LogbackTap();
        tap.setName("troupe-LoggingTestKit");
        tap.setContext(root.getLoggerContext());
        tap.start();
        root.addAppender(tap);
        installed = tap;
      }
      tap = installed;
      tap.listeners.add(listener);
    }
    LogbackTap registered = tap;
    return () -> {
      synchronized (LOCK) {
        registered.listeners.remove(listener);
        if (registered.listeners.isEmpty() && installed == registered) {
          root.detachAppender(registered);
          registered.stop();
          installed = null;
        }
      }
    };
  }

  static Logger rootLogger() {
    ILoggerFactory factory = LoggerFactory.getILoggerFactory();
    if (!(factory instanceof LoggerContext context)) {
      throw new IllegalStateException("LoggingTestKit needs logback-classic as the SLF4J provider, but the provider's "
          + "logger factory is " + factory.getClass().getName() + "; add ch.qos.logback:logback-classic to the test classpath");
    }
    return context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  }

  /** Whether {@code level} is enabled for the logger {@code name} (the root logger if null). */
  static boolean isEnabled(String name, Level level) {
    Logger logger = name == null ? rootLogger() : rootLogger().getLoggerContext().getLogger(name);
    return logger.isEnabledForLevel(level);
  }

  @Override
  protected void append(ILoggingEvent e) {
    if (listeners.isEmpty()) {
      return;
    }
    LoggingEvent event = convert(e);
    for (Consumer<LoggingEvent> l : listeners) {
      l.accept(event);
    }
  }

  static LoggingEvent convert(ILoggingEvent e) {
    List<Marker> markers = e.getMarkerList();
    Optional<Throwable> throwable = e.getThrowableProxy() instanceof ThrowableProxy tp
        ? Optional.ofNullable(tp.getThrowable()) : Optional.empty();
    Map<String, String> mdc = e.getMDCPropertyMap();
    return new LoggingEvent(Level.valueOf(e.getLevel().toString()), e.getLoggerName(), e.getThreadName(),
        String.valueOf(e.getFormattedMessage()), e.getTimeStamp(),
        markers == null || markers.isEmpty() ? Optional.empty() : Optional.of(markers.get(0)),
        throwable, mdc == null ? Map.of() : mdc);
  }
}
