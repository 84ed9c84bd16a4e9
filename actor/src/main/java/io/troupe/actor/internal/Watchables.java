package io.troupe.actor.internal;

import io.troupe.actor.ActorRef;

/**
 * Finds the actor behind a ref for death watch: a message adapter's ref stands for the actor that
 * made it, the system for its guardian. Internal API, used by the receptionist and routers to
 * group refs by the actor whose termination removes them.
 */
public final class Watchables {
  private Watchables() {}

  /** The actor whose termination ends {@code ref}, or {@code null} if {@code ref} cannot be watched. */
  public static ActorRef<Void> actorOf(ActorRef<?> ref) {
    if (ref instanceof ActorCell<?> c) {
      return c.unsafeUpcast();
    }
    if (ref instanceof AdapterRef<?> a) {
      return a.owner.unsafeUpcast();
    }
    if (ref instanceof ActorSystemImpl<?> s) {
      return s.userGuardian().unsafeUpcast();
    }
    return null;
  }
}
