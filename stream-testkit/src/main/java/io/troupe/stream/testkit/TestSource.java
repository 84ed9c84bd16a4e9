package io.troupe.stream.testkit;

import io.troupe.actor.ActorSystem;
import io.troupe.stream.Source;

/** A source whose materialized value is a {@link TestPublisher.Probe} that drives it. */
public final class TestSource {
  private TestSource() {}

  /**
   * A source that emits what the probe sends; each run materializes a fresh probe. The source
   * requests in batches (its input buffer size), which the probe sees as requests.
   *
   * <pre>{@code
   * TestPublisher.Probe<Integer> probe = TestSource.<Integer>probe(system).to(Sink.ignore()).run(system);
   * probe.sendNext(1).sendComplete();
   * }</pre>
   */
  public static <T> Source<T, TestPublisher.Probe<T>> probe(ActorSystem<?> system) {
    java.util.Objects.requireNonNull(system, "system");
    return Source.<T>asSubscriber()
        .mapMaterializedValue(
            subscriber -> {
              TestPublisher.Probe<T> probe = TestPublisher.probe(system);
              probe.subscribe(subscriber);
              return probe;
            });
  }

  /** Same as {@link #probe(ActorSystem)}; Pekko 1.1's name. */
  public static <T> Source<T, TestPublisher.Probe<T>> create(ActorSystem<?> system) {
    return probe(system);
  }
}
