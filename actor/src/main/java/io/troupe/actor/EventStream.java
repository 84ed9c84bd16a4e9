package io.troupe.actor;

import java.util.Objects;

/**
 * The commands of a system's event stream ({@link ActorSystem#eventStream()}): a publish reaches
 * every actor subscribed to the event's class or a supertype, in the order published by each
 * publisher. Subscriptions of an actor that stops are removed.
 */
public final class EventStream {
  private EventStream() {}

  /** A command to the event stream. */
  public sealed interface Command permits Publish, Subscribe, Unsubscribe {}

  /** Publishes {@code event} to the subscribers of its class. */
  public record Publish<E>(E event) implements Command {
    public Publish {
      Objects.requireNonNull(event, "event");
    }
  }

  /** Subscribes {@code subscriber} to events of {@code topic} and its subclasses. */
  public record Subscribe<E>(Class<E> topic, ActorRef<E> subscriber) implements Command {
    public Subscribe {
      Objects.requireNonNull(topic, "topic");
      Objects.requireNonNull(subscriber, "subscriber");
    }
  }

  /** Removes all subscriptions of {@code subscriber}. */
  public record Unsubscribe<E>(ActorRef<E> subscriber) implements Command {
    public Unsubscribe {
      Objects.requireNonNull(subscriber, "subscriber");
    }
  }
}
