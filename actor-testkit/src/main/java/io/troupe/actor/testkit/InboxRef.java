package io.troupe.actor.testkit;

import io.troupe.actor.ActorPath;
import io.troupe.actor.ActorRef;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/** A ref that hands each message to a consumer on the sender's thread; equal only to itself. */
final class InboxRef<T> implements ActorRef<T> {
  private static final ActorPath ANONYMOUS = ActorPath.root("anonymous");

  private final ActorPath path;
  private final Consumer<? super T> sink;

  InboxRef(ActorPath path, Consumer<? super T> sink) {
    this.path = path;
    this.sink = sink;
  }

  /** {@code troupe://anonymous/<name>} with a random uid. */
  static ActorPath anonymousPath(String name) {
    return ANONYMOUS.child(name, ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE));
  }

  @Override
  public void tell(T message) {
    if (message == null) {
      throw new NullPointerException("message must not be null (sent to " + path + ")");
    }
    sink.accept(message);
  }

  @Override
  public ActorPath path() {
    return path;
  }

  @Override
  public boolean equals(Object o) {
    return this == o;
  }

  @Override
  public int hashCode() {
    return Objects.hashCode(path);
  }

  @Override
  public String toString() {
    return "Actor[" + path + "#" + path.uid() + "]";
  }
}
