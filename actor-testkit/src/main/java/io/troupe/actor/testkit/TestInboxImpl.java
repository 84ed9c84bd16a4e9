package io.troupe.actor.testkit;

import io.troupe.actor.ActorPath;
import io.troupe.actor.ActorRef;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;

/** The inbox: a lock-free queue behind an {@link InboxRef}. */
final class TestInboxImpl<T> implements TestInbox<T> {
  private final ConcurrentLinkedQueue<T> queue = new ConcurrentLinkedQueue<>();
  private final InboxRef<T> ref;

  TestInboxImpl(ActorPath path) {
    this.ref = new InboxRef<>(path, queue::add);
  }

  @Override
  public ActorRef<T> getRef() {
    return ref;
  }

  @Override
  public T receiveMessage() {
    T m = queue.poll();
    if (m == null) {
      throw new NoSuchElementException("receiveMessage: the inbox " + ref.path() + " is empty");
    }
    return m;
  }

  @Override
  public TestInbox<T> expectMessage(T expectedMessage) {
    Objects.requireNonNull(expectedMessage, "expectedMessage");
    T m = queue.poll();
    if (m == null) {
      throw new AssertionError("expectMessage: expected " + Texts.value(expectedMessage)
          + " in the inbox " + ref.path() + ", but it is empty");
    }
    if (!expectedMessage.equals(m)) {
      boolean sameText = String.valueOf(m).equals(String.valueOf(expectedMessage));
      throw new AssertionError("expectMessage: expected "
          + (sameText ? Texts.value(expectedMessage) : "[" + expectedMessage + "]") + ", but got "
          + (sameText ? Texts.value(m) : "[" + m + "]"));
    }
    return this;
  }

  @Override
  public List<T> getAllReceived() {
    List<T> all = new ArrayList<>();
    T m;
    while ((m = queue.poll()) != null) {
      all.add(m);
    }
    return all;
  }

  @Override
  public boolean hasMessages() {
    return !queue.isEmpty();
  }

  @Override
  public String toString() {
    return "TestInbox(" + ref.path() + ")";
  }
}
