package io.troupe.actor.delivery;

import io.troupe.actor.ActorRef;
import io.troupe.actor.Behavior;
import io.troupe.actor.Behaviors;
import java.time.Duration;
import java.util.Objects;

/**
 * The sending end of point-to-point reliable delivery: an actor beside the producer that numbers
 * its messages, sends them to one {@link ConsumerController}, keeps each until the consumer
 * confirms it, and sends again what was lost.
 *
 * <pre>{@code
 * ActorRef<ProducerController.Command<Job>> pc =
 *     context.spawn(ProducerController.create(Job.class, "jobs", Optional.empty()), "producer-controller");
 * pc.tell(new ProducerController.Start<>(requestNextAdapter));
 * // the consumer side: consumerController.tell(new ConsumerController.RegisterToProducerController<>(pc));
 * // for each RequestNext r: r.sendNextTo().tell(nextJob);   (exactly one message per RequestNext)
 * }</pre>
 *
 * <p>Flow control: the producer gets a {@link RequestNext} only while the consumer has room (its
 * window of unconfirmed messages), so a slow consumer holds the producer back. Send exactly one
 * message per {@code RequestNext}, to {@code sendNextTo}, or to {@code askNextTo} wrapped in a
 * {@link MessageWithConfirmation} to learn its sequence number once the consumer confirms it.
 *
 * <p>Messages are kept in memory until confirmed; a durable producer queue (surviving a restart
 * of the producer) is not supported yet.
 */
public final class ProducerController {
  private ProducerController() {}

  /**
   * A producer controller for messages of {@code messageClass}, identified by {@code producerId};
   * {@code durableQueueBehavior} must be empty (durable queues are not supported yet).
   *
   * @throws IllegalArgumentException if {@code producerId} is blank or a durable queue is given
   */
  public static <A> Behavior<Command<A>> create(
      Class<A> messageClass, String producerId, java.util.Optional<?> durableQueueBehavior) {
    Objects.requireNonNull(durableQueueBehavior, "durableQueueBehavior");
    if (durableQueueBehavior.isPresent()) {
      throw new IllegalArgumentException("durableQueueBehavior: durable producer queues are not supported yet, was "
          + durableQueueBehavior.get());
    }
    return create(messageClass, producerId, Settings.create());
  }

  /**
   * A producer controller for messages of {@code messageClass}, identified by {@code producerId}.
   *
   * @throws IllegalArgumentException if {@code producerId} is blank
   */
  public static <A> Behavior<Command<A>> create(Class<A> messageClass, String producerId, Settings settings) {
    Objects.requireNonNull(messageClass, "messageClass");
    requireProducerId(producerId);
    Objects.requireNonNull(settings, "settings");
    return Behaviors.setup(ctx -> Behaviors.withTimers(
        timers -> new ProducerControllerImpl<>(ctx, timers, messageClass, producerId, settings, null)));
  }

  static void requireProducerId(String producerId) {
    Objects.requireNonNull(producerId, "producerId");
    if (producerId.isBlank()) {
      throw new IllegalArgumentException("producerId must not be blank, was [" + producerId + "]");
    }
  }

  /** {@code RequestNext<A>}'s class, for a message adapter. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public static <A> Class<RequestNext<A>> requestNextClass() {
    return (Class) RequestNext.class;
  }

  /** A command to a producer controller. */
  public sealed interface Command<A>
      permits Start, RegisterConsumer, MessageWithConfirmation, Request, Resend, Ack, ProducerControllerImpl.Internal {}

  /** Starts: {@code producer} gets a {@link RequestNext} whenever it may send the next message. */
  public record Start<A>(ActorRef<RequestNext<A>> producer) implements Command<A> {
    public Start {
      Objects.requireNonNull(producer, "producer");
    }
  }

  /** Sends to {@code consumerController} from now on; what it has not confirmed is sent to it again. */
  public record RegisterConsumer<A>(ActorRef<ConsumerController.Command<A>> consumerController) implements Command<A> {
    public RegisterConsumer {
      Objects.requireNonNull(consumerController, "consumerController");
    }
  }

  /** A message whose sequence number {@code replyTo} gets once the consumer has confirmed it. */
  public record MessageWithConfirmation<A>(A message, ActorRef<Long> replyTo) implements Command<A> {
    public MessageWithConfirmation {
      Objects.requireNonNull(message, "message");
      Objects.requireNonNull(replyTo, "replyTo");
    }
  }

  /**
   * The producer may send one message: the one numbered {@code currentSeqNr}; everything up to
   * {@code confirmedSeqNr} has been confirmed.
   */
  public record RequestNext<A>(
      String producerId,
      long currentSeqNr,
      long confirmedSeqNr,
      ActorRef<A> sendNextTo,
      ActorRef<MessageWithConfirmation<A>> askNextTo) {}

  /**
   * From the consumer controller: everything up to {@code confirmedSeqNr} is confirmed, send up
   * to {@code requestUpToSeqNr}; {@code viaTimeout} when sent periodically (then unconfirmed
   * messages are sent again, in case the last ones were lost).
   */
  public record Request<A>(long confirmedSeqNr, long requestUpToSeqNr, boolean viaTimeout) implements Command<A> {}

  /** From the consumer controller: a message was lost; send again from {@code fromSeqNr}. */
  public record Resend<A>(long fromSeqNr) implements Command<A> {}

  /** From the consumer controller: everything up to {@code confirmedSeqNr} is confirmed. */
  public record Ack<A>(long confirmedSeqNr) implements Command<A> {}

  /** The settings of a producer controller. Immutable. */
  public static final class Settings {
    private static final Settings DEFAULT = new Settings(Duration.ofSeconds(1));

    private final Duration resendFirstInterval;

    private Settings(Duration resendFirstInterval) {
      this.resendFirstInterval = resendFirstInterval;
    }

    /** Repeats the first message to a new consumer every second until it answers. */
    public static Settings create() {
      return DEFAULT;
    }

    /**
     * These settings repeating the first message every {@code interval}.
     *
     * @throws IllegalArgumentException if {@code interval} is not positive
     */
    public Settings withResendFirstInterval(Duration interval) {
      Objects.requireNonNull(interval, "interval");
      if (interval.isZero() || interval.isNegative()) {
        throw new IllegalArgumentException("resendFirstInterval must be positive, was " + interval);
      }
      return new Settings(interval);
    }

    /** How often the first message to a new consumer is repeated until it answers. */
    public Duration resendFirstInterval() {
      return resendFirstInterval;
    }
  }
}
