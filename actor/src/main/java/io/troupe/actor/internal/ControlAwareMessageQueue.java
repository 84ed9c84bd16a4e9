package io.troupe.actor.internal;

import io.troupe.actor.MailboxSelector;
import io.troupe.actor.spi.MessageQueue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A mailbox queue in two lanes: {@link MailboxSelector.ControlMessage}s first, in arrival order,
 * then the others, in arrival order. Internal API: {@code MailboxSelector.controlAware}.
 */
public final class ControlAwareMessageQueue implements MessageQueue {
  private final ConcurrentLinkedQueue<Object> control = new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedQueue<Object> ordinary = new ConcurrentLinkedQueue<>();

  /** An empty queue. */
  public ControlAwareMessageQueue() {}

  @Override
  public void enqueue(Object message) {
    Object payload = message instanceof CellMessage cm ? cm.payload() : message;
    (payload instanceof MailboxSelector.ControlMessage ? control : ordinary).add(message);
  }

  @Override
  public Object dequeue() {
    Object m = control.poll();
    return m != null ? m : ordinary.poll();
  }

  @Override
  public boolean hasMessages() {
    return !control.isEmpty() || !ordinary.isEmpty();
  }
}
