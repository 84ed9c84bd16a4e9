package io.troupe.actor.testkit;

import io.troupe.actor.ActorSystem;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.slf4j.event.Level;

/**
 * An expectation about what is logged while a block of test code runs: how many events of which
 * level, logger, message, cause and MDC.
 *
 * <pre>{@code
 * LoggingTestKit.error(IllegalStateException.class)
 *     .withMessageContains("boom")
 *     .expect(system, () -> {
 *       ref.tell(new Explode());
 *       return null;
 *     });
 * }</pre>
 *
 * <p>A filter is immutable; each {@code with…} returns a new one and all its conditions must
 * hold. {@link #expect} runs the block, then waits up to {@code filter-leeway} (3 s, dilated) for
 * the expected number of matching events, since actors log asynchronously; it fails with an
 * {@link AssertionError} that lists what was logged instead. With {@link #withCheckExcess}
 * (the default) more matches than expected fail too.
 *
 * <p>Events are taken from logback (the test classpath needs {@code logback-classic}) through
 * an appender on the root logger, added while the block runs. An event below a logger's
 * configured level is never created, so it cannot be seen: configure {@code logback-test.xml}
 * to let through what the tests expect. Events of other code running at the same time are seen
 * too.
 */
public final class LoggingTestKit {
  private static final LoggingTestKit EMPTY = new LoggingTestKit(1, null, null, null, null, null, null, Map.of(),
      null, true);

  private final int occurrences;
  private final Level level;
  private final String loggerName;
  private final String source;
  private final String messageContains;
  private final Pattern messageRegex;
  private final Class<? extends Throwable> cause;
  private final Map<String, String> mdc;
  private final Predicate<LoggingEvent> custom;
  private final boolean checkExcess;

  private LoggingTestKit(int occurrences, Level level, String loggerName, String source, String messageContains,
      Pattern messageRegex, Class<? extends Throwable> cause, Map<String, String> mdc, Predicate<LoggingEvent> custom,
      boolean checkExcess) {
    this.occurrences = occurrences;
    this.level = level;
    this.loggerName = loggerName;
    this.source = source;
    this.messageContains = messageContains;
    this.messageRegex = messageRegex;
    this.cause = cause;
    this.mdc = mdc;
    this.custom = custom;
    this.checkExcess = checkExcess;
  }

  private LoggingTestKit copy(int occurrences, Level level, String loggerName, String source, String messageContains,
      Pattern messageRegex, Class<? extends Throwable> cause, Map<String, String> mdc, Predicate<LoggingEvent> custom,
      boolean checkExcess) {
    return new LoggingTestKit(occurrences, level, loggerName, source, messageContains, messageRegex, cause, mdc,
        custom, checkExcess);
  }

  // ---------------------------------------------------------------- factories

  /** Expects one event of any kind; narrow it with the {@code with…} methods. */
  public static LoggingTestKit empty() {
    return EMPTY;
  }

  /** Expects one event whose message contains {@code str}, at any level. */
  public static LoggingTestKit messageContains(String str) {
    return EMPTY.withMessageContains(str);
  }

  /** Expects one TRACE event whose message contains {@code messageIncludes}. */
  public static LoggingTestKit trace(String messageIncludes) {
    return messageContains(messageIncludes).withLogLevel(Level.TRACE);
  }

  /** Expects one DEBUG event whose message contains {@code messageIncludes}. */
  public static LoggingTestKit debug(String messageIncludes) {
    return messageContains(messageIncludes).withLogLevel(Level.DEBUG);
  }

  /** Expects one INFO event whose message contains {@code messageIncludes}. */
  public static LoggingTestKit info(String messageIncludes) {
    return messageContains(messageIncludes).withLogLevel(Level.INFO);
  }

  /** Expects one WARN event whose message contains {@code messageIncludes}. */
  public static LoggingTestKit warn(String messageIncludes) {
    return messageContains(messageIncludes).withLogLevel(Level.WARN);
  }

  /** Expects one ERROR event whose message contains {@code messageIncludes}. */
  public static LoggingTestKit error(String messageIncludes) {
    return messageContains(messageIncludes).withLogLevel(Level.ERROR);
  }

  /** Expects one ERROR event with a cause of class {@code causeClass} (or a subclass). */
  public static LoggingTestKit error(Class<? extends Throwable> causeClass) {
    return EMPTY.withLogLevel(Level.ERROR).withCause(causeClass);
  }

  /** Expects one event for which {@code test} is true. */
  public static LoggingTestKit custom(Predicate<LoggingEvent> test) {
    return EMPTY.withCustom(test);
  }

