package io.troupe.actor;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class MailboxStashAndShutdownTest {

  @Test
  void aFullBoundedMailboxTurnsMessagesIntoDeadLetters() throws Exception {
    ActorSystem<Void> system = Systems.create(Behaviors.empty(), "bounded");
    try {
      Inbox<DeadLetter> dead = new Inbox<>(system);
      system.eventStream().tell(new EventStream.Subscribe<>(DeadLetter.class, dead.ref));
      Inbox<String> out = new Inbox<>(system);
      CountDownLatch release = new CountDownLatch(1);
      ActorRef<String> slow = system.systemActorOf(Behaviors.<String>receiveMessage(m -> {
        if (m.equals("block")) {
          out.ref.tell("blocked");
          release.await(10, TimeUnit.SECONDS);
        } else {
          out.ref.tell(m);
        }
        return Behaviors.same();
      }), "slow", MailboxSelector.bounded(2));
      slow.tell("block");
      out.expect("blocked");
      slow.tell("a");
      slow.tell("b");
      slow.tell("c"); // the third while two wait: dropped
      DeadLetter letter = dead.receive();
      assertThat(letter.message()).isEqualTo("c");
      assertThat(letter.reason()).contains("bounded mailbox (capacity 2) was full");
      release.countDown();
      out.expect("a");
      out.expect("b");
    } finally {
      Systems.terminate(system);
    }
  }

  sealed interface Cmd {}

  record Open() implements Cmd {}

  record Save(String value) implements Cmd {}

  record Dump(ActorRef<List<String>> replyTo) implements Cmd {}

  static Behavior<Cmd> stashing(int capacity, ActorRef<String> errors) {
    return Behaviors.withStash(capacity, stash -> {
      List<String> saved = new ArrayList<>();
      Behavior<Cmd> open = Behaviors.receive(Cmd.class)
          .onMessage(Save.class, s -> {
            saved.add(s.value());
            return Behaviors.same();
          })
          .onMessage(Dump.class, d -> {
            d.replyTo().tell(List.copyOf(saved));
            return Behaviors.same();
          })
          .build();
      return Behaviors.receive(Cmd.class)
          .onMessage(Open.class, o -> stash.unstashAll(open))
          .onAnyMessage(m -> {
            try {
              stash.stash(m);
            } catch (StashOverflowException e) {
              errors.tell(e.getMessage());
            }
            return Behaviors.same();
          })
          .build();
    });
  }

  @Test
  void stashedMessagesAreHandledInOrderAfterUnstashAll() throws Exception {
    ActorSystem<Void> system = Systems.create(Behaviors.empty(), "stash");
    try {
      Inbox<String> errors = new Inbox<>(system);
      Inbox<List<String>> dumps = new Inbox<>(system);
      ActorRef<Cmd> actor = system.systemActorOf(stashing(10, errors.ref), "stasher");
      actor.tell(new Save("a"));
      actor.tell(new Save("b"));
      actor.tell(new Dump(dumps.ref));
      actor.tell(new Open());
      actor.tell(new Save("c"));
      actor.tell(new Dump(dumps.ref));
      dumps.expect(List.of("a", "b"));
      dumps.expect(List.of("a", "b", "c"));
    } finally {
      Systems.terminate(system);
    }
  }

  @Test
  void stashingBeyondTheCapacityThrowsStashOverflow() throws Exception {
    ActorSystem<Void> system = Systems.create(Behaviors.empty(), "stash-overflow");
    try {
      Inbox<String> errors = new Inbox<>(system);
      ActorRef<Cmd> actor = system.systemActorOf(stashing(2, errors.ref), "stasher");
      actor.tell(new Save("a"));
      actor.tell(new Save("b"));
      actor.tell(new Save("c"));
      assertThat(errors.receive()).contains("capacity 2").contains(Save.class.getName());
    } finally {
      Systems.terminate(system);
    }
  }

  @Test
  void terminateRunsCoordinatedShutdownStopsUserActorsBeforeSystemActorsAndLeavesNoThread() throws Exception {
    List<String> order = java.util.Collections.synchronizedList(new ArrayList<>());
    Behavior<Void> guardian = Behaviors.setup(ctx -> {
      ctx.spawn(Behaviors.<String>receiveSignal((c, s) -> {
        if (s instanceof PostStop) {
          order.add("user child");
        }
        return Behaviors.same();
      }), "worker");
      return Behaviors.receiveSignal((c, s) -> {
        if (s instanceof PostStop) {
          order.add("guardian");
        }
        return Behaviors.same();
      });
    });
    ActorSystem<Void> system = Systems.create(guardian, "shutdown-order");
    system.systemActorOf(Behaviors.<String>receiveSignal((c, s) -> {
      if (s instanceof PostStop) {
        order.add("system actor");
      }
      return Behaviors.same();
    }), "service");
    CompletableFuture<Done> task = new CompletableFuture<>();
    CoordinatedShutdown.get(system).addTask(CoordinatedShutdown.PhaseServiceUnbind(), "unbind", () -> {
      order.add("unbind task");
      task.complete(Done.INSTANCE);
      return task;
    });
    Systems.terminate(system);
    assertThat(order).containsExactly("unbind task", "user child", "guardian", "system actor");
    assertThat(CoordinatedShutdown.get(system).getShutdownReason())
        .contains(CoordinatedShutdown.actorSystemTerminateReason());
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (liveThreadsOf("shutdown-order") > 0 && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    assertThat(liveThreadsOf("shutdown-order")).isZero();
  }

  private static long liveThreadsOf(String systemName) {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.isAlive() && t.getName().startsWith(systemName + "-")).count();
  }

  @Test
  void aGuardianThatStopsTerminatesTheSystem() throws Exception {
    ActorSystem<String> system = ActorSystem.create(
        Behaviors.<String>receiveMessage(m -> Behaviors.stopped()), "self-stopping",
        ConfigFactory.parseString("troupe.coordinated-shutdown.run-by-jvm-shutdown-hook = off"));
    system.tell("stop");
    assertThat(system.getWhenTerminated().toCompletableFuture().get(20, TimeUnit.SECONDS)).isEqualTo(Done.INSTANCE);
  }

  @Test
  void virtualThreadActorsMayBlockWithoutStarvingOthers() throws Exception {
    ActorSystem<Void> system = Systems.create(Behaviors.empty(), "virtual");
    try {
      int blockers = 50; // far more than the platform threads of the default pool
      CountDownLatch allBlocked = new CountDownLatch(blockers);
      CountDownLatch release = new CountDownLatch(1);
      for (int i = 0; i < blockers; i++) {
        ActorRef<String> a = system.systemActorOf(Behaviors.<String>receiveMessage(m -> {
          allBlocked.countDown();
          release.await(20, TimeUnit.SECONDS);
          return Behaviors.same();
        }), "blocker-" + i, DispatcherSelector.virtualThreads());
        a.tell("block");
      }
      assertThat(allBlocked.await(20, TimeUnit.SECONDS)).as("all blocked at once").isTrue();
      Inbox<String> out = new Inbox<>(system);
      ActorRef<String> free = system.systemActorOf(Behaviors.<String>receiveMessage(m -> {
        out.ref.tell(m);
        return Behaviors.same();
      }), "free");
      free.tell("still responsive");
      out.expect("still responsive");
      release.countDown();
    } finally {
      Systems.terminate(system);
    }
  }

  @Test
  void spawnProtocolSpawnsWithUniqueNames() throws Exception {
    ActorSystem<SpawnProtocol> system = ActorSystem.create(SpawnProtocol.create(), "spawner", Systems.NO_HOOK);
    try {
      CompletableFuture<ActorRef<String>> first = AskPattern.<SpawnProtocol, ActorRef<String>>ask(system,
          r -> new SpawnProtocol.Spawn<>(Behaviors.ignore(), "worker", Props.empty(), r),
          Duration.ofSeconds(10), system.scheduler()).toCompletableFuture();
      CompletableFuture<ActorRef<String>> second = AskPattern.<SpawnProtocol, ActorRef<String>>ask(system,
          r -> new SpawnProtocol.Spawn<>(Behaviors.ignore(), "worker", Props.empty(), r),
          Duration.ofSeconds(10), system.scheduler()).toCompletableFuture();
      assertThat(first.get(10, TimeUnit.SECONDS).path().name()).isEqualTo("worker");
      assertThat(second.get(10, TimeUnit.SECONDS).path().name()).isEqualTo("worker-1");
    } finally {
      Systems.terminate(system);
    }
  }
}
