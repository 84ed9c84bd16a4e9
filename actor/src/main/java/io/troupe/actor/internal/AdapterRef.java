package io.troupe.actor.internal;

import io.troupe.actor.ActorPath;
import io.troupe.actor.ActorRef;
import java.util.Objects;

/** The ref {@code messageAdapter} returns: its messages are adapted inside the owning actor. */
final class AdapterRef<U> implements ActorRef<U> {
  final ActorCell<?> owner;

  AdapterRef(ActorCell<?> owner) {
    this.owner = owner;
  }

  @Override
  public void tell(U message) {
    Objects.requireNonNull(message, "message");
    owner.enqueue(new AdaptMessage(message));
  }

  @Override
  public ActorPath path() {
    return owner.path().child("$$adapter");
  }

  @Override
  public String toString() {
    return "Actor[" + path() + "]";
  }

  private static final class AdaptMessage extends CellMessage {
    final Object message;

    AdaptMessage(Object message) {
      this.message = message;
    }

    @Override
    void deliver(ActorCell<?> cell) {
      cell.adapt(message);
    }

    @Override
    Object payload() {
      return message;
    }
  }
}