  /** Expects one dead letter to be logged (at INFO, by the system's logger). */
  public static LoggingTestKit deadLetters() {
    return EMPTY.withLogLevel(Level.INFO).withMessageRegex("Message \\[.*\\] to .* was not delivered.*");
  }

  // ---------------------------------------------------------------- modifiers

  /**
   * Expects exactly {@code newOccurrences} matching events; 0 expects none, and then {@link
   * #expect} watches for the whole {@code filter-leeway} after the block.
   */
  public LoggingTestKit withOccurrences(int newOccurrences) {
    if (newOccurrences < 0) {
      throw new IllegalArgumentException("occurrences must not be negative, was " + newOccurrences);
    }
    return copy(newOccurrences, level, loggerName, source, messageContains, messageRegex, cause, mdc, custom, checkExcess);
  }

  /** Matches only events of {@code newLevel}. */
  public LoggingTestKit withLogLevel(Level newLevel) {
    Objects.requireNonNull(newLevel, "newLevel");
    return copy(occurrences, newLevel, loggerName, source, messageContains, messageRegex, cause, mdc, custom, checkExcess);
  }

  /** Matches only events of the logger {@code newLoggerName} or a logger below it ({@code name.…}). */
  public LoggingTestKit withLoggerName(String newLoggerName) {
    Objects.requireNonNull(newLoggerName, "newLoggerName");
    return copy(occurrences, level, newLoggerName, source, messageContains, messageRegex, cause, mdc, custom, checkExcess);
  }

  /** Matches only events logged by the actor whose path is {@code newSource} (its {@code troupeSource} MDC). */
  public LoggingTestKit withSource(String newSource) {
    Objects.requireNonNull(newSource, "newSource");
    return copy(occurrences, level, loggerName, newSource, messageContains, messageRegex, cause, mdc, custom, checkExcess);
  }

  /** Matches only events whose message contains {@code newMessageContains}. */
  public LoggingTestKit withMessageContains(String newMessageContains) {
    Objects.requireNonNull(newMessageContains, "newMessageContains");
    return copy(occurrences, level, loggerName, source, newMessageContains, messageRegex, cause, mdc, custom,
        checkExcess);
  }

  /**
   * Matches only events whose whole message matches the regular expression {@code newMessageRegex}.
   *
   * @throws java.util.regex.PatternSyntaxException if it is not a valid regular expression
   */
  public LoggingTestKit withMessageRegex(String newMessageRegex) {
    Objects.requireNonNull(newMessageRegex, "newMessageRegex");
    return copy(occurrences, level, loggerName, source, messageContains, Pattern.compile(newMessageRegex, Pattern.DOTALL),
        cause, mdc, custom, checkExcess);
  }

  /** Matches only events with a throwable of class {@code newCause} or a subclass. */
  public LoggingTestKit withCause(Class<? extends Throwable> newCause) {
    Objects.requireNonNull(newCause, "newCause");
    return copy(occurrences, level, loggerName, source, messageContains, messageRegex, newCause, mdc, custom, checkExcess);
  }

  /** Matches only events whose MDC holds all of {@code newMdc}'s entries. */
  public LoggingTestKit withMdc(Map<String, String> newMdc) {
    Objects.requireNonNull(newMdc, "newMdc");
    return copy(occurrences, level, loggerName, source, messageContains, messageRegex, cause, Map.copyOf(newMdc),
        custom, checkExcess);
  }

  /** Matches only events for which {@code newCustom} is also true. */
  public LoggingTestKit withCustom(Predicate<LoggingEvent> newCustom) {
    Objects.requireNonNull(newCustom, "newCustom");
    Predicate<LoggingEvent> combined = custom == null ? newCustom : custom.and(newCustom);
    return copy(occurrences, level, loggerName, source, messageContains, messageRegex, cause, mdc, combined, checkExcess);
  }

  /** Whether more matching events than expected fail the expectation (on by default). */
  public LoggingTestKit withCheckExcess(boolean check) {
    return copy(occurrences, level, loggerName, source, messageContains, messageRegex, cause, mdc, custom, check);
  }

  // ---------------------------------------------------------------- matching

