package io.troupe.actor;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A queue-backed actor for the tests of the sub-packages: what it receives can be taken with a
 * generous bound; plus helpers to start and stop systems for tests.
 */
public final class ProbeInbox<T> {
  private static final AtomicInteger COUNTER = new AtomicInteger();

  /** Test configuration: no JVM shutdown hook. */
  public static final Config CONFIG =
      ConfigFactory.parseString("troupe.coordinated-shutdown.run-by-jvm-shutdown-hook = off");

  private final LinkedBlockingQueue<T> queue = new LinkedBlockingQueue<>();
  private final ActorRef<T> ref;

  private ProbeInbox(ActorSystem<?> system) {
    ref = system.systemActorOf(Behaviors.receiveMessage(m -> {
      queue.add(m);
      return Behaviors.same();
    }), "probe-" + COUNTER.incrementAndGet());
  }

  /** A new probe actor under {@code /system}. */
  public static <T> ProbeInbox<T> create(ActorSystem<?> system) {
    return new ProbeInbox<>(system);
  }

  /** A system for tests, with {@link #CONFIG} over the defaults. */
  public static <T> ActorSystem<T> system(Behavior<T> guardian, String name) {
    return ActorSystem.create(guardian, name, CONFIG);
  }

  /** A system for tests with {@code config} over {@link #CONFIG}. */
  public static <T> ActorSystem<T> system(Behavior<T> guardian, String name, Config config) {
    return ActorSystem.create(guardian, name, config.withFallback(CONFIG));
  }

  /** Terminates {@code system} and waits (at most 20 s) until it has. */
  public static void terminate(ActorSystem<?> system) throws Exception {
    system.terminate();
    assertThat(system.getWhenTerminated().toCompletableFuture().get(20, TimeUnit.SECONDS)).isEqualTo(Done.INSTANCE);
  }

  /** The probe's ref. */
  public ActorRef<T> ref() {
    return ref;
  }

  /** The next message, waiting at most 10 s (fails the test after that). */
  public T receive() throws InterruptedException {
    T m = queue.poll(10, TimeUnit.SECONDS);
    assertThat(m).as("a message within 10 s at " + ref).isNotNull();
    return m;
  }

  /** Asserts the next message equals {@code expected}. */
  public void expect(T expected) throws InterruptedException {
    assertThat(receive()).isEqualTo(expected);
  }

  /** The next message, which must be of {@code type}. */
  public <U extends T> U expectType(Class<U> type) throws InterruptedException {
    T m = receive();
    assertThat(m).isInstanceOf(type);
    return type.cast(m);
  }

  /** Whether nothing is waiting right now. */
  public boolean isEmpty() {
    return queue.isEmpty();
  }
}
