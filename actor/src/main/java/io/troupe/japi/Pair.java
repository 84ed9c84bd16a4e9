package io.troupe.japi;

/**
 * An immutable pair of two values, as Pekko's Java DSL uses it (for example for {@code zip}).
 *
 * @param first the first value
 * @param second the second value
 */
public record Pair<A, B>(A first, B second) {
  /** Creates a pair. */
  public static <A, B> Pair<A, B> create(A first, B second) {
    return new Pair<>(first, second);
  }

  /** Returns the first value; Pekko's getter name. */
  public A getFirst() {
    return first;
  }

  /** Returns the second value; Pekko's getter name. */
  public B getSecond() {
    return second;
  }

  @Override
  public String toString() {
    return "Pair(" + first + ", " + second + ")";
  }

}
