package io.troupe.actor.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.troupe.actor.ActorRef;
import io.troupe.actor.ActorSystem;
import io.troupe.actor.Behavior;
import io.troupe.actor.Behaviors;
import io.troupe.actor.Done;
import io.troupe.actor.ProbeInbox;
import io.troupe.actor.delivery.ConsumerController.Delivery;
import io.troupe.actor.receptionist.ServiceKey;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WorkPullingTest {
  @SuppressWarnings("unchecked")
  static final ServiceKey<ConsumerController.Command<Integer>> WORKERS =
      ServiceKey.create((Class<ConsumerController.Command<Integer>>) (Class<?>) ConsumerController.Command.class, "workers");

  private ActorSystem<Void> system;

  @BeforeEach
  void setUp() {
    system = ProbeInbox.system(Behaviors.empty(), "work-pulling");
  }

  @AfterEach
  void tearDown() throws Exception {
    ProbeInbox.terminate(system);
  }

  /** A worker with its own consumer controller; confirms unless {@code holding}; stops on "stop". */
  private ActorRef<Object> worker(String name, ActorRef<Integer> report, boolean holding, int window) {
    return system.systemActorOf(Behaviors.<Object>setup(ctx -> {
      ActorRef<ConsumerController.Command<Integer>> cc = ctx.spawn(
          ConsumerController.create(WORKERS, ConsumerController.Settings.create().withFlowControlWindow(window)), "cc");
      cc.tell(new ConsumerController.Start<>(ctx.getSelf().<Delivery<Integer>>narrow()));
      return Behaviors.receiveMessage(m -> {
        if (m.equals("stop")) {
          return Behaviors.stopped();
        }
        @SuppressWarnings("unchecked")
        Delivery<Integer> d = (Delivery<Integer>) m;
        report.tell(d.message());
        if (!holding) {
          d.confirmTo().tell(ConsumerController.confirmed());
        }
        return Behaviors.same();
      });
    }), name);
  }

  private static Behavior<WorkPullingProducerController.RequestNext<Integer>> producer(int count) {
    int[] next = {1};
    return Behaviors.receiveMessage(r -> {
      if (next[0] <= count) {
        r.sendNextTo().tell(next[0]++);
      }
      return Behaviors.same();
    });
  }

  private ActorRef<WorkPullingProducerController.Command<Integer>> startProducer(int count) {
    ActorRef<WorkPullingProducerController.Command<Integer>> wp = system.systemActorOf(
        WorkPullingProducerController.create(Integer.class, "jobs", WORKERS, Optional.empty()), "work-puller");
    wp.tell(new WorkPullingProducerController.Start<>(system.systemActorOf(producer(count), "producer")));
    return wp;
  }

  @Test
  void workIsSharedAndEachMessageIsProcessedOnce() throws Exception {
    ProbeInbox<Integer> done = ProbeInbox.create(system);
    worker("w1", done.ref(), false, 4);
    worker("w2", done.ref(), false, 4);
    startProducer(200);
    List<Integer> all = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      all.add(done.receive());
    }
    assertThat(all).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(1, 200).boxed().toList());
  }

  @Test
  void aStoppedWorkersUnconfirmedMessagesGoToAnotherWorker() throws Exception {
    ProbeInbox<Integer> heldByA = ProbeInbox.create(system);
    ProbeInbox<Integer> doneByB = ProbeInbox.create(system);
    ActorRef<WorkPullingProducerController.Command<Integer>> wp = startProducer(10);
    ActorRef<Object> a = worker("a", heldByA.ref(), true, 2);
    heldByA.expect(1); // delivered one at a time: 2 waits in its consumer controller, and its window is full
    worker("b", doneByB.ref(), false, 2);
    Set<Integer> byB = new HashSet<>();
    for (int i = 3; i <= 10; i++) {
      byB.add(doneByB.receive());
    }
    assertThat(byB).containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(3, 10).boxed().toList());
    ProbeInbox<WorkPullingProducerController.WorkerStats> stats = ProbeInbox.create(system);
    wp.tell(new WorkPullingProducerController.GetWorkerStats<>(stats.ref()));
    stats.expect(new WorkPullingProducerController.WorkerStats(2));

    a.tell("stop"); // it never confirmed 1 and 2
    doneByB.expect(1);
    doneByB.expect(2);
    wp.tell(new WorkPullingProducerController.GetWorkerStats<>(stats.ref()));
    stats.expect(new WorkPullingProducerController.WorkerStats(1));
  }

  @Test
  void messageWithConfirmationIsAnsweredOnceAWorkerConfirmed() throws Exception {
    ProbeInbox<Integer> done = ProbeInbox.create(system);
    ProbeInbox<Done> confirmations = ProbeInbox.create(system);
    worker("w", done.ref(), false, 4);
    ActorRef<WorkPullingProducerController.Command<Integer>> wp = system.systemActorOf(
        WorkPullingProducerController.create(Integer.class, "jobs", WORKERS, Optional.empty()), "work-puller");
    boolean[] sent = {false};
    wp.tell(new WorkPullingProducerController.Start<>(system.systemActorOf(
        Behaviors.<WorkPullingProducerController.RequestNext<Integer>>receiveMessage(r -> {
          if (!sent[0]) {
            sent[0] = true;
            r.askNextTo().tell(new WorkPullingProducerController.MessageWithConfirmation<>(42, confirmations.ref()));
          }
          return Behaviors.same();
        }), "asking-producer")));
    done.expect(42);
    confirmations.expect(Done.INSTANCE);
  }
}
