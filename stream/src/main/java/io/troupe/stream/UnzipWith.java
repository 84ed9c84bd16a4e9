package io.troupe.stream;

import io.troupe.actor.NotUsed;
import io.troupe.japi.Pair;
import io.troupe.japi.function.Function;

/**
 * A fan-out junction that splits each element with a function into a pair and sends its first
 * value to the first output and its second to the second: {@link Unzip#create(Function)} under
 * Pekko's name. (Pekko's forms for three or more outputs take its tuple classes; use two
 * {@code UnzipWith} or a {@link Broadcast} with {@code map}s instead.)
 *
 * <p>Emits when both outputs have pulled (or cancelled); backpressures when either backpressures;
 * completes when upstream completes; cancels when both outputs cancel.
 */
public final class UnzipWith {
  private UnzipWith() {}

  /** An unzip that splits with {@code f}. */
  public static <In, A, B> Graph<FanOutShape2<In, A, B>, NotUsed> create(
      Function<In, Pair<A, B>> f) {
    return Unzip.create(f);
  }
}
