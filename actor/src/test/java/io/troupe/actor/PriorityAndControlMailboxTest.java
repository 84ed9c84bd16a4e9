package io.troupe.actor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Comparator;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PriorityAndControlMailboxTest {
  private ActorSystem<Void> system;
  private ProbeInbox<String> probe;
  private final CountDownLatch gate = new CountDownLatch(1);
  private final CountDownLatch waiting = new CountDownLatch(1);

  @BeforeEach
  void setUp() {
    system = ProbeInbox.system(Behaviors.empty(), "mailboxes");
    probe = ProbeInbox.create(system);
  }

  @AfterEach
  void tearDown() throws Exception {
    gate.countDown();
    ProbeInbox.terminate(system);
  }

  /** Holds its first message until the gate opens, so that later ones pile up; reports the rest. */
  private <T> Behavior<T> gated() {
    ActorRef<String> p = probe.ref();
    boolean[] first = {true};
    return Behaviors.receiveMessage(m -> {
      if (first[0]) {
        first[0] = false;
        waiting.countDown();
        assertThat(gate.await(10, TimeUnit.SECONDS)).isTrue();
      } else {
        p.tell(m.toString());
      }
      return Behaviors.same();
    });
  }

  record Job(String name, int priority) {
    @Override
    public String toString() {
      return name;
    }
  }

  @Test
  void aPriorityMailboxDeliversLowestFirstAndEqualsInArrivalOrder() throws Exception {
    Comparator<Object> byPriority = Comparator.comparingInt(m -> m instanceof Job j ? j.priority() : 0);
    ActorRef<Job> actor = system.systemActorOf(gated(), "prioritized", MailboxSelector.priority(byPriority));
    actor.tell(new Job("gate", 0));
    assertThat(waiting.await(10, TimeUnit.SECONDS)).isTrue();
    actor.tell(new Job("low-1", 5));
    actor.tell(new Job("high-1", 1));
    actor.tell(new Job("low-2", 5));
    actor.tell(new Job("mid", 3));
    actor.tell(new Job("high-2", 1));
    gate.countDown();
    for (String expected : new String[] {"high-1", "high-2", "mid", "low-1", "low-2"}) {
      probe.expect(expected);
    }
  }

  record Stop() implements MailboxSelector.ControlMessage {
    @Override
    public String toString() {
      return "control";
    }
  }

  @Test
  void aControlAwareMailboxDeliversControlMessagesFirst() throws Exception {
    ActorRef<Object> actor = system.systemActorOf(gated(), "control-aware", MailboxSelector.controlAware());
    actor.tell("gate");
    assertThat(waiting.await(10, TimeUnit.SECONDS)).isTrue();
    actor.tell("a");
    actor.tell("b");
    actor.tell(new Stop());
    actor.tell("c");
    actor.tell(new Stop());
    gate.countDown();
    for (String expected : new String[] {"control", "control", "a", "b", "c"}) {
      probe.expect(expected);
    }
  }

  @Test
  void theMailboxFactoriesRejectNull() {
    assertThatThrownBy(() -> MailboxSelector.priority(null))
        .isInstanceOf(NullPointerException.class).hasMessageContaining("comparator");
  }
}
