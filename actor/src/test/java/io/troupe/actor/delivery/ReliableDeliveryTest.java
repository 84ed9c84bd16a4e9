package io.troupe.actor.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigFactory;
import io.troupe.actor.ActorRef;
import io.troupe.actor.ActorSystem;
import io.troupe.actor.Behavior;
import io.troupe.actor.Behaviors;
import io.troupe.actor.ManualScheduler;
import io.troupe.actor.ProbeInbox;
import io.troupe.actor.Terminated;
import io.troupe.actor.delivery.ConsumerController.Delivery;
import io.troupe.actor.delivery.ProducerController.RequestNext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ReliableDeliveryTest {
  private ActorSystem<Void> system;
  private ProbeInbox<Integer> consumed;

  @BeforeEach
  void setUp() {
    // timers (re-requests, repeated first messages) only fire when a test moves the clock
    system = ProbeInbox.system(Behaviors.empty(), "delivery", ConfigFactory.parseString(
        "troupe.scheduler.implementation = " + ManualScheduler.class.getName()));
    consumed = ProbeInbox.create(system);
  }

  @AfterEach
  void tearDown() throws Exception {
    ProbeInbox.terminate(system);
  }

  private ManualScheduler clock() {
    return (ManualScheduler) system.scheduler();
  }

  /** Sends 1..count, one per RequestNext; reports each RequestNext to {@code requests} if not null. */
  private static Behavior<RequestNext<Integer>> producer(int count, ActorRef<RequestNext<Integer>> requests) {
    int[] next = {1};
    return Behaviors.receiveMessage(r -> {
      if (requests != null) {
        requests.tell(r);
      }
      if (next[0] <= count) {
        r.sendNextTo().tell(next[0]++);
      }
      return Behaviors.same();
    });
  }

  /** Reports and confirms every delivery. */
  private Behavior<Delivery<Integer>> confirmingConsumer() {
    ActorRef<Integer> out = consumed.ref();
    return Behaviors.receiveMessage(d -> {
      out.tell(d.message());
      d.confirmTo().tell(ConsumerController.confirmed());
      return Behaviors.same();
    });
  }

  private ActorRef<ProducerController.Command<Integer>> producerController(String name) {
    return system.systemActorOf(ProducerController.create(Integer.class, name, Optional.empty()), name);
  }

  private void expectConsumed(int from, int to) throws InterruptedException {
    for (int i = from; i <= to; i++) {
      consumed.expect(i);
    }
  }

  @Test
  void everyMessageArrivesOnceAndInOrder() throws Exception {
    ActorRef<ProducerController.Command<Integer>> pc = producerController("p");
    ActorRef<ConsumerController.Command<Integer>> cc = system.systemActorOf(
        ConsumerController.create(ConsumerController.Settings.create().withFlowControlWindow(8)), "c");
    cc.tell(new ConsumerController.Start<>(system.systemActorOf(confirmingConsumer(), "consumer")));
    cc.tell(new ConsumerController.RegisterToProducerController<>(pc));
    pc.tell(new ProducerController.Start<>(system.systemActorOf(producer(500, null), "producer")));
    expectConsumed(1, 500);
  }

  @Test
  void aSlowConsumerHoldsTheProducerBack() throws Exception {
    int window = 4;
    ProbeInbox<Delivery<Integer>> held = ProbeInbox.create(system);
    ProbeInbox<RequestNext<Integer>> requests = ProbeInbox.create(system);
    AtomicInteger confirmations = new AtomicInteger();
    ActorRef<ProducerController.Command<Integer>> pc = producerController("p");
    ActorRef<ConsumerController.Command<Integer>> cc = system.systemActorOf(
        ConsumerController.create(ConsumerController.Settings.create().withFlowControlWindow(window)), "c");
    cc.tell(new ConsumerController.Start<>(held.ref()));
    cc.tell(new ConsumerController.RegisterToProducerController<>(pc));
    pc.tell(new ProducerController.Start<>(system.systemActorOf(producer(20, requests.ref()), "producer")));

    int lastSeqNr = 0;
    for (int n = 1; n <= 20; n++) {
      Delivery<Integer> d = held.receive();
      assertThat(d.message()).isEqualTo(n);
      assertThat(d.seqNr()).isEqualTo(n);
      // every RequestNext so far was within the window of what the consumer had confirmed
      while (!requests.isEmpty()) {
        RequestNext<Integer> r = requests.receive();
        assertThat(r.currentSeqNr()).isGreaterThan(lastSeqNr);
        lastSeqNr = (int) r.currentSeqNr();
        assertThat(r.currentSeqNr() - 1 - confirmations.get()).isLessThanOrEqualTo(window);
      }
      confirmations.incrementAndGet(); // counted before it is sent, so the check above stays sound
      d.confirmTo().tell(ConsumerController.confirmed());
    }
    // the producer was asked for all 20 (and one more, which it no longer has)
    while (lastSeqNr < 21) {
      RequestNext<Integer> r = requests.receive();
      assertThat(r.currentSeqNr() - 1 - confirmations.get()).isLessThanOrEqualTo(window);
      lastSeqNr = (int) r.currentSeqNr();
    }
  }

  /** Forwards to {@code target}, dropping the first copy of each seqNr in {@code lose}. */
  private ActorRef<ConsumerController.Command<Integer>> lossyLink(
      ActorRef<ConsumerController.Command<Integer>> target, Set<Long> lose) {
    Set<Long> lost = new HashSet<>();
    return system.systemActorOf(Behaviors.<ConsumerController.Command<Integer>>receiveMessage(m -> {
      if (m instanceof ConsumerController.SequencedMessage<Integer> s && lose.contains(s.seqNr()) && lost.add(s.seqNr())) {
        return Behaviors.same();
      }
      target.tell(m);
      return Behaviors.same();
    }), "lossy-link");
  }

  @Test
  void lostMessagesAreSentAgainAndNothingIsReordered() throws Exception {
    ActorRef<ProducerController.Command<Integer>> pc = producerController("p");
    ActorRef<ConsumerController.Command<Integer>> cc = system.systemActorOf(
        ConsumerController.create(ConsumerController.Settings.create().withFlowControlWindow(6)), "c");
    cc.tell(new ConsumerController.Start<>(system.systemActorOf(confirmingConsumer(), "consumer")));
    // seqNr 3 and 7 leave gaps that the next message reveals; 12, the last, only a re-request finds
    pc.tell(new ProducerController.RegisterConsumer<>(lossyLink(cc, Set.of(3L, 7L, 12L))));
    pc.tell(new ProducerController.Start<>(system.systemActorOf(producer(12, null), "producer")));
    expectConsumed(1, 11);
    clock().advance(Duration.ofSeconds(1)); // the consumer notes no progress ...
    clock().advance(Duration.ofSeconds(1)); // ... and asks again from 12
    consumed.expect(12);
  }

  @Test
  void aLostFirstMessageIsRepeatedUntilTheConsumerAnswers() throws Exception {
    ActorRef<ProducerController.Command<Integer>> pc = producerController("p");
    ActorRef<ConsumerController.Command<Integer>> cc = system.systemActorOf(ConsumerController.create(), "c");
    cc.tell(new ConsumerController.Start<>(system.systemActorOf(confirmingConsumer(), "consumer")));
    ProbeInbox<RequestNext<Integer>> requests = ProbeInbox.create(system);
    pc.tell(new ProducerController.RegisterConsumer<>(lossyLink(cc, Set.of(1L))));
    pc.tell(new ProducerController.Start<>(system.systemActorOf(producer(3, requests.ref()), "producer")));
    assertThat(requests.receive().currentSeqNr()).isEqualTo(1);
    clock().advance(Duration.ofSeconds(1)); // the producer controller repeats message 1
    expectConsumed(1, 3);
  }

  @Test
  void aRestartedConsumerGetsEverythingTheOldOneDidNotConfirm() throws Exception {
    ActorRef<ProducerController.Command<Integer>> pc = producerController("p");
    // the first consumer confirms 1..4 and stops while processing 5
    ProbeInbox<Integer> firstConsumed = ProbeInbox.create(system);
    ActorRef<Delivery<Integer>> crashing = system.systemActorOf(Behaviors.<Delivery<Integer>>receiveMessage(d -> {
      if (d.message() == 5) {
        return Behaviors.stopped();
      }
      firstConsumed.ref().tell(d.message());
      d.confirmTo().tell(ConsumerController.confirmed());
      return Behaviors.same();
    }), "consumer-1");
    ActorRef<ConsumerController.Command<Integer>> cc1 = system.systemActorOf(
        ConsumerController.create(ConsumerController.Settings.create().withFlowControlWindow(4)), "c1");
    ProbeInbox<String> stopped = ProbeInbox.create(system);
    system.systemActorOf(Behaviors.<String>setup(ctx -> {
      ctx.watch(cc1);
      return Behaviors.receiveSignal((c, s) -> {
        if (s instanceof Terminated) {
          stopped.ref().tell("c1 stopped");
        }
        return Behaviors.same();
      });
    }), "watcher");
    cc1.tell(new ConsumerController.Start<>(crashing));
    cc1.tell(new ConsumerController.RegisterToProducerController<>(pc));
    pc.tell(new ProducerController.Start<>(system.systemActorOf(producer(30, null), "producer")));
    for (int i = 1; i <= 4; i++) {
      firstConsumed.expect(i);
    }
    stopped.expect("c1 stopped"); // the consumer controller follows its consumer

    ActorRef<ConsumerController.Command<Integer>> cc2 = system.systemActorOf(
        ConsumerController.create(ConsumerController.Settings.create().withFlowControlWindow(4)), "c2");
    cc2.tell(new ConsumerController.Start<>(system.systemActorOf(confirmingConsumer(), "consumer-2")));
    cc2.tell(new ConsumerController.RegisterToProducerController<>(pc));
    int start = consumed.receive();
    // it starts at or before the first unconfirmed message and then sees every message in order
    assertThat(start).isBetween(1, 5);
    expectConsumed(start + 1, 30);
  }

  @Test
  void messageWithConfirmationRepliesWithTheSeqNrOnceConfirmed() throws Exception {
    ProbeInbox<Long> replies = ProbeInbox.create(system);
    ActorRef<ProducerController.Command<Integer>> pc = producerController("p");
    ActorRef<ConsumerController.Command<Integer>> cc = system.systemActorOf(ConsumerController.create(), "c");
    cc.tell(new ConsumerController.Start<>(system.systemActorOf(confirmingConsumer(), "consumer")));
    cc.tell(new ConsumerController.RegisterToProducerController<>(pc));
    int[] next = {1};
    ActorRef<RequestNext<Integer>> asking = system.systemActorOf(Behaviors.<RequestNext<Integer>>receiveMessage(r -> {
      if (next[0] <= 5) {
        r.askNextTo().tell(new ProducerController.MessageWithConfirmation<>(next[0]++ * 10, replies.ref()));
      }
      return Behaviors.same();
    }), "asking-producer");
    pc.tell(new ProducerController.Start<>(asking));
    List<Long> seqNrs = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      seqNrs.add(replies.receive());
    }
    assertThat(seqNrs).containsExactly(1L, 2L, 3L, 4L, 5L);
    for (int i = 1; i <= 5; i++) {
      consumed.expect(i * 10);
    }
  }

  @Test
  void settingsAndIdsAreValidated() {
    assertThatThrownBy(() -> ConsumerController.Settings.create().withFlowControlWindow(0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("flowControlWindow");
    assertThatThrownBy(() -> ProducerController.create(Integer.class, " ", Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("producerId");
    assertThatThrownBy(() -> ProducerController.create(Integer.class, "p", Optional.of("durable")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("durableQueueBehavior");
  }
}
