package io.troupe.actor;

import java.util.Objects;

/**
 * The base class for an actor written in the object-oriented style: state in fields, handlers
 * declared once in {@link #createReceive()}.
 *
 * <pre>{@code
 * final class Counter extends AbstractBehavior<Counter.Command> {
 *   sealed interface Command {}
 *   record Increment() implements Command {}
 *   record Get(ActorRef<Integer> replyTo) implements Command {}
 *
 *   static Behavior<Command> create() { return Behaviors.setup(Counter::new); }
 *
 *   private int count;
 *   private Counter(ActorContext<Command> context) { super(context); }
 *
 *   @Override
 *   public Receive<Command> createReceive() {
 *     return newReceiveBuilder()
 *         .onMessage(Increment.class, m -> { count++; return this; })
 *         .onMessage(Get.class, m -> { m.replyTo().tell(count); return this; })
 *         .build();
 *   }
 * }
 * }</pre>
 *
 * @param <T> the type of message this actor accepts
 */
public abstract class AbstractBehavior<T> extends ExtensibleBehavior<T> {

  private final ActorContext<T> context;
  private Receive<T> receive;

  /** Creates the behavior for the actor that {@code context} belongs to. */
  protected AbstractBehavior(ActorContext<T> context) {
    this.context = Objects.requireNonNull(context, "context");
  }

  /** The context of the actor this behavior belongs to. */
  public final ActorContext<T> getContext() {
    return context;
  }

  /** Declares the handlers; called once, on the first message or signal. */
  public abstract Receive<T> createReceive();

  /** A builder for the value {@link #createReceive()} returns. */
  protected final ReceiveBuilder<T> newReceiveBuilder() {
    return ReceiveBuilder.create();
  }

  private Receive<T> receiveHandlers() {
    Receive<T> r = receive;
    if (r == null) {
      r = Objects.requireNonNull(createReceive(), "createReceive() returned null");
      receive = r;
    }
    return r;
  }

  @Override
  public final Behavior<T> receive(ActorContext<T> ctx, T message) throws Exception {
    return receiveHandlers().receiveMessage(message);
  }

  @Override
  public final Behavior<T> receiveSignal(ActorContext<T> ctx, Signal signal) throws Exception {
    return receiveHandlers().receiveSignal(signal);
  }
}
