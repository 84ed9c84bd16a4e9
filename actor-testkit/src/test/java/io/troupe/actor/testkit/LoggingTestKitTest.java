package io.troupe.actor.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigFactory;
import io.troupe.actor.ActorRef;
import io.troupe.actor.Behavior;
import io.troupe.actor.Behaviors;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.slf4j.event.Level;

class LoggingTestKitTest {
  /** Its level is DEBUG in this module's logback-test.xml; the root logger's is WARN. */
  static final String LOGGER = "io.troupe.actor.testkit.logged.Worker";

  static ActorTestKit testKit;

  @BeforeAll
  static void start() {
    testKit = ActorTestKit.create("LoggingTestKitTest",
        ConfigFactory.parseString("troupe.actor.testkit.typed.filter-leeway = 200 ms\ntroupe.log-dead-letters = on"));
  }

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
  }

  record Log(Level level, String text, Throwable cause, ActorRef<String> done) {}

  /** Logs what it is told, then reports "logged" so that the block ends after the event. */
  static Behavior<Log> logger() {
    return Behaviors.setup(ctx -> {
      ctx.setLoggerName(LOGGER);
      return Behaviors.receiveMessage(m -> {
        switch (m.level()) {
          case DEBUG -> ctx.getLog().debug(m.text());
          case INFO -> ctx.getLog().info(m.text());
          case WARN -> ctx.getLog().warn(m.text(), m.cause());
          case ERROR -> ctx.getLog().error(m.text(), m.cause());
          default -> ctx.getLog().trace(m.text());
        }
        m.done().tell("logged");
        return Behaviors.same();
      });
    });
  }

  private static Void logAndWait(ActorRef<Log> ref, TestProbe<String> probe, Level level, String text, Throwable cause) {
    ref.tell(new Log(level, text, cause, probe.ref()));
    probe.expectMessage("logged");
    return null;
  }

  @Test
  void anExpectedWarningPassesAndTheBlocksResultIsReturned() {
    ActorRef<Log> ref = testKit.spawn(logger());
    TestProbe<String> probe = testKit.createTestProbe();
    String result = LoggingTestKit.warn("disk almost full").expect(testKit.system(), () -> {
      logAndWait(ref, probe, Level.WARN, "the disk almost full: 95%", null);
      return "block result";
    });
    assertThat(result).isEqualTo("block result");
  }

  @Test
  void aMissingEventFailsWithWhatWasLoggedInstead() {
    ActorRef<Log> ref = testKit.spawn(logger());
    TestProbe<String> probe = testKit.createTestProbe();
    assertThatThrownBy(() -> LoggingTestKit.error("exploded").expect(testKit.system(),
        () -> logAndWait(ref, probe, Level.WARN, "only a warning", null)))
        .isInstanceOf(AssertionError.class)
        .hasMessage("LoggingTestKit: expected 1 event matching [level ERROR, message containing \"exploded\"], "
            + "but 0 matched (waited 200 ms after the block); logged meanwhile:\n  WARN " + LOGGER + " - only a warning");
  }

  @Test
  void nothingLoggedIsSaidSoAndADisabledLevelIsPointedOut() {
    assertThatThrownBy(() -> LoggingTestKit.debug("never").withLoggerName("io.troupe.quiet")
        .expect(testKit.system(), () -> null))
        .hasMessage("LoggingTestKit: expected 1 event matching [level DEBUG, logger io.troupe.quiet, message containing "
            + "\"never\"], but 0 matched (waited 200 ms after the block); note that DEBUG is not enabled for the "
            + "logger io.troupe.quiet, so such events are never logged; logged meanwhile: nothing");
  }

  @Test
  void occurrencesAreCountedAndExcessFails() {
    ActorRef<Log> ref = testKit.spawn(logger());
    TestProbe<String> probe = testKit.createTestProbe();
    LoggingTestKit.info("tick").withOccurrences(3).expect(testKit.system(), () -> {
      for (int i = 0; i < 3; i++) {
        logAndWait(ref, probe, Level.INFO, "tick " + i, null);
      }
      return null;
    });
    assertThatThrownBy(() -> LoggingTestKit.info("tick").withOccurrences(2).expect(testKit.system(), () -> {
      for (int i = 0; i < 3; i++) {
        logAndWait(ref, probe, Level.INFO, "tick " + i, null);
      }
      return null;
    })).hasMessageStartingWith("LoggingTestKit: expected 2 events matching [level INFO, message containing \"tick\"], "
        + "but 3 matched");
    LoggingTestKit.info("tick").withOccurrences(2).withCheckExcess(false).expect(testKit.system(), () -> {
      for (int i = 0; i < 3; i++) {
        logAndWait(ref, probe, Level.INFO, "tick " + i, null);
      }
      return null;
    });
  }

  @Test
  void zeroOccurrencesExpectsNoMatchingEvent() {
    ActorRef<Log> ref = testKit.spawn(logger());
    TestProbe<String> probe = testKit.createTestProbe();
    LoggingTestKit.error("bad").withOccurrences(0).expect(testKit.system(),
        () -> logAndWait(ref, probe, Level.INFO, "all good", null));
    assertThatThrownBy(() -> LoggingTestKit.error("bad").withOccurrences(0).expect(testKit.system(),
        () -> logAndWait(ref, probe, Level.ERROR, "something bad", null)))
        .hasMessageStartingWith("LoggingTestKit: expected 0 events matching [level ERROR, message containing \"bad\"], "
            + "but 1 matched");
  }

  @Test
  void causeSourceRegexLoggerAndMdcNarrowTheMatch() {
    ActorRef<Log> ref = testKit.spawn(logger(), "narrowed");
    TestProbe<String> probe = testKit.createTestProbe();
    LoggingTestKit.error(IllegalStateException.class)
        .withSource(ref.path().toString())
        .withLoggerName("io.troupe.actor.testkit.logged")
        .withMessageRegex("order \\d+ failed")
        .withMdc(Map.of("sourceActorSystem", "LoggingTestKitTest"))
        .expect(testKit.system(), () -> logAndWait(ref, probe, Level.ERROR, "order 17 failed",
            new IllegalStateException("no stock")));
    assertThatThrownBy(() -> LoggingTestKit.error(IllegalArgumentException.class).expect(testKit.system(),
        () -> logAndWait(ref, probe, Level.ERROR, "order 18 failed", new IllegalStateException("no stock"))))
        .hasMessageContaining("[level ERROR, cause java.lang.IllegalArgumentException], but 0 matched")
        .hasMessageContaining("ERROR " + LOGGER + " - order 18 failed [java.lang.IllegalStateException: no stock]");
  }

  @Test
  void customConditionsAndEventsLoggedOnTheTestThread() {
    LoggingTestKit.custom(e -> e.getMessage().length() == 5 && "v".equals(e.getMdc().get("k")))
        .expect(testKit.system(), () -> {
          MDC.put("k", "v");
          try {
            LoggerFactory.getLogger(LOGGER).warn("short");
          } finally {
            MDC.remove("k");
          }
          return null;
        });
  }

  @Test
  void aFailingBlockPropagatesItsException() {
    assertThatThrownBy(() -> LoggingTestKit.empty().expect(testKit.system(), () -> {
      throw new IllegalStateException("the block failed");
    })).isInstanceOf(IllegalStateException.class).hasMessage("the block failed");
    // the appender is gone again: a later expectation sees only its own events
    LoggingTestKit.warn("after").expect(testKit.system(), () -> {
      LoggerFactory.getLogger(LOGGER).warn("after the failure");
      return null;
    });
  }

  @Test
  void deadLettersAreLoggedAtInfo() {
    ch.qos.logback.classic.Logger systemLogger = (ch.qos.logback.classic.Logger)
        LoggerFactory.getLogger(io.troupe.actor.ActorSystem.class.getName() + "." + testKit.system().name());
    systemLogger.setLevel(ch.qos.logback.classic.Level.INFO);
    try {
      ActorRef<String> ref = testKit.spawn(Behaviors.<String>receiveMessage(m -> Behaviors.stopped()));
      TestProbe<Object> probe = testKit.createTestProbe();
      ref.tell("stop");
      probe.expectTerminated(ref);
      LoggingTestKit.deadLetters().expect(testKit.system(), () -> {
        ref.tell("too late");
        return null;
      });
    } finally {
      systemLogger.setLevel(null);
    }
  }

  @Test
  void badArgumentsAreRejected() {
    assertThatThrownBy(() -> LoggingTestKit.empty().withOccurrences(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("occurrences must not be negative, was -1");
    assertThatThrownBy(() -> LoggingTestKit.empty().withMessageRegex("(unclosed"))
        .isInstanceOf(java.util.regex.PatternSyntaxException.class);
    assertThat(LoggingTestKit.warn("x").matches(LoggingEvent.create(Level.WARN, "a x b"))).isTrue();
    assertThat(LoggingTestKit.warn("x").matches(LoggingEvent.create(Level.ERROR, "a x b"))).isFalse();
  }
}
