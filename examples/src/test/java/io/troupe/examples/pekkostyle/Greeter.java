package io.troupe.examples.pekkostyle;

import io.troupe.actor.AbstractBehavior;
import io.troupe.actor.ActorContext;
import io.troupe.actor.ActorRef;
import io.troupe.actor.Behavior;
import io.troupe.actor.Behaviors;
import io.troupe.actor.Receive;
import java.util.Objects;

/**
 * The greeter of Pekko's Java quickstart, written the way a Pekko user writes it: an {@link
 * AbstractBehavior} with a receive builder and a command that carries its reply address. Only the
 * imports differ from the Pekko original.
 */
public class Greeter extends AbstractBehavior<Greeter.Greet> {

  /** Asks the greeter to greet {@code whom} and to confirm to {@code replyTo}. */
  public static final class Greet {
    public final String whom;
    public final ActorRef<Greeted> replyTo;

    public Greet(String whom, ActorRef<Greeted> replyTo) {
      this.whom = whom;
      this.replyTo = replyTo;
    }
  }

  /** The confirmation that {@code whom} was greeted by {@code from}. */
  public static final class Greeted {
    public final String whom;
    public final ActorRef<Greet> from;

    public Greeted(String whom, ActorRef<Greet> from) {
      this.whom = whom;
      this.from = from;
    }

    @Override
    public boolean equals(Object o) {
      if (this == o) return true;
      if (o == null || getClass() != o.getClass()) return false;
      Greeted greeted = (Greeted) o;
      return Objects.equals(whom, greeted.whom) && Objects.equals(from, greeted.from);
    }

    @Override
    public int hashCode() {
      return Objects.hash(whom, from);
    }

    @Override
    public String toString() {
      return "Greeted{whom='" + whom + "', from=" + from + '}';
    }
  }

  public static Behavior<Greet> create() {
    return Behaviors.setup(Greeter::new);
  }

  private int greetings;

  private Greeter(ActorContext<Greet> context) {
    super(context);
  }

  @Override
  public Receive<Greet> createReceive() {
    return newReceiveBuilder().onMessage(Greet.class, this::onGreet).build();
  }

  private Behavior<Greet> onGreet(Greet command) {
    greetings++;
    getContext().getLog().info("Hello {}! (greeting {})", command.whom, greetings);
    command.replyTo.tell(new Greeted(command.whom, getContext().getSelf()));
    return this;
  }
}
