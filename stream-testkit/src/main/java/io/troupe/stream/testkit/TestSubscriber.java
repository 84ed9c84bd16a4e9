package io.troupe.stream.testkit;

import io.troupe.actor.ActorSystem;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Test subscribers: probes that record every signal they receive, so that a test can assert on
 * the signals in order.
 *
 * <p>{@link #probe(ActorSystem)} makes a {@link Probe}, which requests only when the test says so
 * ({@link Probe#request}); {@link #manualProbe(ActorSystem)} makes a {@link ManualProbe}, whose
 * test drives the {@link Flow.Subscription} itself. Every expectation waits at most {@code
 * troupe.stream.testkit.expect-timeout} of the system's configuration (10 s, times the actor test
 * kit's time factor) or the given duration, and fails with an {@link AssertionError} that says
 * what was expected and what came instead.
 *
 * <pre>{@code
 * TestSubscriber.Probe<Integer> probe = TestSubscriber.probe(system);
 * Source.range(1, 3).runWith(Sink.fromSubscriber(probe), system);
 * probe.request(3).expectNext(1, 2, 3).expectComplete();
 * }</pre>
 */
public final class TestSubscriber {
  private TestSubscriber() {}

  /** The bound of every expectation of a probe created without an actor system. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  /** A probe that requests only what the test asks for, with the system's timeouts. */
  public static <T> Probe<T> probe(ActorSystem<?> system) {
    return new Probe<>(ProbeTimeouts.of(system));
  }

  /** A probe whose test drives the subscription itself, with the system's timeouts. */
  public static <T> ManualProbe<T> manualProbe(ActorSystem<?> system) {
    return new ManualProbe<>(ProbeTimeouts.of(system));
  }

  /** A probe with the default timeouts ({@link #DEFAULT_TIMEOUT}). */
  public static <T> Probe<T> probe() {
    return new Probe<>(ProbeTimeouts.DEFAULT);
  }

  /** A manual probe with the default timeouts ({@link #DEFAULT_TIMEOUT}). */
  public static <T> ManualProbe<T> manualProbe() {
    return new ManualProbe<>(ProbeTimeouts.DEFAULT);
  }

  /** A signal that a probe received. */
  public sealed interface SubscriberEvent permits OnSubscribe, OnNext, OnComplete, OnError {}

  /** The subscriber was given {@code subscription}. */
  public record OnSubscribe(Flow.Subscription subscription) implements SubscriberEvent {
    @Override
    public String toString() {
      return "OnSubscribe";
    }
  }

  /** The subscriber received {@code element}. */
  public record OnNext(Object element) implements SubscriberEvent {
    @Override
    public String toString() {
      return "OnNext(" + element + ")";
    }
  }

  /** The stream completed. */
  public record OnComplete() implements SubscriberEvent {
    @Override
    public String toString() {
      return "OnComplete";
    }
  }

  /** The stream failed with {@code cause}. */
  public record OnError(Throwable cause) implements SubscriberEvent {
    @Override
    public String toString() {
      return "OnError(" + cause + ")";
    }
  }

  /**
   * What both kinds of subscriber probe offer: receiving signals and expecting them in order.
   * Expectations other than {@link #expectSubscription()} and {@link #expectEvent()} first take
   * the subscription signal if the test has not taken it yet.
   *
   * @param <T> the element type
   * @param <S> the probe's own type, returned by the fluent methods
   */
  public abstract static sealed class BaseProbe<T, S extends BaseProbe<T, S>>
      implements Flow.Subscriber<T> permits ManualProbe, Probe {
    private final LinkedBlockingQueue<SubscriberEvent> events = new LinkedBlockingQueue<>();
    private final ProbeTimeouts timeouts;
    private volatile Flow.Subscription subscription;

    BaseProbe(ProbeTimeouts timeouts) {
      this.timeouts = timeouts;
    }

    @SuppressWarnings("unchecked")
    private S self() {
      return (S) this;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
      events.add(new OnSubscribe(s));
    }

    @Override
    public void onNext(T item) {
      events.add(new OnNext(item));
    }

    @Override
    public void onError(Throwable throwable) {
      events.add(new OnError(throwable));
    }

    @Override
    public void onComplete() {
      events.add(new OnComplete());
    }

    /** How long an expectation without a duration waits. */
    public Duration expectTimeout() {
      return timeouts.expect();
    }

    private SubscriberEvent next(Duration timeout, String expecting) {
      Objects.requireNonNull(timeout, "timeout");
      try {
        SubscriberEvent e = events.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
        if (e == null) {
          throw new AssertionError("timeout (" + timeout + ") while expecting " + expecting);
        }
        return e;
      } catch (InterruptedException ie) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while expecting " + expecting, ie);
      }
    }

    /** The subscription, taking the subscription signal first if the test has not yet. */
    Flow.Subscription awaitSubscription() {
      Flow.Subscription s = subscription;
      return s != null ? s : expectSubscription();
    }

    /** Expects the next signal to be a subscription, and returns it. */
    public Flow.Subscription expectSubscription() {
      SubscriberEvent e = next(timeouts.expect(), "OnSubscribe");
      if (!(e instanceof OnSubscribe s)) {
        throw new AssertionError("expected OnSubscribe, got " + e);
      }
      subscription = s.subscription();
      return subscription;
    }

    /** Returns the next signal, whatever it is. */
    public SubscriberEvent expectEvent() {
      return expectEvent(timeouts.expect());
    }

    /** Returns the next signal, whatever it is, waiting at most {@code timeout}. */
    public SubscriberEvent expectEvent(Duration timeout) {
      SubscriberEvent e = next(timeout, "any signal");
      if (e instanceof OnSubscribe s) {
        subscription = s.subscription();
      }
      return e;
    }

    /** Expects the next signal to equal {@code event}. */
    public S expectEvent(SubscriberEvent event) {
      Objects.requireNonNull(event, "event");
      SubscriberEvent got = expectEvent();
      if (!got.equals(event)) {
        throw new AssertionError("expected " + event + ", got " + got);
      }
      return self();
    }

    /** Expects the next signal to be an element, and returns it. */
    public T expectNext() {
      return expectNext(timeouts.expect());
    }

    /** Expects an element within {@code timeout}, and returns it. */
    @SuppressWarnings("unchecked")
    public T expectNext(Duration timeout) {
      awaitSubscription();
      SubscriberEvent e = next(timeout, "OnNext");
      if (!(e instanceof OnNext n)) {
        throw new AssertionError("expected OnNext, got " + e);
      }
      return (T) n.element();
    }

    /** Expects the next element to equal {@code element}. */
    public S expectNext(T element) {
      return expectNext(timeouts.expect(), element);
    }

    /** Expects the next element, within {@code timeout}, to equal {@code element}. */
    public S expectNext(Duration timeout, T element) {
      awaitSubscription();
      SubscriberEvent e = next(timeout, "OnNext(" + element + ")");
      if (!(e instanceof OnNext n) || !Objects.equals(n.element(), element)) {
        throw new AssertionError("expected OnNext(" + element + "), got " + e);
      }
      return self();
    }

    /** Expects the next elements to equal {@code first}, {@code second} and {@code rest}, in order. */
    @SafeVarargs
    public final S expectNext(T first, T second, T... rest) {
      List<T> want = new ArrayList<>(rest.length + 2);
      want.add(first);
      want.add(second);
      for (T t : rest) {
        want.add(t);
      }
      return expectNextN(want);
    }

    /** Expects {@code n} elements and returns them. */
    public List<T> expectNextN(long n) {
      if (n < 0) {
        throw new IllegalArgumentException("n must be >= 0, was " + n);
      }
      awaitSubscription();
      List<T> got = new ArrayList<>();
      for (long i = 0; i < n; i++) {
        SubscriberEvent e = next(timeouts.expect(), "OnNext (" + (i + 1) + " of " + n + ")");
        if (!(e instanceof OnNext next)) {
          throw new AssertionError(
              "expected " + n + " elements, got " + got.size() + " " + got + " and then " + e);
        }
        @SuppressWarnings("unchecked")
        T t = (T) next.element();
        got.add(t);
      }
      return got;
    }

    /** Expects exactly the elements of {@code elements}, in order. */
    public S expectNextN(List<T> elements) {
      Objects.requireNonNull(elements, "elements");
      awaitSubscription();
      List<T> got = new ArrayList<>(elements.size());
      for (T want : elements) {
        SubscriberEvent e = next(timeouts.expect(), "OnNext(" + want + ")");
        if (!(e instanceof OnNext n) || !Objects.equals(n.element(), want)) {
          throw new AssertionError(
              "expected elements " + elements + "; after " + got + " expected OnNext(" + want
                  + "), got " + e);
        }
        got.add(want);
      }
      return self();
    }

    /** Expects the given elements in any order. */
    @SafeVarargs
    public final S expectNextUnordered(T... elements) {
      List<T> want = new ArrayList<>(elements.length);
      for (T t : elements) {
        want.add(t);
      }
      awaitSubscription();
      while (!want.isEmpty()) {
        SubscriberEvent e = next(timeouts.expect(), "one of " + want);
        if (!(e instanceof OnNext n) || !want.remove(n.element())) {
          throw new AssertionError("expected one of " + want + ", got " + e);
        }
      }
      return self();
    }

    /** Expects completion. */
    public S expectComplete() {
      awaitSubscription();
      SubscriberEvent e = next(timeouts.expect(), "OnComplete");
      if (!(e instanceof OnComplete)) {
        throw new AssertionError("expected OnComplete, got " + e);
      }
      return self();
    }

    /** Expects a failure and returns its cause. */
    public Throwable expectError() {
      awaitSubscription();
      SubscriberEvent e = next(timeouts.expect(), "OnError");
      if (!(e instanceof OnError err)) {
        throw new AssertionError("expected OnError, got " + e);
      }
      return err.cause();
    }

    /** Expects a failure whose cause equals {@code cause}. */
    public S expectError(Throwable cause) {
      Objects.requireNonNull(cause, "cause");
      Throwable got = expectError();
      if (!Objects.equals(got, cause)) {
        throw new AssertionError("expected OnError(" + cause + "), got OnError(" + got + ")", got);
      }
      return self();
    }

    /** Expects the subscription and then completion, with no element in between. */
    public S expectSubscriptionAndComplete() {
      expectSubscription();
      return expectComplete();
    }

    /** Expects the subscription and then a failure, and returns its cause. */
    public Throwable expectSubscriptionAndError() {
      expectSubscription();
      return expectError();
    }

    /** Expects the subscription and then a failure whose cause equals {@code cause}. */
    public S expectSubscriptionAndError(Throwable cause) {
      expectSubscription();
      return expectError(cause);
    }

    /**
     * Asserts that no signal arrives for {@code duration}; this waits the whole duration, so keep
     * it short.
     */
    public S expectNoMessage(Duration duration) {
      Objects.requireNonNull(duration, "duration");
      try {
        SubscriberEvent e = events.poll(duration.toNanos(), TimeUnit.NANOSECONDS);
        if (e != null) {
          throw new AssertionError("expected no signal for " + duration + ", got " + e);
        }
      } catch (InterruptedException ie) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted", ie);
      }
      return self();
    }

    /**
     * Asserts that no signal arrives for {@code troupe.stream.testkit.expect-no-message-timeout}
     * (100 ms).
     */
    public S expectNoMessage() {
      return expectNoMessage(timeouts.noMessage());
    }

    /** Requests everything and collects the elements until completion. */
    public List<T> toStrict() {
      return toStrict(timeouts.expect());
    }

    /**
     * Requests everything and collects the elements until completion, waiting at most {@code
     * timeout} for each signal; fails on an error.
     */
    public List<T> toStrict(Duration timeout) {
      awaitSubscription().request(Long.MAX_VALUE);
      List<T> got = new ArrayList<>();
      while (true) {
        SubscriberEvent e = next(timeout, "OnNext or OnComplete");
        if (e instanceof OnNext n) {
          @SuppressWarnings("unchecked")
          T t = (T) n.element();
          got.add(t);
        } else if (e instanceof OnComplete) {
          return got;
        } else {
          throw new AssertionError(
              "expected OnNext or OnComplete after " + got + ", got " + e,
              e instanceof OnError err ? err.cause() : null);
        }
      }
    }
  }

  /**
   * A subscriber probe whose test drives the subscription: take it with {@link
   * #expectSubscription()} and call {@code request}/{@code cancel} on it.
   *
   * @param <T> the element type
   */
  public static final class ManualProbe<T> extends BaseProbe<T, ManualProbe<T>> {
    ManualProbe(ProbeTimeouts timeouts) {
      super(timeouts);
    }
  }

  /**
   * A subscriber probe that requests only what the test asks for ({@link #request}), and cancels
   * when it says so.
   *
   * @param <T> the element type
   */
  public static final class Probe<T> extends BaseProbe<T, Probe<T>> {
    Probe(ProbeTimeouts timeouts) {
      super(timeouts);
    }

    /** Takes the subscription signal if that has not happened yet. */
    public Probe<T> ensureSubscription() {
      awaitSubscription();
      return this;
    }

    /** Requests {@code n} more elements. */
    public Probe<T> request(long n) {
      awaitSubscription().request(n);
      return this;
    }

    /** Cancels the subscription. */
    public Probe<T> cancel() {
      awaitSubscription().cancel();
      return this;
    }

    /** Requests one element and returns it. */
    public T requestNext() {
      request(1);
      return expectNext();
    }

    /** Requests one element and expects it to equal {@code element}. */
    public Probe<T> requestNext(T element) {
      request(1);
      return expectNext(element);
    }
  }
}
