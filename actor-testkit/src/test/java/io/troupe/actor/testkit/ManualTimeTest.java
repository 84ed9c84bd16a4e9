package io.troupe.actor.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.troupe.actor.ActorRef;
import io.troupe.actor.AskPattern;
import io.troupe.actor.Behaviors;
import io.troupe.actor.Cancellable;
import io.troupe.actor.SupervisorStrategy;
import io.troupe.actor.internal.CallingThreadExecutor;
import io.troupe.actor.testkit.internal.ManualScheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ManualTimeTest {
  static ActorTestKit testKit;
  static ManualTime manualTime;

  @BeforeAll
  static void start() {
    testKit = ActorTestKit.create(ManualTime.config());
    manualTime = ManualTime.get(testKit.system());
  }

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
  }

  @Test
  void aTimerFiresExactlyWhenItsDelayHasPassed() {
    TestProbe<String> probe = testKit.createTestProbe();
    testKit.spawn(Behaviors.<String>withTimers(timers -> {
      timers.startSingleTimer("key", "tick", Duration.ofSeconds(10));
      return Behaviors.receiveMessage(m -> {
        probe.ref().tell(m);
        return Behaviors.same();
      });
    }));
    manualTime.expectNoMessageFor(Duration.ofMillis(9_999), probe);
    manualTime.timePasses(Duration.ofMillis(1));
    probe.expectMessage("tick");
  }

  @Test
  void dueTasksRunInDeadlineOrderAndRepeatedOnesRepeat() {
    TestProbe<String> probe = testKit.createTestProbe();
    testKit.spawn(Behaviors.<String>withTimers(timers -> {
      timers.startSingleTimer("late", "three", Duration.ofSeconds(3));
      timers.startSingleTimer("early", "one", Duration.ofSeconds(1));
      timers.startTimerAtFixedRate("beat", "beat", Duration.ofSeconds(2));
      return Behaviors.receiveMessage(m -> {
        probe.ref().tell(m);
        return Behaviors.same();
      });
    }));
    manualTime.timePasses(Duration.ofSeconds(4));
    assertThat(probe.receiveSeveralMessages(4)).containsExactly("one", "beat", "three", "beat");
    probe.expectNoMessage();
  }

  @Test
  void aReceiveTimeoutFiresAfterIdleManualTime() {
    TestProbe<String> probe = testKit.createTestProbe();
    ActorRef<String> actor = testKit.spawn(Behaviors.<String>setup(ctx -> {
      ctx.setReceiveTimeout(Duration.ofMinutes(1), "idle");
      return Behaviors.receiveMessage(m -> {
        probe.ref().tell(m);
        return Behaviors.same();
      });
    }));
    manualTime.timePasses(Duration.ofSeconds(59));
    actor.tell("busy"); // restarts the idle period
    probe.expectMessage("busy");
    manualTime.expectNoMessageFor(Duration.ofSeconds(59), probe);
    manualTime.timePasses(Duration.ofSeconds(1));
    probe.expectMessage("idle");
  }

  record Question(ActorRef<String> replyTo) {}

  @Test
  void anAskTimesOutWhenManualTimeHasPassed() {
    TestProbe<Question> silent = testKit.createTestProbe();
    CompletableFuture<String> answer = AskPattern.<Question, String>ask(
        silent.ref(), Question::new, Duration.ofSeconds(3), testKit.scheduler()).toCompletableFuture();
    silent.expectMessageClass(Question.class);
    manualTime.timePasses(Duration.ofSeconds(2));
    assertThat(answer).isNotDone();
    manualTime.timePasses(Duration.ofSeconds(1));
    assertThat(answer).isCompletedExceptionally();
    assertThatThrownBy(answer::join).hasCauseInstanceOf(TimeoutException.class);
  }

  @Test
  void backoffRestartsFollowManualTime() {
    TestProbe<String> probe = testKit.createTestProbe();
    ManualScheduler scheduler = (ManualScheduler) testKit.scheduler();
    ActorRef<String> actor = testKit.spawn(Behaviors.supervise(Behaviors.<String>setup(ctx -> {
      probe.ref().tell("started");
      return Behaviors.receiveMessage(m -> {
        throw new IllegalStateException("crash");
      });
    })).onFailure(SupervisorStrategy.restartWithBackoff(Duration.ofSeconds(5), Duration.ofSeconds(5), 0)
        .withLoggingEnabled(false)));
    probe.expectMessage("started");
    int before = scheduler.pendingTasks();
    actor.tell("fail");
    probe.awaitAssert(() -> assertThat(scheduler.pendingTasks()).isEqualTo(before + 1));
    manualTime.expectNoMessageFor(Duration.ofMillis(4_999), probe);
    manualTime.timePasses(Duration.ofMillis(1));
    probe.expectMessage("started");
  }

  @Test
  void theSystemClockIsTheManualClockAndCancelledTasksNeverRun() {
    long before = testKit.scheduler().nanoTime();
    assertThat(manualTime.elapsed()).isEqualTo(Duration.ofNanos(before));
    List<String> ran = new ArrayList<>();
    Cancellable c = testKit.scheduler().scheduleOnce(Duration.ofSeconds(1), () -> ran.add("cancelled"),
        CallingThreadExecutor.INSTANCE);
    testKit.scheduler().scheduleOnce(Duration.ofSeconds(1), () -> ran.add("kept"), CallingThreadExecutor.INSTANCE);
    assertThat(c.cancel()).isTrue();
    assertThat(c.cancel()).isFalse();
    assertThat(c.isCancelled()).isTrue();
    manualTime.timePasses(Duration.ofSeconds(1));
    assertThat(ran).containsExactly("kept");
    assertThat(testKit.scheduler().nanoTime() - before).isEqualTo(Duration.ofSeconds(1).toNanos());
  }

  @Test
  void aTaskScheduledByADueTaskRunsInTheSameStepIfItFallsDue() {
    List<String> ran = new ArrayList<>();
    testKit.scheduler().scheduleOnce(Duration.ofSeconds(1), () -> {
      ran.add("first");
      testKit.scheduler().scheduleOnce(Duration.ofSeconds(1), () -> ran.add("second"), CallingThreadExecutor.INSTANCE);
      testKit.scheduler().scheduleOnce(Duration.ofSeconds(5), () -> ran.add("third"), CallingThreadExecutor.INSTANCE);
    }, CallingThreadExecutor.INSTANCE);
    manualTime.timePasses(Duration.ofSeconds(3));
    assertThat(ran).containsExactly("first", "second");
    manualTime.timePasses(Duration.ofSeconds(3));
    assertThat(ran).containsExactly("first", "second", "third");
  }

  @Test
  void badArgumentsAreRejected() {
    assertThatThrownBy(() -> manualTime.timePasses(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("amount must not be negative, was PT-1S");
    assertThatThrownBy(() -> testKit.scheduler().scheduleAtFixedRate(Duration.ZERO, Duration.ZERO, () -> { },
        CallingThreadExecutor.INSTANCE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("interval must be positive, was PT0S");
  }

  @Test
  void getRejectsASystemWithoutManualTime() {
    ActorTestKit real = ActorTestKit.create("realTime");
    try {
      assertThatThrownBy(() -> ManualTime.get(real.system()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("ManualTime.get: the actor system [realTime] uses the scheduler ")
          .hasMessageEndingWith("; create it with ManualTime.config() in its configuration");
    } finally {
      real.shutdownTestKit();
    }
  }

  @Test
  void expectNoMessageForFailsWhenAMessageArrives() {
    TestProbe<String> probe = testKit.createTestProbe();
    testKit.spawn(Behaviors.<String>withTimers(timers -> {
      timers.startSingleTimer("k", "early", Duration.ofSeconds(1));
      return Behaviors.receiveMessage(m -> {
        probe.ref().tell(m);
        return Behaviors.same();
      });
    }));
    assertThatThrownBy(() -> manualTime.expectNoMessageFor(Duration.ofSeconds(2), probe))
        .isInstanceOf(AssertionError.class)
        .hasMessageStartingWith("expectNoMessage: expected no message for ")
        .hasMessageEndingWith("but got [early]");
  }
}
