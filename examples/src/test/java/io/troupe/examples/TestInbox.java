package io.troupe.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.troupe.actor.ActorRef;
import io.troupe.actor.ActorSystem;
import io.troupe.actor.Behaviors;
import io.troupe.actor.Terminated;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A ref whose messages a test takes one by one, waiting up to ten seconds for each; and a watcher
 * that records the {@link Terminated} of an actor.
 */
public final class TestInbox<T> {
  /** How long a test waits for something that must happen. */
  public static final Duration PATIENCE = Duration.ofSeconds(10);

  private static final AtomicInteger NAMES = new AtomicInteger();

  private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
  private final ActorRef<T> ref;

  private TestInbox(ActorSystem<?> system) {
    this.ref = system.systemActorOf(
        Behaviors.receiveMessage(m -> {
          queue.add(m);
          return Behaviors.same();
        }),
        "inbox-" + NAMES.incrementAndGet());
  }

  private TestInbox(ActorSystem<?> system, ActorRef<?> watched) {
    this.ref = null;
    system.systemActorOf(
        Behaviors.<Void>setup(ctx -> {
          ctx.watch(watched);
          return Behaviors.receiveSignal((c, signal) -> {
            queue.add(signal);
            return Behaviors.same();
          });
        }),
        "watcher-" + NAMES.incrementAndGet());
  }

  /** A new inbox in {@code system}. */
  public static <T> TestInbox<T> create(ActorSystem<?> system) {
    return new TestInbox<>(system);
  }

  /** An inbox that receives the {@link Terminated} signal of {@code watched}. */
  public static TestInbox<Terminated> watch(ActorSystem<?> system, ActorRef<?> watched) {
    return new TestInbox<>(system, watched);
  }

  /** The ref to send to. */
  public ActorRef<T> ref() {
    return ref;
  }

  /** The next message, waiting up to {@link #PATIENCE}; fails the test if none arrives. */
  @SuppressWarnings("unchecked")
  public T receive() throws InterruptedException {
    Object m = queue.poll(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
    assertThat(m).as("a message within %s", PATIENCE).isNotNull();
    return (T) m;
  }

  /** The next message, which must be of {@code type}. */
  public <M> M expect(Class<M> type) throws InterruptedException {
    T m = receive();
    assertThat(m).isInstanceOf(type);
    return type.cast(m);
  }

  /** Whether nothing has arrived (yet); for checks after a later message proves ordering. */
  public boolean isEmpty() {
    return queue.isEmpty();
  }

  /** Terminates {@code system} and waits for it. */
  public static void shutdown(ActorSystem<?> system) throws Exception {
    system.terminate();
    system.getWhenTerminated().toCompletableFuture().get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
  }
}
