package io.troupe.actor.internal;

import io.troupe.actor.ActorContext;
import io.troupe.actor.Behavior;
import io.troupe.actor.BehaviorInterceptor;
import io.troupe.actor.ExtensibleBehavior;
import io.troupe.actor.Signal;
import java.util.function.Supplier;

/**
 * A started behavior wrapped by a {@link BehaviorInterceptor}. Internal API: made by
 * {@code Behaviors.intercept}.
 *
 * <pre>
 *   message ─► interceptor.aroundReceive ─► target ─► Interpreter.interpretMessage(inner)
 *                                                          │ the inner's next started behavior
 *   result  ◄─ same wrapper (inner unchanged) / a new wrapper around it / unhandled / stopped
 * </pre>
 *
 * <p>The wrapped behavior sees the same context (the actor's), viewed with its own message type.
 */
public final class InterceptorBehavior<O, I> extends ExtensibleBehavior<O> {
  private final BehaviorInterceptor<O, I> interceptor;
  private final Behavior<I> inner; // started

  private InterceptorBehavior(BehaviorInterceptor<O, I> interceptor, Behavior<I> inner) {
    this.interceptor = interceptor;
    this.inner = inner;
  }

  /** The behavior {@code Behaviors.intercept} returns: a new interceptor from {@code factory} at each start. */
  public static <O, I> Behavior<O> create(Supplier<? extends BehaviorInterceptor<O, I>> factory, Behavior<I> behavior) {
    return new BehaviorImpl.Deferred<O>(ctx -> {
      BehaviorInterceptor<O, I> interceptor = factory.get();
      if (interceptor == null) {
        throw new IllegalStateException("the interceptor factory " + factory.getClass().getName() + " returned null");
      }
      InternalContext<I> innerCtx = inner(ctx);
      innerCtx.pushStartWrapper(rewrapper(interceptor));
      try {
        Behavior<I> started = interceptor.aroundStart(ctx, c -> Interpreter.start(behavior, innerCtx));
        if (started == null) {
          throw new IllegalStateException("aroundStart of " + interceptor + " returned null");
        }
        return wrap(interceptor, Interpreter.start(started, innerCtx));
      } finally {
        innerCtx.popStartWrapper();
      }
    });
  }

  @SuppressWarnings("unchecked")
  private static <I> InternalContext<I> inner(ActorContext<?> ctx) {
    return (InternalContext<I>) ctx;
  }

  /** The wrapper around the started {@code started}, or {@code started} itself when it stopped. */
  @SuppressWarnings("unchecked")
  private static <O, I> Behavior<O> wrap(BehaviorInterceptor<O, I> interceptor, Behavior<I> started) {
    if (started instanceof BehaviorImpl.Stopped) {
      return started.unsafeCast();
    }
    if (started instanceof InterceptorBehavior<?, ?> nested
        && interceptor.isSame((BehaviorInterceptor<Object, Object>) nested.interceptor)) {
      return started.unsafeCast(); // the same interception twice: keep the newer one
    }
    return new InterceptorBehavior<>(interceptor, started);
  }

  @Override
  @SuppressWarnings("unchecked")
  public Behavior<O> receive(ActorContext<O> ctx, O message) throws Exception {
    InternalContext<I> innerCtx = inner(ctx);
    Behavior<I> next;
    if (interceptor.interceptMessageClass().isInstance(message)) {
      next = interceptor.aroundReceive(ctx, message, (c, m) -> Interpreter.interpretMessage(inner, innerCtx, m));
    } else {
      next = Interpreter.interpretMessage(inner, innerCtx, (I) message);
    }
    return after(next, innerCtx, message);
  }

  @Override
  public Behavior<O> receiveSignal(ActorContext<O> ctx, Signal signal) throws Exception {
    InternalContext<I> innerCtx = inner(ctx);
    Behavior<I> next = interceptor.aroundSignal(ctx, signal, (c, s) -> Interpreter.interpretSignal(inner, innerCtx, s));
    return after(next, innerCtx, signal);
  }

  private Behavior<O> after(Behavior<I> next, InternalContext<I> innerCtx, Object input) throws Exception {
    if (next == null) {
      throw new IllegalStateException("the interceptor " + interceptor + " returned null for " + input);
    }
    if (next == inner || next instanceof BehaviorImpl.Same) {
      return this;
    }
    if (next instanceof BehaviorImpl.Unhandled || next instanceof BehaviorImpl.Stopped) {
      return next.unsafeCast();
    }
    Behavior<I> started;
    innerCtx.pushStartWrapper(rewrapper(interceptor));
    try {
      started = Interpreter.start(next, innerCtx);
    } finally {
      innerCtx.popStartWrapper();
    }
    return started == inner ? this : wrap(interceptor, started);
  }

  /** How a restart inside this interception is wrapped again (with the same interceptor). */
  @SuppressWarnings("unchecked")
  private static <O, I> java.util.function.Function<Behavior<?>, Behavior<?>> rewrapper(
      BehaviorInterceptor<O, I> interceptor) {
    return b -> wrap(interceptor, (Behavior<I>) b);
  }

  @Override
  public String toString() {
    return "Intercepted(" + interceptor + ", " + inner + ")";
  }
}
