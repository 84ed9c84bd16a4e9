package io.troupe.stream;

import io.troupe.actor.NotUsed;
import io.troupe.japi.Pair;
import io.troupe.japi.function.Function2;

/** Ready-made combiners for materialized values, passed to {@code viaMat}, {@code toMat} and the like. */
public final class Keep {
  private Keep() {}

  private static final Function2<Object, Object, Object> LEFT = (l, r) -> l;
  private static final Function2<Object, Object, Object> RIGHT = (l, r) -> r;
  private static final Function2<Object, Object, Object> BOTH = Pair::create;
  private static final Function2<Object, Object, Object> NONE = (l, r) -> NotUsed.INSTANCE;

  /** Keeps the left (upstream) value. */
  @SuppressWarnings("unchecked")
  public static <L, R> Function2<L, R, L> left() {
    return (Function2<L, R, L>) (Function2<?, ?, ?>) LEFT;
  }

  /** Keeps the right (downstream) value. */
  @SuppressWarnings("unchecked")
  public static <L, R> Function2<L, R, R> right() {
    return (Function2<L, R, R>) (Function2<?, ?, ?>) RIGHT;
  }

  /** Keeps both values as a {@link Pair}. */
  @SuppressWarnings("unchecked")
  public static <L, R> Function2<L, R, Pair<L, R>> both() {
    return (Function2<L, R, Pair<L, R>>) (Function2<?, ?, ?>) BOTH;
  }

  /** Keeps neither value. */
  @SuppressWarnings("unchecked")
  public static <L, R> Function2<L, R, NotUsed> none() {
    return (Function2<L, R, NotUsed>) (Function2<?, ?, ?>) NONE;
  }

  /** Whether {@code f} is {@link #left()}; lets the DSL skip calling it. */
  static boolean isLeft(Function2<?, ?, ?> f) {
    return f == LEFT;
  }

  /** Whether {@code f} is {@link #right()}. */
  static boolean isRight(Function2<?, ?, ?> f) {
    return f == RIGHT;
  }
}
