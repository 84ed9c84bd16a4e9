package io.troupe.stream;

import io.troupe.actor.ActorSystem;
import io.troupe.actor.Cancellable;
import io.troupe.stream.internal.MaterializerImpl;
import java.time.Duration;
import java.util.concurrent.Executor;

/**
 * Turns runnable blueprints into running streams: creates the stage logics, wires them into
 * islands, starts them, and returns the materialized value.
 *
 * <p>Islands run as serial tasks on the system's dispatchers. Shutting a materializer down stops
 * every stream it started (each stage's {@code postStop} runs); a system's termination shuts
 * down all of its materializers.
 */
public abstract class Materializer {
  /** For the runtime only. */
  protected Materializer() {}

  /** The materializer shared by all users of {@code system}; it lives as long as the system. */
  public static Materializer matFromSystem(ActorSystem<?> system) {
    return MaterializerImpl.systemMaterializer(system);
  }

  /** A new materializer whose {@link #shutdown()} stops only the streams it started. */
  public static Materializer createMaterializer(ActorSystem<?> system) {
    return MaterializerImpl.create(system);
  }

  /**
   * Runs {@code runnable} and returns its materialized value.
   *
   * @throws IllegalStateException if this materializer is shut down
   */
  public abstract <M> M materialize(Graph<ClosedShape, M> runnable);

  /** Runs {@code runnable} with {@code defaultAttributes} beneath its own attributes. */
  public abstract <M> M materialize(Graph<ClosedShape, M> runnable, Attributes defaultAttributes);

  /** The system whose threads run the streams. */
  public abstract ActorSystem<?> system();

  /** The default dispatcher, for callbacks. */
  public abstract Executor executionContext();

  /** Runs {@code task} once after {@code delay}. */
  public abstract Cancellable scheduleOnce(Duration delay, Runnable task);

  /** Runs {@code task} after {@code initialDelay} and then with {@code delay} between runs. */
  public abstract Cancellable scheduleWithFixedDelay(
      Duration initialDelay, Duration delay, Runnable task);

  /** Runs {@code task} after {@code initialDelay} and then every {@code interval}. */
  public abstract Cancellable scheduleAtFixedRate(
      Duration initialDelay, Duration interval, Runnable task);

  /** Stops every stream started by this materializer; later {@code materialize} calls fail. */
  public abstract void shutdown();

  /** Whether {@link #shutdown()} was called (or the system terminated). */
  public abstract boolean isShutdown();
}
