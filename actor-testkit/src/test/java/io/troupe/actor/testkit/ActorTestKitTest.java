package io.troupe.actor.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigFactory;
import io.troupe.actor.ActorRef;
import io.troupe.actor.ActorSystem;
import io.troupe.actor.Behavior;
import io.troupe.actor.Behaviors;
import io.troupe.actor.InvalidActorNameException;
import io.troupe.actor.PostStop;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ActorTestKitTest {
  static ActorTestKit testKit;

  @BeforeAll
  static void start() {
    testKit = ActorTestKit.create();
  }

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
  }

  record Ping(String text, ActorRef<String> replyTo) {}

  static Behavior<Ping> echo() {
    return Behaviors.receiveMessage(p -> {
      p.replyTo().tell(p.text());
      return Behaviors.same();
    });
  }

  @Test
  void theSystemIsNamedAfterTheTestClass() {
    assertThat(testKit.system().name()).isEqualTo("ActorTestKitTest");
    assertThat(ActorTestKit.systemNameFor("a.b.Outer$Inner")).isEqualTo("Inner");
    assertThat(ActorTestKit.systemNameFor("a.b.Outer$1")).isEqualTo("Outer");
    assertThat(ActorTestKit.systemNameFor("_weird")).isEqualTo("test_weird");
  }

  @Test
  void spawnedActorsRunUnderTheUserGuardian() {
    ActorRef<Ping> named = testKit.spawn(echo(), "echo");
    assertThat(named.path().toString()).isEqualTo("troupe://ActorTestKitTest/user/echo");
    TestProbe<String> probe = testKit.createTestProbe();
    named.tell(new Ping("hello", probe.ref()));
    probe.expectMessage("hello");
    ActorRef<Ping> anonymous = testKit.spawn(echo());
    anonymous.tell(new Ping("anon", probe.ref()));
    probe.expectMessage("anon");
    testKit.stop(named);
  }

  @Test
  void spawnReturnsOnceSetupHasRun() {
    CountDownLatch setupRan = new CountDownLatch(1);
    testKit.spawn(Behaviors.setup(ctx -> {
      setupRan.countDown();
      return Behaviors.empty();
    }));
    assertThat(setupRan.getCount()).isZero();
  }

  @Test
  void aTakenNameFailsOnTheTestsThread() {
    testKit.spawn(Behaviors.empty(), "taken");
    assertThatThrownBy(() -> testKit.spawn(Behaviors.empty(), "taken"))
        .isInstanceOf(InvalidActorNameException.class)
        .hasMessageContaining("[taken] is not unique");
    assertThatThrownBy(() -> testKit.spawn(Behaviors.empty(), "no/slash"))
        .isInstanceOf(InvalidActorNameException.class);
    // the guardian survived: spawning still works
    assertThat(testKit.spawn(Behaviors.empty(), "after")).isNotNull();
  }

  @Test
  void stopWaitsUntilTheActorHasTerminated() {
    java.util.concurrent.atomic.AtomicBoolean postStopRan = new java.util.concurrent.atomic.AtomicBoolean();
    ActorRef<String> actor = testKit.spawn(Behaviors.receiveSignal((ctx, signal) -> {
      if (signal instanceof PostStop) {
        postStopRan.set(true);
      }
      return Behaviors.same();
    }));
    testKit.stop(actor, Duration.ofSeconds(10));
    assertThat(postStopRan).isTrue(); // PostStop ran before stop returned
  }

  @Test
  void stoppingAnActorTheKitDidNotSpawnFails() {
    TestProbe<String> probe = testKit.createTestProbe();
    assertThatThrownBy(() -> testKit.stop(probe.ref()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is not a child of");
    assertThatThrownBy(() -> testKit.stop(probe.ref(), Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("max must be positive, was PT0S");
  }

  @Test
  void settingsComeFromConfigAndAreDilated() {
    ActorTestKit slow = ActorTestKit.create("slowMachine", ConfigFactory.parseString(
        "troupe.actor.testkit.typed { timefactor = 2.5, single-expect-default = 2 s }"));
    try {
      TestKitSettings s = slow.testKitSettings();
      assertThat(s.testTimeFactor()).isEqualTo(2.5);
      assertThat(s.singleExpectDefaultTimeout()).isEqualTo(Duration.ofSeconds(5));
      assertThat(s.expectNoMessageDefaultTimeout()).isEqualTo(Duration.ofMillis(250));
      assertThat(slow.timeout()).isEqualTo(Duration.ofMillis(12_500));
      assertThat(s.dilated(Duration.ofSeconds(2))).isEqualTo(Duration.ofSeconds(5));
      TestProbe<String> probe = slow.createTestProbe();
      assertThat(probe.getRemainingOrDefault()).isEqualTo(Duration.ofSeconds(5));
      assertThatThrownBy(() -> probe.receiveMessage(Duration.ofMillis(4)))
          .hasMessage("receiveMessage: no message arrived within 10 ms");
    } finally {
      slow.shutdownTestKit();
    }
    assertThat(testKit.testKitSettings().singleExpectDefaultTimeout()).isEqualTo(Duration.ofSeconds(3));
    assertThat(testKit.testKitSettings().expectNoMessageDefaultTimeout()).isEqualTo(Duration.ofMillis(100));
  }

  @Test
  void anInvalidTimeFactorIsRejectedWithItsPath() {
    assertThatThrownBy(() -> TestKitSettings.create(ConfigFactory.parseString("troupe.actor.testkit.typed.timefactor = 0")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("troupe.actor.testkit.typed.timefactor must be a positive finite number, was 0.0");
  }

  @Test
  void testSystemsRegisterNoJvmShutdownHook() {
    assertThat(testKit.system().settings().config().getBoolean("troupe.coordinated-shutdown.run-by-jvm-shutdown-hook"))
        .isFalse();
    assertThat(ActorTestKit.applicationTestConfig().getBoolean("troupe.coordinated-shutdown.run-by-jvm-shutdown-hook"))
        .isFalse();
  }

  @Test
  void aKitCanWrapAnExistingSystem() {
    ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "existing", ActorTestKit.applicationTestConfig());
    ActorTestKit wrapped = ActorTestKit.create(system);
    ActorRef<Ping> echo = wrapped.spawn(echo(), "echo");
    assertThat(echo.path().toStringWithoutAddress()).startsWith("/system/testKitGuardian-");
    TestProbe<String> probe = wrapped.createTestProbe();
    echo.tell(new Ping("wrapped", probe.ref()));
    probe.expectMessage("wrapped");
    wrapped.shutdownTestKit();
    assertThat(system.getWhenTerminated().toCompletableFuture()).isDone();
  }

  @Test
  void shutdownFailsLoudlyWhenTheSystemDoesNotTerminateInTime() {
    ActorTestKit stuck = ActorTestKit.create("stuck");
    CountDownLatch release = new CountDownLatch(1);
    stuck.spawn(Behaviors.receiveSignal((ctx, signal) -> {
      if (signal instanceof PostStop) {
        release.await(); // holds up termination until the test lets go
      }
      return Behaviors.same();
    }), "holdsOn");
    try {
      assertThatThrownBy(() -> ActorTestKit.shutdown(stuck.system(), Duration.ofMillis(50)))
          .isInstanceOf(AssertionError.class)
          .hasMessageStartingWith("Failed to stop the actor system [stuck] within 50 ms; its actors:")
          .hasMessageContaining("holdsOn");
    } finally {
      release.countDown();
    }
    stuck.shutdownTestKit();
  }
}
