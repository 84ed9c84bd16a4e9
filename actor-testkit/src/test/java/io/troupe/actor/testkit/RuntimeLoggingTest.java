package io.troupe.actor.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import io.troupe.actor.ActorRef;
import io.troupe.actor.Behaviors;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The actor runtime's own logging, checked through the test kit: dead letters and the MDC. */
class RuntimeLoggingTest {
  private static final ActorTestKit testKit = ActorTestKit.create("runtime-logging");

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  @Test
  void deadLettersAreLoggedUpToTheLimitThenSuppressed() {
    ActorTestKit own = ActorTestKit.create("dead-letter-log", ConfigFactory.parseString("troupe.log-dead-letters = 3"));
    try {
      LoggingTestKit.deadLetters().withOccurrences(3).withCheckExcess(true).expect(own.system(), () -> {
        ActorRef<String> dead = own.system().deadLetters();
        for (int i = 0; i < 5; i++) {
          dead.tell("letter " + i);
        }
        return null;
      });
      // the limit was reached: logging pauses for log-dead-letters-suspend-duration
      LoggingTestKit.deadLetters().withOccurrences(0).expect(own.system(), () -> {
        own.system().deadLetters().tell("one more");
        return null;
      });
    } finally {
      own.shutdownTestKit();
    }
  }

  @Test
  void anActorsLogCarriesItsPathInTheMdc() {
    TestProbe<String> done = testKit.createTestProbe();
    ActorRef<String> actor = testKit.spawn(Behaviors.<String>setup(ctx -> Behaviors.receiveMessage(m -> {
      ctx.getLog().info("handling {}", m);
      done.getRef().tell("logged");
      return Behaviors.same();
    })), "chatty");
    LoggingTestKit.info("handling hello")
        .withMdc(Map.of("troupeSource", actor.path().toString(), "sourceActorSystem", "runtime-logging"))
        .expect(testKit.system(), () -> {
          actor.tell("hello");
          done.expectMessage("logged");
          return null;
        });
    assertThat(actor.path().toString()).endsWith("/user/chatty");
  }
}
