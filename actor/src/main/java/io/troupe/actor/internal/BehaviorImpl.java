package io.troupe.actor.internal;

import io.troupe.actor.ActorContext;
import io.troupe.actor.Behavior;
import io.troupe.actor.ExtensibleBehavior;
import io.troupe.actor.Signal;
import io.troupe.actor.SupervisorStrategy;
import io.troupe.japi.function.Effect;
import io.troupe.japi.function.Function;
import io.troupe.japi.function.Function2;
import java.util.Objects;

/**
 * The behaviors the runtime interprets itself. Internal API: the public way to make them is
 * {@link io.troupe.actor.Behaviors}.
 */
public final class BehaviorImpl {
  private BehaviorImpl() {}

  /**
   * The logger name for an actor running {@code behavior}: the class of a user's behavior, or the
   * class that declared the lambdas of a functional one.
   */
  public static String loggerNameOf(Behavior<?> behavior) {
    Object origin = behavior;
    if (behavior instanceof ReceiveFunctions<?> r) {
      origin = r.onMessage != null ? r.onMessage : r.onSignal;
    } else if (behavior instanceof ReceiveMessage<?> r) {
      origin = r.onMessage;
    }
    if (origin == null) {
      return "io.troupe.actor.Behaviors";
    }
    String n = origin.getClass().getName();
    int lambda = n.indexOf("$$Lambda");
    return lambda > 0 ? n.substring(0, lambda) : n;
  }

  /** {@code Behaviors.same()}: keep the current behavior. */
  public static final class Same<T> extends Behavior<T> {
    public static final Same<Object> INSTANCE = new Same<>();

    private Same() {}

    @Override
    public String toString() {
      return "Behaviors.same";
    }
  }

  /** {@code Behaviors.unhandled()}: keep the current behavior, report the input as unhandled. */
  public static final class Unhandled<T> extends Behavior<T> {
    public static final Unhandled<Object> INSTANCE = new Unhandled<>();

    private Unhandled() {}

    @Override
    public String toString() {
      return "Behaviors.unhandled";
    }
  }

  /** {@code Behaviors.stopped()}: stop the actor, optionally running an action after children stopped. */
  public static final class Stopped<T> extends Behavior<T> {
    public static final Stopped<Object> INSTANCE = new Stopped<>(null);

    private final Effect postStop;

    public Stopped(Effect postStop) {
      this.postStop = postStop;
    }

    /** The action to run instead of signalling {@code PostStop}, or {@code null}. */
    public Effect postStop() {
      return postStop;
    }

    @Override
    public String toString() {
      return "Behaviors.stopped";
    }
  }

  /** {@code Behaviors.empty()}: every message is unhandled. */
  public static final class Empty<T> extends ExtensibleBehavior<T> {
    public static final Empty<Object> INSTANCE = new Empty<>();

    private Empty() {}

    @Override
    public Behavior<T> receive(ActorContext<T> context, T message) {
      return Unhandled.INSTANCE.unsafeCast();
    }

    @Override
    public Behavior<T> receiveSignal(ActorContext<T> context, Signal signal) {
      return Unhandled.INSTANCE.unsafeCast();
    }

    @Override
    public String toString() {
      return "Behaviors.empty";
    }
  }

  /** {@code Behaviors.ignore()}: every message and signal is dropped silently. */
  public static final class Ignore<T> extends ExtensibleBehavior<T> {
    public static final Ignore<Object> INSTANCE = new Ignore<>();

    private Ignore() {}

    @Override
    public Behavior<T> receive(ActorContext<T> context, T message) {
      return Same.INSTANCE.unsafeCast();
    }

    @Override
    public Behavior<T> receiveSignal(ActorContext<T> context, Signal signal) {
      return Same.INSTANCE.unsafeCast();
    }

    @Override
    public String toString() {
      return "Behaviors.ignore";
    }
  }

  /**
   * A behavior made when the actor starts (and again on restart): {@code Behaviors.setup}, and
   * blueprints such as routers that need the context before they can run.
   */
  public abstract static class DeferredBehavior<T> extends Behavior<T> {
    protected DeferredBehavior() {}

    /** Makes the behavior to run, given the actor's context; never {@code null}. */
    public abstract Behavior<T> create(ActorContext<T> context) throws Exception;
  }

