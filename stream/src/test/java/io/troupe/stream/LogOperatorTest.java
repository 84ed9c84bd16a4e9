package io.troupe.stream;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import io.troupe.actor.testkit.LoggingTestKit;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The {@code log} operator, observed through the actor test kit's {@code LoggingTestKit}: what it
 * logs for elements, completion, failure and cancellation, at which level and under which logger.
 */
class LogOperatorTest extends StreamTestBase {
  private static final String LOGGER = "io.troupe.stream.Log";
  private static Level previousLevel;

  @BeforeAll
  static void enableDebug() {
    // elements and completion are logged at debug, which the default test config does not show
    Logger logger = (Logger) LoggerFactory.getLogger(LOGGER);
    previousLevel = logger.getLevel();
    logger.setLevel(Level.DEBUG);
  }

  @AfterAll
  static void restoreLevel() {
    ((Logger) LoggerFactory.getLogger(LOGGER)).setLevel(previousLevel);
  }

  @Test
  void logsEachElementAtDebugUnderItsNameAndPassesItOn() throws Exception {
    List<Integer> out =
        LoggingTestKit.debug("[numbers] Element: ")
            .withLoggerName(LOGGER)
            .withOccurrences(3)
            .expect(system, () -> run(Source.range(1, 3).log("numbers").runWith(Sink.seq(), system)));
    assertThat(out).containsExactly(1, 2, 3);
  }

  @Test
  void logsWhatTheExtractorMakesOfEachElement() throws Exception {
    LoggingTestKit.debug("[words] Element: length 5")
        .withOccurrences(2)
        .expect(
            system,
            () ->
                run(
                    Source.from(List.of("hello", "hi", "world"))
                        .log("words", s -> "length " + s.length())
                        .runWith(Sink.seq(), system)));
  }

  @Test
  void logsCompletionAtDebug() throws Exception {
    LoggingTestKit.debug("[done] Upstream finished.")
        .withLoggerName(LOGGER)
        .expect(system, () -> run(Source.single(1).log("done").runWith(Sink.ignore(), system)));
  }

  @Test
  void logsFailureAtErrorWithTheCause() throws Exception {
    Throwable failure =
        LoggingTestKit.error(IllegalStateException.class)
            .withMessageContains("[broken] Upstream failed.")
            .withLoggerName(LOGGER)
            .expect(
                system,
                () ->
                    failure(
                        Source.<Integer>failed(new IllegalStateException("boom"))
                            .log("broken")
                            .runWith(Sink.ignore(), system)));
    assertThat(failure).isInstanceOf(IllegalStateException.class).hasMessage("boom");
  }

  @Test
  void logsCancellationByDownstreamAtDebug() throws Exception {
    List<Integer> out =
        LoggingTestKit.debug("[endless] Downstream finished")
            .withLoggerName(LOGGER)
            .expect(
                system,
                () -> run(Source.repeat(7).log("endless").take(2).runWith(Sink.seq(), system)));
    assertThat(out).containsExactly(7, 7);
  }

  @Test
  void flowLogLogsToo() throws Exception {
    LoggingTestKit.debug("[flow] Element: 10")
        .expect(
            system,
            () ->
                run(
                    Source.single(5)
                        .via(Flow.of(Integer.class).map(i -> i * 2).log("flow"))
                        .runWith(Sink.seq(), system)));
  }

  private static <T> T run(CompletionStage<T> stage) {
    try {
      return await(stage);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static Throwable failure(CompletionStage<?> stage) {
    try {
      return awaitFailure(stage);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
