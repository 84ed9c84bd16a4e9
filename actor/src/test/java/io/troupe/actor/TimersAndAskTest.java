package io.troupe.actor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TimersAndAskTest {
  private ActorSystem<Void> system;

  @AfterEach
  void tearDown() throws Exception {
    if (system != null) {
      Systems.terminate(system);
    }
  }

  sealed interface Cmd {}

  record Start(String key, String msg, Duration delay) implements Cmd {}

  record BlockThenCancel(CountDownLatch release, String key) implements Cmd {}

  record Echo(String text) implements Cmd {}

  record Tick(String text) implements Cmd {}

  record IsActive(String key) implements Cmd {}

  private static Behavior<Cmd> timed(ActorRef<String> out) {
    return Behaviors.withTimers(timers -> Behaviors.receive(Cmd.class)
        .onMessage(Start.class, s -> {
          timers.startSingleTimer(s.key(), new Tick(s.msg()), s.delay());
          return Behaviors.same();
        })
        .onMessage(BlockThenCancel.class, b -> {
          out.tell("blocked");
          b.release().await(10, TimeUnit.SECONDS);
          timers.cancel(b.key());
          return Behaviors.same();
        })
        .onMessage(Tick.class, t -> {
          out.tell("tick " + t.text());
          return Behaviors.same();
        })
        .onMessage(Echo.class, e -> {
          out.tell(e.text());
          return Behaviors.same();
        })
        .onMessage(IsActive.class, a -> {
          out.tell(a.key() + " active=" + timers.isTimerActive(a.key()));
          return Behaviors.same();
        })
        .build());
  }

  @Test
  void aSingleTimerFiresOnceAfterItsDelay() throws Exception {
    system = Systems.manual(Behaviors.empty(), "single-timer");
    ManualScheduler clock = ManualScheduler.of(system);
    Inbox<String> out = new Inbox<>(system);
    ActorRef<Cmd> actor = system.systemActorOf(timed(out.ref), "timed");
    actor.tell(new Start("k", "one", Duration.ofSeconds(5)));
    actor.tell(new IsActive("k"));
    out.expect("k active=true");
    clock.advance(Duration.ofMillis(4999));
    assertThat(clock.pendingTasks()).isEqualTo(1);
    clock.advance(Duration.ofMillis(1));
    out.expect("tick one");
    actor.tell(new IsActive("k"));
    out.expect("k active=false");
  }

  @Test
  void aCancelledTimerNeverDeliversEvenWhenItsMessageWasAlreadyEnqueued() throws Exception {
    system = Systems.manual(Behaviors.empty(), "cancel-timer");
    ManualScheduler clock = ManualScheduler.of(system);
    Inbox<String> out = new Inbox<>(system);
    ActorRef<Cmd> actor = system.systemActorOf(timed(out.ref), "timed");
    actor.tell(new Start("k", "cancelled", Duration.ofSeconds(1)));
    CountDownLatch release = new CountDownLatch(1);
    actor.tell(new BlockThenCancel(release, "k"));
    out.expect("blocked");
    clock.advance(Duration.ofSeconds(1)); // the timer fires: its message is now behind the blocked one
    release.countDown();
    actor.tell(new Echo("after"));
    out.expect("after"); // had the tick been delivered, it would have come first
  }

  @Test
  void restartingATimerKeyReplacesTheOldTimer() throws Exception {
    system = Systems.manual(Behaviors.empty(), "replace-timer");
    ManualScheduler clock = ManualScheduler.of(system);
    Inbox<String> out = new Inbox<>(system);
    ActorRef<Cmd> actor = system.systemActorOf(timed(out.ref), "timed");
    actor.tell(new Start("k", "old", Duration.ofSeconds(1)));
    actor.tell(new Start("k", "new", Duration.ofSeconds(2)));
    actor.tell(new Echo("both started"));
    out.expect("both started");
    clock.advance(Duration.ofSeconds(3));
    out.expect("tick new");
    actor.tell(new Echo("end"));
    out.expect("end");
  }

  @Test
  void timersDieWithTheActor() throws Exception {
    system = Systems.manual(Behaviors.empty(), "timers-die");
    ManualScheduler clock = ManualScheduler.of(system);
    Inbox<String> out = new Inbox<>(system);
    ActorRef<Cmd> actor = system.systemActorOf(Behaviors.withTimers(timers -> {
      timers.startTimerAtFixedRate("tick", new Tick("t"), Duration.ofSeconds(1));
      out.ref.tell("started");
      return Behaviors.receive(Cmd.class)
          .onMessage(Tick.class, t -> {
            out.ref.tell("tick");
            return Behaviors.same();
          })
          .onMessage(Echo.class, e -> Behaviors.stopped(() -> out.ref.tell("stopped")))
          .build();
    }), "periodic");
    out.expect("started");
    clock.advance(Duration.ofSeconds(1));
    out.expect("tick");
    actor.tell(new Echo("stop"));
    out.expect("stopped");
    assertThat(clock.pendingTasks()).as("the periodic timer was cancelled").isZero();
  }

  @Test
  void timersRejectNegativeDelays() throws Exception {
    system = Systems.create(Behaviors.empty(), "negative-timer");
    Inbox<String> out = new Inbox<>(system);
    system.systemActorOf(Behaviors.<Cmd>withTimers(timers -> {
      try {
        timers.startSingleTimer("k", new Tick("x"), Duration.ofSeconds(-1));
      } catch (IllegalArgumentException e) {
        out.ref.tell(e.getMessage());
      }
      return Behaviors.ignore();
    }), "t");
    assertThat(out.receive()).contains("delay must not be negative");
  }

  @Test
  void receiveTimeoutFiresAfterSilenceAndIsResetByMessages() throws Exception {
    system = Systems.manual(Behaviors.empty(), "receive-timeout");
    ManualScheduler clock = ManualScheduler.of(system);
    Inbox<String> out = new Inbox<>(system);
    ActorRef<Cmd> actor = system.systemActorOf(Behaviors.setup(ctx -> {
      ctx.setReceiveTimeout(Duration.ofSeconds(10), new Tick("idle"));
      out.ref.tell("started");
      return Behaviors.receive(Cmd.class)
          .onMessage(Tick.class, t -> {
            ctx.cancelReceiveTimeout();
            out.ref.tell("timeout");
            return Behaviors.same();
          })
          .onMessage(Echo.class, e -> {
            out.ref.tell(e.text());
            return Behaviors.same();
          })
          .build();
    }), "idle");
    out.expect("started");
    clock.advance(Duration.ofSeconds(9));
    actor.tell(new Echo("activity"));
    out.expect("activity");
    clock.advance(Duration.ofSeconds(9)); // 18 s after start, 9 s after the last message
    actor.tell(new Echo("still busy"));
    out.expect("still busy");
    clock.advance(Duration.ofSeconds(10));
    out.expect("timeout");
    assertThat(clock.pendingTasks()).as("cancelled after it fired").isZero();
  }

  record Question(String text, ActorRef<String> replyTo) {}

  @Test
  void askCompletesWithTheReply() throws Exception {
    system = Systems.create(Behaviors.empty(), "ask");
    ActorRef<Question> echo = system.systemActorOf(Behaviors.receiveMessage(q -> {
      q.replyTo().tell("answer to " + q.text());
      return Behaviors.same();
    }), "echo");
    CompletableFuture<String> answer = AskPattern.<Question, String>ask(
        echo, replyTo -> new Question("life", replyTo), Duration.ofSeconds(10), system.scheduler())
        .toCompletableFuture();
    assertThat(answer.get(10, TimeUnit.SECONDS)).isEqualTo("answer to life");
  }

  @Test
  void askFailsWithATimeoutNamingTheTargetAndTheTimeout() throws Exception {
    system = Systems.manual(Behaviors.empty(), "ask-timeout");
    ManualScheduler clock = ManualScheduler.of(system);
    ActorRef<Question> silent = system.systemActorOf(Behaviors.<Question>ignore(), "silent");
    CompletableFuture<String> answer = AskPattern.<Question, String>ask(
        silent, replyTo -> new Question("anyone?", replyTo), Duration.ofMillis(1500), system.scheduler())
        .toCompletableFuture();
    clock.advance(Duration.ofMillis(1500));
    assertThatThrownBy(() -> answer.get(10, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOf(TimeoutException.class)
        .hasMessageContaining("troupe://ask-timeout/system/silent")
        .hasMessageContaining("1500 ms")
        .hasMessageContaining(Question.class.getName());
  }

  @Test
  void askRejectsANonPositiveTimeout() {
    system = Systems.create(Behaviors.empty(), "ask-bad");
    ActorRef<Question> silent = system.systemActorOf(Behaviors.<Question>ignore(), "silent");
    assertThatThrownBy(() -> AskPattern.<Question, String>ask(
        silent, r -> new Question("q", r), Duration.ofSeconds(-1), system.scheduler()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ask timeout must be positive");
  }

  sealed interface Client {}

  record Answer(String text) implements Client {}

  record Failed(String error) implements Client {}

  @Test
  void contextAskAndPipeToSelfTurnResultsIntoMessages() throws Exception {
    system = Systems.create(Behaviors.empty(), "ctx-ask");
    Inbox<String> out = new Inbox<>(system);
    ActorRef<Question> echo = system.systemActorOf(Behaviors.receiveMessage(q -> {
      q.replyTo().tell(q.text().toUpperCase());
      return Behaviors.same();
    }), "echo");
    system.systemActorOf(Behaviors.<Client>setup(ctx -> {
      ctx.ask(String.class, echo, Duration.ofSeconds(10), r -> new Question("hi", r),
          (reply, failure) -> reply != null ? new Answer(reply) : new Failed(failure.toString()));
      ctx.pipeToSelf(CompletableFuture.failedFuture(new IllegalStateException("db down")),
          (v, failure) -> new Failed(failure.getMessage()));
      return Behaviors.receive(Client.class)
          .onMessage(Answer.class, a -> {
            out.ref.tell("answer " + a.text());
            return Behaviors.same();
          })
          .onMessage(Failed.class, f -> {
            out.ref.tell("failed " + f.error());
            return Behaviors.same();
          })
          .build();
    }), "client");
    String first = out.receive();
    String second = out.receive();
    assertThat(java.util.List.of(first, second)).containsExactlyInAnyOrder("answer HI", "failed db down");
  }

  record Validate(int n, ActorRef<StatusReply<Integer>> replyTo) {}

  @Test
  void askWithStatusUnwrapsSuccessesAndErrors() throws Exception {
    system = Systems.create(Behaviors.empty(), "ask-status");
    Inbox<String> out = new Inbox<>(system);
    ActorRef<Validate> validator = system.systemActorOf(Behaviors.receiveMessage(v -> {
      v.replyTo().tell(v.n() >= 0 ? StatusReply.success(v.n() * 2) : StatusReply.error("negative: " + v.n()));
      return Behaviors.same();
    }), "validator");
    system.systemActorOf(Behaviors.<Client>setup(ctx -> {
      for (int n : new int[] {21, -1}) {
        ctx.askWithStatus(Integer.class, validator, Duration.ofSeconds(10), r -> new Validate(n, r),
            (value, error) -> value != null ? new Answer("ok " + value) : new Failed(error.getMessage()));
      }
      return Behaviors.receive(Client.class)
          .onMessage(Answer.class, a -> {
            out.ref.tell(a.text());
            return Behaviors.same();
          })
          .onMessage(Failed.class, f -> {
            out.ref.tell("error " + f.error());
            return Behaviors.same();
          })
          .build();
    }), "asker");
    assertThat(java.util.List.of(out.receive(), out.receive())).containsExactlyInAnyOrder("ok 42", "error negative: -1");
    CompletableFuture<Integer> viaPattern = AskPattern.<Validate, Integer>askWithStatus(
        validator, r -> new Validate(-5, r), Duration.ofSeconds(10), system.scheduler()).toCompletableFuture();
    assertThatThrownBy(() -> viaPattern.get(10, TimeUnit.SECONDS))
        .cause().isInstanceOf(StatusReply.ErrorMessage.class).hasMessage("negative: -5");
  }

  @Test
  void messageAdaptersTranslateForeignMessagesInsideTheActor() throws Exception {
    system = Systems.create(Behaviors.empty(), "adapter");
    Inbox<String> out = new Inbox<>(system);
    Inbox<ActorRef<Integer>> adapters = new Inbox<>(system);
    system.systemActorOf(Behaviors.<Cmd>setup(ctx -> {
      adapters.ref.tell(ctx.messageAdapter(Integer.class, n -> new Echo("number " + n)));
      return Behaviors.receive(Cmd.class)
          .onMessage(Echo.class, e -> {
            out.ref.tell(e.text());
            return Behaviors.same();
          })
          .build();
    }), "adapting");
    adapters.receive().tell(42);
    out.expect("number 42");
  }
}
