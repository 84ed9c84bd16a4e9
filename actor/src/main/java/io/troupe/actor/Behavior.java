package io.troupe.actor;

/**
 * How an actor reacts to the next message or signal; the value a message handler returns to say
 * how to react to the one after.
 *
 * <p>Behaviors are immutable blueprints or stateful objects owned by one actor. Create them with
 * {@link Behaviors} or by extending {@link AbstractBehavior}; the runtime interprets the special
 * ones ({@link Behaviors#same()}, {@link Behaviors#stopped()}, {@link Behaviors#setup}, ...)
 * itself.
 *
 * @param <T> the type of message this behavior accepts
 */
public abstract class Behavior<T> {

  /** For the runtime and {@link ExtensibleBehavior}; users extend {@link AbstractBehavior}. */
  protected Behavior() {}

  /**
   * Views this behavior as one for a narrower message type; safe because a behavior that handles
   * every {@code T} handles every {@code U extends T}.
   */
  @SuppressWarnings("unchecked")
  public final <U extends T> Behavior<U> narrow() {
    return (Behavior<U>) this;
  }

  /** Views this behavior as one for another message type without any check; use with care. */
  @SuppressWarnings("unchecked")
  public final <U> Behavior<U> unsafeCast() {
    return (Behavior<U>) this;
  }
}
