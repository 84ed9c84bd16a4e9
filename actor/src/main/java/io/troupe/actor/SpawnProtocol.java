package io.troupe.actor;

import java.util.Objects;

/**
 * A ready-made protocol for an actor that spawns children on request, typically the guardian:
 * send {@link Spawn} and get the child's ref back. A taken name gets a suffix ({@code name-1},
 * {@code name-2}, ...); an empty name spawns an anonymous child.
 */
public sealed interface SpawnProtocol permits SpawnProtocol.Spawn {

  /** The behavior of an actor that handles {@link Spawn}. */
  static Behavior<SpawnProtocol> create() {
    return Behaviors.receive(
        (ctx, msg) -> {
          Spawn<?> spawn = (Spawn<?>) msg;
          spawn.spawnIn(ctx);
          return Behaviors.same();
        });
  }

  /**
   * Asks to spawn {@code behavior} as a child named {@code name} with {@code props}, replying with
   * its ref to {@code replyTo}.
   */
  record Spawn<T>(Behavior<T> behavior, String name, Props props, ActorRef<ActorRef<T>> replyTo)
      implements SpawnProtocol {
    public Spawn {
      Objects.requireNonNull(behavior, "behavior");
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(props, "props");
      Objects.requireNonNull(replyTo, "replyTo");
    }

    void spawnIn(ActorContext<?> ctx) {
      if (name.isEmpty()) {
        replyTo.tell(ctx.spawnAnonymous(behavior, props));
        return;
      }
      String candidate = name;
      for (int i = 1; ctx.getChild(candidate).isPresent(); i++) {
        candidate = name + "-" + i;
      }
      replyTo.tell(ctx.spawn(behavior, candidate, props));
    }
  }
}
