package io.troupe.actor.internal;

/**
 * An envelope the runtime puts in a user mailbox beside user messages (a timer firing, an
 * adapted message, a piped result), so that it keeps its place in the order of arrival. User
 * messages travel without any envelope.
 */
abstract class CellMessage {
  /** Handles the envelope in the running cell. */
  abstract void deliver(ActorCell<?> cell);

  /** What a dead letter of this envelope shows. */
  abstract Object payload();
}
