package io.troupe.bench;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The bound on one benchmark round: a round that has not completed within {@link #BOUND_SECONDS}
 * fails the benchmark with an exception instead of hanging it, so a lost message or a stuck
 * actor shows up as an error in the JMH output.
 */
public final class Rounds {
  /** How long one round (or setting up and tearing down a system) may take, in seconds. */
  public static final long BOUND_SECONDS = 60;

  private Rounds() {}

  /**
   * Waits until {@code done} reaches zero.
   *
   * @throws IllegalStateException if it does not within the bound; the message names {@code what}
   *     and how many countdowns were missing
   */
  public static void await(CountDownLatch done, String what) throws InterruptedException {
    await(done, what, BOUND_SECONDS);
  }

  /** As {@link #await(CountDownLatch, String)}, with a bound of {@code seconds}. */
  public static void await(CountDownLatch done, String what, long seconds)
      throws InterruptedException {
    if (!done.await(seconds, TimeUnit.SECONDS)) {
      throw new IllegalStateException(
          what + " did not complete within " + seconds + " s (" + done.getCount()
              + " of its countdowns missing)");
    }
  }

  /**
   * Waits for {@code future} and returns its value.
   *
   * @throws IllegalStateException if it does not complete within the bound or completes with a
   *     failure (the failure is the cause)
   */
  public static <V> V await(Future<V> future, String what) throws InterruptedException {
    try {
      return future.get(BOUND_SECONDS, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new IllegalStateException(what + " did not complete within " + BOUND_SECONDS + " s", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(what + " failed", e.getCause());
    }
  }
}
