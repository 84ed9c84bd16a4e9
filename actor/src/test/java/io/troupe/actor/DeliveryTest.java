package io.troupe.actor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DeliveryTest {
  private ActorSystem<Void> system;

  @AfterEach
  void tearDown() throws Exception {
    if (system != null) {
      Systems.terminate(system);
    }
  }

  record Numbered(int sender, int n) {}

  @Test
  void messagesFromOneSenderArriveInTheOrderSent() throws Exception {
    int senders = 4;
    int perSender = 50_000;
    CountDownLatch done = new CountDownLatch(1);
    List<List<Integer>> seen = new ArrayList<>();
    for (int i = 0; i < senders; i++) {
      seen.add(new ArrayList<>());
    }
    system = Systems.create(Behaviors.empty(), "ordering");
    ActorRef<Numbered> receiver = system.systemActorOf(Behaviors.<Numbered>receiveMessage(m -> {
      seen.get(m.sender()).add(m.n());
      if (seen.stream().mapToInt(List::size).sum() == senders * perSender) {
        done.countDown();
      }
      return Behaviors.same();
    }), "receiver");
    Thread[] threads = new Thread[senders];
    for (int s = 0; s < senders; s++) {
      int sender = s;
      threads[s] = new Thread(() -> {
        for (int i = 0; i < perSender; i++) {
          receiver.tell(new Numbered(sender, i));
        }
      });
      threads[s].start();
    }
    assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
    for (List<Integer> fromOne : seen) {
      assertThat(fromOne).hasSize(perSender);
      for (int i = 0; i < perSender; i++) {
        assertThat(fromOne.get(i)).isEqualTo(i);
      }
    }
  }

  @Test
  void messagesToAStoppedActorBecomeDeadLettersOnTheEventStream() throws Exception {
    system = Systems.create(Behaviors.empty(), "dead-letters");
    Inbox<DeadLetter> letters = new Inbox<>(system);
    system.eventStream().tell(new EventStream.Subscribe<>(DeadLetter.class, letters.ref));
    Inbox<String> stopped = new Inbox<>(system);
    ActorRef<String> actor = system.systemActorOf(Behaviors.<String>receiveMessage(m -> Behaviors.stopped(() -> stopped.ref.tell("stopped"))), "short-lived");
    actor.tell("stop now");
    stopped.expect("stopped");
    // The actor may still be finishing its termination; whichever path a message takes, it is a dead letter.
    actor.tell("late");
    DeadLetter letter = letters.receive();
    assertThat(letter.message()).isEqualTo("late");
    assertThat(letter.recipient()).isEqualTo(actor);
  }

  @Test
  void theIgnoreRefDropsMessagesWithoutDeadLetters() throws Exception {
    system = Systems.create(Behaviors.empty(), "ignore");
    Inbox<DeadLetter> letters = new Inbox<>(system);
    system.eventStream().tell(new EventStream.Subscribe<>(DeadLetter.class, letters.ref));
    system.<String>ignoreRef().tell("dropped");
    system.deadLetters().tell("marker");
    assertThat(letters.receive().message()).isEqualTo("marker"); // not "dropped"
    assertThat(system.ignoreRef().path().toString()).isEqualTo("troupe://ignore/ignore");
  }

  @Test
  void tellRejectsNull() {
    system = Systems.create(Behaviors.empty(), "null-message");
    ActorRef<String> actor = system.systemActorOf(Behaviors.<String>ignore(), "ignorer");
    assertThatThrownBy(() -> actor.tell(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("message must not be null")
        .hasMessageContaining("/system/ignorer");
  }

  @Test
  void unhandledMessagesArePublished() throws Exception {
    system = Systems.create(Behaviors.empty(), "unhandled");
    Inbox<UnhandledMessage> unhandled = new Inbox<>(system);
    system.eventStream().tell(new EventStream.Subscribe<>(UnhandledMessage.class, unhandled.ref));
    ActorRef<String> actor = system.systemActorOf(Behaviors.<String>receive(String.class)
        .onMessageEquals("known", Behaviors::same)
        .build(), "picky");
    actor.tell("unknown");
    UnhandledMessage u = unhandled.receive();
    assertThat(u.message()).isEqualTo("unknown");
    assertThat(u.recipient()).isEqualTo(actor);
  }

  @Test
  void abstractBehaviorKeepsStateAcrossMessages() throws Exception {
    system = Systems.create(Behaviors.empty(), "counter");
    ActorRef<Counter.Command> counter = system.systemActorOf(Counter.create(), "counter");
    Inbox<Integer> replies = new Inbox<>(system);
    counter.tell(new Counter.Increment());
    counter.tell(new Counter.Increment());
    counter.tell(new Counter.Get(replies.ref));
    replies.expect(2);
  }

  static final class Counter extends AbstractBehavior<Counter.Command> {
    sealed interface Command {}

    record Increment() implements Command {}

    record Get(ActorRef<Integer> replyTo) implements Command {}

    static Behavior<Command> create() {
      return Behaviors.setup(Counter::new);
    }

    private int count;

    private Counter(ActorContext<Command> context) {
      super(context);
    }

    @Override
    public Receive<Command> createReceive() {
      return newReceiveBuilder()
          .onMessage(Increment.class, m -> {
            count++;
            return this;
          })
          .onMessage(Get.class, m -> {
            m.replyTo().tell(count);
            return this;
          })
          .build();
    }
  }
}
