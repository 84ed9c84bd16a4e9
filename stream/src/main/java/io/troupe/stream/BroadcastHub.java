package io.troupe.stream;

import io.troupe.actor.NotUsed;
import io.troupe.stream.internal.ops.Hubs;
import java.util.Objects;

/**
 * A dynamic fan-out: a sink that materializes a source, which any number of consumers may run,
 * at any time, each receiving every element that arrives after it attached (and those still in
 * the buffer).
 *
 * <p>The hub keeps up to {@code bufferSize} elements that not every consumer has received; when
 * the buffer is full it backpressures its upstream, so it runs at the pace of the slowest
 * consumer. Without consumers it fills the buffer and then backpressures. A consumer that
 * cancels just leaves. When the upstream completes, each consumer completes after the elements
 * it has not yet received, and consumers that attach later complete at once; when it fails, all
 * consumers fail with its failure.
 *
 * <pre>{@code
 * Source<Tick, NotUsed> ticks =
 *     Source.tick(Duration.ZERO, Duration.ofSeconds(1), new Tick())
 *         .runWith(BroadcastHub.of(Tick.class, 256), system);
 * ticks.runForeach(t -> dashboard.update(t), system);
 * ticks.runForeach(t -> audit.record(t), system);
 * }</pre>
 */
public final class BroadcastHub {
  private BroadcastHub() {}

  /** A broadcast hub with a buffer of 256 elements. */
  public static <T> Sink<T, Source<T, NotUsed>> of(Class<T> clazz) {
    return of(clazz, 256);
  }

  /**
   * A broadcast hub that lets its fastest consumer run up to {@code bufferSize} elements ahead of
   * its slowest.
   *
   * @throws IllegalArgumentException if {@code bufferSize} is not positive
   */
  public static <T> Sink<T, Source<T, NotUsed>> of(Class<T> clazz, int bufferSize) {
    Objects.requireNonNull(clazz, "clazz");
    if (bufferSize <= 0) {
      throw new IllegalArgumentException("BroadcastHub: bufferSize must be > 0, was " + bufferSize);
    }
    return Sink.fromGraph(new Hubs.BroadcastHubSink<T>(bufferSize));
  }
}
