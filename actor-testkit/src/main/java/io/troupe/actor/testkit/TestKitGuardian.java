package io.troupe.actor.testkit;

import io.troupe.actor.ActorRef;
import io.troupe.actor.Behavior;
import io.troupe.actor.Behaviors;
import io.troupe.actor.Done;
import io.troupe.actor.Props;

/**
 * The guardian of a test kit's system: spawns and stops actors on the test's behalf. A request
 * that fails (a taken name, a ref that is not its child) is answered with the exception, which
 * the kit rethrows on the test's thread; the guardian itself never fails.
 */
final class TestKitGuardian {
  private TestKitGuardian() {}

  sealed interface Command {}

  /** Spawn {@code behavior}; a {@code null} name means an anonymous child. Replies the ref or the failure. */
  record SpawnActor<T>(String name, Behavior<T> behavior, Props props, ActorRef<Object> replyTo)
      implements Command {}

  /** Stop {@code ref}; replies {@link Done} once it has terminated, or the failure. */
  record StopActor(ActorRef<?> ref, ActorRef<Object> replyTo) implements Command {}

  private record ActorStopped(ActorRef<Object> replyTo) implements Command {}

  static Behavior<Command> create() {
    return Behaviors.receive((ctx, msg) -> {
      switch (msg) {
        case SpawnActor<?> s -> {
          try {
            s.replyTo().tell(s.name() == null
                ? ctx.spawnAnonymous(s.behavior(), s.props())
                : ctx.spawn(s.behavior(), s.name(), s.props()));
          } catch (RuntimeException e) {
            s.replyTo().tell(e);
          }
        }
        case StopActor s -> {
          try {
            ctx.stop(s.ref());
            ctx.watchWith(s.ref(), new ActorStopped(s.replyTo()));
          } catch (RuntimeException e) {
            s.replyTo().tell(e);
          }
        }
        case ActorStopped s -> s.replyTo().tell(Done.getInstance());
      }
      return Behaviors.same();
    });
  }
}
