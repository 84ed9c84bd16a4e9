package io.troupe.actor.internal;

import io.troupe.actor.ActorPath;
import io.troupe.actor.ActorRef;
import java.util.Objects;

/** {@code system.deadLetters()}: every message told to it becomes a dead letter. */
final class DeadLettersRef implements ActorRef<Object> {
  private final ActorSystemImpl<?> system;
  private final ActorPath path;

  DeadLettersRef(ActorSystemImpl<?> system, ActorPath path) {
    this.system = system;
    this.path = path;
  }

  @Override
  public void tell(Object message) {
    Objects.requireNonNull(message, "message");
    system.deadLetter(message, this, "it was sent to deadLetters");
  }

  @Override
  public ActorPath path() {
    return path;
  }

  @Override
  public String toString() {
    return "Actor[" + path + "]";
  }
}
