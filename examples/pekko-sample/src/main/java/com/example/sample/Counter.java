package com.example.sample;

import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/** A counter actor: it adds what it is told to add, and reports its total when asked. */
public class Counter extends AbstractBehavior<Counter.Command> {

  public interface Command {}

  public static final class Add implements Command {
    public final int amount;

    public Add(int amount) {
      this.amount = amount;
    }
  }

  public static final class GetTotal implements Command {
    public final ActorRef<Integer> replyTo;

    public GetTotal(ActorRef<Integer> replyTo) {
      this.replyTo = replyTo;
    }
  }

  public static Behavior<Command> create() {
    return Behaviors.setup(Counter::new);
  }

  private int total;

  private Counter(ActorContext<Command> context) {
    super(context);
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Add.class, this::onAdd)
        .onMessage(GetTotal.class, this::onGetTotal)
        .build();
  }

  private Behavior<Command> onAdd(Add add) {
    total += add.amount;
    getContext().getLog().debug("total is now {}", total);
    return this;
  }

  private Behavior<Command> onGetTotal(GetTotal get) {
    get.replyTo.tell(total);
    return this;
  }
}
