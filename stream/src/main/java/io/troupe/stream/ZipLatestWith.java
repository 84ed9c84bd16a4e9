package io.troupe.stream;

import io.troupe.actor.NotUsed;
import io.troupe.japi.function.Function2;
import io.troupe.stream.internal.ops.FanInOps;
import java.util.Objects;

/**
 * A fan-in junction that combines the latest element of each of its two inputs with a function,
 * each time either input brings a new element, once both have brought one.
 *
 * <p>Emits when both inputs have brought an element and one of them brought a new one since the
 * last emission; backpressures when downstream backpressures (each input is pulled again only
 * after its element was used); completes when either input completes (or, without {@code
 * eagerComplete}, when both have), after a pending combination; also when an input completes
 * before bringing any element; cancels when downstream cancels.
 */
public final class ZipLatestWith {
  private ZipLatestWith() {}

  /** A latest-zip that combines with {@code combine} and completes when either input completes. */
  public static <A, B, O> Graph<FanInShape2<A, B, O>, NotUsed> create(Function2<A, B, O> combine) {
    return create(combine, true);
  }

  /** Like {@link #create(Function2)}; without {@code eagerComplete} it runs until both inputs complete. */
  public static <A, B, O> Graph<FanInShape2<A, B, O>, NotUsed> create(
      Function2<A, B, O> combine, boolean eagerComplete) {
    Objects.requireNonNull(combine, "combine");
    return new FanInOps.ZipLatestWith<>(combine, eagerComplete);
  }
}
