package io.troupe.actor.testkit;

import io.troupe.actor.ActorRef;
import io.troupe.actor.ActorSystem;
import io.troupe.actor.Behavior;
import io.troupe.actor.Behaviors;
import io.troupe.actor.Terminated;
import io.troupe.japi.function.Creator;
import io.troupe.japi.function.Function;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * The probe: an actor under {@code /system} that puts what it receives into a blocking queue the
 * test thread reads. Termination of a watched actor is queued as a {@link TerminatedEntry}, in
 * order with the messages. Watch requests carry a future so that a ref that cannot be watched
 * fails the test's call instead of the probe actor.
 */
final class TestProbeImpl<T> implements TestProbe<T> {
  private static final AtomicLong COUNTER = new AtomicLong();
  private static final long NO_END = Long.MIN_VALUE;

  private final TestKitSettings settings;
  private final LinkedBlockingDeque<Object> queue = new LinkedBlockingDeque<>();
  private final ActorRef<Object> actor;
  private long end = NO_END; // System.nanoTime() at which the innermost within block ends
  private boolean lastWasNoMessage;

  private TestProbeImpl(String name, ActorSystem<?> system) {
    this.settings = TestKitSettings.create(system);
    this.actor = system.systemActorOf(probeBehavior(queue), name + "-" + COUNTER.incrementAndGet());
  }

