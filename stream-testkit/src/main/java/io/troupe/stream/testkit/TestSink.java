package io.troupe.stream.testkit;

import io.troupe.actor.ActorSystem;
import io.troupe.stream.AsPublisher;
import io.troupe.stream.Sink;

/** A sink whose materialized value is a {@link TestSubscriber.Probe} that drives it. */
public final class TestSink {
  private TestSink() {}

  /**
   * A sink that requests only what the probe asks for; each run materializes a fresh probe.
   *
   * <pre>{@code
   * TestSubscriber.Probe<Integer> probe = Source.range(1, 3).runWith(TestSink.probe(system), system);
   * probe.request(3).expectNext(1, 2, 3).expectComplete();
   * }</pre>
   */
  public static <T> Sink<T, TestSubscriber.Probe<T>> probe(ActorSystem<?> system) {
    java.util.Objects.requireNonNull(system, "system");
    return Sink.<T>asPublisher(AsPublisher.WITHOUT_FANOUT)
        .mapMaterializedValue(
            publisher -> {
              TestSubscriber.Probe<T> probe = TestSubscriber.probe(system);
              publisher.subscribe(probe);
              return probe;
            });
  }

  /** Same as {@link #probe(ActorSystem)}; Pekko 1.1's name. */
  public static <T> Sink<T, TestSubscriber.Probe<T>> create(ActorSystem<?> system) {
    return probe(system);
  }
}
