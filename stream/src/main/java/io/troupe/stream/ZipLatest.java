package io.troupe.stream;

import io.troupe.actor.NotUsed;
import io.troupe.japi.Pair;
import io.troupe.stream.internal.ops.FanInOps;

/**
 * A fan-in junction that pairs the latest element of each of its two inputs, each time either
 * input brings a new element, once both have brought one: {@link ZipLatestWith} with {@link
 * Pair#create}.
 *
 * <p>Emits when both inputs have brought an element and one of them brought a new one since the
 * last emission; backpressures when downstream backpressures; completes when either input
 * completes (or, without {@code eagerComplete}, when both have); cancels when downstream cancels.
 */
public final class ZipLatest {
  private ZipLatest() {}

  /** A latest-zip into pairs that completes when either input completes. */
  public static <A, B> Graph<FanInShape2<A, B, Pair<A, B>>, NotUsed> create() {
    return create(true);
  }

  /** Like {@link #create()}; without {@code eagerComplete} it runs until both inputs complete. */
  public static <A, B> Graph<FanInShape2<A, B, Pair<A, B>>, NotUsed> create(boolean eagerComplete) {
    return new FanInOps.ZipLatestWith<A, B, Pair<A, B>>(Pair::create, eagerComplete);
  }
}
