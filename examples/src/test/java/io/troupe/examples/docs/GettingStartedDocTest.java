package io.troupe.examples.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.troupe.actor.AbstractBehavior;
import io.troupe.actor.ActorContext;
import io.troupe.actor.ActorRef;
import io.troupe.actor.ActorSystem;
import io.troupe.actor.AskPattern;
import io.troupe.actor.Behavior;
import io.troupe.actor.Behaviors;
import io.troupe.actor.Receive;
import io.troupe.examples.TestInbox;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The examples of the first sections of docs/actors.md: behaviors, messages, spawning, ask. */
class GettingStartedDocTest {
  private final ActorSystem<Void> system = ActorSystem.create("getting-started");

  @AfterEach
  void shutdown() throws Exception {
    TestInbox.shutdown(system);
  }

  // #greeter
  public final class Greeter {
    public sealed interface Command {}

    public record Greet(String whom, ActorRef<Greeted> replyTo) implements Command {}

    public record Greeted(String whom, String greeting) {}

    public static Behavior<Command> create(String greeting) {
      return Behaviors.receive(Command.class)
          .onMessage(Greet.class, msg -> {
            msg.replyTo().tell(new Greeted(msg.whom(), greeting + ", " + msg.whom() + "!"));
            return Behaviors.same();
          })
          .build();
    }
  }
  // #greeter

  @Test
  void theGreeterRepliesToGreet() throws Exception {
    TestInbox<Greeter.Greeted> inbox = TestInbox.create(system);
    ActorRef<Greeter.Command> greeter = system.systemActorOf(Greeter.create("Hello"), "greeter");
    greeter.tell(new Greeter.Greet("Ada", inbox.ref()));
    assertThat(inbox.receive()).isEqualTo(new Greeter.Greeted("Ada", "Hello, Ada!"));
  }

  // #counter-functional
  public final class Counter {
    public sealed interface Command {}

    public record Increment(int by) implements Command {}

    public record Get(ActorRef<Integer> replyTo) implements Command {}

    public static Behavior<Command> create() {
      return counting(0);
    }

    // the state is a parameter: each message returns the behavior for the next one
    private static Behavior<Command> counting(int count) {
      return Behaviors.receive(Command.class)
          .onMessage(Increment.class, msg -> counting(count + msg.by()))
          .onMessage(Get.class, msg -> {
            msg.replyTo().tell(count);
            return Behaviors.same();
          })
          .build();
    }
  }
  // #counter-functional

  // #counter-oo
  public static final class CounterActor extends AbstractBehavior<Counter.Command> {

    public static Behavior<Counter.Command> create() {
      return Behaviors.setup(CounterActor::new);
    }

    private int count; // the state is a field, owned by this actor alone

    private CounterActor(ActorContext<Counter.Command> context) {
      super(context);
    }

    @Override
    public Receive<Counter.Command> createReceive() {
      return newReceiveBuilder()
          .onMessage(Counter.Increment.class, msg -> {
            count += msg.by();
            return this;
          })
          .onMessage(Counter.Get.class, msg -> {
            msg.replyTo().tell(count);
            return this;
          })
          .build();
    }
  }
  // #counter-oo

  // #switch-style
  static Behavior<Counter.Command> counterWithSwitch(int count) {
    return Behaviors.receive((context, command) -> switch (command) {
      case Counter.Increment inc -> counterWithSwitch(count + inc.by());
      case Counter.Get get -> {
        get.replyTo().tell(count);
        yield Behaviors.same();
      } // no default: the compiler checks that every Command is handled
    });
  }
  // #switch-style

  @Test
  void bothCounterStylesCount() throws Exception {
    for (Behavior<Counter.Command> counter :
        java.util.List.of(Counter.create(), CounterActor.create(), counterWithSwitch(0))) {
      ActorRef<Counter.Command> ref = system.systemActorOf(counter, "counter-" + System.identityHashCode(counter));
      TestInbox<Integer> inbox = TestInbox.create(system);
      ref.tell(new Counter.Increment(2));
      ref.tell(new Counter.Increment(3));
      ref.tell(new Counter.Get(inbox.ref()));
      assertThat(inbox.receive()).isEqualTo(5);
    }
  }

  @Test
  void mainProgram() throws Exception {
    // #main
    ActorSystem<Counter.Command> counter = ActorSystem.create(Counter.create(), "counter");
    counter.tell(new Counter.Increment(40));
    counter.tell(new Counter.Increment(2));

    CompletionStage<Integer> reply =
        AskPattern.ask(counter, Counter.Get::new, Duration.ofSeconds(3), counter.scheduler());
    int value = reply.toCompletableFuture().get(5, TimeUnit.SECONDS); // 42

    counter.terminate();
    counter.getWhenTerminated().toCompletableFuture().get(10, TimeUnit.SECONDS);
    // #main
    assertThat(value).isEqualTo(42);
  }

  // #parent
  public final class Room {
    public sealed interface Command {}

    public record Join(String name, ActorRef<ActorRef<Greeter.Command>> replyTo) implements Command {}

    public static Behavior<Command> create() {
      return Behaviors.setup(context -> Behaviors.receive(Command.class)
          .onMessage(Join.class, join -> {
            // a child's name is unique among its siblings; spawnAnonymous makes one up
            ActorRef<Greeter.Command> host =
                context.spawn(Greeter.create("Welcome"), "host-" + join.name());
            join.replyTo().tell(host);
            return Behaviors.same();
          })
          .build());
    }
  }
  // #parent

  @Test
  void theRoomSpawnsAChildPerGuest() throws Exception {
    ActorRef<Room.Command> room = system.systemActorOf(Room.create(), "room");
    TestInbox<ActorRef<Greeter.Command>> hosts = TestInbox.create(system);
    room.tell(new Room.Join("ada", hosts.ref()));
    ActorRef<Greeter.Command> host = hosts.receive();
    assertThat(host.path().toStringWithoutAddress()).isEqualTo("/system/room/host-ada");
    TestInbox<Greeter.Greeted> greeted = TestInbox.create(system);
    host.tell(new Greeter.Greet("Ada", greeted.ref()));
    assertThat(greeted.receive().greeting()).isEqualTo("Welcome, Ada!");
  }
}
