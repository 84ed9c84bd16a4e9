package io.troupe.actor.internal;

import io.troupe.actor.ActorPath;
import io.troupe.actor.ActorRef;
import io.troupe.actor.EventStream;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The event stream: commands are handled at once on the sender's thread against a copy-on-write
 * list of subscriptions, so a publish costs no actor hop and a publisher's events reach each
 * subscriber in order.
 */
final class EventStreamImpl implements ActorRef<EventStream.Command> {
  private record Subscription(Class<?> topic, ActorRef<Object> subscriber) {}

  private final ActorPath path;
  private final CopyOnWriteArrayList<Subscription> subscriptions = new CopyOnWriteArrayList<>();

  EventStreamImpl(ActorPath path) {
    this.path = path;
  }

  @Override
  public void tell(EventStream.Command command) {
    Objects.requireNonNull(command, "command");
    switch (command) {
      case EventStream.Publish<?> p -> publish(p.event());
      case EventStream.Subscribe<?> s -> subscriptions.addIfAbsent(new Subscription(s.topic(), s.subscriber().unsafeUpcast()));
      case EventStream.Unsubscribe<?> u -> subscriptions.removeIf(sub -> sub.subscriber().equals(u.subscriber()));
    }
  }

  void publish(Object event) {
    for (Subscription s : subscriptions) {
      if (s.topic().isInstance(event)) {
        if (s.subscriber() instanceof ActorCell<?> cell && cell.isTerminated()) {
          subscriptions.remove(s); // a stopped subscriber must not turn events into more dead letters
        } else {
          s.subscriber().tell(event);
        }
      }
    }
  }

  boolean hasSubscribers(Class<?> eventClass) {
    for (Subscription s : subscriptions) {
      if (s.topic().isAssignableFrom(eventClass)) {
        return true;
      }
    }
    return false;
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
