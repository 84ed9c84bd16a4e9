package io.troupe.actor.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.troupe.actor.ActorRef;
import io.troupe.actor.Behaviors;
import io.troupe.actor.testkit.internal.CapturingAppender;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;
import org.slf4j.LoggerFactory;

/** The JUnit 4 rule and the log capturing of both JUnit generations, run on sample classes. */
class JUnit4AndLogCapturingTest {
  static final List<TestKitJunitResource> SEEN = new CopyOnWriteArrayList<>();
  static final String SAMPLE_LOGGER = "io.troupe.actor.testkit.logged.Sample";

  static CapturingAppender capturing;
  static ListAppender<ILoggingEvent> printed;

  private static Events run(String engine, Class<?> sample) {
    return EngineTestKit.engine(engine).selectors(selectClass(sample)).execute().testEvents();
  }

  @BeforeAll
  static void attachCapturing() {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    capturing = new CapturingAppender();
    capturing.setContext(root.getLoggerContext());
    capturing.start();
    root.addAppender(capturing);
    printed = new ListAppender<>();
    printed.setContext(root.getLoggerContext());
    printed.start();
    Logger delegate = root.getLoggerContext().getLogger(CapturingAppender.DELEGATE_LOGGER_NAME);
    delegate.setAdditive(false);
    delegate.addAppender(printed);
  }

  @AfterAll
  static void detachCapturing() {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.detachAppender(capturing);
    root.getLoggerContext().getLogger(CapturingAppender.DELEGATE_LOGGER_NAME).detachAppender(printed);
  }

  @BeforeEach
  void clear() {
    SEEN.clear();
    printed.list.clear();
  }

  public static class SampleJUnit4 {
    @ClassRule public static final TestKitJunitResource testKit = new TestKitJunitResource("troupe.actor.testkit.typed.timefactor = 2");

    @org.junit.Test
    public void spawnsAndProbes() {
      ActorRef<String> echo = testKit.spawn(Behaviors.<String>receiveMessage(m -> Behaviors.same()), "echo");
      TestProbe<String> probe = testKit.createTestProbe("probe", String.class);
      probe.ref().tell("hi");
      probe.expectMessage("hi");
      testKit.stop(echo, Duration.ofSeconds(10));
      assertThat(testKit.timeout()).isEqualTo(Duration.ofSeconds(10)); // 5 s dilated by 2
      assertThat(testKit.system().name()).isEqualTo("SampleJUnit4");
      assertThat(testKit.scheduler()).isSameAs(testKit.system().scheduler());
      SEEN.add(testKit);
    }
  }

  @Test
  void theJUnit4RuleSharesAKitAndShutsItDown() {
    run("junit-vintage", SampleJUnit4.class).assertStatistics(s -> s.succeeded(1).failed(0));
    assertThat(SEEN).hasSize(1);
    assertThat(SEEN.get(0).testKit().system().getWhenTerminated().toCompletableFuture()).isDone();
  }

  @Test
  void theRuleRejectsBadConfigText() {
    assertThatThrownBy(() -> new TestKitJunitResource("this is { not hocon"))
        .isInstanceOf(com.typesafe.config.ConfigException.class);
  }

  public static class SampleLogCapturingJUnit4 {
    @Rule public final LogCapturing logCapturing = new LogCapturing();

    @org.junit.Test
    public void passes() {
      LoggerFactory.getLogger(SAMPLE_LOGGER).warn("log of the passing JUnit 4 test");
    }

    @org.junit.Test
    public void fails() {
      LoggerFactory.getLogger(SAMPLE_LOGGER).warn("log of the failing JUnit 4 test");
      throw new AssertionError("failing on purpose");
    }
  }

  @ExtendWith(LogCapturingExtension.class)
  static class SampleLogCapturingJUnit5 {
    @Test
    void passes() {
      LoggerFactory.getLogger(SAMPLE_LOGGER).warn("log of the passing JUnit 5 test");
    }

    @Test
    void fails() {
      LoggerFactory.getLogger(SAMPLE_LOGGER).warn("log of the failing JUnit 5 test");
      throw new AssertionError("failing on purpose");
    }
  }

  private static List<String> printedMessages() {
    return printed.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
  }

  @Test
  void logCapturingPrintsOnlyTheLogsOfFailedJUnit4Tests() {
    run("junit-vintage", SampleLogCapturingJUnit4.class).assertStatistics(s -> s.succeeded(1).failed(1));
    assertThat(printedMessages())
        .contains("log of the failing JUnit 4 test")
        .doesNotContain("log of the passing JUnit 4 test")
        .anyMatch(m -> m.startsWith("--> [" + SampleLogCapturingJUnit4.class.getName() + ": fails] Start"))
        .anyMatch(m -> m.contains("End of log messages of the test that failed with java.lang.AssertionError: failing on purpose"));
    assertThat(capturing.size()).isZero();
  }

  @Test
  void logCapturingExtensionPrintsOnlyTheLogsOfFailedJUnit5Tests() {
    run("junit-jupiter", SampleLogCapturingJUnit5.class).assertStatistics(s -> s.succeeded(1).failed(1));
    assertThat(printedMessages())
        .contains("log of the failing JUnit 5 test")
        .doesNotContain("log of the passing JUnit 5 test");
  }

  @Test
  void withoutACapturingAppenderTheFailureSaysWhatToConfigure() {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.detachAppender(capturing);
    try {
      assertThatThrownBy(CapturingAppender::get)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("on the root logger; add it in logback-test.xml");
    } finally {
      root.addAppender(capturing);
    }
  }
}
