package io.troupe.stream.testkit;

import io.troupe.actor.ActorSystem;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Test publishers: probes that emit exactly what the test sends and record what their subscribers
 * ask for (requests, cancellation), so that a test can assert on it.
 *
 * <p>{@link #probe(ActorSystem)} makes a {@link Probe} for one subscriber, which the test drives
 * directly ({@link Probe#sendNext}, {@link Probe#expectRequest}); {@link
 * #manualProbe(ActorSystem)} makes a {@link ManualProbe} that accepts any number of subscribers
 * and hands the test one {@link PublisherProbeSubscription} per subscriber. Expectations wait at
 * most {@code troupe.stream.testkit.expect-timeout} (10 s, times the actor test kit's time factor)
 * and fail with an {@link AssertionError} that says what was expected and what came instead.
 *
 * <pre>{@code
 * TestPublisher.Probe<Integer> probe = TestPublisher.probe(system);
 * CompletionStage<List<Integer>> seq = Source.fromPublisher(probe).runWith(Sink.seq(), system);
 * probe.sendNext(1).sendNext(2).sendComplete();
 * }</pre>
 */
public final class TestPublisher {
  private TestPublisher() {}

  /** A probe for one subscriber, with the system's timeouts. */
  public static <T> Probe<T> probe(ActorSystem<?> system) {
    return probe(0, system);
  }

  /**
   * A probe for one subscriber that behaves as if {@code initialPendingRequests} elements had
   * already been requested, with the system's timeouts.
   */
  public static <T> Probe<T> probe(long initialPendingRequests, ActorSystem<?> system) {
    if (initialPendingRequests < 0) {
      throw new IllegalArgumentException(
          "initialPendingRequests must be >= 0, was " + initialPendingRequests);
    }
    return new Probe<>(ProbeTimeouts.of(system), initialPendingRequests);
  }

  /** A probe for any number of subscribers, which get their subscription when they subscribe. */
  public static <T> ManualProbe<T> manualProbe(ActorSystem<?> system) {
    return manualProbe(true, system);
  }

  /**
   * A probe for any number of subscribers; with {@code autoOnSubscribe} false a subscriber gets
   * no {@code onSubscribe} until the test calls {@link PublisherProbeSubscription#sendOnSubscribe()}.
   */
  public static <T> ManualProbe<T> manualProbe(boolean autoOnSubscribe, ActorSystem<?> system) {
    return new ManualProbe<>(ProbeTimeouts.of(system), autoOnSubscribe);
  }

  /** A probe for one subscriber with the default timeouts ({@link TestSubscriber#DEFAULT_TIMEOUT}). */
  public static <T> Probe<T> probe() {
    return new Probe<>(ProbeTimeouts.DEFAULT, 0);
  }

  /** What a publisher probe observed of one of its subscribers. */
  public sealed interface PublisherEvent permits Subscribe, RequestMore, CancelSubscription {}

  /** A subscriber subscribed; {@code subscription} is its handle for the test. */
  public record Subscribe(PublisherProbeSubscription<?> subscription) implements PublisherEvent {
    @Override
    public String toString() {
      return "Subscribe(" + subscription.subscriber() + ")";
    }
  }

  /** The subscriber of {@code subscription} requested {@code n} more elements. */
  public record RequestMore(PublisherProbeSubscription<?> subscription, long n)
      implements PublisherEvent {
    @Override
    public String toString() {
      return "RequestMore(" + n + ")";
    }
  }

  /** The subscriber of {@code subscription} cancelled. */
  public record CancelSubscription(PublisherProbeSubscription<?> subscription)
      implements PublisherEvent {
    @Override
    public String toString() {
      return "CancelSubscription";
    }
  }

  /**
   * The test's handle on one subscriber of a publisher probe: it sends signals to the subscriber
   * and expects the subscriber's requests and cancellation.
   *
   * @param <T> the element type
   */
  public static final class PublisherProbeSubscription<T> implements Flow.Subscription {
    private final Flow.Subscriber<? super T> subscriber;
    private final ManualProbe<T> probe;

    PublisherProbeSubscription(Flow.Subscriber<? super T> subscriber, ManualProbe<T> probe) {
      this.subscriber = subscriber;
      this.probe = probe;
    }

    /** The subscriber this subscription belongs to. */
    public Flow.Subscriber<? super T> subscriber() {
      return subscriber;
    }

    @Override
    public void request(long n) {
      probe.events.add(new RequestMore(this, n));
    }

    @Override
    public void cancel() {
      probe.events.add(new CancelSubscription(this));
    }

    /** Signals {@code onSubscribe(this)} (for a manual probe created without auto-subscribe). */
    public PublisherProbeSubscription<T> sendOnSubscribe() {
      subscriber.onSubscribe(this);
      return this;
    }

    /** Signals {@code onNext(element)}, whether or not it was requested. */
    public PublisherProbeSubscription<T> sendNext(T element) {
      subscriber.onNext(element);
      return this;
    }

    /** Signals {@code onComplete()}. */
    public PublisherProbeSubscription<T> sendComplete() {
      subscriber.onComplete();
      return this;
    }

    /** Signals {@code onError(cause)}. */
    public PublisherProbeSubscription<T> sendError(Throwable cause) {
      subscriber.onError(cause);
      return this;
    }

    /** Expects the next event of the probe to be a request by this subscriber, and returns it. */
    public long expectRequest() {
      PublisherEvent e = probe.next("a request");
      if (!(e instanceof RequestMore r) || r.subscription() != this) {
        throw new AssertionError("expected a request, got " + e);
      }
      return r.n();
    }

    /** Expects the next event to be a request for exactly {@code n} elements by this subscriber. */
    public PublisherProbeSubscription<T> expectRequest(long n) {
      long got = expectRequest();
      if (got != n) {
        throw new AssertionError("expected a request for " + n + ", got a request for " + got);
      }
      return this;
    }

    /** Expects the next event to be this subscriber's cancellation. */
    public PublisherProbeSubscription<T> expectCancellation() {
      PublisherEvent e = probe.next("cancellation");
      if (!(e instanceof CancelSubscription c) || c.subscription() != this) {
        throw new AssertionError("expected cancellation, got " + e);
      }
      return this;
    }
  }

  /**
   * A publisher probe for any number of subscribers: each subscription shows up as a {@link
   * Subscribe} event that {@link #expectSubscription()} takes.
   *
   * @param <T> the element type
   */
  public static sealed class ManualProbe<T> implements Flow.Publisher<T> permits Probe {
    final LinkedBlockingQueue<PublisherEvent> events = new LinkedBlockingQueue<>();
    final ProbeTimeouts timeouts;
    private final boolean autoOnSubscribe;

    ManualProbe(ProbeTimeouts timeouts, boolean autoOnSubscribe) {
      this.timeouts = timeouts;
      this.autoOnSubscribe = autoOnSubscribe;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super T> subscriber) {
      Objects.requireNonNull(subscriber, "subscriber"); // Reactive Streams rule 1.9
      PublisherProbeSubscription<T> s = new PublisherProbeSubscription<>(subscriber, this);
      events.add(new Subscribe(s));
      if (autoOnSubscribe) {
        subscriber.onSubscribe(s);
      }
    }

    /** This probe as a publisher (Pekko's {@code getPublisher}). */
    public Flow.Publisher<T> getPublisher() {
      return this;
    }

    PublisherEvent next(String expecting) {
      try {
        PublisherEvent e = events.poll(timeouts.expect().toNanos(), TimeUnit.NANOSECONDS);
        if (e == null) {
          throw new AssertionError(
              "timeout (" + timeouts.expect() + ") while expecting " + expecting);
        }
        return e;
      } catch (InterruptedException ie) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while expecting " + expecting, ie);
      }
    }

    /** Expects the next event to be a subscriber subscribing, and returns its subscription. */
    @SuppressWarnings("unchecked")
    public PublisherProbeSubscription<T> expectSubscription() {
      PublisherEvent e = next("a subscription");
      if (!(e instanceof Subscribe s)) {
        throw new AssertionError("expected a subscription, got " + e);
      }
      return (PublisherProbeSubscription<T>) s.subscription();
    }

    /** Expects the next event to be a request for exactly {@code n} elements on {@code subscription}. */
    public ManualProbe<T> expectRequest(PublisherProbeSubscription<T> subscription, long n) {
      Objects.requireNonNull(subscription, "subscription").expectRequest(n);
      return this;
    }

    /** Returns the next event, whatever it is. */
    public PublisherEvent expectEvent() {
      return next("any event");
    }

    /**
     * Asserts that no subscriber subscribes, requests or cancels for {@code duration}; this waits
     * the whole duration, so keep it short.
     */
    public ManualProbe<T> expectNoMessage(Duration duration) {
      Objects.requireNonNull(duration, "duration");
      try {
        PublisherEvent e = events.poll(duration.toNanos(), TimeUnit.NANOSECONDS);
        if (e != null) {
          throw new AssertionError("expected no signal for " + duration + ", got " + e);
        }
      } catch (InterruptedException ie) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted", ie);
      }
      return this;
    }

    /** Like {@link #expectNoMessage(Duration)} for {@code expect-no-message-timeout} (100 ms). */
    public ManualProbe<T> expectNoMessage() {
      return expectNoMessage(timeouts.noMessage());
    }
  }

  /**
   * A publisher probe for one subscriber that the test drives directly: {@link #sendNext} waits
   * for demand when none is pending, and the probe keeps count of what was requested and not yet
   * sent. A second subscriber gets {@code onSubscribe} and then {@code onError}.
   *
   * @param <T> the element type
   */
  public static final class Probe<T> extends ManualProbe<T> {
    private volatile PublisherProbeSubscription<T> subscription;
    private long pending;
    private boolean subscribed;

    Probe(ProbeTimeouts timeouts, long initialPendingRequests) {
      super(timeouts, true);
      this.pending = initialPendingRequests;
    }

    @Override
    public synchronized void subscribe(Flow.Subscriber<? super T> subscriber) {
      Objects.requireNonNull(subscriber, "subscriber");
      if (subscribed) {
        subscriber.onSubscribe(
            new Flow.Subscription() {
              @Override
              public void request(long n) {}

              @Override
              public void cancel() {}
            });
        subscriber.onError(
            new IllegalStateException("a TestPublisher.Probe accepts only one subscriber"));
        return;
      }
      subscribed = true;
      super.subscribe(subscriber);
    }

    /** The subscriber's subscription, waiting for the subscriber the first time. */
    @Override
    public PublisherProbeSubscription<T> expectSubscription() {
      return subscription();
    }

    /** Waits until the subscriber has subscribed (once; later calls return at once). */
    public Probe<T> ensureSubscription() {
      subscription();
      return this;
    }

    private PublisherProbeSubscription<T> subscription() {
      PublisherProbeSubscription<T> s = subscription;
      if (s == null) {
        s = super.expectSubscription();
        subscription = s;
      }
      return s;
    }

    /** Expects a request from the subscriber, adds it to {@link #pending()} and returns it. */
    public long expectRequest() {
      long n = subscription().expectRequest();
      pending = pending + n < 0 ? Long.MAX_VALUE : pending + n;
      return n;
    }

    /** Expects a request for exactly {@code n} elements and adds it to {@link #pending()}. */
    public Probe<T> expectRequest(long n) {
      long got = expectRequest();
      if (got != n) {
        throw new AssertionError("expected a request for " + n + ", got a request for " + got);
      }
      return this;
    }

    /** Expects the subscriber to cancel; requests before the cancellation are added to {@link #pending()}. */
    public Probe<T> expectCancellation() {
      PublisherProbeSubscription<T> s = subscription();
      while (true) {
        PublisherEvent e = next("cancellation");
        if (e instanceof CancelSubscription c && c.subscription() == s) {
          return this;
        }
        if (e instanceof RequestMore r && r.subscription() == s) {
          pending = pending + r.n() < 0 ? Long.MAX_VALUE : pending + r.n();
          continue;
        }
        throw new AssertionError("expected cancellation, got " + e);
      }
    }

    /** Sends {@code element}, first waiting for a request if none is pending. */
    public Probe<T> sendNext(T element) {
      PublisherProbeSubscription<T> s = subscription();
      if (pending == 0) {
        expectRequest();
      }
      pending--;
      s.sendNext(element);
      return this;
    }

    /** Sends each of the elements, in order, waiting for requests as needed. */
    @SafeVarargs
    public final Probe<T> sendNext(T first, T... rest) {
      sendNext(first);
      for (T t : rest) {
        sendNext(t);
      }
      return this;
    }

    /** Sends {@code element} without checking that it was requested (to test rule violations). */
    public Probe<T> unsafeSendNext(T element) {
      subscription().sendNext(element);
      return this;
    }

    /** Completes the stream. */
    public Probe<T> sendComplete() {
      subscription().sendComplete();
      return this;
    }

    /** Fails the stream with {@code cause}. */
    public Probe<T> sendError(Throwable cause) {
      subscription().sendError(cause);
      return this;
    }

    /** How many requested elements have not been sent yet, as far as the probe has seen. */
    public long pending() {
      return pending;
    }

    @Override
    public Probe<T> expectNoMessage(Duration duration) {
      super.expectNoMessage(duration);
      return this;
    }

    @Override
    public Probe<T> expectNoMessage() {
      super.expectNoMessage();
      return this;
    }
  }
}
