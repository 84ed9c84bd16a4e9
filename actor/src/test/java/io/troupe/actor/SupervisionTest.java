package io.troupe.actor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SupervisionTest {
  private ActorSystem<Void> system;

  @AfterEach
  void tearDown() throws Exception {
    if (system != null) {
      Systems.terminate(system);
    }
  }

  sealed interface Cmd {}

  record Fail(String why) implements Cmd {}

  record Add(int n) implements Cmd {}

  record Get(ActorRef<Integer> replyTo) implements Cmd {}

  /** A counter that reports its lifecycle to {@code events}. */
  static Behavior<Cmd> counter(ActorRef<String> events) {
    return Behaviors.setup(ctx -> {
      events.tell("started");
      return counting(0, events);
    });
  }

  private static Behavior<Cmd> counting(int total, ActorRef<String> events) {
    return Behaviors.receive(Cmd.class)
        .onMessage(Add.class, a -> counting(total + a.n(), events))
        .onMessage(Get.class, g -> {
          g.replyTo().tell(total);
          return Behaviors.same();
        })
        .onMessage(Fail.class, f -> {
          throw new IllegalStateException(f.why());
        })
        .onSignal(PreRestart.class, s -> {
          events.tell("pre-restart");
          return Behaviors.same();
        })
        .onSignal(PostStop.class, s -> {
          events.tell("post-stop");
          return Behaviors.same();
        })
        .build();
  }

  @Test
  void anUnhandledFailureStopsTheActor() throws Exception {
    system = Systems.create(Behaviors.empty(), "unsupervised");
    Inbox<String> events = new Inbox<>(system);
    ActorRef<Cmd> actor = system.systemActorOf(counter(events.ref), "c");
    events.expect("started");
    actor.tell(new Fail("boom"));
    events.expect("post-stop");
    Inbox<DeadLetter> dead = new Inbox<>(system);
    system.eventStream().tell(new EventStream.Subscribe<>(DeadLetter.class, dead.ref));
    Inbox<Integer> replies = new Inbox<>(system);
    actor.tell(new Get(replies.ref));
    assertThat(dead.receive().message()).isInstanceOf(Get.class);
  }

  @Test
  void resumeKeepsTheState() throws Exception {
    system = Systems.create(Behaviors.empty(), "resume");
    Inbox<String> events = new Inbox<>(system);
    Inbox<Integer> replies = new Inbox<>(system);
    ActorRef<Cmd> actor = system.systemActorOf(
        Behaviors.supervise(counter(events.ref)).onFailure(IllegalStateException.class,
            SupervisorStrategy.resume().withLoggingEnabled(false)), "c");
    actor.tell(new Add(5));
    actor.tell(new Fail("boom"));
    actor.tell(new Add(1));
    actor.tell(new Get(replies.ref));
    replies.expect(6);
    events.expect("started");
    assertThat(events.isEmpty()).isTrue();
  }

  @Test
  void restartStartsFromTheInitialBehaviorAfterPreRestart() throws Exception {
    system = Systems.create(Behaviors.empty(), "restart");
    Inbox<String> events = new Inbox<>(system);
    Inbox<Integer> replies = new Inbox<>(system);
    ActorRef<Cmd> actor = system.systemActorOf(
        Behaviors.supervise(counter(events.ref)).onFailure(IllegalStateException.class,
            SupervisorStrategy.restart().withLoggingEnabled(false)), "c");
    actor.tell(new Add(5));
    actor.tell(new Fail("boom"));
    actor.tell(new Add(1));
    actor.tell(new Get(replies.ref));
    replies.expect(1);
    events.expect("started");
    events.expect("pre-restart");
    events.expect("started");
  }

  @Test
  void aFailureOfAnotherTypeIsNotHandledByTheStrategy() throws Exception {
    system = Systems.create(Behaviors.empty(), "other-type");
    Inbox<String> events = new Inbox<>(system);
    ActorRef<Cmd> actor = system.systemActorOf(
        Behaviors.supervise(counter(events.ref)).onFailure(IllegalArgumentException.class,
            SupervisorStrategy.restart().withLoggingEnabled(false)), "c");
    events.expect("started");
    actor.tell(new Fail("boom")); // IllegalStateException
    events.expect("post-stop");
  }

  @Test
  void nestedSupervisionHandlesEachTypeAtItsOwnLevel() throws Exception {
    system = Systems.create(Behaviors.empty(), "nested");
    Inbox<String> events = new Inbox<>(system);
    Inbox<Integer> replies = new Inbox<>(system);
    Behavior<Cmd> inner = Behaviors.supervise(counter(events.ref))
        .onFailure(IllegalArgumentException.class, SupervisorStrategy.stop());
    ActorRef<Cmd> actor = system.systemActorOf(
        Behaviors.supervise(inner).onFailure(IllegalStateException.class,
            SupervisorStrategy.resume().withLoggingEnabled(false)), "c");
    actor.tell(new Add(2));
    actor.tell(new Fail("handled by the outer resume"));
    actor.tell(new Get(replies.ref));
    replies.expect(2);
  }

  @Test
  void restartLimitStopsTheActorAtTheFailureAfterTheLimit() throws Exception {
    system = Systems.create(Behaviors.empty(), "limit");
    Inbox<String> events = new Inbox<>(system);
    ActorRef<Cmd> actor = system.systemActorOf(
        Behaviors.supervise(counter(events.ref)).onFailure(IllegalStateException.class,
            SupervisorStrategy.restart().withLimit(2, Duration.ofMinutes(1)).withLoggingEnabled(false)), "c");
    events.expect("started");
    for (int i = 0; i < 3; i++) {
      actor.tell(new Fail("boom " + i));
    }
    events.expect("pre-restart");
    events.expect("started");
    events.expect("pre-restart");
    events.expect("started");
    events.expect("post-stop");
  }

  @Test
  void restartStopsChildrenUnlessToldNotTo() throws Exception {
    system = Systems.create(Behaviors.empty(), "children");
    for (boolean stopChildren : new boolean[] {true, false}) {
      Inbox<String> events = new Inbox<>(system);
      Behavior<String> parent = Behaviors.setup(ctx -> {
        ctx.spawn(Behaviors.<String>receiveSignal((c, s) -> {
          if (s instanceof PostStop) {
            events.ref.tell("child stopped");
          }
          return Behaviors.same();
        }), "child");
        events.ref.tell("parent started with " + ctx.getChildren().size() + " child");
        return Behaviors.<String>receiveMessage(m -> {
          if (m.equals("fail")) {
            throw new IllegalStateException("boom");
          }
          return Behaviors.same();
        });
      });
      ActorRef<String> actor = system.systemActorOf(Behaviors.supervise(parent).onFailure(
          SupervisorStrategy.restart().withStopChildren(stopChildren).withLoggingEnabled(false)),
          "parent-" + stopChildren);
      events.expect("parent started with 1 child");
      actor.tell("fail");
      if (stopChildren) {
        events.expect("child stopped");
        events.expect("parent started with 1 child");
      } else {
        // The kept child still holds its name, so the restarted setup cannot spawn it again and fails;
        // with an unlimited restart strategy a failure while starting stops the actor.
        events.expect("child stopped");
      }
    }
  }

  @Test
  void backoffDelaysGrowAndResetAfterAQuietPeriod() throws Exception {
    system = Systems.manual(Behaviors.empty(), "backoff");
    ManualScheduler clock = ManualScheduler.of(system);
    Inbox<String> events = new Inbox<>(system);
    Inbox<Integer> replies = new Inbox<>(system);
    ActorRef<Cmd> actor = system.systemActorOf(
        Behaviors.supervise(counter(events.ref)).onFailure(IllegalStateException.class,
            SupervisorStrategy.restartWithBackoff(Duration.ofSeconds(1), Duration.ofSeconds(10), 0)
                .withResetBackoffAfter(Duration.ofSeconds(30)).withLoggingEnabled(false)), "c");
    events.expect("started");

    actor.tell(new Fail("first"));
    events.expect("pre-restart");
    actor.tell(new Get(replies.ref)); // waits in the mailbox while backing off
    awaitBackoffScheduled(clock, Duration.ofMillis(999), events);
    clock.advance(Duration.ofMillis(1));
    events.expect("started");
    replies.expect(0);

    actor.tell(new Fail("second"));
    events.expect("pre-restart");
    awaitBackoffScheduled(clock, Duration.ofMillis(1999), events);
    clock.advance(Duration.ofMillis(1));
    events.expect("started");

    clock.advance(Duration.ofSeconds(30)); // quiet long enough: the next delay is the minimum again
    actor.tell(new Fail("third"));
    events.expect("pre-restart");
    awaitBackoffScheduled(clock, Duration.ofMillis(999), events);
    clock.advance(Duration.ofMillis(1));
    events.expect("started");
  }

  /** Advances to just before the expected delay (after the backoff timer was scheduled) and checks nothing restarted. */
  private static void awaitBackoffScheduled(ManualScheduler clock, Duration justBefore, Inbox<String> events)
      {
    // the pre-restart event is sent before the backoff timer is scheduled, in the same turn: wait for the turn to end
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
    while (clock.pendingTasks() == 0 && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    assertThat(clock.pendingTasks()).as("the backoff timer").isEqualTo(1);
    clock.advance(justBefore);
    assertThat(clock.pendingTasks()).as("the backoff timer has not fired before its delay").isEqualTo(1);
  }

  @Test
  void backoffStopsAfterMaxRestarts() throws Exception {
    system = Systems.manual(Behaviors.empty(), "backoff-max");
    ManualScheduler clock = ManualScheduler.of(system);
    Inbox<String> events = new Inbox<>(system);
    ActorRef<Cmd> actor = system.systemActorOf(
        Behaviors.supervise(counter(events.ref)).onFailure(IllegalStateException.class,
            SupervisorStrategy.restartWithBackoff(Duration.ofSeconds(1), Duration.ofSeconds(1), 0)
                .withMaxRestarts(1).withLoggingEnabled(false)), "c");
    events.expect("started");
    actor.tell(new Fail("first"));
    events.expect("pre-restart");
    awaitBackoffScheduled(clock, Duration.ofMillis(999), events);
    clock.advance(Duration.ofMillis(1));
    events.expect("started");
    actor.tell(new Fail("second"));
    events.expect("post-stop");
  }

  @Test
  void aFailureWhileStartingStopsTheActorUnderAnUnlimitedRestart() throws Exception {
    system = Systems.create(Behaviors.empty(), "start-failure");
    Inbox<String> events = new Inbox<>(system);
    ActorRef<String> watcherTarget = system.systemActorOf(Behaviors.supervise(Behaviors.<String>setup(ctx -> {
      events.ref.tell("setup");
      throw new IllegalStateException("cannot start");
    })).onFailure(SupervisorStrategy.restart().withLoggingEnabled(false)), "failing-setup");
    events.expect("setup");
    ActorRef<Terminated> watcher = system.systemActorOf(Behaviors.setup(ctx -> {
      ctx.watch(watcherTarget);
      return Behaviors.receiveSignal((c, s) -> {
        events.ref.tell("terminated");
        return Behaviors.same();
      });
    }), "watcher");
    events.expect("terminated");
    assertThat(watcher).isNotNull();
  }

  @Test
  void aLimitedRestartRetriesAFailingSetup() throws Exception {
    system = Systems.create(Behaviors.empty(), "start-retry");
    Inbox<String> events = new Inbox<>(system);
    int[] attempts = new int[1];
    system.systemActorOf(Behaviors.supervise(Behaviors.<String>setup(ctx -> {
      events.ref.tell("attempt " + ++attempts[0]);
      if (attempts[0] < 3) {
        throw new IllegalStateException("not yet");
      }
      return Behaviors.ignore();
    })).onFailure(SupervisorStrategy.restart().withLimit(5, Duration.ZERO).withLoggingEnabled(false)), "retrying");
    events.expect("attempt 1");
    events.expect("attempt 2");
    events.expect("attempt 3");
  }
}
