package io.troupe.actor;

/**
 * The address of an actor: the only way to send it messages.
 *
 * <p>{@link #tell} never blocks and never fails for a live system: a message to a stopped actor
 * becomes a {@link DeadLetter}. Between one sender and one receiver, messages arrive in the
 * order they were sent; delivery is at most once. Refs are safe to share between threads and
 * compare equal when they denote the same actor.
 *
 * @param <T> the type of message the actor accepts
 */
public interface ActorRef<T> extends Comparable<ActorRef<?>> {

  /**
   * Sends a message, fire and forget.
   *
   * @throws NullPointerException if {@code message} is null
   */
  void tell(T message);

  /** The actor's path, unique in its system for as long as the actor lives. */
  ActorPath path();

  /** Views this ref as one for a narrower message type; always safe. */
  @SuppressWarnings("unchecked")
  default <U extends T> ActorRef<U> narrow() {
    return (ActorRef<U>) this;
  }

  /** Views this ref as one for another message type without any check; use with care. */
  @SuppressWarnings("unchecked")
  default <U> ActorRef<U> unsafeUpcast() {
    return (ActorRef<U>) this;
  }

  @Override
  default int compareTo(ActorRef<?> other) {
    return path().compareTo(other.path());
  }
}
