package io.troupe.actor.delivery;

import io.troupe.actor.ActorRef;
import io.troupe.actor.Behavior;
import io.troupe.actor.Behaviors;
import io.troupe.actor.receptionist.Receptionist;
import io.troupe.actor.receptionist.ServiceKey;
import java.time.Duration;
import java.util.Objects;

/**
 * The receiving end of reliable delivery: an actor beside the consumer that takes numbered
 * messages from a {@link ProducerController}, hands them to the consumer one at a time as
 * {@link Delivery}, and tells the producer side what was confirmed and how much more it may send.
 *
 * <pre>{@code
 * ActorRef<ConsumerController.Command<Job>> cc = context.spawn(ConsumerController.create(), "consumer-controller");
 * cc.tell(new ConsumerController.Start<>(deliveryAdapter));          // where Delivery<Job> go
 * cc.tell(new ConsumerController.RegisterToProducerController<>(producerController));
 * // for each Delivery d: process d.message(), then
 * d.confirmTo().tell(ConsumerController.confirmed());
 * }</pre>
 *
 * <p>Guarantees, between one producer controller and this consumer controller: messages are
 * delivered in order, without gaps, once each while this consumer lives; a message lost on the
 * way is detected by the gap it leaves (or, for the last one, by a periodic re-request) and sent
 * again. The producer is held to a window of {@link Settings#flowControlWindow()} unconfirmed
 * messages. If the consumer stops, its controller stops too; messages not yet confirmed are sent
 * again to the next consumer controller that registers, so a message whose processing had not
 * been confirmed may be delivered twice across consumers (at least once).
 */
public final class ConsumerController {
  private ConsumerController() {}

  /** A consumer controller with the default settings. */
  public static <A> Behavior<Command<A>> create() {
    return create(Settings.create());
  }

  /** A consumer controller with {@code settings}. */
  public static <A> Behavior<Command<A>> create(Settings settings) {
    Objects.requireNonNull(settings, "settings");
    return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> new ConsumerControllerImpl<>(ctx, timers, settings)));
  }

  /**
   * A consumer controller for work pulling: it registers itself with the receptionist under
   * {@code serviceKey}, where a {@link WorkPullingProducerController} finds it.
   */
  public static <A> Behavior<Command<A>> create(ServiceKey<Command<A>> serviceKey) {
    return create(serviceKey, Settings.create());
  }

  /** A work-pulling consumer controller registered under {@code serviceKey}, with {@code settings}. */
  public static <A> Behavior<Command<A>> create(ServiceKey<Command<A>> serviceKey, Settings settings) {
    Objects.requireNonNull(serviceKey, "serviceKey");
    Objects.requireNonNull(settings, "settings");
    return Behaviors.setup(ctx -> {
      ctx.getSystem().receptionist().tell(Receptionist.register(serviceKey, ctx.getSelf()));
      return Behaviors.withTimers(timers -> new ConsumerControllerImpl<>(ctx, timers, settings));
    });
  }

  /** The confirmation a consumer sends to {@link Delivery#confirmTo()}. */
  public static Confirmed confirmed() {
    return Confirmed.INSTANCE;
  }

  /** {@code Command<A>}'s class, for {@code ServiceKey.create(ConsumerController.serviceKeyClass(), id)}. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public static <A> Class<Command<A>> serviceKeyClass() {
    return (Class) Command.class;
  }

  /** {@code Delivery<A>}'s class, for a message adapter. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public static <A> Class<Delivery<A>> deliveryClass() {
    return (Class) Delivery.class;
  }

  /** A command to a consumer controller. */
  public sealed interface Command<A>
      permits Start, RegisterToProducerController, SequencedMessage, Confirmed, ConsumerControllerImpl.Retry,
          ConsumerControllerImpl.ConsumerTerminated {}

  /** Starts delivering to {@code deliverTo}; the controller stops when that actor stops. */
  public record Start<A>(ActorRef<Delivery<A>> deliverTo) implements Command<A> {
    public Start {
      Objects.requireNonNull(deliverTo, "deliverTo");
    }
  }

  /** Registers this consumer controller with {@code producerController}. */
  public record RegisterToProducerController<A>(ActorRef<ProducerController.Command<A>> producerController)
      implements Command<A> {
    public RegisterToProducerController {
      Objects.requireNonNull(producerController, "producerController");
    }
  }

  /** A message handed to the consumer: process it, then send {@link #confirmed()} to {@code confirmTo}. */
  public record Delivery<A>(A message, ActorRef<Confirmed> confirmTo, String producerId, long seqNr) {}

  /** The consumer's confirmation that it has processed the last {@link Delivery}. */
  public static final class Confirmed implements Command<Object> {
    static final Confirmed INSTANCE = new Confirmed();

    private Confirmed() {}

    @Override
    public String toString() {
      return "Confirmed";
    }
  }

  /**
   * A numbered message from a producer controller (the wire format of reliable delivery);
   * {@code first} marks where a consumer may start, {@code ack} asks for an acknowledgement as
   * soon as it is confirmed.
   */
  public record SequencedMessage<A>(
      String producerId,
      long seqNr,
      A message,
      boolean first,
      boolean ack,
      ActorRef<ProducerController.Command<A>> producerController) implements Command<A> {
    public SequencedMessage {
      Objects.requireNonNull(producerId, "producerId");
      Objects.requireNonNull(message, "message");
      Objects.requireNonNull(producerController, "producerController");
    }

    SequencedMessage<A> asFirst() {
      return first ? this : new SequencedMessage<>(producerId, seqNr, message, true, ack, producerController);
    }
  }

  /** The settings of a consumer controller. Immutable. */
  public static final class Settings {
    private static final Settings DEFAULT = new Settings(50, Duration.ofSeconds(1));

    private final int flowControlWindow;
    private final Duration resendInterval;

    private Settings(int flowControlWindow, Duration resendInterval) {
      this.flowControlWindow = flowControlWindow;
      this.resendInterval = resendInterval;
    }

    /** A window of 50 messages, re-requesting after 1 s without progress. */
    public static Settings create() {
      return DEFAULT;
    }

    /**
     * These settings with at most {@code window} messages sent and not yet confirmed.
     *
     * @throws IllegalArgumentException if {@code window} is less than 1
     */
    public Settings withFlowControlWindow(int window) {
      if (window < 1) {
        throw new IllegalArgumentException("flowControlWindow must be positive, was " + window);
      }
      return new Settings(window, resendInterval);
    }

    /**
     * These settings re-requesting lost messages every {@code interval} while the producer is known.
     *
     * @throws IllegalArgumentException if {@code interval} is not positive
     */
    public Settings withResendInterval(Duration interval) {
      Objects.requireNonNull(interval, "interval");
      if (interval.isZero() || interval.isNegative()) {
        throw new IllegalArgumentException("resendInterval must be positive, was " + interval);
      }
      return new Settings(flowControlWindow, interval);
    }

    /** The most messages sent and not yet confirmed. */
    public int flowControlWindow() {
      return flowControlWindow;
    }

    /** How often the controller re-requests (and re-registers) while waiting. */
    public Duration resendInterval() {
      return resendInterval;
    }

    @Override
    public String toString() {
      return "ConsumerController.Settings(window " + flowControlWindow + ", resend " + resendInterval + ")";
    }
  }
}
