package io.troupe.actor;

/**
 * A behavior that handles messages and signals itself and returns the behavior for the next one.
 *
 * <p>This is the behavior the runtime ultimately runs; {@link AbstractBehavior} and the builders
 * of {@link Behaviors} produce it. Return {@link Behaviors#same()} to keep this behavior,
 * {@link Behaviors#unhandled()} when the input is not understood.
 *
 * @param <T> the type of message this behavior accepts
 */
public abstract class ExtensibleBehavior<T> extends Behavior<T> {

  /** Constructor for subclasses. */
  protected ExtensibleBehavior() {}

  /** Handles one message and returns the behavior for the next; never {@code null}. */
  public abstract Behavior<T> receive(ActorContext<T> context, T message) throws Exception;

  /** Handles one signal and returns the behavior for the next; never {@code null}. */
  public abstract Behavior<T> receiveSignal(ActorContext<T> context, Signal signal) throws Exception;
}
