package io.troupe.actor.internal;

import io.troupe.actor.ActorPath;
import io.troupe.actor.ActorRef;
import io.troupe.actor.Cancellable;
import io.troupe.actor.Scheduler;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The one-shot reply ref of an ask, which is also the future of the answer: the first message
 * told to it completes it; a timer fails it with a {@link TimeoutException}. No actor is spawned.
 * Internal API.
 */
public final class PromiseRef<R> extends CompletableFuture<R> implements ActorRef<R> {
  private static final AtomicLong counter = new AtomicLong();

  private final ActorPath path;
  private volatile Cancellable timeoutTask;
  private volatile Class<?> requestClass;

  private PromiseRef(ActorPath path) {
    this.path = path;
  }

  /**
   * A promise for an ask to {@code target} that fails after {@code timeout}.
   *
   * @throws IllegalArgumentException if {@code timeout} is not positive
   */
  public static <R> PromiseRef<R> create(ActorRef<?> target, Duration timeout, Scheduler scheduler) {
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("ask timeout must be positive, was " + timeout);
    }
    ActorPath targetPath = target.path();
    PromiseRef<R> p = new PromiseRef<>(targetPath.root().child("temp").child("$" + counter.incrementAndGet()));
    p.timeoutTask = scheduler.scheduleOnce(timeout, () -> p.timedOut(targetPath, timeout), CallingThreadExecutor.INSTANCE);
    return p;
  }

  /** Records the request's class, for the timeout message. */
  public void setRequestClass(Class<?> requestClass) {
    this.requestClass = requestClass;
  }

  private void timedOut(ActorPath target, Duration timeout) {
    Class<?> rc = requestClass;
    completeExceptionally(new TimeoutException("Ask timed out on [" + target + "] after [" + timeout.toMillis()
        + " ms]" + (rc == null ? "." : ". Message of type [" + rc.getName() + "]. A typical reason is that the"
            + " recipient actor did not reply or has stopped.")));
  }

  /** Cancels the timeout, for an ask that never sent its request. */
  public void cancelTimeout() {
    Cancellable t = timeoutTask;
    if (t != null) {
      t.cancel();
    }
  }

  @Override
  public void tell(R message) {
    Objects.requireNonNull(message, "message");
    if (complete(message)) {
      cancelTimeout();
    }
  }

  @Override
  public ActorPath path() {
    return path;
  }

  @Override
  public boolean equals(Object o) {
    return this == o;
  }

  @Override
  public int hashCode() {
    return System.identityHashCode(this);
  }

  @Override
  public String toString() {
    return "Actor[" + path + "]";
  }
}
