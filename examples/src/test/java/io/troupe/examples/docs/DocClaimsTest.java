package io.troupe.examples.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.troupe.actor.ActorRef;
import io.troupe.actor.ActorSystem;
import io.troupe.actor.Behaviors;
import io.troupe.actor.DeadLetter;
import io.troupe.actor.EventStream;
import io.troupe.actor.MailboxSelector;
import io.troupe.actor.StashOverflowException;
import io.troupe.actor.Terminated;
import io.troupe.actor.UnhandledMessage;
import io.troupe.examples.TestInbox;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Checks the statements of docs/actors.md that no example shows. */
class DocClaimsTest {
  private final ActorSystem<Void> system = ActorSystem.create("doc-claims");

  @AfterEach
  void shutdown() throws Exception {
    TestInbox.shutdown(system);
  }

  @Test
  void anUnhandledMessageIsPublished() throws Exception {
    TestInbox<UnhandledMessage> inbox = TestInbox.create(system);
    system.eventStream().tell(new EventStream.Subscribe<>(UnhandledMessage.class, inbox.ref()));
    ActorRef<String> picky = system.systemActorOf(
        Behaviors.receiveMessage(m -> m.equals("yes") ? Behaviors.same() : Behaviors.unhandled()), "picky");
    picky.tell("no");
    UnhandledMessage u = inbox.receive();
    assertThat(u.message()).isEqualTo("no");
    assertThat(u.recipient()).isEqualTo(picky);
  }

  @Test
  void aWatcherThatIgnoresTerminatedFailsWithADeathPact() throws Exception {
    ActorRef<String> target = system.systemActorOf(Behaviors.receiveMessage(m -> Behaviors.stopped()), "target");
    ActorRef<Void> watcher = system.systemActorOf(Behaviors.<Void>setup(ctx -> {
      ctx.watch(target);
      return Behaviors.receiveMessage(m -> Behaviors.same()); // handles no signal
    }), "careless");
    TestInbox<Terminated> observer = TestInbox.watch(system, watcher);
    target.tell("stop");
    assertThat(observer.receive().getRef()).isEqualTo(watcher);
  }

  @Test
  void stashingIntoAFullBufferThrows() throws Exception {
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    CountDownLatch done = new CountDownLatch(1);
    system.systemActorOf(Behaviors.<String>withStash(1, stash -> Behaviors.setup(ctx -> {
      stash.stash("one");
      try {
        stash.stash("two");
      } catch (Throwable t) {
        thrown.set(t);
      }
      done.countDown();
      return Behaviors.ignore();
    })), "stasher");
    assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(thrown.get()).isInstanceOf(StashOverflowException.class);
    assertThatThrownBy(() -> Behaviors.withStash(0, s -> Behaviors.ignore()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0");
  }

  @Test
  void aMessageThatFindsABoundedMailboxFullBecomesADeadLetter() throws Exception {
    TestInbox<DeadLetter> deadLetters = TestInbox.create(system);
    system.eventStream().tell(new EventStream.Subscribe<>(DeadLetter.class, deadLetters.ref()));
    // the subscription is in place once an earlier dead letter arrives
    ActorRef<String> gone = system.systemActorOf(Behaviors.receiveMessage(m -> Behaviors.stopped()), "gone");
    TestInbox<Terminated> goneWatch = TestInbox.watch(system, gone);
    gone.tell("stop");
    goneWatch.receive();
    gone.tell("probe");
    assertThat(deadLetters.receive().message()).isEqualTo("probe");

    CountDownLatch busy = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    ActorRef<String> slow = system.systemActorOf(Behaviors.receiveMessage(m -> {
      busy.countDown();
      release.await(10, TimeUnit.SECONDS); // holds the actor so that its mailbox fills up
      return Behaviors.same();
    }), "slow", MailboxSelector.bounded(2));
    slow.tell("first");
    assertThat(busy.await(10, TimeUnit.SECONDS)).isTrue();
    slow.tell("queued-1");
    slow.tell("queued-2");
    slow.tell("overflow");
    DeadLetter dead = deadLetters.receive();
    release.countDown();
    assertThat(dead.message()).isEqualTo("overflow");
    assertThat(dead.recipient()).isEqualTo(slow);
  }
}
