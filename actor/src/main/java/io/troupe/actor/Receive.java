package io.troupe.actor;

/**
 * The message and signal handlers of an {@link AbstractBehavior}, built once with a
 * {@link ReceiveBuilder}.
 *
 * @param <T> the type of message handled
 */
public interface Receive<T> {

  /** Handles a message; returns {@link Behaviors#unhandled()} where no case matches. */
  Behavior<T> receiveMessage(T message) throws Exception;

  /** Handles a signal; returns {@link Behaviors#unhandled()} where no case matches. */
  Behavior<T> receiveSignal(Signal signal) throws Exception;
}
