package com.example.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.annotations.JUnit5TestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.JUnit5TestKitBuilder;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestKitJUnit5Extension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TestKitJUnit5Extension.class)
@ExtendWith(LogCapturingExtension.class)
class WordLengthsTest {

  @JUnit5TestKit public ActorTestKit testKit = new JUnit5TestKitBuilder().build();

  @Test
  void measuresEachWord() throws Exception {
    List<Integer> lengths =
        WordLengths.lengths(List.of("Hello, world", "of streams!"), testKit.system())
            .toCompletableFuture()
            .get(10, TimeUnit.SECONDS);

    assertEquals(List.of(5, 5, 2, 7), lengths);
  }

  @Test
  void feedsTheCounter() throws Exception {
    ActorRef<Counter.Command> counter = testKit.spawn(Counter.create(), "counter");
    WordLengths.addTo(counter, List.of("a bb", "ccc"), testKit.system())
        .toCompletableFuture()
        .get(10, TimeUnit.SECONDS);

    TestProbe<Integer> probe = testKit.createTestProbe();
    counter.tell(new Counter.GetTotal(probe.getRef()));
    probe.expectMessage(6);
  }
}
