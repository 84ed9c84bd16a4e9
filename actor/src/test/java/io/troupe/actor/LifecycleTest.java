package io.troupe.actor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LifecycleTest {
  private ActorSystem<Void> system;

  @AfterEach
  void tearDown() throws Exception {
    if (system != null) {
      Systems.terminate(system);
    }
  }

  private static Behavior<String> reporting(String name, ActorRef<String> events, int children) {
    return Behaviors.setup(ctx -> {
      for (int i = 0; i < children; i++) {
        ctx.spawn(reporting(name + "." + i, events, 0), "kid-" + i);
      }
      return Behaviors.receive(String.class)
          .onMessageEquals("stop", Behaviors::stopped)
          .onSignal(PostStop.class, s -> {
            events.tell(name + " post-stop");
            return Behaviors.same();
          })
          .build();
    });
  }

  @Test
  void aParentStopsItsChildrenFirstThenItself() throws Exception {
    system = Systems.create(Behaviors.empty(), "stop-order");
    Inbox<String> events = new Inbox<>(system);
    ActorRef<String> parent = system.systemActorOf(reporting("p", events.ref, 2), "p");
    parent.tell("stop");
    String first = events.receive();
    String second = events.receive();
    assertThat(java.util.List.of(first, second)).containsExactlyInAnyOrder("p.0 post-stop", "p.1 post-stop");
    events.expect("p post-stop");
  }

  @Test
  void stoppedWithAnActionRunsItAfterTheChildren() throws Exception {
    system = Systems.create(Behaviors.empty(), "stop-action");
    Inbox<String> events = new Inbox<>(system);
    ActorRef<String> actor = system.systemActorOf(Behaviors.setup(ctx -> {
      ctx.spawn(reporting("kid", events.ref, 0), "kid");
      return Behaviors.<String>receiveMessage(m -> Behaviors.stopped(() -> events.ref.tell("action")));
    }), "a");
    actor.tell("go");
    events.expect("kid post-stop");
    events.expect("action");
  }

  @Test
  void watchDeliversTerminatedExactlyOnce() throws Exception {
    system = Systems.create(Behaviors.empty(), "watch");
    Inbox<String> events = new Inbox<>(system);
    ActorRef<String> target = system.systemActorOf(reporting("t", events.ref, 0), "t");
    ActorRef<String> watcher = system.systemActorOf(Behaviors.setup(ctx -> {
      ctx.watch(target);
      ctx.watch(target); // watching twice is harmless
      return Behaviors.receive(String.class)
          .onMessageEquals("ping", () -> {
            events.ref.tell("pong");
            return Behaviors.same();
          })
          .onSignal(Terminated.class, t -> {
            events.ref.tell("terminated " + t.getRef().path().name());
            return Behaviors.same();
          })
          .build();
    }), "watcher");
    target.tell("stop");
    events.expect("t post-stop");
    events.expect("terminated t");
    watcher.tell("ping");
    events.expect("pong"); // nothing else came in between
  }

  @Test
  void watchWithDeliversTheGivenMessage() throws Exception {
    system = Systems.create(Behaviors.empty(), "watch-with");
    Inbox<String> events = new Inbox<>(system);
    ActorRef<String> target = system.systemActorOf(reporting("t", events.ref, 0), "t");
    system.systemActorOf(Behaviors.<String>setup(ctx -> {
      ctx.watchWith(target, "target is gone");
      return Behaviors.receiveMessage(m -> {
        events.ref.tell(m);
        return Behaviors.same();
      });
    }), "watcher");
    target.tell("stop");
    events.expect("t post-stop");
    events.expect("target is gone");
  }

  @Test
  void watchingAnAlreadyStoppedActorDeliversTerminated() throws Exception {
    system = Systems.create(Behaviors.empty(), "watch-dead");
    Inbox<String> events = new Inbox<>(system);
    ActorRef<String> target = system.systemActorOf(reporting("t", events.ref, 0), "t");
    target.tell("stop");
    events.expect("t post-stop");
    system.systemActorOf(Behaviors.<String>setup(ctx -> {
      ctx.watchWith(target, "gone");
      return Behaviors.receiveMessage(m -> {
        events.ref.tell(m);
        return Behaviors.same();
      });
    }), "watcher");
    events.expect("gone");
  }

  @Test
  void unwatchDropsTheNotification() throws Exception {
    system = Systems.create(Behaviors.empty(), "unwatch");
    Inbox<String> events = new Inbox<>(system);
    ActorRef<String> target = system.systemActorOf(reporting("t", events.ref, 0), "t");
    ActorRef<String> watcher = system.systemActorOf(Behaviors.setup(ctx -> {
      ctx.watchWith(target, "gone");
      ctx.unwatch(target);
      return Behaviors.receiveMessage(m -> {
        events.ref.tell(m);
        return Behaviors.same();
      });
    }), "watcher");
    target.tell("stop");
    events.expect("t post-stop");
    watcher.tell("still here");
    events.expect("still here");
  }

  @Test
  void anUnhandledTerminatedFailsTheWatcherWithADeathPact() throws Exception {
    system = Systems.create(Behaviors.empty(), "death-pact");
    Inbox<String> events = new Inbox<>(system);
    Inbox<String> outcome = new Inbox<>(system);
    ActorRef<String> target = system.systemActorOf(reporting("t", events.ref, 0), "t");
    ActorRef<String> watcher = system.systemActorOf(Behaviors.setup(ctx -> {
      ctx.watch(target);
      return Behaviors.<String>receive(String.class)
          .onSignal(PostStop.class, s -> {
            outcome.ref.tell("watcher stopped");
            return Behaviors.same();
          })
          .build();
    }), "watcher");
    ActorRef<Terminated> parentWatcher = system.systemActorOf(Behaviors.setup(ctx -> {
      ctx.watch(watcher);
      return Behaviors.receiveSignal((c, s) -> {
        outcome.ref.tell("observed " + s.getClass().getSimpleName());
        return Behaviors.same();
      });
    }), "observer");
    assertThat(parentWatcher).isNotNull();
    target.tell("stop");
    outcome.expect("watcher stopped");
    outcome.expect("observed Terminated");
  }

  @Test
  void aParentWatchingAFailedChildGetsChildFailedWithTheCause() throws Exception {
    system = Systems.create(Behaviors.empty(), "child-failed");
    Inbox<String> events = new Inbox<>(system);
    system.systemActorOf(Behaviors.setup(ctx -> {
      ActorRef<String> child = ctx.spawn(Behaviors.<String>receiveMessage(m -> {
        throw new IllegalArgumentException("bad " + m);
      }), "child");
      ctx.watch(child);
      child.tell("input");
      return Behaviors.receiveSignal((c, s) -> {
        if (s instanceof ChildFailed f) {
          events.ref.tell("child failed: " + f.getCause().getMessage());
        } else {
          events.ref.tell("other " + s);
        }
        return Behaviors.same();
      });
    }), "parent");
    events.expect("child failed: bad input");
  }

  @Test
  void childrenAreListedAndStoppedThroughTheContext() throws Exception {
    system = Systems.create(Behaviors.empty(), "children");
    Inbox<String> events = new Inbox<>(system);
    ActorRef<String> parent = system.systemActorOf(Behaviors.setup(ctx -> {
      ActorRef<String> kid = ctx.spawn(reporting("kid", events.ref, 0), "kid");
      ctx.spawnAnonymous(Behaviors.ignore());
      events.ref.tell("children " + ctx.getChildren().size() + " " + ctx.getChild("kid").isPresent());
      return Behaviors.receive(String.class)
          .onMessageEquals("stop kid", () -> {
            ctx.stop(kid);
            return Behaviors.same();
          })
          .onMessageEquals("stop stranger", () -> {
            try {
              ctx.stop(ctx.getSystem().deadLetters());
            } catch (IllegalArgumentException e) {
              events.ref.tell("rejected");
            }
            return Behaviors.same();
          })
          .build();
    }), "parent");
    events.expect("children 2 true");
    parent.tell("stop kid");
    events.expect("kid post-stop");
    parent.tell("stop stranger");
    events.expect("rejected");
  }

  @Test
  void duplicateAndInvalidChildNamesAreRejected() throws Exception {
    system = Systems.create(Behaviors.empty(), "names");
    Inbox<String> events = new Inbox<>(system);
    system.systemActorOf(Behaviors.setup(ctx -> {
      ctx.spawn(Behaviors.ignore(), "taken");
      for (String bad : new String[] {"taken", "", "a/b", "$x", "has space"}) {
        try {
          ctx.spawn(Behaviors.ignore(), bad);
          events.ref.tell("accepted [" + bad + "]");
        } catch (InvalidActorNameException e) {
          events.ref.tell(e.getMessage());
        }
      }
      return Behaviors.ignore();
    }), "parent");
    assertThat(events.receive()).contains("[taken] is not unique");
    assertThat(events.receive()).contains("must not be empty");
    assertThat(events.receive()).contains("[a/b] is invalid");
    assertThat(events.receive()).contains("must not start with '$'");
    assertThat(events.receive()).contains("[has space] is invalid");
  }

  @Test
  void aBehaviorFactoryReturningNullFailsTheActorWithAClearError() throws Exception {
    system = Systems.create(Behaviors.empty(), "null-factory");
    Inbox<String> events = new Inbox<>(system);
    ActorRef<Void> broken = system.systemActorOf(Behaviors.<Void>setup(ctx -> null), "broken");
    system.systemActorOf(Behaviors.<String>setup(ctx -> {
      ctx.watchWith(broken, "broken stopped");
      return Behaviors.receiveMessage(m -> {
        events.ref.tell(m);
        return Behaviors.same();
      });
    }), "watcher");
    events.expect("broken stopped");
    assertThatThrownBy(() -> Behaviors.setup(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void spawningOnATerminatedSystemFails() throws Exception {
    ActorSystem<Void> gone = Systems.create(Behaviors.empty(), "gone");
    Systems.terminate(gone);
    assertThatThrownBy(() -> gone.systemActorOf(Behaviors.ignore(), "late"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("has terminated");
  }

  @Test
  void systemNamesAreValidated() {
    assertThatThrownBy(() -> ActorSystem.create(Behaviors.empty(), "bad name", Systems.NO_HOOK))
        .isInstanceOf(InvalidActorNameException.class)
        .hasMessageContaining("[bad name]");
  }
}
