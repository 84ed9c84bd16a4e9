package io.troupe.stream.testkit;

import java.time.Duration;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Test publishers: a probe that a test drives by hand and whose demand it can assert on. */
public final class TestPublisher {
  private TestPublisher() {}

  /** Creates a probe; connect it with {@code probe.subscribe(subscriber)} or use {@link TestSource}. */
  public static <T> Probe<T> probe() {
    return new Probe<>();
  }

  sealed interface Event permits Subscribed, RequestMore, CancelSubscription {}

  record Subscribed(Flow.Subscriber<?> subscriber) implements Event {}

  record RequestMore(long n) implements Event {}

  record CancelSubscription(Throwable cause) implements Event {}

  /**
   * A publisher for one subscriber that emits exactly what the test sends and records the
   * subscriber's requests and cancellation.
   *
   * @param <T> the element type
   */
  public static final class Probe<T> implements Flow.Publisher<T> {
    private final LinkedBlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private volatile Flow.Subscriber<? super T> subscriber;
    private long pending;
    private boolean subscribedSeen;

    Probe() {}

    @Override
    public void subscribe(Flow.Subscriber<? super T> s) {
      if (subscriber != null) {
        s.onSubscribe(
            new Flow.Subscription() {
              @Override
              public void request(long n) {}

              @Override
              public void cancel() {}
            });
        s.onError(new IllegalStateException("a test publisher probe accepts one subscriber"));
        return;
      }
      subscriber = s;
      events.add(new Subscribed(s));
      s.onSubscribe(
          new Flow.Subscription() {
            @Override
            public void request(long n) {
              events.add(new RequestMore(n));
            }

            @Override
            public void cancel() {
              events.add(new CancelSubscription(null));
            }
          });
    }

    private Event next(String expecting) {
      try {
        Event e = events.poll(TestSubscriber.DEFAULT_TIMEOUT.toNanos(), TimeUnit.NANOSECONDS);
        if (e == null) {
          throw new AssertionError(
              "timeout (" + TestSubscriber.DEFAULT_TIMEOUT + ") while expecting " + expecting);
        }
        return e;
      } catch (InterruptedException ie) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while expecting " + expecting, ie);
      }
    }

    /** Waits until a subscriber has subscribed. */
    public Probe<T> expectSubscription() {
      if (!subscribedSeen) {
        Event e = next("a subscription");
        if (!(e instanceof Subscribed)) {
          throw new AssertionError("expected a subscription, got " + e);
        }
        subscribedSeen = true;
      }
      return this;
    }

    /** Expects a request and returns how many elements it asked for. */
    public long expectRequest() {
      expectSubscription();
      Event e = next("a request");
      if (!(e instanceof RequestMore r)) {
        throw new AssertionError("expected a request, got " + e);
      }
      pending += r.n();
      return r.n();
    }

    /** Expects a request for exactly {@code n} elements. */
    public Probe<T> expectRequest(long n) {
      long got = expectRequest();
      if (got != n) {
        throw new AssertionError("expected a request for " + n + ", got " + got);
      }
      return this;
    }

    /** Expects the subscriber to cancel (requests before it are skipped). */
    public Probe<T> expectCancellation() {
      expectSubscription();
      while (true) {
        Event e = next("cancellation");
        if (e instanceof CancelSubscription) {
          return this;
        }
        if (e instanceof RequestMore r) {
          pending += r.n();
          continue;
        }
        throw new AssertionError("expected cancellation, got " + e);
      }
    }

    /** Sends {@code element}, first waiting for demand if none is pending. */
    public Probe<T> sendNext(T element) {
      expectSubscription();
      if (pending == 0) {
        expectRequest();
      }
      pending--;
      subscriber.onNext(element);
      return this;
    }

    /** Sends each of {@code elements}. */
    @SafeVarargs
    public final Probe<T> sendNext(T first, T... rest) {
      sendNext(first);
      for (T t : rest) {
        sendNext(t);
      }
      return this;
    }

    /** Completes the stream. */
    public Probe<T> sendComplete() {
      expectSubscription();
      subscriber.onComplete();
      return this;
    }

    /** Fails the stream with {@code cause}. */
    public Probe<T> sendError(Throwable cause) {
      expectSubscription();
      subscriber.onError(cause);
      return this;
    }

    /** How many requested elements have not been sent yet, as far as the probe has seen. */
    public long pending() {
      return pending;
    }

    /**
     * Asserts that the subscriber signals nothing (no request, no cancellation) for {@code
     * duration}; this waits the whole duration, so keep it short.
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
  }
}
