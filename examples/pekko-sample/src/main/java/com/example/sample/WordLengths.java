package com.example.sample;

import java.util.List;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;

/** Streams that measure words and feed a {@link Counter}. */
public final class WordLengths {

  private WordLengths() {}

  /** Splits lines into lower-case words. */
  public static final Flow<String, String, NotUsed> WORDS =
      Flow.of(String.class)
          .mapConcat(line -> List.of(line.toLowerCase().split("\\W+")))
          .filter(word -> !word.isEmpty());

  /** The length of each word of {@code lines}, in order. */
  public static CompletionStage<List<Integer>> lengths(List<String> lines, ActorSystem<?> system) {
    return Source.from(lines).via(WORDS).map(String::length).runWith(Sink.seq(), system);
  }

  /** Adds the length of each word of {@code lines} to {@code counter}. */
  public static CompletionStage<Done> addTo(ActorRef<Counter.Command> counter, List<String> lines, ActorSystem<?> system) {
    return Source.from(lines)
        .via(WORDS)
        .runWith(Sink.foreach(word -> counter.tell(new Counter.Add(word.length()))), system);
  }
}
