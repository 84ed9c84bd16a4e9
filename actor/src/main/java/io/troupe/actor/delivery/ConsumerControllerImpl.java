package io.troupe.actor.delivery;

import io.troupe.actor.ActorContext;
import io.troupe.actor.ActorRef;
import io.troupe.actor.Behavior;
import io.troupe.actor.Behaviors;
import io.troupe.actor.ExtensibleBehavior;
import io.troupe.actor.Signal;
import io.troupe.actor.TimerScheduler;
import io.troupe.actor.delivery.ConsumerController.Command;
import io.troupe.actor.delivery.ConsumerController.SequencedMessage;
import java.util.ArrayDeque;

/*
 * State of one consumer controller.
 *
 *   received   the highest seqNr accepted in order (everything up to it is queued or delivered)
 *   confirmed  the highest seqNr the consumer confirmed
 *   requested  the highest seqNr the producer may send (confirmed + window, renewed at half)
 *
 * A message with seqNr == received + 1 is accepted; a higher one reveals a loss and is answered
 * with Resend(received + 1) once (further ones are dropped until the gap is filled); a lower one
 * is a duplicate and dropped. A message marked `first` from a producer controller not seen before
 * starts the sequence at its seqNr. Every resend interval the controller sends Request with
 * viaTimeout so that a lost last message is sent again, or re-registers while no message came.
 */
final class ConsumerControllerImpl<A> extends ExtensibleBehavior<Command<A>> {

  /** The periodic timer. */
  record Retry<A>() implements Command<A> {}

  /** The consumer stopped. */
  record ConsumerTerminated<A>() implements Command<A> {}

  private final ActorContext<Command<A>> ctx;
  private final ConsumerController.Settings settings;
  private final ArrayDeque<SequencedMessage<A>> queue = new ArrayDeque<>();
  private ActorRef<ConsumerController.Delivery<A>> deliverTo;
  private ActorRef<ProducerController.Command<A>> producer;
  private ActorRef<ProducerController.Command<A>> registeringTo;
  private String producerId;
  private long received;
  private long confirmed;
  private long requested;
  private long receivedAtLastRetry;
  private long resendRequestedFor = -1; // the seqNr a Resend is pending for
  private SequencedMessage<A> delivering; // handed to the consumer, not yet confirmed

  ConsumerControllerImpl(ActorContext<Command<A>> ctx, TimerScheduler<Command<A>> timers,
      ConsumerController.Settings settings) {
    this.ctx = ctx;
    this.settings = settings;
    timers.startTimerWithFixedDelay("retry", new Retry<>(), settings.resendInterval());
  }

  @Override
  public Behavior<Command<A>> receive(ActorContext<Command<A>> context, Command<A> command) {
    switch (command) {
      case ConsumerController.Start<A> s -> {
        if (deliverTo != null && !deliverTo.equals(s.deliverTo())) {
          ctx.unwatch(deliverTo);
        }
        deliverTo = s.deliverTo();
        ctx.watchWith(deliverTo, new ConsumerTerminated<>());
        deliverNext();
      }
      case ConsumerController.RegisterToProducerController<A> r -> {
        if (!r.producerController().equals(producer)) {
          registeringTo = r.producerController();
          registeringTo.tell(new ProducerController.RegisterConsumer<>(ctx.getSelf()));
        }
      }
      case SequencedMessage<A> m -> onSequenced(m);
      case ConsumerController.Confirmed c -> onConfirmed();
      case Retry<A> r -> onRetry();
      case ConsumerTerminated<A> t -> {
        ctx.getLog().debug("the consumer {} stopped; its consumer controller stops", deliverTo);
        return Behaviors.stopped();
      }
    }
    return this;
  }

  private void onSequenced(SequencedMessage<A> m) {
    boolean fromCurrent = m.producerController().equals(producer);
    if (!fromCurrent || m.seqNr() > received + 1) {
      if (m.first()) {
        startFrom(m);
        return;
      }
      if (!fromCurrent) {
        return; // a stray message from a producer this consumer has not started with
      }
    }
    long expected = received + 1;
    if (m.seqNr() == expected) {
      received = m.seqNr();
      resendRequestedFor = -1;
      queue.addLast(m);
      deliverNext();
    } else if (m.seqNr() > expected) {
      if (resendRequestedFor != expected) {
        resendRequestedFor = expected;
        producer.tell(new ProducerController.Resend<>(expected));
      }
    } else if (m.first()) {
      // the producer repeats its first message until it hears from us: answer again
      requestMore(true);
    }
  }

  /** Starts the sequence at {@code m}: a new producer controller, or one that started over. */
  private void startFrom(SequencedMessage<A> m) {
    if (producer != null && !producer.equals(m.producerController())) {
      ctx.getLog().debug("consumer controller switches from producer controller {} to {}", producer, m.producerController());
    }
    producer = m.producerController();
    registeringTo = null;
    producerId = m.producerId();
    queue.clear();
    if (delivering != null && delivering.producerController().equals(producer) && delivering.seqNr() >= m.seqNr()) {
      delivering = null; // it will be delivered again from the new start
    }
    received = m.seqNr();
    confirmed = m.seqNr() - 1;
    requested = confirmed;
    resendRequestedFor = -1;
    queue.addLast(m);
    requestMore(true);
    deliverNext();
  }

  private void deliverNext() {
    if (delivering != null || deliverTo == null || queue.isEmpty()) {
      return;
    }
    delivering = queue.pollFirst();
    deliverTo.tell(new ConsumerController.Delivery<>(delivering.message(), ctx.getSelf().unsafeUpcast(),
        delivering.producerId(), delivering.seqNr()));
  }

  private void onConfirmed() {
    SequencedMessage<A> done = delivering;
    if (done == null) {
      return; // a late confirmation of a message that is being delivered again
    }
    delivering = null;
    confirmed = done.seqNr();
    if (!done.producerController().equals(producer)) {
      deliverNext();
      return;
    }
    if (confirmed >= requested - settings.flowControlWindow() / 2) {
      requestMore(false);
    } else if (done.ack()) {
      producer.tell(new ProducerController.Ack<>(confirmed));
    }
    deliverNext();
  }

  /** Tells the producer what is confirmed and lets it send up to a window beyond that. */
  private void requestMore(boolean force) {
    long upTo = confirmed + settings.flowControlWindow();
    if (force || upTo > requested) {
      requested = Math.max(requested, upTo);
      producer.tell(new ProducerController.Request<>(confirmed, requested, false));
    }
  }

  private void onRetry() {
    if (producer != null) {
      if (received == receivedAtLastRetry && received < requested) {
        // no progress for a whole interval although more may come: the last messages may be lost
        producer.tell(new ProducerController.Request<>(confirmed, requested, true));
        producer.tell(new ProducerController.Resend<>(received + 1));
      }
      receivedAtLastRetry = received;
    } else if (registeringTo != null) {
      registeringTo.tell(new ProducerController.RegisterConsumer<>(ctx.getSelf()));
    }
  }

  @Override
  public Behavior<Command<A>> receiveSignal(ActorContext<Command<A>> context, Signal signal) {
    return Behaviors.same();
  }

  @Override
  public String toString() {
    return "ConsumerController(" + producerId + ", received " + received + ", confirmed " + confirmed + ")";
  }
}
