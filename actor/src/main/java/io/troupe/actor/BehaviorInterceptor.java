package io.troupe.actor;

import java.util.Objects;

/**
 * Code that runs around a behavior's handling of messages and signals, installed with
 * {@link Behaviors#intercept}: it sees each message of {@link #interceptMessageClass()} before the
 * wrapped behavior does and decides whether, and with what, to call it.
 *
 * <pre>{@code
 * class CountingInterceptor extends BehaviorInterceptor<Command, Command> {
 *   int count;
 *   CountingInterceptor() { super(Command.class); }
 *   public Behavior<Command> aroundReceive(ActorContext<Command> ctx, Command msg, ReceiveTarget<Command> target)
 *       throws Exception {
 *     count++;
 *     return target.apply(ctx, msg);
 *   }
 * }
 * Behavior<Command> counted = Behaviors.intercept(CountingInterceptor::new, behavior);
 * }</pre>
 *
 * <p>Messages of other classes (such as those of the wrapped behavior's message adapters and
 * timers, when {@code Outer} and {@code Inner} differ) go to the wrapped behavior directly. The
 * interception stays in place whatever the wrapped behavior becomes, until the actor stops.
 * Returning {@link Behaviors#same()} without calling the target drops the message;
 * {@link Behaviors#unhandled()} reports it unhandled; {@link Behaviors#stopped()} stops the actor.
 *
 * @param <Outer> the type of message the intercepted actor accepts
 * @param <Inner> the type of message the wrapped behavior handles
 */
public abstract class BehaviorInterceptor<Outer, Inner> {
  private final Class<Outer> interceptMessageClass;

  /** An interceptor of the messages that are instances of {@code interceptMessageClass}. */
  protected BehaviorInterceptor(Class<Outer> interceptMessageClass) {
    this.interceptMessageClass = Objects.requireNonNull(interceptMessageClass, "interceptMessageClass");
  }

  /** The class of the messages {@link #aroundReceive} sees. */
  public final Class<Outer> interceptMessageClass() {
    return interceptMessageClass;
  }

  /**
   * Runs when the actor starts (and restarts); {@code target.start(ctx)} starts the wrapped
   * behavior. By default it just does that.
   */
  public Behavior<Inner> aroundStart(ActorContext<Outer> ctx, PreStartTarget<Inner> target) throws Exception {
    return target.start(ctx);
  }

  /** Runs for each message of {@link #interceptMessageClass()}; {@code target.apply} hands one to the wrapped behavior. */
  public abstract Behavior<Inner> aroundReceive(ActorContext<Outer> ctx, Outer msg, ReceiveTarget<Inner> target)
      throws Exception;

  /** Runs for each signal; by default hands it to the wrapped behavior. */
  public Behavior<Inner> aroundSignal(ActorContext<Outer> ctx, Signal signal, SignalTarget<Inner> target)
      throws Exception {
    return target.apply(ctx, signal);
  }

  /**
   * Whether {@code other} does the same as this interceptor, so that a behavior intercepted by
   * both needs only one of them (the newer one is kept). By default only the same instance.
   */
  public boolean isSame(BehaviorInterceptor<Object, Object> other) {
    return this == other;
  }

  /** Starts the wrapped behavior. */
  @FunctionalInterface
  public interface PreStartTarget<T> {
    /** Starts the wrapped behavior and returns it started. */
    Behavior<T> start(ActorContext<?> ctx) throws Exception;
  }

  /** Hands a message to the wrapped behavior. */
  @FunctionalInterface
  public interface ReceiveTarget<T> {
    /** Lets the wrapped behavior handle {@code msg}; returns what it becomes. */
    Behavior<T> apply(ActorContext<?> ctx, T msg) throws Exception;
  }

  /** Hands a signal to the wrapped behavior. */
  @FunctionalInterface
  public interface SignalTarget<T> {
    /** Lets the wrapped behavior handle {@code signal}; returns what it becomes. */
    Behavior<T> apply(ActorContext<?> ctx, Signal signal) throws Exception;
  }
}
