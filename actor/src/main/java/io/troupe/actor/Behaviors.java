package io.troupe.actor;

import io.troupe.actor.internal.BehaviorImpl;
import io.troupe.actor.internal.InterceptorBehavior;
import io.troupe.actor.internal.Interceptors;
import io.troupe.actor.internal.InternalContext;
import io.troupe.actor.internal.StashBufferImpl;
import io.troupe.japi.function.Effect;
import io.troupe.japi.function.Function;
import io.troupe.japi.function.Function2;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/** Factories for behaviors, in the functional style. */
public final class Behaviors {
  private Behaviors() {}

  /** Makes the behavior when the actor starts (and again on each restart), given its context. */
  public static <T> Behavior<T> setup(Function<ActorContext<T>, Behavior<T>> factory) {
    return new BehaviorImpl.Deferred<>(factory);
  }

  /** Keep the current behavior. */
  public static <T> Behavior<T> same() {
    return BehaviorImpl.Same.INSTANCE.unsafeCast();
  }

  /**
   * Keep the current behavior, and report the input as not handled: an unhandled message is
   * published as {@link UnhandledMessage}; an unhandled {@link Terminated} fails the actor with a
   * {@link DeathPactException}.
   */
  public static <T> Behavior<T> unhandled() {
    return BehaviorImpl.Unhandled.INSTANCE.unsafeCast();
  }

  /**
   * Stop the actor: its children stop first, then the behavior that returned this gets
   * {@link PostStop}.
   */
  public static <T> Behavior<T> stopped() {
    return BehaviorImpl.Stopped.INSTANCE.unsafeCast();
  }

  /** Stop the actor, running {@code postStop} once its children have stopped (instead of {@link PostStop}). */
  public static <T> Behavior<T> stopped(Effect postStop) {
    return new BehaviorImpl.Stopped<>(Objects.requireNonNull(postStop, "postStop"));
  }

  /** A behavior that treats every message as unhandled. */
  public static <T> Behavior<T> empty() {
    return BehaviorImpl.Empty.INSTANCE.unsafeCast();
  }

  /** A behavior that drops every message and signal silently. */
  public static <T> Behavior<T> ignore() {
    return BehaviorImpl.Ignore.INSTANCE.unsafeCast();
  }

  /** A builder of handlers for messages of {@code type}. */
  public static <T> BehaviorBuilder<T> receive(Class<T> type) {
    Objects.requireNonNull(type, "type");
    return BehaviorBuilder.create();
  }

  /** Handles every message with {@code onMessage}; signals are unhandled. */
  public static <T> Behavior<T> receive(Function2<ActorContext<T>, T, Behavior<T>> onMessage) {
    return new BehaviorImpl.ReceiveFunctions<>(Objects.requireNonNull(onMessage, "onMessage"), null);
  }

  /** Handles every message with {@code onMessage} and every signal with {@code onSignal}. */
  public static <T> Behavior<T> receive(
      Function2<ActorContext<T>, T, Behavior<T>> onMessage,
      Function2<ActorContext<T>, Signal, Behavior<T>> onSignal) {
    return new BehaviorImpl.ReceiveFunctions<>(
        Objects.requireNonNull(onMessage, "onMessage"), Objects.requireNonNull(onSignal, "onSignal"));
  }

  /** Handles every message with {@code onMessage}, without the context; signals are unhandled. */
  public static <T> Behavior<T> receiveMessage(Function<T, Behavior<T>> onMessage) {
    return new BehaviorImpl.ReceiveMessage<>(onMessage);
  }

  /** Handles every signal with {@code onSignal}; messages are unhandled. */
  public static <T> Behavior<T> receiveSignal(Function2<ActorContext<T>, Signal, Behavior<T>> onSignal) {
    return new BehaviorImpl.ReceiveFunctions<>(null, Objects.requireNonNull(onSignal, "onSignal"));
  }

  /**
   * Wraps {@code behavior} so that its failures are handled by a strategy:
   * {@code Behaviors.supervise(b).onFailure(IllegalStateException.class, SupervisorStrategy.restart())}.
   */
  public static <T> Supervise<T> supervise(Behavior<T> behavior) {
    return new Supervise<>(Objects.requireNonNull(behavior, "behavior"));
  }

  /** Gives {@code factory} the actor's {@link TimerScheduler}. */
  public static <T> Behavior<T> withTimers(Function<TimerScheduler<T>, Behavior<T>> factory) {
    Objects.requireNonNull(factory, "factory");
    return new BehaviorImpl.Deferred<>(ctx -> factory.apply(((InternalContext<T>) ctx).timers()));
  }

  /**
   * Gives {@code factory} a new {@link StashBuffer} that holds at most {@code capacity} messages.
   *
   * @throws IllegalArgumentException if {@code capacity} is not positive
   */
  public static <T> Behavior<T> withStash(int capacity, Function<StashBuffer<T>, Behavior<T>> factory) {
    if (capacity <= 0) {
      throw new IllegalArgumentException("stash capacity must be positive, was " + capacity);
    }
    Objects.requireNonNull(factory, "factory");
    return new BehaviorImpl.Deferred<>(ctx -> factory.apply(new StashBufferImpl<>(ctx, capacity)));
  }

