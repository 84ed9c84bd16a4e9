package io.troupe.stream;

import io.troupe.actor.ActorRef;

/** A stream failed because an actor it depends on (such as the target of an ask) stopped. */
public final class WatchedActorTerminatedException extends RuntimeException {
  /** The exception for the stopped actor {@code ref}, seen by the stage named {@code watcher}. */
  public WatchedActorTerminatedException(String watcher, ActorRef<?> ref) {
    super("actor " + ref + " watched by [" + watcher + "] has terminated; the stream fails");
  }
}
