package io.troupe.stream;

import io.troupe.actor.NotUsed;
import io.troupe.stream.internal.ops.Hubs;
import java.util.Objects;

/**
 * A dynamic fan-in: a source that materializes a sink, which any number of producers may run,
 * at any time, to feed their elements into the one stream.
 *
 * <p>Each producer may have up to {@code perProducerBufferSize} elements in the hub before it is
 * backpressured, so a slow hub consumer slows every producer down. A producer that completes or
 * fails just leaves; the hub source never completes by itself. When the hub's stream stops, all
 * producers are cancelled, and producers that start later are cancelled at once.
 *
 * <pre>{@code
 * Sink<String, NotUsed> toLog =
 *     MergeHub.of(String.class, 16).to(Sink.foreach(System.out::println)).run(system);
 * Source.single("hello").runWith(toLog, system);
 * Source.single("hub").runWith(toLog, system);
 * }</pre>
 */
public final class MergeHub {
  private MergeHub() {}

  /** A merge hub with a buffer of 16 elements per producer. */
  public static <T> Source<T, Sink<T, NotUsed>> of(Class<T> clazz) {
    return of(clazz, 16);
  }

  /**
   * A merge hub where each producer may run {@code perProducerBufferSize} elements ahead.
   *
   * @throws IllegalArgumentException if {@code perProducerBufferSize} is not positive
   */
  public static <T> Source<T, Sink<T, NotUsed>> of(Class<T> clazz, int perProducerBufferSize) {
    Objects.requireNonNull(clazz, "clazz");
    if (perProducerBufferSize <= 0) {
      throw new IllegalArgumentException(
          "MergeHub: perProducerBufferSize must be > 0, was " + perProducerBufferSize);
    }
    return Source.fromGraph(new Hubs.MergeHubSource<T>(perProducerBufferSize));
  }
}
