package io.troupe.stream.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Test subscribers: a probe that records every signal and lets a test assert on them in order. */
public final class TestSubscriber {
  private TestSubscriber() {}

  /** The default bound for every expectation. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  /** Creates a probe; connect it with {@code publisher.subscribe(probe)} or use {@link TestSink}. */
  public static <T> Probe<T> probe() {
    return new Probe<>();
  }

  /** A recorded signal. */
  sealed interface Event permits OnSubscribe, OnNext, OnComplete, OnError {}

  record OnSubscribe(Flow.Subscription subscription) implements Event {}

  record OnNext(Object element) implements Event {}

  record OnComplete() implements Event {}

  record OnError(Throwable cause) implements Event {}

  /**
   * A subscriber that records what it receives and requests only what the test asks for. Every
   * expectation waits at most {@link #DEFAULT_TIMEOUT} (or the given time) and throws {@link
   * AssertionError} when it is not met.
   *
   * @param <T> the element type
   */
  public static final class Probe<T> implements Flow.Subscriber<T> {
    private final LinkedBlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private volatile Flow.Subscription subscription;

    Probe() {}

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

    private Event next(Duration timeout, String expecting) {
      try {
        Event e = events.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
        if (e == null) {
          throw new AssertionError("timeout (" + timeout + ") while expecting " + expecting);
        }
        return e;
      } catch (InterruptedException ie) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while expecting " + expecting, ie);
      }
    }

    /** Waits for the subscription and returns it. */
    public Flow.Subscription expectSubscription() {
      Event e = next(DEFAULT_TIMEOUT, "OnSubscribe");
      if (!(e instanceof OnSubscribe s)) {
        throw new AssertionError("expected OnSubscribe, got " + e);
      }
      subscription = s.subscription();
      return subscription;
    }

    /** The subscription, waiting for it if it has not arrived yet. */
    public Flow.Subscription ensureSubscription() {
      Flow.Subscription s = subscription;
      return s != null ? s : expectSubscription();
    }

    /** Requests {@code n} more elements. */
    public Probe<T> request(long n) {
      ensureSubscription().request(n);
      return this;
    }

    /** Cancels the subscription. */
    public Probe<T> cancel() {
      ensureSubscription().cancel();
      return this;
    }

    /** Requests one element and returns it. */
    public T requestNext() {
      request(1);
      return expectNext();
    }

    /** Requests one element and expects it to be {@code element}. */
    public Probe<T> requestNext(T element) {
      request(1);
      return expectNext(element);
    }

    /** Expects the next signal to be an element, and returns it. */
    @SuppressWarnings("unchecked")
    public T expectNext() {
      return expectNext(DEFAULT_TIMEOUT);
    }

    /** Expects an element within {@code timeout}, and returns it. */
    @SuppressWarnings("unchecked")
    public T expectNext(Duration timeout) {
      ensureSubscription();
      Event e = next(timeout, "OnNext");
      if (!(e instanceof OnNext n)) {
        throw new AssertionError("expected OnNext, got " + e);
      }
      return (T) n.element();
    }

    /** Expects the next element to equal {@code element}. */
    public Probe<T> expectNext(T element) {
      T got = expectNext();
      if (!Objects.equals(got, element)) {
        throw new AssertionError("expected OnNext(" + element + "), got OnNext(" + got + ")");
      }
      return this;
    }

    /** Expects the next elements to equal {@code first}, {@code second} and {@code rest}, in order. */
    @SafeVarargs
    public final Probe<T> expectNext(T first, T second, T... rest) {
      expectNext(first);
      expectNext(second);
      for (T t : rest) {
        expectNext(t);
      }
      return this;
    }

    /** Expects {@code n} elements and returns them. */
    public List<T> expectNextN(long n) {
      List<T> got = new ArrayList<>();
      for (long i = 0; i < n; i++) {
        got.add(expectNext());
      }
      return got;
    }

    /** Expects exactly the elements of {@code elements}, in order. */
    public Probe<T> expectNextN(List<T> elements) {
      List<T> got = expectNextN(elements.size());
      if (!got.equals(elements)) {
        throw new AssertionError("expected " + elements + ", got " + got);
      }
      return this;
    }

    /** Expects the elements in any order. */
    @SafeVarargs
    public final Probe<T> expectNextUnordered(T... elements) {
      List<T> want = new ArrayList<>(elements.length);
      for (T e : elements) {
        want.add(e);
      }
      List<T> got = expectNextN(want.size());
      for (T t : got) {
        if (!want.remove(t)) {
          throw new AssertionError("unexpected element " + t + "; still wanted " + want);
        }
      }
      return this;
    }

    /** Expects completion. */
    public Probe<T> expectComplete() {
      ensureSubscription();
      Event e = next(DEFAULT_TIMEOUT, "OnComplete");
      if (!(e instanceof OnComplete)) {
        throw new AssertionError("expected OnComplete, got " + e);
      }
      return this;
    }

    /** Expects a failure and returns its cause. */
    public Throwable expectError() {
      ensureSubscription();
      Event e = next(DEFAULT_TIMEOUT, "OnError");
      if (!(e instanceof OnError err)) {
        throw new AssertionError("expected OnError, got " + e);
      }
      return err.cause();
    }

    /** Expects a failure equal to {@code cause}. */
    public Probe<T> expectError(Throwable cause) {
      Throwable got = expectError();
      if (!Objects.equals(got, cause)) {
        throw new AssertionError("expected OnError(" + cause + "), got OnError(" + got + ")", got);
      }
      return this;
    }

    /** Expects the subscription and then completion at once (no element). */
    public Probe<T> expectSubscriptionAndComplete() {
      expectSubscription();
      return expectComplete();
    }

    /** Expects the subscription and then a failure, and returns its cause. */
    public Throwable expectSubscriptionAndError() {
      expectSubscription();
      return expectError();
    }

    /**
     * Asserts that no signal arrives for {@code duration}; this waits the whole duration, so keep
     * it short.
     */
    public Probe<T> expectNoMessage(Duration duration) {
      try {
        Event e = events.poll(duration.toNanos(), TimeUnit.NANOSECONDS);
        if (e != null) {
          throw new AssertionError("expected no signal for " + duration + ", got " + e);
        }
      } catch (InterruptedException ie) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted", ie);
      }
      return this;
    }

    /** Asserts that no signal arrives for 100 milliseconds. */
    public Probe<T> expectNoMessage() {
      return expectNoMessage(Duration.ofMillis(100));
    }

    /** Requests everything and collects the elements until completion. */
    public List<T> toStrict() {
      request(Long.MAX_VALUE);
      List<T> got = new ArrayList<>();
      while (true) {
        Event e = next(DEFAULT_TIMEOUT, "OnNext or OnComplete");
        if (e instanceof OnNext n) {
          @SuppressWarnings("unchecked")
          T t = (T) n.element();
          got.add(t);
        } else if (e instanceof OnComplete) {
          return got;
        } else {
          throw new AssertionError("expected OnNext or OnComplete, got " + e);
        }
      }
    }
  }
}
