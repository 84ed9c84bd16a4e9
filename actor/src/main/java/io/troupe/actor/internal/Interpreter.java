package io.troupe.actor.internal;

import io.troupe.actor.Behavior;
import io.troupe.actor.DeathPactException;
import io.troupe.actor.ExtensibleBehavior;
import io.troupe.actor.Signal;
import io.troupe.actor.Terminated;

/**
 * Runs behaviors: starts deferred ones, feeds messages and signals to started ones, and turns
 * the special results (same, unhandled, setup, supervise, unstash) into the next started
 * behavior. Shared by the actor cell and the test kit's synchronous runner. Internal API.
 *
 * <p>A started behavior is an {@link ExtensibleBehavior} or {@link BehaviorImpl.Stopped}.
 */
public final class Interpreter {
  private Interpreter() {}

  /** Whether {@code b} is a started behavior that has not stopped. */
  public static boolean isAlive(Behavior<?> b) {
    return !(b instanceof BehaviorImpl.Stopped);
  }

  /** Starts {@code behavior}: runs setup factories, enters supervision, unstashes. */
  public static <T> Behavior<T> start(Behavior<T> behavior, InternalContext<T> ctx) throws Exception {
    Behavior<T> b = behavior;
    while (true) {
      if (b instanceof ExtensibleBehavior || b instanceof BehaviorImpl.Stopped) {
        return b;
      } else if (b instanceof BehaviorImpl.DeferredBehavior<T> d) {
        Behavior<T> made = d.create(ctx);
        if (made == null) {
          throw new IllegalStateException(d + " made a null behavior");
        }
        b = made;
      } else if (b instanceof BehaviorImpl.Supervise<T> s) {
        ctx.enterSupervision(s);
        b = s.inner();
      } else if (b instanceof StashBufferImpl.Unstash<T> u) {
        return u.run(ctx);
      } else {
        throw new IllegalArgumentException("cannot start an actor with " + b
            + "; same and unhandled are only valid as the result of a handler");
      }
    }
  }

  /** Handles {@code message} with the started behavior {@code current}; returns the next started one. */
  public static <T> Behavior<T> interpretMessage(Behavior<T> current, InternalContext<T> ctx, T message)
      throws Exception {
    Behavior<T> next = ((ExtensibleBehavior<T>) current).receive(ctx, message);
    if (next == current) {
      return current;
    }
    if (next == null) {
      throw new IllegalStateException(
          "the behavior " + current.getClass().getName() + " returned null for the message " + message);
    }
    if (next instanceof BehaviorImpl.Unhandled) {
      ctx.onUnhandled(message);
      return current;
    }
    return canonicalize(next, current, ctx);
  }

  /**
   * Handles {@code signal} with the started behavior {@code current}; an unhandled
   * {@link Terminated} throws {@link DeathPactException}.
   */
  public static <T> Behavior<T> interpretSignal(Behavior<T> current, InternalContext<T> ctx, Signal signal)
      throws Exception {
    Behavior<T> next = ((ExtensibleBehavior<T>) current).receiveSignal(ctx, signal);
    if (next == current) {
      return current;
    }
    if (next == null) {
      throw new IllegalStateException(
          "the behavior " + current.getClass().getName() + " returned null for the signal " + signal);
    }
    if (next instanceof BehaviorImpl.Unhandled) {
      if (signal instanceof Terminated t) {
        throw new DeathPactException(t.getRef());
      }
      return current;
    }
    return canonicalize(next, current, ctx);
  }

  private static <T> Behavior<T> canonicalize(Behavior<T> next, Behavior<T> current, InternalContext<T> ctx)
      throws Exception {
    if (next instanceof BehaviorImpl.Same) {
      return current;
    }
    return start(next, ctx);
  }
}
