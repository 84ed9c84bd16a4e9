package io.troupe.actor.internal;

import io.troupe.actor.spi.MessageQueue;
import java.util.Comparator;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A mailbox queue that hands out the message that compares lowest first, and messages that compare
 * equal in the order they arrived. Runtime envelopes (timers, adapted messages, piped results) are
 * compared by the message they carry. Internal API: {@code MailboxSelector.priority}.
 */
public final class PriorityMessageQueue implements MessageQueue {
  private record Entry(Object message, Object compared, long seq) {}

  private final PriorityBlockingQueue<Entry> queue;
  private final AtomicLong sequence = new AtomicLong();

  public PriorityMessageQueue(Comparator<Object> comparator) {
    Comparator<Entry> byMessage = (a, b) -> comparator.compare(a.compared(), b.compared());
    this.queue = new PriorityBlockingQueue<>(11, byMessage.thenComparingLong(Entry::seq));
  }

  @Override
  public void enqueue(Object message) {
    Object compared = message instanceof CellMessage cm ? cm.payload() : message;
    queue.add(new Entry(message, compared, sequence.getAndIncrement()));
  }

  @Override
  public Object dequeue() {
    Entry e = queue.poll();
    return e == null ? null : e.message();
  }

  @Override
  public boolean hasMessages() {
    return !queue.isEmpty();
  }
}
