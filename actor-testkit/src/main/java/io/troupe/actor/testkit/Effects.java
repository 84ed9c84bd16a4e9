package io.troupe.actor.testkit;

import io.troupe.actor.ActorRef;
import io.troupe.actor.Behavior;
import io.troupe.actor.Props;
import io.troupe.japi.function.Function;
import java.time.Duration;
import java.util.Objects;

/** Factories of the {@link Effect}s a test expects from a {@link BehaviorTestKit}. */
public final class Effects {
  private static final Effect.NoEffects NO_EFFECTS = new Effect.NoEffects();

  private Effects() {}

  /** A child spawned as {@code childName} running {@code behavior}, with empty props. */
  public static <T> Effect.Spawned<T> spawned(Behavior<T> behavior, String childName) {
    return new Effect.Spawned<>(behavior, childName, Props.empty(), null);
  }

  /** A child spawned as {@code childName} running {@code behavior}, with {@code props}. */
  public static <T> Effect.Spawned<T> spawned(Behavior<T> behavior, String childName, Props props) {
    return new Effect.Spawned<>(behavior, childName, props, null);
  }

  /** An anonymous child running {@code behavior}, with empty props. */
  public static <T> Effect.SpawnedAnonymous<T> spawnedAnonymous(Behavior<T> behavior) {
    return new Effect.SpawnedAnonymous<>(behavior, Props.empty(), null);
  }

  /** An anonymous child running {@code behavior}, with {@code props}. */
  public static <T> Effect.SpawnedAnonymous<T> spawnedAnonymous(Behavior<T> behavior, Props props) {
    return new Effect.SpawnedAnonymous<>(behavior, props, null);
  }

  /** The child named {@code childName} was stopped. */
  public static Effect.Stopped stopped(String childName) {
    return new Effect.Stopped(Objects.requireNonNull(childName, "childName"));
  }

  /** {@code other} was watched. */
  public static <T> Effect.Watched<T> watched(ActorRef<T> other) {
    return new Effect.Watched<>(Objects.requireNonNull(other, "other"));
  }

  /** {@code other} was watched with {@code message}. */
  public static <U, T> Effect.WatchedWith<U, T> watchedWith(ActorRef<U> other, T message) {
    return new Effect.WatchedWith<>(Objects.requireNonNull(other, "other"), Objects.requireNonNull(message, "message"));
  }

  /** {@code other} was unwatched. */
  public static <T> Effect.Unwatched<T> unwatched(ActorRef<T> other) {
    return new Effect.Unwatched<>(Objects.requireNonNull(other, "other"));
  }

  /** A receive timeout of {@code duration} with {@code message} was set. */
  public static <T> Effect.ReceiveTimeoutSet<T> receiveTimeoutSet(Duration duration, T message) {
    return new Effect.ReceiveTimeoutSet<>(Objects.requireNonNull(duration, "duration"),
        Objects.requireNonNull(message, "message"));
  }

  /** The receive timeout was cancelled. */
  public static Effect.ReceiveTimeoutCancelled receiveTimeoutCancelled() {
    return new Effect.ReceiveTimeoutCancelled();
  }

  /** {@code message} was scheduled to {@code target} after {@code delay}. */
  public static <U> Effect.Scheduled<U> scheduled(Duration delay, ActorRef<U> target, U message) {
    return new Effect.Scheduled<>(Objects.requireNonNull(delay, "delay"), Objects.requireNonNull(target, "target"),
        Objects.requireNonNull(message, "message"));
  }

  /** A timer was started under {@code key}. */
  public static <U> Effect.TimerScheduled<U> timerScheduled(
      Object key, U msg, Duration delay, Effect.TimerMode mode, boolean overriding) {
    return new Effect.TimerScheduled<>(key, msg, delay, mode, overriding, null);
  }

  /** The timer under {@code key} was cancelled. */
  public static Effect.TimerCancelled timerCancelled(Object key) {
    return new Effect.TimerCancelled(Objects.requireNonNull(key, "key"));
  }

  /** A single timer's mode. */
  public static Effect.TimerMode singleMode() {
    return new Effect.SingleMode();
  }

  /** A fixed-delay timer's mode, first firing after {@code initialDelay}. */
  public static Effect.TimerMode fixedDelayMode(Duration initialDelay) {
    return new Effect.FixedDelayMode(Objects.requireNonNull(initialDelay, "initialDelay"));
  }

  /** A fixed-rate timer's mode, first firing after {@code initialDelay}. */
  public static Effect.TimerMode fixedRateMode(Duration initialDelay) {
    return new Effect.FixedRateMode(Objects.requireNonNull(initialDelay, "initialDelay"));
  }

  /** A message adapter for {@code messageClass} using exactly {@code adapt}. */
  public static <A, T> Effect.MessageAdapter<A, T> messageAdapter(Class<A> messageClass, Function<A, T> adapt) {
    return new Effect.MessageAdapter<>(Objects.requireNonNull(messageClass, "messageClass"),
        Objects.requireNonNull(adapt, "adapt"));
  }

  /** An ask of {@code message} to {@code target}, expecting a {@code responseClass} within {@code timeout}. */
  public static <Req, Res, T> Effect.AskInitiated<Req, Res, T> askInitiated(
      ActorRef<Req> target, Req message, Duration timeout, Class<Res> responseClass) {
    return new Effect.AskInitiated<>(target, message, timeout, responseClass, null, null);
  }

  /** Nothing happened. */
  public static Effect.NoEffects noEffects() {
    return NO_EFFECTS;
  }
}
