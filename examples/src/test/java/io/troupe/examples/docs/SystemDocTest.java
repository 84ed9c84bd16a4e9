package io.troupe.examples.docs;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.troupe.actor.ActorRef;
import io.troupe.actor.ActorSystem;
import io.troupe.actor.Behavior;
import io.troupe.actor.Behaviors;
import io.troupe.actor.CoordinatedShutdown;
import io.troupe.actor.DeadLetter;
import io.troupe.actor.DispatcherSelector;
import io.troupe.actor.Done;
import io.troupe.actor.EventStream;
import io.troupe.actor.MailboxSelector;
import io.troupe.actor.Props;
import io.troupe.examples.TestInbox;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The examples of the props, event-stream, shutdown and configuration sections of docs/actors.md. */
class SystemDocTest {

  static Behavior<String> echo(ActorRef<String> out) {
    return Behaviors.receiveMessage(m -> {
      out.tell(m + " on " + (Thread.currentThread().isVirtual() ? "a virtual thread" : "a platform thread"));
      return Behaviors.same();
    });
  }

  @Test
  void propsChooseDispatcherAndMailbox() throws Exception {
    ActorSystem<Void> system = ActorSystem.create("props");
    try {
      TestInbox<String> out = TestInbox.create(system);
      ActorRef<Void> parent = system.systemActorOf(Behaviors.<Void>setup(context -> {
        // #props
        // blocking calls are fine here: each turn runs on a virtual thread
        ActorRef<String> jdbc = context.spawn(echo(out.ref()), "jdbc", DispatcherSelector.virtualThreads());

        // at most 1000 waiting messages; more become dead letters at once
        ActorRef<String> ingest = context.spawn(echo(out.ref()), "ingest", MailboxSelector.bounded(1000));

        // both at once, or a dispatcher described in application.conf
        Props props = DispatcherSelector.blocking().withMailbox(MailboxSelector.bounded(100));
        ActorRef<String> legacy = context.spawn(echo(out.ref()), "legacy", props);
        ActorRef<String> tuned = context.spawn(
            echo(out.ref()), "tuned", Props.empty().withDispatcherFromConfig("troupe.actor.default-dispatcher"));
        // #props
        jdbc.tell("jdbc");
        ingest.tell("ingest");
        legacy.tell("legacy");
        tuned.tell("tuned");
        return Behaviors.empty();
      }), "parent");
      assertThat(parent).isNotNull();
      assertThat(java.util.List.of(out.receive(), out.receive(), out.receive(), out.receive()))
          .containsExactlyInAnyOrder("jdbc on a virtual thread", "ingest on a platform thread", "legacy on a platform thread", "tuned on a platform thread");
    } finally {
      TestInbox.shutdown(system);
    }
  }

  @Test
  void deadLettersArePublishedOnTheEventStream() throws Exception {
    ActorSystem<Void> system = ActorSystem.create("events");
    try {
      TestInbox<DeadLetter> inbox = TestInbox.create(system);
      ActorRef<DeadLetter> listener = inbox.ref();
      // #dead-letters
      system.eventStream().tell(new EventStream.Subscribe<>(DeadLetter.class, listener));
      // #dead-letters
      ActorRef<String> shortLived = system.systemActorOf(Behaviors.receiveMessage(m -> Behaviors.stopped()), "short");
      TestInbox<io.troupe.actor.Terminated> watcher = TestInbox.watch(system, shortLived);
      shortLived.tell("stop");
      watcher.receive();
      shortLived.tell("too late");
      DeadLetter dead = inbox.receive();
      assertThat(dead.message()).isEqualTo("too late");
      assertThat(dead.recipient()).isEqualTo(shortLived);
    } finally {
      TestInbox.shutdown(system);
    }
  }

  // #custom-event
  public record PriceChanged(String sku, long cents) {}
  // #custom-event

  @Test
  void anyEventCanBePublished() throws Exception {
    ActorSystem<Void> system = ActorSystem.create("custom-events");
    try {
      TestInbox<PriceChanged> inbox = TestInbox.create(system);
      ActorRef<PriceChanged> subscriber = inbox.ref();
      // #publish
      system.eventStream().tell(new EventStream.Subscribe<>(PriceChanged.class, subscriber));
      system.eventStream().tell(new EventStream.Publish<>(new PriceChanged("tea", 350)));
      // #publish
      assertThat(inbox.receive()).isEqualTo(new PriceChanged("tea", 350));
    } finally {
      TestInbox.shutdown(system);
    }
  }

  @Test
  void coordinatedShutdownRunsTasksInPhaseOrder() throws Exception {
    ActorSystem<Void> system = ActorSystem.create("shutdown");
    CountDownLatch unbound = new CountDownLatch(1);
    CountDownLatch drainedAfterUnbind = new CountDownLatch(1);
    Runnable stopAcceptingConnections = unbound::countDown;
    Runnable finishOpenRequests = () -> {
      if (unbound.getCount() == 0) {
        drainedAfterUnbind.countDown();
      }
    };
    // #coordinated-shutdown
    CoordinatedShutdown shutdown = CoordinatedShutdown.get(system);
    shutdown.addTask(CoordinatedShutdown.PhaseServiceUnbind(), "stop-http", () -> {
      stopAcceptingConnections.run();
      return CompletableFuture.completedFuture(Done.getInstance());
    });
    shutdown.addTask(CoordinatedShutdown.PhaseServiceRequestsDone(), "drain", () ->
        CompletableFuture.runAsync(finishOpenRequests).thenApply(v -> Done.getInstance()));

    system.terminate(); // runs the phases in order, then stops all actors
    system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
    // #coordinated-shutdown
    assertThat(drainedAfterUnbind.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(shutdown.getShutdownReason()).contains(CoordinatedShutdown.actorSystemTerminateReason());
  }

  @Test
  void configurationOverridesTheReferenceDefaults() throws Exception {
    // #config
    Config config = ConfigFactory.parseString("""
        troupe.log-dead-letters = off
        troupe.actor.default-dispatcher.throughput = 16
        troupe.coordinated-shutdown.run-by-jvm-shutdown-hook = off
        """).withFallback(ConfigFactory.load());
    ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "configured", config);
    // #config
    try {
      assertThat(system.settings().logDeadLetters()).isZero();
      assertThat(system.settings().config().getInt("troupe.actor.default-dispatcher.throughput")).isEqualTo(16);
    } finally {
      TestInbox.shutdown(system);
    }
  }
}
