package io.troupe.actor.testkit;

import io.troupe.actor.ActorRef;
import io.troupe.actor.ActorSystem;
import io.troupe.japi.function.Creator;
import io.troupe.japi.function.Function;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * A stand-in actor that a test hands to the actors under test and then asks what it received.
 *
 * <pre>{@code
 * TestProbe<Pong> probe = testKit.createTestProbe();
 * pinger.tell(new Ping("hello", probe.ref()));
 * probe.expectMessage(new Pong("hello"));
 * }</pre>
 *
 * <p>A probe is a real (small) actor under {@code /system}, so actors may watch it and it can
 * {@linkplain #expectTerminated watch} others. Its messages wait in a queue until an
 * {@code expect…} or {@code receive…} method takes them, oldest first. Methods without a timeout
 * wait for {@link #getRemainingOrDefault()}: what is left of the enclosing {@link #within} block,
 * else {@code single-expect-default} (3 s). Explicit timeouts are {@linkplain
 * TestKitSettings#dilated dilated} by the time factor. A failed expectation throws an
 * {@link AssertionError} that says what was expected and what arrived, or that nothing did.
 *
 * <p>Use a probe from one test thread at a time.
 *
 * @param <T> the type of message the probe accepts
 */
public interface TestProbe<T> {

  /** A probe in {@code system}. */
  static <T> TestProbe<T> create(ActorSystem<?> system) {
    return TestProbeImpl.create("testProbe", system);
  }

  /** A probe in {@code system} for messages of {@code clazz}; the class only fixes the type. */
  static <T> TestProbe<T> create(Class<T> clazz, ActorSystem<?> system) {
    java.util.Objects.requireNonNull(clazz, "clazz");
    return TestProbeImpl.create("testProbe", system);
  }

  /** A probe in {@code system} whose actor name starts with {@code name}. */
  static <T> TestProbe<T> create(String name, ActorSystem<?> system) {
    return TestProbeImpl.create(name, system);
  }

  /** A named probe in {@code system} for messages of {@code clazz}. */
  static <T> TestProbe<T> create(String name, Class<T> clazz, ActorSystem<?> system) {
    java.util.Objects.requireNonNull(clazz, "clazz");
    return TestProbeImpl.create(name, system);
  }

  /** The probe's ref, to hand to the actors under test. */
  ActorRef<T> ref();

  /** Same as {@link #ref()}. */
  ActorRef<T> getRef();

  /**
   * What is left of the enclosing {@link #within} block.
   *
   * @throws IllegalStateException outside a {@code within} block
   */
  Duration getRemaining();

  /** What is left of the enclosing {@link #within} block, else {@code duration} (not dilated). */
  Duration getRemainingOr(Duration duration);

  /** What is left of the enclosing {@link #within} block, else {@code single-expect-default}. */
  Duration getRemainingOrDefault();

  /**
   * Runs {@code f} and checks that it took at least {@code min} and at most {@code max}
   * (dilated); inside, expectations without a timeout wait only for what is left of {@code max}.
   * The upper bound is not checked when the block ends with {@link #expectNoMessage}, which
   * waits on purpose. Blocks nest: an inner block cannot outlast the outer one.
   *
   * @throws AssertionError if the block was faster than {@code min} or slower than {@code max}
   */
  <U> U within(Duration min, Duration max, Supplier<U> f);

  /** {@link #within(Duration, Duration, Supplier)} with no lower bound. */
  <U> U within(Duration max, Supplier<U> f);

  /** Expects {@code obj} (by {@code equals}) as the next message, and returns it. */
  <U extends T> U expectMessage(U obj);

  /** Expects {@code obj} as the next message within {@code max} (dilated). */
  <U extends T> U expectMessage(Duration max, U obj);

  /** Expects {@code obj} within {@code max}; {@code hint} is added to a failure's message. */
  <U extends T> U expectMessage(Duration max, String hint, U obj);

  /** Expects no message for {@code expect-no-message-default} (100 ms). */
  void expectNoMessage();

  /** Expects no message for {@code max} (dilated). */
  void expectNoMessage(Duration max);

  /** Expects the next message to be an instance of {@code clazz}, and returns it. */
  <U extends T> U expectMessageClass(Class<U> clazz);

  /** Expects the next message, within {@code max} (dilated), to be an instance of {@code clazz}. */
  <U extends T> U expectMessageClass(Class<U> clazz, Duration max);

  /** Takes the next message, waiting up to {@link #getRemainingOrDefault()}. */
  T receiveMessage();

  /** Takes the next message, waiting up to {@code max} (dilated). */
  T receiveMessage(Duration max);

  /** Takes the next {@code n} messages, all within {@link #getRemainingOrDefault()}. */
  List<T> receiveSeveralMessages(int n);

  /** Takes the next {@code n} messages, all within {@code max} (dilated). */
  List<T> receiveSeveralMessages(int n, Duration max);

  /**
   * Takes messages and asks {@code fisher} about each until it answers {@link
   * FishingOutcomes#complete()}; returns the messages it collected, the last one included.
   *
   * @throws AssertionError if {@code max} (dilated) passes first, or the fisher answers {@link
   *     FishingOutcomes#fail}; the message lists what arrived meanwhile
   */
  List<T> fishForMessage(Duration max, Function<T, FishingOutcome> fisher);

  /** {@link #fishForMessage(Duration, Function)} with a hint for the failure message. */
  List<T> fishForMessage(Duration max, String hint, Function<T, FishingOutcome> fisher);

  /** Expects {@code ref} to stop, within {@link #getRemainingOrDefault()}; watches it first. */
  <U> void expectTerminated(ActorRef<U> ref);

  /**
   * Watches {@code ref} and expects its termination as the next thing the probe gets, within
   * {@code max} (dilated).
   *
   * @throws IllegalArgumentException if {@code ref} cannot be watched (it is not an actor)
   */
  <U> void expectTerminated(ActorRef<U> ref, Duration max);

  /**
   * Evaluates {@code supplier} until it returns without throwing, every 100 ms for at most
   * {@link #getRemainingOrDefault()}; then rethrows its last failure.
   */
  <A> A awaitAssert(Creator<A> supplier);

  /** {@link #awaitAssert(Creator)} for at most {@code max} (dilated). */
  <A> A awaitAssert(Duration max, Creator<A> supplier);

  /** {@link #awaitAssert(Creator)} for at most {@code max} (dilated), every {@code interval}. */
  <A> A awaitAssert(Duration max, Duration interval, Creator<A> supplier);

  /** Stops the probe's actor; messages sent to it later become dead letters. */
  void stop();
}
