package io.troupe.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * Minimal manual-demand probes for the operator tests (the stream module cannot depend on
 * stream-testkit, which depends on it): a subscriber whose demand the test controls, and a
 * publisher that the test drives and that records demand and cancellation.
 */
final class Probes {
  static final Duration TIMEOUT = Duration.ofSeconds(10);

  private Probes() {}

  /** Waits up to 10 s for {@code condition}, polling; fails with {@code what} otherwise. */
  static void awaitCondition(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for: " + what);
      }
      Thread.onSpinWait();
      Thread.yield();
    }
  }

  /** A subscriber that requests only what the test asks for and records every signal. */
  static final class Sub<T> implements java.util.concurrent.Flow.Subscriber<T> {
    private record Next(Object value) {}

    private record Error(Throwable cause) {}

    private static final Object COMPLETE = new Object();

    private final BlockingQueue<Object> events = new LinkedBlockingQueue<>();
    private final CountDownLatch subscribed = new CountDownLatch(1);
    private volatile java.util.concurrent.Flow.Subscription subscription;

    /** A sink feeding this probe. */
    Sink<T, io.troupe.actor.NotUsed> sink() {
      return Sink.fromSubscriber(this);
    }

    @Override
    public void onSubscribe(java.util.concurrent.Flow.Subscription s) {
      subscription = s;
      subscribed.countDown();
    }

    @Override
    public void onNext(T item) {
      events.add(new Next(item));
    }

    @Override
    public void onError(Throwable t) {
      events.add(new Error(t));
    }

    @Override
    public void onComplete() {
      events.add(COMPLETE);
    }

    private java.util.concurrent.Flow.Subscription subscription() throws InterruptedException {
      assertThat(subscribed.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS))
          .as("subscribed")
          .isTrue();
      return subscription;
    }

    Sub<T> request(long n) throws InterruptedException {
      subscription().request(n);
      return this;
    }

    void cancel() throws InterruptedException {
      subscription().cancel();
    }

    private Object next() throws InterruptedException {
      Object e = events.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      if (e == null) {
        throw new AssertionError("no signal within " + TIMEOUT);
      }
      return e;
    }

    @SuppressWarnings("unchecked")
    T expectNext() throws InterruptedException {
      Object e = next();
      if (e instanceof Next n) {
        return (T) n.value();
      }
      throw new AssertionError("expected an element but got " + describe(e));
    }

    @SafeVarargs
    final Sub<T> expectNext(T... expected) throws InterruptedException {
      for (T t : expected) {
        assertThat(expectNext()).isEqualTo(t);
      }
      return this;
    }

    List<T> expectNextN(int n) throws InterruptedException {
      List<T> out = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        out.add(expectNext());
      }
      return out;
    }

    void expectComplete() throws InterruptedException {
      Object e = next();
      if (e != COMPLETE) {
        throw new AssertionError("expected completion but got " + describe(e));
      }
    }

    Throwable expectError() throws InterruptedException {
      Object e = next();
      if (e instanceof Error err) {
        return err.cause();
      }
      throw new AssertionError("expected an error but got " + describe(e));
    }

    /** Whether no signal is queued right now (no waiting). */
    boolean nothingYet() {
      return events.isEmpty();
    }

    private static String describe(Object e) {
      return e == COMPLETE ? "completion" : String.valueOf(e);
    }
  }

  /** A publisher the test drives; it records the demand and cancellation of its subscriber. */
  static final class Pub<T> implements java.util.concurrent.Flow.Publisher<T> {
    private final CountDownLatch subscribed = new CountDownLatch(1);
    private final CountDownLatch cancelled = new CountDownLatch(1);
    private final AtomicLong demand = new AtomicLong();
    private volatile java.util.concurrent.Flow.Subscriber<? super T> subscriber;

    Source<T, io.troupe.actor.NotUsed> source() {
      return Source.fromPublisher(this);
    }

    @Override
    public void subscribe(java.util.concurrent.Flow.Subscriber<? super T> s) {
      subscriber = s;
      s.onSubscribe(
          new java.util.concurrent.Flow.Subscription() {
            @Override
            public void request(long n) {
              demand.addAndGet(n);
            }

            @Override
            public void cancel() {
              cancelled.countDown();
            }
          });
      subscribed.countDown();
    }

    private java.util.concurrent.Flow.Subscriber<? super T> subscriber() throws InterruptedException {
      assertThat(subscribed.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS))
          .as("subscribed")
          .isTrue();
      return subscriber;
    }

    /** Waits until the subscriber asked for at least one more element, then sends {@code e}. */
    Pub<T> sendNext(T e) throws InterruptedException {
      subscriber();
      awaitCondition("demand for " + e, () -> demand.get() > 0);
      demand.decrementAndGet();
      subscriber.onNext(e);
      return this;
    }

    /** The outstanding demand right now. */
    long pending() {
      return demand.get();
    }

    void sendComplete() throws InterruptedException {
      subscriber().onComplete();
    }

    void sendError(Throwable t) throws InterruptedException {
      subscriber().onError(t);
    }

    void expectCancellation() throws InterruptedException {
      assertThat(cancelled.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS))
          .as("cancelled")
          .isTrue();
    }

    boolean isCancelled() {
      return cancelled.getCount() == 0;
    }
  }
}
