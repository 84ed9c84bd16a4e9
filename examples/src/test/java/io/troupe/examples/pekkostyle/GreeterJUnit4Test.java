package io.troupe.examples.pekkostyle;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertSame;

import io.troupe.actor.ActorRef;
import io.troupe.actor.AskPattern;
import io.troupe.actor.Behavior;
import io.troupe.actor.Behaviors;
import io.troupe.actor.SupervisorStrategy;
import io.troupe.actor.testkit.TestKitJunitResource;
import io.troupe.actor.testkit.TestProbe;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.ClassRule;
import org.junit.Test;

/**
 * A JUnit 4 test written as a Pekko user writes one (a class rule that owns the test kit, probes,
 * ask): it differs from its Pekko twin only in its imports, and runs on the JUnit platform's
 * vintage engine in the normal build.
 */
public class GreeterJUnit4Test {

  @ClassRule
  public static final TestKitJunitResource testKit = new TestKitJunitResource();

  @Test
  public void greeterRepliesToTheProbeItWasGiven() {
    TestProbe<Greeter.Greeted> probe = testKit.createTestProbe();
    ActorRef<Greeter.Greet> greeter = testKit.spawn(Greeter.create(), "greeter");

    greeter.tell(new Greeter.Greet("Charles", probe.getRef()));

    probe.expectMessage(new Greeter.Greeted("Charles", greeter));
  }

  @Test
  public void greeterAnswersAnAsk() throws Exception {
    ActorRef<Greeter.Greet> greeter = testKit.spawn(Greeter.create());

    CompletionStage<Greeter.Greeted> reply =
        AskPattern.ask(
            greeter,
            replyTo -> new Greeter.Greet("Ada", replyTo),
            Duration.ofSeconds(3),
            testKit.scheduler());

    Greeter.Greeted greeted = reply.toCompletableFuture().get(10, TimeUnit.SECONDS);
    assertEquals("Ada", greeted.whom);
    assertSame(greeter, greeted.from);
  }

  @Test
  public void stoppedActorIsSeenTerminatedByTheProbe() {
    TestProbe<Greeter.Greeted> probe = testKit.createTestProbe(Greeter.Greeted.class);
    ActorRef<Greeter.Greet> greeter = testKit.spawn(Greeter.create());

    testKit.stop(greeter);

    probe.expectTerminated(greeter, Duration.ofSeconds(10));
  }

  interface Command {}

  static final class Fail implements Command {}

  static final class GetCount implements Command {
    final ActorRef<Integer> replyTo;

    GetCount(ActorRef<Integer> replyTo) {
      this.replyTo = replyTo;
    }
  }

  static final class Increment implements Command {}

  static Behavior<Command> counter(int count) {
    return Behaviors.receive(Command.class)
        .onMessage(Increment.class, msg -> counter(count + 1))
        .onMessage(
            GetCount.class,
            msg -> {
              msg.replyTo.tell(count);
              return Behaviors.same();
            })
        .onMessage(
            Fail.class,
            msg -> {
              throw new IllegalStateException("asked to fail");
            })
        .build();
  }

  @Test
  public void supervisedCounterRestartsFromItsInitialStateAfterAFailure() {
    ActorRef<Command> counter =
        testKit.spawn(Behaviors.supervise(counter(0)).onFailure(SupervisorStrategy.restart()));
    TestProbe<Integer> probe = testKit.createTestProbe();

    counter.tell(new Increment());
    counter.tell(new Increment());
    counter.tell(new GetCount(probe.getRef()));
    probe.expectMessage(2);

    counter.tell(new Fail());
    counter.tell(new GetCount(probe.getRef()));
    probe.expectMessage(0);
  }
}
