package io.troupe.actor.spi;

/**
 * The queue of a custom mailbox (priority, control-aware, ...): many threads enqueue, the actor's
 * turn alone dequeues. The default mailbox does not use this interface; it is a lock-free queue
 * built into the actor cell.
 */
public interface MessageQueue {
  /** Adds a message; called from any thread, must be thread-safe and must not block for long. */
  void enqueue(Object message);

  /** Takes the next message, or {@code null} when empty; called only by the actor's turn. */
  Object dequeue();

  /** Whether a message is waiting. */
  boolean hasMessages();
}