  /** Whether {@code event} meets every condition of this filter. */
  public boolean matches(LoggingEvent event) {
    Objects.requireNonNull(event, "event");
    if (level != null && event.level() != level) {
      return false;
    }
    if (loggerName != null && !event.loggerName().equals(loggerName)
        && !event.loggerName().startsWith(loggerName + ".")) {
      return false;
    }
    if (source != null && !source.equals(event.mdc().get("troupeSource"))) {
      return false;
    }
    if (messageContains != null && !event.message().contains(messageContains)) {
      return false;
    }
    if (messageRegex != null && !messageRegex.matcher(event.message()).matches()) {
      return false;
    }
    if (cause != null && !(event.throwable().isPresent() && cause.isInstance(event.throwable().get()))) {
      return false;
    }
    for (Map.Entry<String, String> e : mdc.entrySet()) {
      if (!e.getValue().equals(event.mdc().get(e.getKey()))) {
        return false;
      }
    }
    return custom == null || custom.test(event);
  }

  /**
   * Runs {@code code} and checks that the expected number of matching events is logged while it
   * runs or within {@code filter-leeway} after; returns what {@code code} returned.
   *
   * @throws AssertionError if too few (or, with excess checking, too many) events matched; the
   *     message lists the events logged meanwhile
   * @throws IllegalStateException if logback is not the SLF4J provider
   */
  public <T> T expect(ActorSystem<?> system, Supplier<T> code) {
    Objects.requireNonNull(system, "system");
    Objects.requireNonNull(code, "code");
    Duration leeway = TestKitSettings.create(system).filterLeeway();
    Recorder recorder = new Recorder();
    T result;
    Runnable unregister = LogbackTap.listen(recorder);
    try {
      result = code.get();
      int matched = recorder.awaitMatches(occurrences == 0 ? 1 : occurrences, leeway);
      if (occurrences == 0 ? matched > 0 : matched < occurrences || (checkExcess && matched > occurrences)) {
        throw new AssertionError(failure(matched, leeway, recorder.snapshot()));
      }
    } finally {
      unregister.run();
    }
    return result;
  }

  private String failure(int matched, Duration leeway, List<LoggingEvent> logged) {
    StringBuilder sb = new StringBuilder("LoggingTestKit: expected ")
        .append(occurrences == 1 ? "1 event" : occurrences + " events")
        .append(" matching ").append(describe()).append(", but ").append(matched)
        .append(" matched").append(" (waited ").append(Texts.duration(leeway))
        .append(" after the block)");
    if (level != null && !LogbackTap.isEnabled(loggerName, level)) {
      sb.append("; note that ").append(level).append(" is not enabled for the logger ")
          .append(loggerName == null ? "ROOT" : loggerName).append(", so such events are never logged");
    }
    sb.append("; logged meanwhile:");
    if (logged.isEmpty()) {
      sb.append(" nothing");
    } else {
      sb.append(Texts.list(logged, 30));
    }
    return sb.toString();
  }

  private String describe() {
    StringJoiner j = new StringJoiner(", ", "[", "]");
    if (level != null) {
      j.add("level " + level);
    }
    if (loggerName != null) {
      j.add("logger " + loggerName);
    }
    if (source != null) {
      j.add("source " + source);
    }
    if (messageContains != null) {
      j.add("message containing \"" + messageContains + "\"");
    }
    if (messageRegex != null) {
      j.add("message matching /" + messageRegex.pattern() + "/");
    }
    if (cause != null) {
      j.add("cause " + cause.getName());
    }
    if (!mdc.isEmpty()) {
      j.add("MDC with " + mdc);
    }
    if (custom != null) {
      j.add("a custom condition");
    }
    return j.length() == 2 ? "[any event]" : j.toString();
  }

  @Override
  public String toString() {
    return "LoggingTestKit(" + occurrences + " x " + describe() + (checkExcess ? "" : ", excess allowed") + ")";
  }

  /** Collects the events logged during one {@code expect} and counts the matching ones. */
  private final class Recorder implements java.util.function.Consumer<LoggingEvent> {
    private static final int KEEP = 200;
    private final List<LoggingEvent> logged = new ArrayList<>();
    private int matched;

    @Override
    public void accept(LoggingEvent event) {
      boolean m = matches(event);
      synchronized (this) {
        if (logged.size() < KEEP) {
          logged.add(event);
        }
        if (m) {
          matched++;
          notifyAll();
        }
      }
    }

    /** Waits until {@code wanted} events matched or {@code max} passed; returns the count. */
    synchronized int awaitMatches(int wanted, Duration max) {
      long deadline = System.nanoTime() + max.toNanos();
      while (matched < wanted) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          break;
        }
        try {
          TimeUnit.NANOSECONDS.timedWait(this, left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new AssertionError("interrupted while waiting for log events", e);
        }
      }
      return matched;
    }

    synchronized List<LoggingEvent> snapshot() {
      return List.copyOf(logged);
    }
  }
}
