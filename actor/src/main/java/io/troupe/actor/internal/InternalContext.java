package io.troupe.actor.internal;

import io.troupe.actor.ActorContext;
import io.troupe.actor.Behavior;
import java.util.function.Function;
import io.troupe.actor.TimerScheduler;

/**
 * What the behavior interpreter needs of a context beyond the public API; implemented by the
 * actor cell and by the test kit's synchronous context. Internal API.
 */
public interface InternalContext<T> extends ActorContext<T> {

  /** The actor's timers, created on first use. */
  TimerScheduler<T> timers();

  /** Called when the interpreter starts a {@code Behaviors.supervise} wrapper. */
  void enterSupervision(BehaviorImpl.Supervise<T> supervise);

  /** Called when a behavior answered a message with {@code Behaviors.unhandled()}. */
  void onUnhandled(T message);

  /**
   * Called by a wrapping behavior (an interceptor) before it starts what it wraps; supervision
   * entered until the matching {@link #popStartWrapper()} remembers {@code rewrap}, so that a
   * restart wraps the restarted behavior again the same way.
   */
  default void pushStartWrapper(Function<Behavior<?>, Behavior<?>> rewrap) {}

  /** Ends what {@link #pushStartWrapper} began. */
  default void popStartWrapper() {}
}
