package io.troupe.stream;

import io.troupe.actor.NotUsed;
import io.troupe.japi.Pair;
import io.troupe.japi.function.Function;
import io.troupe.japi.function.Function2;
import io.troupe.stream.internal.Junctions;

/**
 * A fan-out junction that splits each pair into its two parts.
 *
 * <p>Emits when both outputs have pulled (or cancelled); backpressures when either backpressures;
 * completes when upstream completes; cancels when both outputs cancel.
 */
public final class Unzip {
  private Unzip() {}

  static void requirePorts(String name, int n) {
    if (n < 1) {
      throw new IllegalArgumentException(name + " must be >= 1, was " + n);
    }
  }

  /** An unzip of {@link Pair}s. */
  public static <A, B> Graph<FanOutShape2<Pair<A, B>, A, B>, NotUsed> create() {
    return new Junctions.UnzipWith<Pair<A, B>, A, B>(p -> p);
  }

  /** An unzip of pairs whose element types are given as classes. */
  public static <A, B> Graph<FanOutShape2<Pair<A, B>, A, B>, NotUsed> create(Class<A> a, Class<B> b) {
    return create();
  }

  /** An unzip that splits each element with {@code f}. */
  public static <I, A, B> Graph<FanOutShape2<I, A, B>, NotUsed> create(Function<I, Pair<A, B>> f) {
    java.util.Objects.requireNonNull(f, "f");
    return new Junctions.UnzipWith<>(f);
  }
}
