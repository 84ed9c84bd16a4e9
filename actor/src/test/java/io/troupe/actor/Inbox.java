package io.troupe.actor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A queue-backed actor for tests: what it receives can be taken with a generous bound. */
final class Inbox<T> {
  private final LinkedBlockingQueue<T> queue = new LinkedBlockingQueue<>();
  final ActorRef<T> ref;

  private static final java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();

  Inbox(ActorSystem<?> system) {
    ref = system.systemActorOf(Behaviors.receiveMessage(m -> {
      queue.add(m);
      return Behaviors.same();
    }), "inbox-" + n.incrementAndGet());
  }

  T receive() throws InterruptedException {
    T m = queue.poll(10, TimeUnit.SECONDS);
    assertThat(m).as("a message within 10 s").isNotNull();
    return m;
  }

  void expect(T expected) throws InterruptedException {
    assertThat(receive()).isEqualTo(expected);
  }

  boolean isEmpty() {
    return queue.isEmpty();
  }
}
