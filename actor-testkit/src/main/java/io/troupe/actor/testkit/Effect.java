package io.troupe.actor.testkit;

import io.troupe.actor.ActorRef;
import io.troupe.actor.Behavior;
import io.troupe.actor.Props;
import io.troupe.japi.function.Function;
import io.troupe.japi.function.Function2;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeoutException;

/**
 * Something a behavior did to its context that a {@link BehaviorTestKit} recorded instead of
 * doing for real: spawning, stopping, watching, scheduling, adapting, asking. Compare with
 * {@link BehaviorTestKit#expectEffect} against the values {@link Effects} makes.
 *
 * <p>Equality ignores the parts a test cannot know in advance: the ref of a spawned child, the
 * reply ref of an ask, the trigger of a timer.
 */
public sealed interface Effect {

  /** A child spawned with a name; equal when behavior (by {@code equals}), name and props are. */
  final class Spawned<T> implements Effect {
    private final Behavior<T> behavior;
    private final String childName;
    private final Props props;
    private final ActorRef<T> ref;

    Spawned(Behavior<T> behavior, String childName, Props props, ActorRef<T> ref) {
      this.behavior = Objects.requireNonNull(behavior, "behavior");
      this.childName = Objects.requireNonNull(childName, "childName");
      this.props = Objects.requireNonNull(props, "props");
      this.ref = ref;
    }

    public Behavior<T> behavior() {
      return behavior;
    }

    public String childName() {
      return childName;
    }

    public Props props() {
      return props;
    }

    /** The child's ref (its inbox); {@code null} in an expected value made by {@link Effects}. */
    public ActorRef<T> ref() {
      return ref;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Spawned<?> s && behavior.equals(s.behavior) && childName.equals(s.childName)
          && props.equals(s.props);
    }

    @Override
    public int hashCode() {
      return Objects.hash(behavior, childName, props);
    }

    @Override
    public String toString() {
      return "Spawned(" + behavior + ", " + childName + ", " + props + ")";
    }
  }

  /** A child spawned with a generated name; equal when behavior and props are. */
  final class SpawnedAnonymous<T> implements Effect {
    private final Behavior<T> behavior;
    private final Props props;
    private final ActorRef<T> ref;

    SpawnedAnonymous(Behavior<T> behavior, Props props, ActorRef<T> ref) {
      this.behavior = Objects.requireNonNull(behavior, "behavior");
      this.props = Objects.requireNonNull(props, "props");
      this.ref = ref;
    }

    public Behavior<T> behavior() {
      return behavior;
    }

    public Props props() {
      return props;
    }

    /** The child's ref (its inbox); {@code null} in an expected value made by {@link Effects}. */
    public ActorRef<T> ref() {
      return ref;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof SpawnedAnonymous<?> s && behavior.equals(s.behavior) && props.equals(s.props);
    }

    @Override
    public int hashCode() {
      return Objects.hash(behavior, props);
    }

    @Override
    public String toString() {
      return "SpawnedAnonymous(" + behavior + ", " + props + ")";
    }
  }

  /** A child stopped through {@code context.stop}. */
  record Stopped(String childName) implements Effect {}

  /** {@code context.watch(other)}. */
  record Watched<T>(ActorRef<T> other) implements Effect {}

  /** {@code context.watchWith(other, message)}. */
  record WatchedWith<U, T>(ActorRef<U> other, T message) implements Effect {}

  /** {@code context.unwatch(other)}. */
  record Unwatched<T>(ActorRef<T> other) implements Effect {}

  /** {@code context.setReceiveTimeout(duration, message)}. */
  record ReceiveTimeoutSet<T>(Duration duration, T message) implements Effect {}

  /** {@code context.cancelReceiveTimeout()}. */
  record ReceiveTimeoutCancelled() implements Effect {}

  /** {@code context.scheduleOnce(delay, target, message)}; nothing is sent. */
  record Scheduled<U>(Duration delay, ActorRef<U> target, U message) implements Effect {}

  /**
   * A timer started through {@code Behaviors.withTimers}; nothing is sent until the test calls
   * {@link #send()}. Equal when key, message, delay, mode and overriding are.
   */
  final class TimerScheduled<U> implements Effect {
    private final Object key;
    private final U msg;
    private final Duration delay;
    private final TimerMode mode;
    private final boolean overriding;
    private final Runnable send;

    TimerScheduled(Object key, U msg, Duration delay, TimerMode mode, boolean overriding, Runnable send) {
      this.key = Objects.requireNonNull(key, "key");
      this.msg = Objects.requireNonNull(msg, "msg");
      this.delay = Objects.requireNonNull(delay, "delay");
      this.mode = Objects.requireNonNull(mode, "mode");
      this.overriding = overriding;
      this.send = send;
    }

    public Object key() {
      return key;
    }

    public U msg() {
      return msg;
    }

    /** The delay of a single timer, or the period (delay or interval) of a repeated one. */
    public Duration delay() {
      return delay;
    }

    public TimerMode mode() {
      return mode;
    }

