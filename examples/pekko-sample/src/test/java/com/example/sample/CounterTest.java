package com.example.sample;

import static org.junit.Assert.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturing;
import org.apache.pekko.actor.testkit.typed.javadsl.TestKitJunitResource;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;

public class CounterTest {

  @ClassRule
  public static final TestKitJunitResource testKit = new TestKitJunitResource();

  @Rule public final LogCapturing logCapturing = new LogCapturing();

  @Test
  public void addsWhatItIsTold() {
    ActorRef<Counter.Command> counter = testKit.spawn(Counter.create());
    TestProbe<Integer> probe = testKit.createTestProbe();

    counter.tell(new Counter.Add(2));
    counter.tell(new Counter.Add(3));
    counter.tell(new Counter.GetTotal(probe.getRef()));

    probe.expectMessage(5);
  }

  @Test
  public void answersAnAskForItsTotal() throws Exception {
    ActorRef<Counter.Command> counter = testKit.spawn(Counter.create());
    WordLengths.addTo(counter, List.of("one two", "three"), testKit.system())
        .toCompletableFuture()
        .get(10, TimeUnit.SECONDS);

    int total =
        AskPattern.<Counter.Command, Integer>ask(
                counter, Counter.GetTotal::new, Duration.ofSeconds(3), testKit.scheduler())
            .toCompletableFuture()
            .get(10, TimeUnit.SECONDS);

    assertEquals(3 + 3 + 5, total);
  }

  @Test
  public void readsApplicationConf() {
    assertEquals(8, testKit.system().settings().config().getInt("pekko.actor.default-dispatcher.throughput"));
    assertEquals("hello", testKit.system().settings().config().getString("sample.greeting"));
  }
}
