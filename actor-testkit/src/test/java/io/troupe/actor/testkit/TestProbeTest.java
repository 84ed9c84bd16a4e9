package io.troupe.actor.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.troupe.actor.ActorRef;
import io.troupe.actor.Behaviors;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TestProbeTest {
  static ActorTestKit testKit;

  record Greeting(String text) {}

  record Other(String text) {}

  /** Two objects with the same text but different classes. */
  record Lookalike(String text) {
    @Override
    public String toString() {
      return "Greeting[text=" + text + "]";
    }
  }

  @BeforeAll
  static void start() {
    testKit = ActorTestKit.create();
  }

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
  }

  @Test
  void expectMessageReturnsTheMessageThatArrived() {
    TestProbe<Greeting> probe = testKit.createTestProbe();
    probe.ref().tell(new Greeting("hi"));
    assertThat(probe.expectMessage(new Greeting("hi"))).isEqualTo(new Greeting("hi"));
    assertThat(probe.getRef()).isSameAs(probe.ref());
  }

  @Test
  void expectMessageFailureNamesWhatWasExpectedAndWhatArrived() {
    TestProbe<Object> probe = testKit.createTestProbe();
    probe.ref().tell(new Other("x"));
    assertThatThrownBy(() -> probe.expectMessage(new Greeting("hi")))
        .isInstanceOf(AssertionError.class)
        .hasMessage("expectMessage: expected [Greeting[text=hi]], but got [Other[text=x]]");
  }

  @Test
  void expectMessageFailureShowsClassesWhenTheTextsAreEqual() {
    TestProbe<Object> probe = testKit.createTestProbe();
    probe.ref().tell(new Lookalike("hi"));
    assertThatThrownBy(() -> probe.expectMessage(new Greeting("hi")))
        .hasMessageContaining("(" + Greeting.class.getName() + ")")
        .hasMessageContaining("(" + Lookalike.class.getName() + ")");
  }

  @Test
  void expectMessageFailureSaysThatNothingArrived() {
    TestProbe<Greeting> probe = testKit.createTestProbe();
    assertThatThrownBy(() -> probe.expectMessage(Duration.ofMillis(20), "the greeter was asked", new Greeting("hi")))
        .isInstanceOf(AssertionError.class)
        .hasMessage("expectMessage (the greeter was asked): expected [Greeting[text=hi]] ("
            + Greeting.class.getName() + ") within 20 ms, but no message arrived");
  }

  @Test
  void expectMessageWithTimeoutWaitsForALateMessage() throws Exception {
    TestProbe<Greeting> probe = testKit.createTestProbe();
    Thread sender = new Thread(() -> probe.ref().tell(new Greeting("late")));
    sender.start();
    probe.expectMessage(Duration.ofSeconds(10), new Greeting("late"));
    sender.join();
  }

  @Test
  void messagesFromOneSenderArriveInOrder() {
    TestProbe<Integer> probe = testKit.createTestProbe(Integer.class);
    for (int i = 0; i < 100; i++) {
      probe.ref().tell(i);
    }
    List<Integer> got = probe.receiveSeveralMessages(100);
    assertThat(got).hasSize(100).isSorted();
  }

  @Test
  void expectNoMessagePassesWhenNothingComesAndFailsWithTheMessageOtherwise() {
    TestProbe<String> probe = testKit.createTestProbe("quiet");
    probe.expectNoMessage();
    probe.expectNoMessage(Duration.ofMillis(10));
    probe.ref().tell("surprise");
    assertThatThrownBy(() -> probe.expectNoMessage(Duration.ofSeconds(10)))
        .isInstanceOf(AssertionError.class)
        .hasMessage("expectNoMessage: expected no message for 10 s, but got [surprise]");
  }

  @Test
  void expectMessageClassReturnsTheTypedMessage() {
    TestProbe<Object> probe = testKit.createTestProbe();
    probe.ref().tell(new Greeting("typed"));
    Greeting g = probe.expectMessageClass(Greeting.class);
    assertThat(g.text()).isEqualTo("typed");
    probe.ref().tell(new Other("o"));
    assertThatThrownBy(() -> probe.expectMessageClass(Greeting.class, Duration.ofSeconds(10)))
        .hasMessage("expectMessageClass: expected a message of class " + Greeting.class.getName()
            + ", but got [Other[text=o]] (" + Other.class.getName() + ")");
    assertThatThrownBy(() -> probe.expectMessageClass(Greeting.class, Duration.ofMillis(10)))
        .hasMessage("expectMessageClass: expected a message of class " + Greeting.class.getName()
            + " within 10 ms, but no message arrived");
  }

  @Test
  void receiveMessageTakesTheNextMessageOrFails() {
    TestProbe<String> probe = testKit.createTestProbe();
    probe.ref().tell("one");
    assertThat(probe.receiveMessage()).isEqualTo("one");
    assertThatThrownBy(() -> probe.receiveMessage(Duration.ofMillis(10)))
        .isInstanceOf(AssertionError.class)
        .hasMessage("receiveMessage: no message arrived within 10 ms");
  }

  @Test
  void receiveSeveralMessagesFailureListsWhatDidArrive() {
    TestProbe<String> probe = testKit.createTestProbe();
    probe.ref().tell("a");
    probe.ref().tell("b");
    assertThatThrownBy(() -> probe.receiveSeveralMessages(3, Duration.ofMillis(50)))
        .hasMessage("receiveSeveralMessages: expected 3 messages within 50 ms, but got only 2:\n  a\n  b");
    assertThatThrownBy(() -> probe.receiveSeveralMessages(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("n must not be negative, was -1");
  }

  @Test
  void fishForMessageCollectsIgnoresAndCompletes() {
    TestProbe<String> probe = testKit.createTestProbe();
    for (String s : List.of("keep-1", "noise", "keep-2", "done", "after")) {
      probe.ref().tell(s);
    }
    List<String> fished = probe.fishForMessage(Duration.ofSeconds(10), m -> {
      if (m.startsWith("keep")) {
        return FishingOutcomes.continueAndCollect();
      } else if (m.equals("done")) {
        return FishingOutcomes.complete();
      } else {
        return FishingOutcomes.continueAndIgnore();
      }
    });
    assertThat(fished).containsExactly("keep-1", "keep-2", "done");
    probe.expectMessage("after");
  }

  @Test
  void fishForMessageFailsWithTheFishersReasonOrOnTimeout() {
    TestProbe<String> probe = testKit.createTestProbe();
    probe.ref().tell("fine");
    probe.ref().tell("bad");
    assertThatThrownBy(() -> probe.fishForMessage(Duration.ofSeconds(10), "looking for good", m ->
        m.equals("bad") ? FishingOutcomes.fail("a bad message") : FishingOutcomes.continueAndIgnore()))
        .hasMessage("fishForMessage (looking for good): a bad message (message [bad]); "
            + "messages received before:\n  fine");
    probe.ref().tell("x");
    assertThatThrownBy(() -> probe.fishForMessage(Duration.ofMillis(30), m -> FishingOutcomes.continueAndCollect()))
        .hasMessage("fishForMessage: not completed within 30 ms; messages received meanwhile:\n  x");
  }

  @Test
  void expectTerminatedSeesAnActorStop() {
    ActorRef<String> actor = testKit.spawn(Behaviors.<String>receiveMessage(m -> Behaviors.stopped()));
    TestProbe<Object> probe = testKit.createTestProbe();
    actor.tell("stop");
    probe.expectTerminated(actor);
    probe.expectTerminated(actor, Duration.ofSeconds(10)); // watching a dead actor reports it at once
  }

  @Test
  void expectTerminatedFailsWhenTheActorLivesOn() {
    ActorRef<String> actor = testKit.spawn(Behaviors.<String>ignore());
    TestProbe<Object> probe = testKit.createTestProbe();
    assertThatThrownBy(() -> probe.expectTerminated(actor, Duration.ofMillis(30)))
        .hasMessage("expectTerminated: expected " + actor + " to stop within 30 ms, but it did not");
    probe.ref().tell("a message");
    assertThatThrownBy(() -> probe.expectTerminated(actor, Duration.ofSeconds(10)))
        .hasMessage("expectTerminated: expected Terminated(" + actor + "), but got [a message]");
  }

  @Test
  void expectTerminatedRejectsARefThatIsNotAnActor() {
    TestProbe<Object> probe = testKit.createTestProbe();
    TestInbox<String> inbox = TestInbox.create();
    assertThatThrownBy(() -> probe.expectTerminated(inbox.getRef()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("only actors can be watched");
  }

  @Test
  void aTerminationIsNotAMessage() {
    ActorRef<String> actor = testKit.spawn(Behaviors.<String>receiveMessage(m -> Behaviors.stopped()));
    TestProbe<Object> probe = testKit.createTestProbe();
    // the probe keeps watching after this expectation failed ...
    assertThatThrownBy(() -> probe.expectTerminated(actor, Duration.ZERO)).isInstanceOf(AssertionError.class);
    actor.tell("stop");
    // ... so the termination is queued, and it is not handed out as a message
    assertThatThrownBy(() -> probe.receiveMessage(Duration.ofSeconds(10)))
        .hasMessage("receiveMessage: expected a message, but got Terminated(" + actor + ")");
  }

  @Test
  void actorsCanWatchAProbeAndSeeItStop() {
    TestProbe<String> watched = testKit.createTestProbe();
    TestProbe<String> observer = testKit.createTestProbe();
    testKit.spawn(Behaviors.<String>setup(ctx -> {
      ctx.watch(watched.ref());
      return Behaviors.receive((c, m) -> Behaviors.same(), (c, signal) -> {
        observer.ref().tell("saw " + signal.getClass().getSimpleName());
        return Behaviors.same();
      });
    }));
    watched.stop();
    observer.expectMessage("saw Terminated");
  }

  @Test
  void withinLimitsTheDefaultWaitAndChecksTheBounds() {
    TestProbe<String> probe = testKit.createTestProbe();
    String result = probe.within(Duration.ofSeconds(10), () -> {
      assertThat(probe.getRemaining()).isLessThanOrEqualTo(Duration.ofSeconds(10)).isPositive();
      assertThat(probe.getRemainingOrDefault()).isLessThanOrEqualTo(Duration.ofSeconds(10));
      probe.ref().tell("inside");
      return probe.expectMessage("inside");
    });
    assertThat(result).isEqualTo("inside");
    assertThatThrownBy(() -> probe.within(Duration.ofSeconds(10), Duration.ofSeconds(20), () -> "too quick"))
        .isInstanceOf(AssertionError.class)
        .hasMessageStartingWith("within: the block took ")
        .hasMessageEndingWith(", but should have taken at least 10 s");
    assertThatThrownBy(probe::getRemaining)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("getRemaining() is only defined inside within(...)");
    assertThat(probe.getRemainingOr(Duration.ofMillis(7))).isEqualTo(Duration.ofMillis(7));
  }

  @Test
  void anExpectationInsideWithinWaitsOnlyForTheRestOfTheBlock() {
    TestProbe<String> probe = testKit.createTestProbe();
    assertThatThrownBy(() -> probe.within(Duration.ofMillis(50), probe::receiveMessage))
        .hasMessageStartingWith("receiveMessage: no message arrived within ");
  }

  @Test
  void withinRejectsContradictoryBounds() {
    TestProbe<String> probe = testKit.createTestProbe();
    assertThatThrownBy(() -> probe.within(Duration.ofSeconds(2), Duration.ofSeconds(1), () -> null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("min (PT2S) must not exceed max (PT1S)");
    assertThatThrownBy(() -> probe.within(Duration.ofSeconds(-1), () -> null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("max must not be negative, was PT-1S");
  }

  @Test
  void awaitAssertRetriesUntilTheAssertionHolds() {
    TestProbe<String> probe = testKit.createTestProbe();
    AtomicInteger calls = new AtomicInteger();
    int result = probe.awaitAssert(Duration.ofSeconds(10), Duration.ofMillis(1), () -> {
      assertThat(calls.incrementAndGet()).isGreaterThanOrEqualTo(3);
      return calls.get();
    });
    assertThat(result).isEqualTo(3);
  }

  @Test
  void awaitAssertRethrowsTheLastFailure() {
    TestProbe<String> probe = testKit.createTestProbe();
    assertThatThrownBy(() -> probe.awaitAssert(Duration.ofMillis(30), () -> {
      throw new AssertionError("still wrong");
    })).isInstanceOf(AssertionError.class).hasMessage("still wrong");
  }

  @Test
  void aStoppedProbesMessagesAreDeadLetters() {
    TestProbe<String> probe = testKit.createTestProbe();
    TestProbe<Object> watcher = testKit.createTestProbe();
    probe.stop();
    watcher.expectTerminated(probe.ref());
    TestProbe<io.troupe.actor.DeadLetter> deadLetters = testKit.createDeadLetterProbe();
    probe.ref().tell("lost");
    List<io.troupe.actor.DeadLetter> fished = deadLetters.fishForMessage(Duration.ofSeconds(10), d ->
        d.message().equals("lost") ? FishingOutcomes.complete() : FishingOutcomes.continueAndIgnore());
    assertThat(fished.get(fished.size() - 1).recipient()).isEqualTo(probe.ref());
  }
}