    /** Whether this start replaced an active timer with the same key. */
    public boolean overriding() {
      return overriding;
    }

    /**
     * Fires the timer once: its message goes to the kit's {@link BehaviorTestKit#selfInbox()}
     * if the timer is still active (not cancelled or replaced, and a single timer not yet fired).
     *
     * @throws IllegalStateException on an expected value made by {@link Effects}
     */
    public void send() {
      if (send == null) {
        throw new IllegalStateException("this TimerScheduled was made by Effects and has no timer to fire");
      }
      send.run();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof TimerScheduled<?> t && key.equals(t.key) && msg.equals(t.msg) && delay.equals(t.delay)
          && mode.equals(t.mode) && overriding == t.overriding;
    }

    @Override
    public int hashCode() {
      return Objects.hash(key, msg, delay, mode, overriding);
    }

    @Override
    public String toString() {
      return "TimerScheduled(" + key + ", " + msg + ", " + Texts.duration(delay) + ", " + mode
          + (overriding ? ", overriding" : "") + ")";
    }
  }

  /** How a {@link TimerScheduled} repeats. */
  sealed interface TimerMode {}

  /** Once, after the delay. */
  record SingleMode() implements TimerMode {}

  /** After {@code initialDelay}, then each period after the previous message was sent. */
  record FixedDelayMode(Duration initialDelay) implements TimerMode {}

  /** After {@code initialDelay}, then at a fixed rate of one per period. */
  record FixedRateMode(Duration initialDelay) implements TimerMode {}

  /** A timer cancelled by key (also for each active timer on {@code cancelAll}). */
  record TimerCancelled(Object key) implements Effect {}

  /** {@code context.messageAdapter(messageClass, adaptFunction)}. */
  record MessageAdapter<A, T>(Class<A> messageClass, Function<A, T> adaptFunction) implements Effect {}

  /**
   * {@code context.ask(...)}: the request was sent to {@code target}; the test answers it with
   * {@link #respondWith} or {@link #timeout()}, which put the adapted reply into the kit's self
   * inbox. Equal when target, message, timeout and response class are.
   */
  final class AskInitiated<Req, Res, T> implements Effect {
    private final ActorRef<Req> target;
    private final Req message;
    private final Duration responseTimeout;
    private final Class<Res> responseClass;
    private final Function2<Res, Throwable, T> mapResponse;
    private final ActorRef<T> self;

    AskInitiated(ActorRef<Req> target, Req message, Duration responseTimeout, Class<Res> responseClass,
        Function2<Res, Throwable, T> mapResponse, ActorRef<T> self) {
      this.target = Objects.requireNonNull(target, "target");
      this.message = Objects.requireNonNull(message, "message");
      this.responseTimeout = Objects.requireNonNull(responseTimeout, "responseTimeout");
      this.responseClass = Objects.requireNonNull(responseClass, "responseClass");
      this.mapResponse = mapResponse;
      this.self = self;
    }

    public ActorRef<Req> target() {
      return target;
    }

    public Req message() {
      return message;
    }

    public Duration responseTimeout() {
      return responseTimeout;
    }

    public Class<Res> responseClass() {
      return responseClass;
    }

    /** What the asking actor makes of {@code response}. */
    public T adaptResponse(Res response) {
      return apply(Objects.requireNonNull(response, "response"), null);
    }

    /** What the asking actor makes of the ask timing out. */
    public T adaptTimeout() {
      return apply(null, timeoutException());
    }

    /** Sends the asking actor's adapted {@code response} to the kit's self inbox. */
    public void respondWith(Res response) {
      deliver(adaptResponse(response));
    }

    /** Sends the asking actor's adapted timeout failure to the kit's self inbox. */
    public void timeout() {
      deliver(adaptTimeout());
    }

    private TimeoutException timeoutException() {
      return new TimeoutException("Ask timed out on [" + target + "] after [" + responseTimeout.toMillis()
          + " ms]. Message of type [" + message.getClass().getName() + "].");
    }

    private T apply(Res response, Throwable failure) {
      if (mapResponse == null) {
        throw new IllegalStateException("this AskInitiated was made by Effects and belongs to no actor");
      }
      try {
        return Objects.requireNonNull(mapResponse.apply(response, failure), "the ask's response mapping returned null");
      } catch (Exception e) {
        throw Texts.sneakyThrow(e);
      }
    }

    private void deliver(T adapted) {
      self.tell(adapted);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof AskInitiated<?, ?, ?> a && target.equals(a.target) && message.equals(a.message)
          && responseTimeout.equals(a.responseTimeout) && responseClass.equals(a.responseClass);
    }

    @Override
    public int hashCode() {
      return Objects.hash(target, message, responseTimeout, responseClass);
    }

    @Override
    public String toString() {
      return "AskInitiated(" + target + ", " + message + ", " + Texts.duration(responseTimeout) + ", "
          + responseClass.getName() + ")";
    }
  }

  /** No effect was recorded; what {@link BehaviorTestKit#getEffect()} returns then. */
  record NoEffects() implements Effect {}
}
