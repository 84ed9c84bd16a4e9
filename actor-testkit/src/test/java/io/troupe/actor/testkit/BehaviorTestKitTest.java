package io.troupe.actor.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.troupe.actor.ActorRef;
import io.troupe.actor.Behavior;
import io.troupe.actor.Behaviors;
import io.troupe.actor.DeathPactException;
import io.troupe.actor.InvalidActorNameException;
import io.troupe.actor.PostStop;
import io.troupe.actor.StatusReply;
import io.troupe.actor.Props;
import io.troupe.actor.SupervisorStrategy;
import io.troupe.actor.Terminated;
import io.troupe.actor.UnhandledMessage;
import io.troupe.actor.receptionist.Receptionist;
import io.troupe.actor.receptionist.ServiceKey;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.slf4j.event.Level;

class BehaviorTestKitTest {

  static final Behavior<String> CHILD = Behaviors.receiveMessage(m -> Behaviors.same());

  record Spawn(String name) {}

  @Test
  void runHandlesAMessageAndSelfMessagesWaitForRunOne() {
    List<String> handled = new ArrayList<>();
    BehaviorTestKit<String> test = BehaviorTestKit.create(Behaviors.receive((ctx, m) -> {
      handled.add(m);
      if (m.equals("ping")) {
        ctx.getSelf().tell("pong");
      }
      return Behaviors.same();
    }));
    test.run("ping");
    assertThat(handled).containsExactly("ping");
    assertThat(test.selfInbox().hasMessages()).isTrue();
    test.runOne();
    assertThat(handled).containsExactly("ping", "pong");
    assertThat(test.getRef()).isEqualTo(test.selfInbox().getRef());
    assertThatThrownBy(test::runOne)
        .isInstanceOf(java.util.NoSuchElementException.class)
        .hasMessageContaining("the self inbox of troupe://BehaviorTestKit/user/testkit is empty");
  }

  @Test
  void setupRunsWhenTheKitIsCreated() {
    List<String> log = new ArrayList<>();
    BehaviorTestKit.create(Behaviors.<String>setup(ctx -> {
      log.add("setup " + ctx.getSelf().path().name());
      return Behaviors.empty();
    }), "named");
    assertThat(log).containsExactly("setup named");
  }

  @Test
  void spawnedChildrenAreRecordedAndTheirInboxesCollectWhatTheyAreSent() {
    BehaviorTestKit<Object> test = BehaviorTestKit.create(Behaviors.receive((ctx, m) -> {
      if (m instanceof Spawn s) {
        ActorRef<String> child = ctx.spawn(CHILD, s.name());
        child.tell("hello " + s.name());
      } else {
        ctx.spawnAnonymous(CHILD, Props.empty());
      }
      return Behaviors.same();
    }));
    test.run(new Spawn("kid"));
    Effect.Spawned<?> spawned = test.expectEffectClass(Effect.Spawned.class);
    assertThat(spawned.childName()).isEqualTo("kid");
    assertThat(spawned.behavior()).isSameAs(CHILD);
    assertThat(spawned).isEqualTo(Effects.spawned(CHILD, "kid"));
    test.childInbox("kid").expectMessage("hello kid");
    assertThat(test.childInbox(spawned.ref()).hasMessages()).isFalse();
    assertThat(spawned.ref().path().toString()).isEqualTo("troupe://BehaviorTestKit/user/testkit/kid");

    test.run("anonymous");
    test.expectEffect(Effects.spawnedAnonymous(CHILD));
    test.expectEffect(Effects.noEffects());
  }

  @Test
  void aTakenChildNameIsRejectedLikeInARealActor() {
    BehaviorTestKit<Spawn> test = BehaviorTestKit.create(Behaviors.receive((ctx, m) -> {
      ctx.spawn(CHILD, m.name());
      return Behaviors.same();
    }));
    test.run(new Spawn("twin"));
    assertThatThrownBy(() -> test.run(new Spawn("twin")))
        .isInstanceOf(InvalidActorNameException.class)
        .hasMessage("actor name [twin] is not unique among the children of troupe://BehaviorTestKit/user/testkit");
    assertThatThrownBy(() -> test.run(new Spawn("bad/name")))
        .isInstanceOf(InvalidActorNameException.class)
        .hasMessageContaining("[bad/name] is invalid");
  }