  /**
   * Wraps {@code behavior} with an interceptor that {@code interceptor} makes each time the actor
   * starts; see {@link BehaviorInterceptor}.
   */
  public static <O, I> Behavior<O> intercept(
      Supplier<? extends BehaviorInterceptor<O, I>> interceptor, Behavior<I> behavior) {
    Objects.requireNonNull(interceptor, "interceptor");
    Objects.requireNonNull(behavior, "behavior");
    return InterceptorBehavior.create(interceptor, behavior);
  }

  /** Logs every message and signal {@code behavior} receives, at DEBUG, to the actor's logger. */
  public static <T> Behavior<T> logMessages(Behavior<T> behavior) {
    return logMessages(LogOptions.create(), behavior);
  }

  /** Logs every message and signal {@code behavior} receives as {@code logOptions} say. */
  public static <T> Behavior<T> logMessages(LogOptions logOptions, Behavior<T> behavior) {
    Objects.requireNonNull(logOptions, "logOptions");
    return intercept(() -> Interceptors.<T>logMessages(logOptions), Objects.requireNonNull(behavior, "behavior"));
  }

  /**
   * Sends a copy of every message of {@code interceptMessageClass} to {@code monitor} before
   * {@code behavior} handles it.
   */
  public static <T> Behavior<T> monitor(Class<T> interceptMessageClass, ActorRef<T> monitor, Behavior<T> behavior) {
    Objects.requireNonNull(interceptMessageClass, "interceptMessageClass");
    Objects.requireNonNull(monitor, "monitor");
    return intercept(() -> Interceptors.monitor(interceptMessageClass, monitor), Objects.requireNonNull(behavior, "behavior"));
  }

  /**
   * Sets the SLF4J MDC entries {@code mdcForMessage} computes from each message of
   * {@code interceptMessageClass} while {@code behavior} handles it, and removes them afterwards.
   */
  public static <T> Behavior<T> withMdc(
      Class<T> interceptMessageClass, Function<T, Map<String, String>> mdcForMessage, Behavior<T> behavior) {
    return withMdc(interceptMessageClass, Map.of(), Objects.requireNonNull(mdcForMessage, "mdcForMessage"), behavior);
  }

  /** Sets the MDC entries {@code staticMdc} while {@code behavior} handles a message or signal. */
  public static <T> Behavior<T> withMdc(
      Class<T> interceptMessageClass, Map<String, String> staticMdc, Behavior<T> behavior) {
    return withMdc(interceptMessageClass, staticMdc, null, behavior);
  }

  /**
   * Sets the MDC entries {@code staticMdc} while {@code behavior} handles a message or signal, and
   * also those {@code mdcForMessage} computes (if not null) from each message of
   * {@code interceptMessageClass}; per-message entries win over static ones with the same key.
   */
  public static <T> Behavior<T> withMdc(
      Class<T> interceptMessageClass,
      Map<String, String> staticMdc,
      Function<T, Map<String, String>> mdcForMessage,
      Behavior<T> behavior) {
    Objects.requireNonNull(interceptMessageClass, "interceptMessageClass");
    Objects.requireNonNull(staticMdc, "staticMdc");
    Objects.requireNonNull(behavior, "behavior");
    return intercept(() -> Interceptors.withMdc(interceptMessageClass, staticMdc, mdcForMessage), behavior);
  }

  /**
   * Lets a behavior for {@code Inner} messages run an actor of {@code Outer} messages: each
   * message of {@code interceptMessageClass} is handed to {@code behavior} as
   * {@code transform} makes it; a {@code null} result reports the message as unhandled.
   */
  public static <O, I> Behavior<O> transformMessages(
      Class<O> interceptMessageClass, Behavior<I> behavior, Function<O, I> transform) {
    Objects.requireNonNull(interceptMessageClass, "interceptMessageClass");
    Objects.requireNonNull(transform, "transform");
    return intercept(() -> Interceptors.transformMessages(interceptMessageClass, transform),
        Objects.requireNonNull(behavior, "behavior"));
  }

  /** The first step of {@link #supervise}: say which failures and which strategy. */
  public static final class Supervise<T> {
    private final Behavior<T> behavior;

    private Supervise(Behavior<T> behavior) {
      this.behavior = behavior;
    }

    /** Handles failures of {@code type} (and its subtypes) with {@code strategy}. */
    public Behavior<T> onFailure(Class<? extends Throwable> type, SupervisorStrategy strategy) {
      return new BehaviorImpl.Supervise<>(behavior, type, strategy);
    }

    /** Handles every {@link Exception} with {@code strategy}. */
    public Behavior<T> onFailure(SupervisorStrategy strategy) {
      return onFailure(Exception.class, strategy);
    }
  }
}