  static <T> TestProbe<T> create(String name, ActorSystem<?> system) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(system, "system");
    return new TestProbeImpl<>(name, system);
  }

  private record WatchRequest(ActorRef<?> ref, CompletableFuture<Void> ack) {}

  private record StopProbe() {}

  /** What the queue holds when a watched actor stopped. */
  record TerminatedEntry(ActorRef<Void> ref) {
    @Override
    public String toString() {
      return "Terminated(" + ref + ")";
    }
  }

  private static Behavior<Object> probeBehavior(LinkedBlockingDeque<Object> queue) {
    return Behaviors.receive(
        (ctx, msg) -> {
          if (msg instanceof WatchRequest w) {
            try {
              ctx.watch(w.ref());
              w.ack().complete(null);
            } catch (RuntimeException e) {
              w.ack().completeExceptionally(e);
            }
          } else if (msg instanceof StopProbe) {
            return Behaviors.stopped();
          } else {
            queue.add(msg);
          }
          return Behaviors.same();
        },
        (ctx, signal) -> {
          if (signal instanceof Terminated t) {
            queue.add(new TerminatedEntry(t.getRef()));
          }
          return Behaviors.same();
        });
  }

  // ---------------------------------------------------------------- refs and time

  @Override
  public ActorRef<T> ref() {
    return actor.unsafeUpcast();
  }

  @Override
  public ActorRef<T> getRef() {
    return ref();
  }

  @Override
  public Duration getRemaining() {
    if (end == NO_END) {
      throw new IllegalStateException("getRemaining() is only defined inside within(...)");
    }
    return remainingToEnd();
  }

  @Override
  public Duration getRemainingOr(Duration duration) {
    Objects.requireNonNull(duration, "duration");
    return end == NO_END ? duration : remainingToEnd();
  }

  @Override
  public Duration getRemainingOrDefault() {
    return getRemainingOr(settings.singleExpectDefaultTimeout());
  }

  private Duration remainingToEnd() {
    long left = end - System.nanoTime();
    return left <= 0 ? Duration.ZERO : Duration.ofNanos(left);
  }

  /** An explicit timeout: dilated by the time factor. */
  private Duration explicit(Duration max, String name) {
    return settings.dilated(Texts.requireNonNegative(max, name));
  }

  @Override
  public <U> U within(Duration min, Duration max, Supplier<U> f) {
    Texts.requireNonNegative(min, "min");
    Duration dMax = settings.dilated(Texts.requireNonNegative(max, "max"));
    Objects.requireNonNull(f, "f");
    if (min.compareTo(max) > 0) {
      throw new IllegalArgumentException("min (" + min + ") must not exceed max (" + max + ")");
    }
    long start = System.nanoTime();
    Duration left = end == NO_END ? null : remainingToEnd();
    if (left != null && left.compareTo(min) < 0) {
      throw new AssertionError("within: the required minimum of " + Texts.duration(min)
          + " is not possible, only " + Texts.duration(left) + " are left in the enclosing within block");
    }
    Duration limit = left == null || dMax.compareTo(left) < 0 ? dMax : left;
    long previousEnd = end;
    end = start + limit.toNanos();
    lastWasNoMessage = false;
    U result;
    try {
      result = f.get();
    } finally {
      end = previousEnd;
    }
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    if (took.compareTo(min) < 0) {
      throw new AssertionError("within: the block took " + Texts.duration(took)
          + ", but should have taken at least " + Texts.duration(min));
    }
    if (!lastWasNoMessage && took.compareTo(limit) > 0) {
      throw new AssertionError("within: the block took " + Texts.duration(took)
          + ", more than the allowed " + Texts.duration(limit));
    }
    return result;
  }

  @Override
  public <U> U within(Duration max, Supplier<U> f) {
    return within(Duration.ZERO, max, f);
  }

  // ---------------------------------------------------------------- receiving

  /** The next queued entry within {@code max}, or {@code null}. */
  private Object poll(Duration max) {
    try {
      if (max.isZero()) {
        return queue.pollFirst();
      }
      return queue.pollFirst(max.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while waiting for a message", e);
    }
  }

  private static String hint(String hint) {
    return hint == null || hint.isEmpty() ? "" : " (" + hint + ")";
  }

  @Override
  public <U extends T> U expectMessage(U obj) {
    return expectMessageWithin(getRemainingOrDefault(), null, obj);
  }

  @Override
  public <U extends T> U expectMessage(Duration max, U obj) {
    return expectMessageWithin(explicit(max, "max"), null, obj);
  }

  @Override
  public <U extends T> U expectMessage(Duration max, String hint, U obj) {
    return expectMessageWithin(explicit(max, "max"), hint, obj);
  }

  @SuppressWarnings("unchecked")
  private <U extends T> U expectMessageWithin(Duration max, String hint, U obj) {
    Objects.requireNonNull(obj, "obj");
    lastWasNoMessage = false;
    Object got = poll(max);
    if (got == null) {
      throw new AssertionError("expectMessage" + hint(hint) + ": expected " + Texts.value(obj)
          + " within " + Texts.duration(max) + ", but no message arrived");
    }
    if (!obj.equals(got)) {
      String gotText = String.valueOf(got).equals(String.valueOf(obj)) ? Texts.value(got) : "[" + got + "]";
      String objText = String.valueOf(got).equals(String.valueOf(obj)) ? Texts.value(obj) : "[" + obj + "]";
      throw new AssertionError("expectMessage" + hint(hint) + ": expected " + objText + ", but got " + gotText);
    }
    return (U) got;
  }

  @Override
  public void expectNoMessage() {
    expectNoMessageWithin(settings.expectNoMessageDefaultTimeout());
  }

  @Override
  public void expectNoMessage(Duration max) {
    expectNoMessageWithin(explicit(max, "max"));
  }

  private void expectNoMessageWithin(Duration max) {
    Object got = poll(max);
    lastWasNoMessage = true;
    if (got != null) {
      throw new AssertionError("expectNoMessage: expected no message for " + Texts.duration(max)
          + ", but got [" + got + "]");
    }
  }

  @Override
  public <U extends T> U expectMessageClass(Class<U> clazz) {
    return expectMessageClassWithin(clazz, getRemainingOrDefault());
  }

  @Override
  public <U extends T> U expectMessageClass(Class<U> clazz, Duration max) {
    return expectMessageClassWithin(clazz, explicit(max, "max"));
  }

  private <U extends T> U expectMessageClassWithin(Class<U> clazz, Duration max) {
    Objects.requireNonNull(clazz, "clazz");
    lastWasNoMessage = false;
    Object got = poll(max);
    if (got == null) {
      throw new AssertionError("expectMessageClass: expected a message of class " + clazz.getName()
          + " within " + Texts.duration(max) + ", but no message arrived");
    }
    if (!clazz.isInstance(got)) {
      throw new AssertionError("expectMessageClass: expected a message of class " + clazz.getName()
          + ", but got " + Texts.value(got));
    }
    return clazz.cast(got);
  }

  @Override
  public T receiveMessage() {
    return receiveMessageWithin(getRemainingOrDefault());
  }

  @Override
  public T receiveMessage(Duration max) {
    return receiveMessageWithin(explicit(max, "max"));
  }

  @SuppressWarnings("unchecked")
  private T receiveMessageWithin(Duration max) {
    lastWasNoMessage = false;
    Object got = poll(max);
    if (got == null) {
      throw new AssertionError("receiveMessage: no message arrived within " + Texts.duration(max));
    }
    if (got instanceof TerminatedEntry) {
      throw new AssertionError("receiveMessage: expected a message, but got " + got);
    }
    return (T) got;
  }

  @Override
  public List<T> receiveSeveralMessages(int n) {
    return receiveSeveralWithin(n, getRemainingOrDefault());
  }

  @Override
  public List<T> receiveSeveralMessages(int n, Duration max) {
    return receiveSeveralWithin(n, explicit(max, "max"));
  }

  @SuppressWarnings("unchecked")
  private List<T> receiveSeveralWithin(int n, Duration max) {
    if (n < 0) {
      throw new IllegalArgumentException("n must not be negative, was " + n);
    }
    lastWasNoMessage = false;
    long deadline = System.nanoTime() + max.toNanos();
    List<T> got = new ArrayList<>(n);
    while (got.size() < n) {
      Object m = poll(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
      if (m == null) {
        throw new AssertionError("receiveSeveralMessages: expected " + n + " messages within "
            + Texts.duration(max) + ", but got only " + got.size() + ":" + Texts.list(got, 20));
      }
      if (m instanceof TerminatedEntry) {
        throw new AssertionError("receiveSeveralMessages: expected " + n + " messages, but after "
            + got.size() + " got " + m + "; received:" + Texts.list(got, 20));
      }
      got.add((T) m);
    }
    return got;
  }

  @Override
  public List<T> fishForMessage(Duration max, Function<T, FishingOutcome> fisher) {
    return fishForMessage(max, "", fisher);
  }

  @Override
  @SuppressWarnings("unchecked")
  public List<T> fishForMessage(Duration max, String hint, Function<T, FishingOutcome> fisher) {
    Duration limit = explicit(max, "max");
    Objects.requireNonNull(fisher, "fisher");
    lastWasNoMessage = false;
    long deadline = System.nanoTime() + limit.toNanos();
    List<T> collected = new ArrayList<>();
    List<Object> seen = new ArrayList<>();
    while (true) {
      Object m = poll(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
      if (m == null) {
        throw new AssertionError("fishForMessage" + hint(hint) + ": not completed within "
            + Texts.duration(limit) + "; messages received meanwhile:" + Texts.list(seen, 20));
      }
      seen.add(m);
      if (m instanceof TerminatedEntry) {
        throw new AssertionError("fishForMessage" + hint(hint) + ": got " + m
            + " while fishing; messages received before:" + Texts.list(seen.subList(0, seen.size() - 1), 20));
      }
      FishingOutcome outcome;
      try {
        outcome = Objects.requireNonNull(fisher.apply((T) m), "the fisher returned null");
      } catch (Exception e) {
        throw Texts.sneakyThrow(e);
      }
      switch (outcome) {
        case FishingOutcome.Complete c -> {
          collected.add((T) m);
          return collected;
        }
        case FishingOutcome.ContinueAndCollect c -> collected.add((T) m);
        case FishingOutcome.ContinueAndIgnore c -> { }
        case FishingOutcome.Fail f -> throw new AssertionError("fishForMessage" + hint(hint) + ": "
            + f.error() + " (message [" + m + "]); messages received before:"
            + Texts.list(seen.subList(0, seen.size() - 1), 20));
      }
    }
  }

  // ---------------------------------------------------------------- death watch

  @Override
  public <U> void expectTerminated(ActorRef<U> ref) {
    expectTerminatedWithin(ref, getRemainingOrDefault());
  }

  @Override
  public <U> void expectTerminated(ActorRef<U> ref, Duration max) {
    expectTerminatedWithin(ref, explicit(max, "max"));
  }

  private <U> void expectTerminatedWithin(ActorRef<U> ref, Duration max) {
    Objects.requireNonNull(ref, "ref");
    lastWasNoMessage = false;
    long deadline = System.nanoTime() + max.toNanos();
    CompletableFuture<Void> ack = new CompletableFuture<>();
    actor.tell(new WatchRequest(ref, ack));
    try {
      ack.get(Math.max(max.toNanos(), settings.defaultTimeout().toNanos()), TimeUnit.NANOSECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IllegalArgumentException iae) {
        throw new IllegalArgumentException("expectTerminated: " + iae.getMessage(), iae);
      }
      throw new AssertionError("expectTerminated: watching " + ref + " failed", e.getCause());
    } catch (TimeoutException e) {
      throw new AssertionError("expectTerminated: the probe " + actor + " did not start watching " + ref
          + " in time (has the probe been stopped?)");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while watching " + ref, e);
    }
    Object got = poll(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
    if (got == null) {
      throw new AssertionError("expectTerminated: expected " + ref + " to stop within "
          + Texts.duration(max) + ", but it did not");
    }
    if (!(got instanceof TerminatedEntry t) || !t.ref().equals(ref.unsafeUpcast())) {
      throw new AssertionError("expectTerminated: expected Terminated(" + ref + "), but got [" + got + "]");
    }
  }

  // ---------------------------------------------------------------- awaitAssert

  @Override
  public <A> A awaitAssert(Creator<A> supplier) {
    return awaitAssertWithin(getRemainingOrDefault(), Duration.ofMillis(100), supplier);
  }

  @Override
  public <A> A awaitAssert(Duration max, Creator<A> supplier) {
    return awaitAssertWithin(explicit(max, "max"), Duration.ofMillis(100), supplier);
  }

  @Override
  public <A> A awaitAssert(Duration max, Duration interval, Creator<A> supplier) {
    return awaitAssertWithin(explicit(max, "max"), Texts.requirePositive(interval, "interval"), supplier);
  }

  private <A> A awaitAssertWithin(Duration max, Duration interval, Creator<A> supplier) {
    Objects.requireNonNull(supplier, "supplier");
    lastWasNoMessage = false;
    long deadline = System.nanoTime() + max.toNanos();
    while (true) {
      try {
        return supplier.create();
      } catch (Throwable t) {
        if (t instanceof VirtualMachineError) {
          throw (VirtualMachineError) t;
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw Texts.sneakyThrow(t);
        }
        // polling, not synchronization: the condition is re-evaluated after the interval
        LockSupport.parkNanos(Math.min(left, interval.toNanos()));
        if (Thread.interrupted()) {
          Thread.currentThread().interrupt();
          throw new AssertionError("interrupted in awaitAssert", t);
        }
      }
    }
  }

  @Override
  public void stop() {
    actor.tell(new StopProbe());
  }

  @Override
  public String toString() {
    return "TestProbe(" + actor.path() + ")";
  }
}
