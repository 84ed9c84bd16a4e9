package io.troupe.stream.internal;

import io.troupe.japi.function.Procedure;
import io.troupe.stream.StreamDetachedException;
import io.troupe.stream.stage.InHandler;
import io.troupe.stream.stage.OutHandler;
import java.util.concurrent.CompletableFuture;

/** Operations the stage API needs on the runtime's wiring. Internal API. */
public final class Wiring {
  private Wiring() {}

  /** Replaces the inlet handler of a live connection. */
  public static void setInHandler(Connection c, InHandler h) {
    c.inHandler = h;
  }

  /** Replaces the outlet handler of a live connection. */
  public static void setOutHandler(Connection c, OutHandler h) {
    c.outHandler = h;
  }

  /** Hands {@code value} to {@code handler} of logic {@code state} on its island. */
  public static <T> void invoke(
      Island island,
      LogicState state,
      Procedure<T> handler,
      T value,
      CompletableFuture<io.troupe.actor.Done> done) {
    island.enqueue(callbackTask(state, handler, value, done));
  }

  /**
   * Runs {@code handler} with {@code value} for the stage of {@code state} at once, in a turn on
   * the calling thread, when its island is idle (see {@link Island#runHereOrEnqueue}); otherwise
   * as {@link #invoke}. Only for a caller on the thread the island runs on.
   */
  public static <T> void invokeHere(LogicState state, Procedure<T> handler, T value) {
    state.island().runHereOrEnqueue(callbackTask(state, handler, value, null));
  }

  private static <T> Runnable callbackTask(
      LogicState state,
      Procedure<T> handler,
      T value,
      CompletableFuture<io.troupe.actor.Done> done) {
    return () -> {
      boolean ran = state.interpreter.runCallback(state, handler, value, done);
      if (done != null) {
        if (ran) {
          done.complete(io.troupe.actor.Done.INSTANCE);
        } else {
          done.completeExceptionally(
              new StreamDetachedException(
                  "stage " + state.stageName() + " has stopped; the callback was dropped"));
        }
      }
    };
  }
}
