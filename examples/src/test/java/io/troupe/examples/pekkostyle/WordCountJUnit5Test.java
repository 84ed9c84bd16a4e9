package io.troupe.examples.pekkostyle;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.troupe.actor.ActorRef;
import io.troupe.actor.Behavior;
import io.troupe.actor.Behaviors;
import io.troupe.actor.NotUsed;
import io.troupe.actor.testkit.ActorTestKit;
import io.troupe.actor.testkit.JUnit5TestKit;
import io.troupe.actor.testkit.JUnit5TestKitBuilder;
import io.troupe.actor.testkit.TestKitJunit5Extension;
import io.troupe.actor.testkit.TestProbe;
import io.troupe.stream.Flow;
import io.troupe.stream.Sink;
import io.troupe.stream.Source;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A JUnit 5 test written as a Pekko user writes one (the test-kit extension fills the annotated
 * field, streams run on the kit's system, results are fed to an actor): it differs from its Pekko
 * twin only in its imports.
 */
@ExtendWith(TestKitJunit5Extension.class)
class WordCountJUnit5Test {

  @JUnit5TestKit
  public ActorTestKit testKit = new JUnit5TestKitBuilder().build();

  interface Command {}

  static final class CountWord implements Command {
    final String word;

    CountWord(String word) {
      this.word = word;
    }
  }

  static final class GetCounts implements Command {
    final ActorRef<Map<String, Integer>> replyTo;

    GetCounts(ActorRef<Map<String, Integer>> replyTo) {
      this.replyTo = replyTo;
    }
  }

  static Behavior<Command> wordCounter() {
    return Behaviors.setup(
        context -> {
          Map<String, Integer> counts = new HashMap<>();
          return Behaviors.receive(Command.class)
              .onMessage(
                  CountWord.class,
                  msg -> {
                    counts.merge(msg.word, 1, Integer::sum);
                    return Behaviors.same();
                  })
              .onMessage(
                  GetCounts.class,
                  msg -> {
                    msg.replyTo.tell(new HashMap<>(counts));
                    return Behaviors.same();
                  })
              .build();
        });
  }

  private static final Flow<String, String, NotUsed> words =
      Flow.of(String.class)
          .mapConcat(line -> Arrays.asList(line.toLowerCase().split("\\W+")))
          .filter(word -> !word.isEmpty());

  @Test
  void streamSumsTheEvenSquares() throws Exception {
    int sum =
        Source.range(1, 10)
            .filter(i -> i % 2 == 0)
            .map(i -> i * i)
            .runWith(Sink.fold(0, Integer::sum), testKit.system())
            .toCompletableFuture()
            .get(10, TimeUnit.SECONDS);

    assertEquals(4 + 16 + 36 + 64 + 100, sum);
  }

  @Test
  void reusableFlowSplitsLinesIntoWords() throws Exception {
    List<String> result =
        Source.from(Arrays.asList("To be, or not", "to BE."))
            .via(words)
            .runWith(Sink.seq(), testKit.system())
            .toCompletableFuture()
            .get(10, TimeUnit.SECONDS);

    assertEquals(Arrays.asList("to", "be", "or", "not", "to", "be"), result);
  }

  @Test
  void streamFeedsAnActorThatCountsWords() throws Exception {
    ActorRef<Command> counter = testKit.spawn(wordCounter(), "word-counter");

    Source.from(Arrays.asList("the cat", "the dog", "The end"))
        .via(words)
        .runWith(Sink.foreach(word -> counter.tell(new CountWord(word))), testKit.system())
        .toCompletableFuture()
        .get(10, TimeUnit.SECONDS);

    TestProbe<Map<String, Integer>> probe = testKit.createTestProbe();
    counter.tell(new GetCounts(probe.getRef()));
    Map<String, Integer> expected = new HashMap<>();
    expected.put("the", 3);
    expected.put("cat", 1);
    expected.put("dog", 1);
    expected.put("end", 1);
    probe.expectMessage(expected);
  }
}