  @Test
  void aChildTestKitRunsTheChild() {
    List<String> childLog = new ArrayList<>();
    Behavior<String> child = Behaviors.receiveMessage(m -> {
      childLog.add(m);
      return Behaviors.same();
    });
    BehaviorTestKit<String> test = BehaviorTestKit.create(Behaviors.receive((ctx, m) -> {
      ctx.spawn(child, "worker").tell("job");
      return Behaviors.same();
    }));
    test.run("go");
    Effect.Spawned<?> spawned = test.expectEffectClass(Effect.Spawned.class);
    @SuppressWarnings("unchecked")
    ActorRef<String> ref = (ActorRef<String>) spawned.ref();
    BehaviorTestKit<String> childKit = test.childTestKit(ref);
    childKit.runOne();
    assertThat(childLog).containsExactly("job");
    assertThatThrownBy(() -> test.childInbox("nobody"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("childInbox: troupe://BehaviorTestKit/user/testkit has no live child named [nobody]; its children: [worker]");
  }

  @Test
  void stoppingAChildIsRecordedAndRunsItsPostStop() {
    List<String> events = new ArrayList<>();
    Behavior<String> child = Behaviors.receive((c, m) -> Behaviors.same(), (c, s) -> {
      events.add("child " + s);
      return Behaviors.same();
    });
    BehaviorTestKit<String> test = BehaviorTestKit.create(Behaviors.setup(ctx -> {
      ActorRef<String> kid = ctx.spawn(child, "kid");
      return Behaviors.receiveMessage(m -> {
        ctx.stop(kid);
        return Behaviors.same();
      });
    }));
    test.expectEffectClass(Effect.Spawned.class);
    test.run("stop it");
    test.expectEffect(Effects.stopped("kid"));
    assertThat(events).containsExactly("child PostStop");
    assertThatThrownBy(() -> test.childInbox("kid")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void stoppingSomethingThatIsNotAChildFails() {
    TestInbox<String> stranger = TestInbox.create("stranger");
    BehaviorTestKit<String> test = BehaviorTestKit.create(Behaviors.receive((ctx, m) -> {
      ctx.stop(stranger.getRef());
      return Behaviors.same();
    }));
    assertThatThrownBy(() -> test.run("x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("only a direct child can be stopped through the context");
  }

  @Test
  void watchingIsRecordedAndTerminationIsDeliveredAsASignal() {
    TestInbox<String> other = TestInbox.create();
    List<String> seen = new ArrayList<>();
    BehaviorTestKit<String> test = BehaviorTestKit.create(Behaviors.setup(ctx -> {
      ctx.watch(other.getRef());
      return Behaviors.receive((c, m) -> {
        c.unwatch(other.getRef());
        return Behaviors.same();
      }, (c, signal) -> {
        seen.add(signal.toString());
        return Behaviors.same();
      });
    }).narrow());
    assertThat(seen).isEmpty();
    test.expectEffect(Effects.watched(other.getRef()));
    test.signal(new Terminated(other.getRef()));
    assertThat(seen).containsExactly("Terminated(" + other.getRef() + ")");
    test.run("unwatch");
    test.expectEffect(Effects.unwatched(other.getRef()));
  }

  @Test
  void watchWithAnotherMessageThanBeforeFails() {
    TestInbox<String> other = TestInbox.create();
    assertThatThrownBy(() -> BehaviorTestKit.create(Behaviors.<String>setup(ctx -> {
      ctx.watchWith(other.getRef(), "first");
      ctx.watchWith(other.getRef(), "second");
      return Behaviors.empty();
    }))).isInstanceOf(IllegalStateException.class).hasMessageContaining("is already watched");
    BehaviorTestKit<String> ok = BehaviorTestKit.create(Behaviors.<String>setup(ctx -> {
      ctx.watchWith(other.getRef(), "gone");
      return Behaviors.empty();
    }));
    ok.expectEffect(Effects.watchedWith(other.getRef(), "gone"));
  }

  @Test
  void anUnhandledTerminationIsADeathPact() {
    TestInbox<String> other = TestInbox.create();
    BehaviorTestKit<String> test = BehaviorTestKit.create(Behaviors.receiveMessage(m -> Behaviors.same()));
    assertThatThrownBy(() -> test.signal(new Terminated(other.getRef())))
        .isInstanceOf(DeathPactException.class);
  }

  @Test
  void timersAreRecordedAndFireOnlyWhenTheTestSaysSo() {
    BehaviorTestKit<String> test = BehaviorTestKit.create(Behaviors.withTimers(timers -> {
      timers.startSingleTimer("tick", "tick!", Duration.ofSeconds(5));
      return Behaviors.receiveMessage(m -> {
        switch (m) {
          case "restart" -> timers.startSingleTimer("tick", "tock!", Duration.ofSeconds(1));
          case "repeat" -> timers.startTimerAtFixedRate("beat", "beat!", Duration.ofMillis(10), Duration.ofSeconds(2));
          case "cancel" -> timers.cancel("tick");
          case "cancelAll" -> timers.cancelAll();
          default -> { }
        }
        return Behaviors.same();
      });
    }));
    Effect.TimerScheduled<?> first = test.expectEffectClass(Effect.TimerScheduled.class);
    assertThat(first).isEqualTo(Effects.timerScheduled("tick", "tick!", Duration.ofSeconds(5), Effects.singleMode(), false));
    assertThat(test.selfInbox().hasMessages()).isFalse();

    test.run("restart");
    Effect.TimerScheduled<?> second = test.expectEffectClass(Effect.TimerScheduled.class);
    assertThat(second.overriding()).isTrue();
    first.send(); // replaced: nothing is sent
    assertThat(test.selfInbox().hasMessages()).isFalse();
    second.send();
    test.selfInbox().expectMessage("tock!");
    second.send(); // a single timer fires once
    assertThat(test.selfInbox().hasMessages()).isFalse();

    test.run("repeat");
    Effect.TimerScheduled<?> beat = test.expectEffectClass(Effect.TimerScheduled.class);
    assertThat(beat.mode()).isEqualTo(Effects.fixedRateMode(Duration.ofMillis(10)));
    beat.send();
    beat.send();
    assertThat(test.selfInbox().getAllReceived()).containsExactly("beat!", "beat!");

    test.run("cancelAll");
    test.expectEffect(Effects.timerCancelled("beat"));
    beat.send();
    assertThat(test.selfInbox().hasMessages()).isFalse();
    assertThatThrownBy(() -> Effects.timerScheduled("k", "m", Duration.ZERO, Effects.singleMode(), false).send())
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void timerArgumentsAreValidatedAsInARealActor() {
    assertThatThrownBy(() -> BehaviorTestKit.create(Behaviors.<String>withTimers(timers -> {
      timers.startTimerWithFixedDelay("k", "m", Duration.ZERO);
      return Behaviors.empty();
    }))).isInstanceOf(IllegalArgumentException.class).hasMessage("delay must be positive, was PT0S");
  }

  @Test
  void messageAdaptersAreRecordedAndAdaptIntoTheSelfInbox() {
    io.troupe.japi.function.Function<Integer, String> adapt = i -> "number " + i;
    List<ActorRef<Integer>> adapters = new ArrayList<>();
    BehaviorTestKit<String> test = BehaviorTestKit.create(Behaviors.setup(ctx -> {
      adapters.add(ctx.messageAdapter(Integer.class, adapt));
      return Behaviors.receiveMessage(m -> Behaviors.same());
    }));
    test.expectEffect(Effects.messageAdapter(Integer.class, adapt));
    adapters.get(0).tell(42);
    test.selfInbox().expectMessage("number 42");
  }

  @Test
  void scheduleOnceAndReceiveTimeoutAreRecordedNotPerformed() {
    TestInbox<String> target = TestInbox.create();
    BehaviorTestKit<String> test = BehaviorTestKit.create(Behaviors.setup(ctx -> {
      ctx.scheduleOnce(Duration.ofSeconds(3), target.getRef(), "later");
      ctx.setReceiveTimeout(Duration.ofSeconds(1), "idle");
      ctx.cancelReceiveTimeout();
      return Behaviors.empty();
    }));
    test.expectEffect(Effects.scheduled(Duration.ofSeconds(3), target.getRef(), "later"));
    test.expectEffect(Effects.receiveTimeoutSet(Duration.ofSeconds(1), "idle"));
    test.expectEffect(Effects.receiveTimeoutCancelled());
    assertThat(target.hasMessages()).isFalse();
  }

  record Question(String text, ActorRef<String> replyTo) {}

  @Test
  void anAskIsSentAndTheTestAnswersIt() {
    TestInbox<Question> oracle = TestInbox.create("oracle");
    BehaviorTestKit<String> test = BehaviorTestKit.create(Behaviors.setup(ctx -> {
      ctx.ask(String.class, oracle.getRef(), Duration.ofSeconds(2), replyTo -> new Question("why?", replyTo),
          (answer, failure) -> failure != null ? "failed: " + failure.getClass().getSimpleName() : "answer: " + answer);
      return Behaviors.receiveMessage(m -> Behaviors.same());
    }));
    Effect.AskInitiated<?, ?, ?> ask = test.expectEffectClass(Effect.AskInitiated.class);
    Question q = oracle.receiveMessage();
    assertThat(q.text()).isEqualTo("why?");
    assertThat(ask).isEqualTo(Effects.askInitiated(oracle.getRef(), q, Duration.ofSeconds(2), String.class));

    q.replyTo().tell("because");
    test.selfInbox().expectMessage("answer: because");
    q.replyTo().tell("again"); // only the first reply counts
    assertThat(test.selfInbox().hasMessages()).isFalse();

    @SuppressWarnings("unchecked")
    Effect.AskInitiated<Question, String, String> typed = (Effect.AskInitiated<Question, String, String>) ask;
    assertThat(typed.adaptTimeout()).isEqualTo("failed: " + TimeoutException.class.getSimpleName());
    typed.respondWith("direct");
    test.selfInbox().expectMessage("answer: direct");
    typed.timeout();
    test.selfInbox().expectMessage("failed: TimeoutException");
  }

  record StatusQuestion(ActorRef<StatusReply<Integer>> replyTo) {}

  @Test
  void askWithStatusUnwrapsTheStatusReply() {
    TestInbox<StatusQuestion> service = TestInbox.create();
    BehaviorTestKit<String> test = BehaviorTestKit.create(Behaviors.setup(ctx -> {
      ctx.askWithStatus(Integer.class, service.getRef(), Duration.ofSeconds(1), StatusQuestion::new,
          (value, failure) -> failure != null ? "error: " + failure.getMessage() : "value: " + value);
      ctx.askWithStatus(Integer.class, service.getRef(), Duration.ofSeconds(1), StatusQuestion::new,
          (value, failure) -> failure != null ? "error: " + failure.getMessage() : "value: " + value);
      return Behaviors.receiveMessage(m -> Behaviors.same());
    }));
    assertThat(test.expectEffectClass(Effect.AskInitiated.class).responseClass()).isEqualTo(StatusReply.class);
    service.receiveMessage().replyTo().tell(StatusReply.success(5));
    service.receiveMessage().replyTo().tell(StatusReply.error("no stock"));
    assertThat(test.selfInbox().getAllReceived()).containsExactly("value: 5", "error: no stock");
  }

  @Test
  void pipeToSelfPutsTheResultInTheSelfInbox() {
    CompletableFuture<Integer> future = new CompletableFuture<>();
    BehaviorTestKit<String> test = BehaviorTestKit.create(Behaviors.setup(ctx -> {
      ctx.pipeToSelf(future, (v, t) -> t == null ? "got " + v : "failed " + t.getMessage());
      return Behaviors.receiveMessage(m -> Behaviors.same());
    }));
    assertThat(test.selfInbox().hasMessages()).isFalse();
    future.complete(7);
    test.selfInbox().expectMessage("got 7");
  }

  @Test
  void aFailingPipeToSelfFunctionFailsTheNextRun() {
    CompletableFuture<Integer> future = new CompletableFuture<>();
    BehaviorTestKit<String> test = BehaviorTestKit.create(Behaviors.setup(ctx -> {
      ctx.pipeToSelf(future, (v, t) -> {
        throw new IllegalStateException("bad mapping");
      });
      return Behaviors.receiveMessage(m -> Behaviors.same());
    }));
    future.complete(1);
    assertThatThrownBy(() -> test.run("next")).isInstanceOf(IllegalStateException.class).hasMessage("bad mapping");
    test.run("after"); // reported once
  }

  @Test
  void stoppingRunsPostStopAndEndsTheBehavior() {
    List<String> events = new ArrayList<>();
    BehaviorTestKit<String> test = BehaviorTestKit.create(Behaviors.receive(
        (ctx, m) -> Behaviors.stopped(),
        (ctx, signal) -> {
          events.add(signal.toString());
          return Behaviors.same();
        }));
    assertThat(test.isAlive()).isTrue();
    test.run("stop");
    assertThat(test.isAlive()).isFalse();
    assertThat(events).containsExactly(PostStop.instance().toString());
    assertThatThrownBy(() -> test.run("more"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("the behavior of troupe://BehaviorTestKit/user/testkit has stopped; cannot handle more");

    List<String> actions = new ArrayList<>();
    BehaviorTestKit<String> withAction = BehaviorTestKit.create(
        Behaviors.receiveMessage(m -> Behaviors.stopped(() -> actions.add("cleaned up"))));
    withAction.run("stop");
    assertThat(actions).containsExactly("cleaned up");
  }

  @Test
  void aBehaviorThatStopsInSetupIsNotAlive() {
    BehaviorTestKit<String> test = BehaviorTestKit.create(Behaviors.setup(ctx -> Behaviors.stopped()));
    assertThat(test.isAlive()).isFalse();
  }

  @Test
  void failuresPropagateUnchangedAndSupervisionIsNotApplied() {
    BehaviorTestKit<String> test = BehaviorTestKit.create(Behaviors.supervise(Behaviors.<String>receiveMessage(m -> {
      if (m.equals("io")) {
        throw new IOException("disk gone");
      }
      throw new IllegalArgumentException("bad " + m);
    })).onFailure(SupervisorStrategy.restart()));
    assertThatThrownBy(() -> test.run("io")).isInstanceOf(IOException.class).hasMessage("disk gone");
    assertThatThrownBy(() -> test.run("x")).isInstanceOf(IllegalArgumentException.class).hasMessage("bad x");
    assertThat(test.isAlive()).isTrue();
  }

  @Test
  void logEventsAreCaptured() {
    BehaviorTestKit<String> test = BehaviorTestKit.create(Behaviors.receive((ctx, m) -> {
      ctx.getLog().info("got {}", m);
      ctx.getLog().warn("careful with {} and {}", m, 2, new IllegalStateException("boom"));
      return Behaviors.same();
    }));
    test.run("cheese");
    List<CapturedLogEvent> entries = test.getAllLogEntries();
    assertThat(entries).hasSize(2);
    assertThat(entries.get(0)).isEqualTo(new CapturedLogEvent(Level.INFO, "got cheese"));
    assertThat(entries.get(1).level()).isEqualTo(Level.WARN);
    assertThat(entries.get(1).message()).isEqualTo("careful with cheese and 2");
    assertThat(entries.get(1).getErrorCause()).get().extracting(Throwable::getMessage).isEqualTo("boom");
    assertThat(test.getLog()).isEqualTo(entries);
    test.clearLog();
    assertThat(test.getAllLogEntries()).isEmpty();
  }

  @Test
  void logEventsCarryTheMdc() {
    BehaviorTestKit<String> test = BehaviorTestKit.create(Behaviors.receive((ctx, m) -> {
      MDC.put("order", m);
      try {
        ctx.getLog().debug("processing");
      } finally {
        MDC.remove("order");
      }
      return Behaviors.same();
    }));
    test.run("o-1");
    assertThat(test.getAllLogEntries()).containsExactly(
        new CapturedLogEvent(Level.DEBUG, "processing", Optional.empty(), Optional.empty(), Map.of("order", "o-1")));
  }

  @Test
  void expectEffectFailuresSayWhatWasFound() {
    TestInbox<String> other = TestInbox.create("other");
    BehaviorTestKit<String> test = BehaviorTestKit.create(Behaviors.setup(ctx -> {
      ctx.watch(other.getRef());
      ctx.spawn(CHILD, "c");
      return Behaviors.empty();
    }));
    assertThatThrownBy(() -> test.expectEffect(Effects.stopped("c")))
        .isInstanceOf(AssertionError.class)
        .hasMessageStartingWith("expectEffect: expected Stopped[childName=c], but found Watched[other=")
        .hasMessageContaining("(and later: [Spawned(");
    assertThatThrownBy(() -> test.expectEffect(Effects.noEffects()))
        .hasMessageStartingWith("expectEffect: expected no effects, but found Spawned(");
    assertThatThrownBy(() -> test.expectEffect(Effects.stopped("c")))
        .hasMessage("expectEffect: expected Stopped[childName=c], but no effects were recorded");
    assertThatThrownBy(() -> test.expectEffectClass(Effect.Stopped.class))
        .hasMessage("expectEffectClass: expected an effect of class " + Effect.Stopped.class.getName()
            + ", but no effects were recorded");
    assertThat(test.expectEffectClass(Effect.NoEffects.class)).isEqualTo(Effects.noEffects());
    assertThat(test.getEffect()).isEqualTo(Effects.noEffects());
  }

  @Test
  void getAllEffectsTakesEverything() {
    BehaviorTestKit<String> test = BehaviorTestKit.create(Behaviors.setup(ctx -> {
      ctx.spawn(CHILD, "a");
      ctx.spawn(CHILD, "b");
      return Behaviors.empty();
    }));
    assertThat(test.hasEffects()).isTrue();
    assertThat(test.getAllEffects()).containsExactly(Effects.spawned(CHILD, "a"), Effects.spawned(CHILD, "b"));
    assertThat(test.hasEffects()).isFalse();
  }

  @Test
  void theStubSystemCollectsReceptionistCommandsAndHasNoScheduler() {
    ServiceKey<String> key = ServiceKey.create(String.class, "svc");
    BehaviorTestKit<String> test = BehaviorTestKit.create(Behaviors.setup(ctx -> {
      ctx.getSystem().receptionist().tell(Receptionist.register(key, ctx.getSelf()));
      return Behaviors.empty();
    }));
    assertThat(test.receptionistInbox().receiveMessage()).isEqualTo(Receptionist.register(key, test.getRef()));
    assertThatThrownBy(() -> BehaviorTestKit.create(Behaviors.<String>setup(ctx -> {
      ctx.getSystem().scheduler();
      return Behaviors.empty();
    }))).isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("has no scheduler");
  }

  @Test
  void aKitWithARealSystemReportsIt() {
    ActorTestKit kit = ActorTestKit.create("behaviorTestKitWithSystem");
    try {
      BehaviorTestKit<String> test = BehaviorTestKit.create(Behaviors.setup(ctx -> {
        ctx.getLog().info("system is {}", ctx.getSystem().name());
        return Behaviors.empty();
      }), "real", kit.system());
      assertThat(test.getAllLogEntries()).extracting(CapturedLogEvent::message)
          .containsExactly("system is behaviorTestKitWithSystem");
      assertThatThrownBy(test::receptionistInbox).isInstanceOf(IllegalStateException.class);

      TestProbe<UnhandledMessage> unhandled = kit.createUnhandledMessageProbe();
      test.run("nobody wants this");
      assertThat(test.currentBehavior()).isSameAs(Behaviors.empty());
      assertThat(unhandled.receiveMessage()).isEqualTo(new UnhandledMessage("nobody wants this", test.getRef()));
    } finally {
      kit.shutdownTestKit();
    }
  }

  @Test
  void badArgumentsAreRejectedAtTheEdge() {
    assertThatThrownBy(() -> BehaviorTestKit.create(null)).isInstanceOf(NullPointerException.class)
        .hasMessage("initialBehavior");
    assertThatThrownBy(() -> BehaviorTestKit.create(Behaviors.empty(), "$x"))
        .isInstanceOf(InvalidActorNameException.class).hasMessageContaining("[$x]");
    BehaviorTestKit<String> test = BehaviorTestKit.create(Behaviors.empty());
    assertThatThrownBy(() -> test.run(null)).isInstanceOf(NullPointerException.class).hasMessage("message");
  }
}
