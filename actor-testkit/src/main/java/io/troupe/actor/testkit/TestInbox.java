package io.troupe.actor.testkit;

import io.troupe.actor.ActorRef;
import java.util.List;

/**
 * A ref that only collects what is sent to it, for tests that run on one thread (such as those
 * with {@link BehaviorTestKit}): nothing waits, a missing message fails at once.
 *
 * <p>The ref may be told from any thread; the inbox keeps the messages in arrival order.
 *
 * @param <T> the type of message the inbox accepts
 */
public interface TestInbox<T> {

  /** A new inbox named "inbox". */
  static <T> TestInbox<T> create() {
    return new TestInboxImpl<>(InboxRef.anonymousPath("inbox"));
  }

  /** A new inbox; {@code name} appears in its ref's path. */
  static <T> TestInbox<T> create(String name) {
    return new TestInboxImpl<>(InboxRef.anonymousPath(java.util.Objects.requireNonNull(name, "name")));
  }

  /** The ref whose messages this inbox collects. */
  ActorRef<T> getRef();

  /**
   * Takes the oldest message.
   *
   * @throws java.util.NoSuchElementException if the inbox is empty
   */
  T receiveMessage();

  /**
   * Takes the oldest message and checks that it equals {@code expectedMessage}.
   *
   * @throws AssertionError if the inbox is empty or holds another message first
   */
  TestInbox<T> expectMessage(T expectedMessage);

  /** Takes all messages, oldest first. */
  List<T> getAllReceived();

  /** Whether a message is waiting. */
  boolean hasMessages();
}