  /** {@code Behaviors.setup(factory)}: a behavior made when the actor starts. */
  public static final class Deferred<T> extends DeferredBehavior<T> {
    private final Function<ActorContext<T>, Behavior<T>> factory;

    public Deferred(Function<ActorContext<T>, Behavior<T>> factory) {
      this.factory = Objects.requireNonNull(factory, "factory");
    }

    /** Runs the factory; a {@code null} result is reported as an error naming the factory. */
    @Override
    public Behavior<T> create(ActorContext<T> context) throws Exception {
      Behavior<T> b = factory.apply(context);
      if (b == null) {
        throw new IllegalStateException(
            "the behavior factory " + factory.getClass().getName() + " returned null");
      }
      return b;
    }

    @Override
    public String toString() {
      return "Behaviors.setup(" + factory.getClass().getName() + ")";
    }
  }

  /** {@code Behaviors.supervise(inner).onFailure(type, strategy)}. */
  public static final class Supervise<T> extends Behavior<T> {
    private final Behavior<T> inner;
    private final Class<? extends Throwable> failureType;
    private final SupervisorStrategy strategy;

    public Supervise(Behavior<T> inner, Class<? extends Throwable> failureType, SupervisorStrategy strategy) {
      this.inner = Objects.requireNonNull(inner, "behavior");
      this.failureType = Objects.requireNonNull(failureType, "failureType");
      this.strategy = Objects.requireNonNull(strategy, "strategy");
    }

    public Behavior<T> inner() {
      return inner;
    }

    public Class<? extends Throwable> failureType() {
      return failureType;
    }

    public SupervisorStrategy strategy() {
      return strategy;
    }

    @Override
    public String toString() {
      return "Behaviors.supervise(" + inner + ").onFailure(" + failureType.getSimpleName() + ", " + strategy + ")";
    }
  }

  /** {@code Behaviors.receive((ctx, msg) -> ..., (ctx, signal) -> ...)}. */
  public static final class ReceiveFunctions<T> extends ExtensibleBehavior<T> {
    private final Function2<ActorContext<T>, T, Behavior<T>> onMessage;
    private final Function2<ActorContext<T>, Signal, Behavior<T>> onSignal;

    public ReceiveFunctions(
        Function2<ActorContext<T>, T, Behavior<T>> onMessage,
        Function2<ActorContext<T>, Signal, Behavior<T>> onSignal) {
      this.onMessage = onMessage;
      this.onSignal = onSignal;
    }

    @Override
    public Behavior<T> receive(ActorContext<T> context, T message) throws Exception {
      return onMessage == null ? Unhandled.INSTANCE.unsafeCast() : onMessage.apply(context, message);
    }

    @Override
    public Behavior<T> receiveSignal(ActorContext<T> context, Signal signal) throws Exception {
      return onSignal == null ? Unhandled.INSTANCE.unsafeCast() : onSignal.apply(context, signal);
    }
  }

  /** {@code Behaviors.receiveMessage(msg -> ...)}. */
  public static final class ReceiveMessage<T> extends ExtensibleBehavior<T> {
    private final Function<T, Behavior<T>> onMessage;

    public ReceiveMessage(Function<T, Behavior<T>> onMessage) {
      this.onMessage = Objects.requireNonNull(onMessage, "onMessage");
    }

    @Override
    public Behavior<T> receive(ActorContext<T> context, T message) throws Exception {
      return onMessage.apply(message);
    }

    @Override
    public Behavior<T> receiveSignal(ActorContext<T> context, Signal signal) {
      return Unhandled.INSTANCE.unsafeCast();
    }
  }

  /** The behavior a {@code BehaviorBuilder} builds: a table of handlers. */
  public static final class Handlers<T> extends ExtensibleBehavior<T> {
    private final HandlerTable<T> table;

    public Handlers(HandlerTable<T> table) {
      this.table = table;
    }

    @Override
    public Behavior<T> receive(ActorContext<T> context, T message) throws Exception {
      return table.receiveMessage(message);
    }

    @Override
    public Behavior<T> receiveSignal(ActorContext<T> context, Signal signal) throws Exception {
      return table.receiveSignal(signal);
    }
  }
}
