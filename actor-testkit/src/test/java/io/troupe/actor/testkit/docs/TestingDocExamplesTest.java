package io.troupe.actor.testkit.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.troupe.actor.ActorRef;
import io.troupe.actor.Behavior;
import io.troupe.actor.Behaviors;
import io.troupe.actor.testkit.ActorTestKit;
import io.troupe.actor.testkit.BehaviorTestKit;
import io.troupe.actor.testkit.CapturedLogEvent;
import io.troupe.actor.testkit.Effect;
import io.troupe.actor.testkit.Effects;
import io.troupe.actor.testkit.FishingOutcomes;
import io.troupe.actor.testkit.JUnit5TestKit;
import io.troupe.actor.testkit.LoggingTestKit;
import io.troupe.actor.testkit.ManualTime;
import io.troupe.actor.testkit.TestInbox;
import io.troupe.actor.testkit.TestKitJunit5Extension;
import io.troupe.actor.testkit.TestProbe;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.event.Level;

/** The examples of docs/testing.md; {@link DocSnippetsTest} checks that the page shows them verbatim. */
class TestingDocExamplesTest {

  // #echo
  public static final class Echo {
    public record Ping(String message, ActorRef<Pong> replyTo) {}

    public record Pong(String message) {}

    public static Behavior<Ping> create() {
      return Behaviors.receive((ctx, ping) -> {
        ctx.getLog().info("echoing {}", ping.message());
        ping.replyTo().tell(new Pong(ping.message()));
        return Behaviors.same();
      });
    }
  }
  // #echo

  // #async
  @ExtendWith(TestKitJunit5Extension.class)
  static class EchoTest {
    @JUnit5TestKit ActorTestKit testKit; // one kit for the class, shut down after it

    @Test
    void echoesPings() {
      ActorRef<Echo.Ping> echo = testKit.spawn(Echo.create(), "echo");
      TestProbe<Echo.Pong> probe = testKit.createTestProbe();
      echo.tell(new Echo.Ping("hello", probe.ref()));
      probe.expectMessage(new Echo.Pong("hello"));
    }

    @Test
    void stopsWhenAsked() {
      ActorRef<Echo.Ping> echo = testKit.spawn(Echo.create());
      TestProbe<Object> watcher = testKit.createTestProbe();
      testKit.stop(echo);
      watcher.expectTerminated(echo);
    }
  }
  // #async

  @Test
  void theAsyncExampleRuns() {
    org.junit.platform.testkit.engine.EngineTestKit.engine("junit-jupiter")
        .selectors(org.junit.platform.engine.discovery.DiscoverySelectors.selectClass(EchoTest.class))
        .execute().testEvents().assertStatistics(s -> s.succeeded(2).failed(0));
  }

  @Test
  void fishing() {
    ActorTestKit testKit = ActorTestKit.create();
    try {
      TestProbe<String> probe = testKit.createTestProbe();
      probe.ref().tell("progress 50%");
      probe.ref().tell("progress 100%");
      probe.ref().tell("done");
      // #fishing
      List<String> progress = probe.fishForMessage(Duration.ofSeconds(3), message ->
          message.equals("done") ? FishingOutcomes.complete() : FishingOutcomes.continueAndCollect());
      // progress is [progress 50%, progress 100%, done]
      // #fishing
      assertThat(progress).containsExactly("progress 50%", "progress 100%", "done");
    } finally {
      testKit.shutdownTestKit();
    }
  }

  // #parent
  public static final class Parent {
    public record CreateChild(String name) {}

    static final Behavior<String> CHILD = Behaviors.receiveMessage(m -> Behaviors.same());

    public static Behavior<CreateChild> create() {
      return Behaviors.receive((ctx, msg) -> {
        ActorRef<String> child = ctx.spawn(CHILD, msg.name());
        child.tell("welcome");
        ctx.getLog().info("created {}", msg.name());
        return Behaviors.same();
      });
    }
  }
  // #parent

  @Test
  // #sync
  void spawnsAndGreetsAChild() {
    BehaviorTestKit<Parent.CreateChild> test = BehaviorTestKit.create(Parent.create());
    test.run(new Parent.CreateChild("kid"));

    test.expectEffect(Effects.spawned(Parent.CHILD, "kid"));
    TestInbox<String> kid = test.childInbox("kid");
    kid.expectMessage("welcome");
    assertThat(test.getAllLogEntries()).containsExactly(new CapturedLogEvent(Level.INFO, "created kid"));
  }
  // #sync

  // #reminder
  public static final class Reminder {
    public sealed interface Command {}

    public record Remind(String what, Duration after) implements Command {}

    record Due(String what) implements Command {}

    public static Behavior<Command> create(ActorRef<String> out) {
      return Behaviors.withTimers(timers -> Behaviors.receiveMessage(cmd -> {
        switch (cmd) {
          case Remind r -> {
            timers.startSingleTimer(r.what(), new Due(r.what()), r.after());
            out.tell("noted " + r.what());
          }
          case Due d -> out.tell("time to " + d.what());
        }
        return Behaviors.same();
      }));
    }
  }
  // #reminder

  @Test
  void timersInBehaviorTestKit() {
    TestInbox<String> out = TestInbox.create();
    // #sync-timer
    BehaviorTestKit<Reminder.Command> test = BehaviorTestKit.create(Reminder.create(out.getRef()));
    test.run(new Reminder.Remind("stretch", Duration.ofMinutes(30)));
    out.expectMessage("noted stretch");
    Effect.TimerScheduled<?> timer = test.expectEffectClass(Effect.TimerScheduled.class);
    assertThat(timer.delay()).isEqualTo(Duration.ofMinutes(30));
    timer.send(); // the timer fires now: its message lands in the self inbox
    test.runOne();
    out.expectMessage("time to stretch");
    // #sync-timer
  }

  @Test
  void manualTime() {
    // #manual-time
    ActorTestKit testKit = ActorTestKit.create(ManualTime.config());
    ManualTime manualTime = ManualTime.get(testKit.system());
    try {
      TestProbe<String> probe = testKit.createTestProbe();
      ActorRef<Reminder.Command> reminder = testKit.spawn(Reminder.create(probe.ref()));
      reminder.tell(new Reminder.Remind("stretch", Duration.ofMinutes(30)));
      probe.expectMessage("noted stretch"); // the timer is running now: let time pass

      manualTime.expectNoMessageFor(Duration.ofMinutes(29), probe);
      manualTime.timePasses(Duration.ofMinutes(1));
      probe.expectMessage("time to stretch");
    } finally {
      testKit.shutdownTestKit();
    }
    // #manual-time
  }

  @Test
  void loggingTestKit() {
    ActorTestKit testKit = ActorTestKit.create();
    try {
      ActorRef<Echo.Ping> echo = testKit.spawn(Echo.create());
      TestProbe<Echo.Pong> probe = testKit.createTestProbe();
      ch.qos.logback.classic.Logger logger = (ch.qos.logback.classic.Logger)
          org.slf4j.LoggerFactory.getLogger(Echo.class);
      logger.setLevel(ch.qos.logback.classic.Level.INFO);
      try {
        // #logging
        LoggingTestKit.info("echoing hello").expect(testKit.system(), () -> {
          echo.tell(new Echo.Ping("hello", probe.ref()));
          return probe.expectMessage(new Echo.Pong("hello"));
        });
        // #logging
      } finally {
        logger.setLevel(null);
      }
    } finally {
      testKit.shutdownTestKit();
    }
  }
}
