package io.troupe.actor.delivery;

import io.troupe.actor.ActorContext;
import io.troupe.actor.ActorRef;
import io.troupe.actor.Behavior;
import io.troupe.actor.Behaviors;
import io.troupe.actor.ExtensibleBehavior;
import io.troupe.actor.Signal;
import io.troupe.actor.TimerScheduler;
import io.troupe.actor.delivery.ConsumerController.SequencedMessage;
import io.troupe.actor.delivery.ProducerController.Command;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/*
 * State of one producer controller.
 *
 *   current    the seqNr the next message from the producer gets
 *   confirmed  everything up to it is confirmed (and dropped from `unconfirmed`)
 *   requested  the consumer lets us send up to it; RequestNext goes out while current <= requested
 *
 * A message marked `first` starts a consumer controller's sequence: the first message ever, and
 * the oldest unconfirmed one when a (new) consumer registers, after which everything unconfirmed
 * is sent again. The first message is repeated every resendFirstInterval until the consumer's
 * first Request arrives, so that losing it cannot stall the pair.
 */
final class ProducerControllerImpl<A> extends ExtensibleBehavior<Command<A>> {

  /** Messages only the controller itself sends to itself. */
  sealed interface Internal<A> extends Command<A> permits Msg, ResendFirst {}

  /** A message from the producer, through {@code sendNextTo} or {@code askNextTo}. */
  record Msg<A>(A message, ActorRef<Long> replyTo) implements Internal<A> {}

  /** The timer that repeats the first message. */
  record ResendFirst<A>() implements Internal<A> {}

  /** What a listener (the work-pulling controller) learns: confirmed up to a seqNr. */
  record Confirmation(String producerId, long confirmedSeqNr) {}

  private static final String RESEND_FIRST = "resend-first";

  private final ActorContext<Command<A>> ctx;
  private final TimerScheduler<Command<A>> timers;
  private final String producerId;
  private final ProducerController.Settings settings;
  private final ActorRef<Confirmation> listener;
  private final ActorRef<A> sendNextTo;
  private final ActorRef<ProducerController.MessageWithConfirmation<A>> askNextTo;
  private final ArrayDeque<SequencedMessage<A>> unconfirmed = new ArrayDeque<>();
  private final TreeMap<Long, ActorRef<Long>> replies = new TreeMap<>();
  private ActorRef<ProducerController.RequestNext<A>> producer;
  private ActorRef<ConsumerController.Command<A>> consumer;
  private long current = 1;
  private long confirmed;
  private long requested = 1;
  private boolean demandSignalled;
  private boolean nextIsFirst = true;

  @SuppressWarnings("unchecked")
  ProducerControllerImpl(ActorContext<Command<A>> ctx, TimerScheduler<Command<A>> timers, Class<A> messageClass,
      String producerId, ProducerController.Settings settings, ActorRef<Confirmation> listener) {
    this.ctx = ctx;
    this.timers = timers;
    this.producerId = producerId;
    this.settings = settings;
    this.listener = listener;
    this.sendNextTo = ctx.messageAdapter(messageClass, a -> new Msg<>(a, null));
    this.askNextTo = (ActorRef<ProducerController.MessageWithConfirmation<A>>) (ActorRef<?>) ctx.getSelf();
  }

  @Override
  public Behavior<Command<A>> receive(ActorContext<Command<A>> context, Command<A> command) {
    switch (command) {
      case ProducerController.Start<A> s -> {
        producer = s.producer();
        demandSignalled = false;
        signalDemand();
      }
      case ProducerController.RegisterConsumer<A> r -> onRegisterConsumer(r.consumerController());
      case ProducerController.MessageWithConfirmation<A> m -> onMessage(m.message(), m.replyTo());
      case Msg<A> m -> onMessage(m.message(), m.replyTo());
      case ProducerController.Request<A> r -> {
        timers.cancel(RESEND_FIRST); // the consumer has started
        onConfirmed(r.confirmedSeqNr());
        if (r.requestUpToSeqNr() > requested) {
          requested = r.requestUpToSeqNr();
        }
        signalDemand();
      }
      case ProducerController.Resend<A> r -> {
        for (SequencedMessage<A> m : unconfirmed) {
          if (m.seqNr() >= r.fromSeqNr()) {
            consumer.tell(m);
          }
        }
      }
      case ProducerController.Ack<A> a -> onConfirmed(a.confirmedSeqNr());
      case ResendFirst<A> r -> {
        if (unconfirmed.isEmpty() || consumer == null) {
          timers.cancel(RESEND_FIRST);
        } else {
          consumer.tell(unconfirmed.peekFirst().asFirst());
        }
      }
    }
    return this;
  }

  private void onRegisterConsumer(ActorRef<ConsumerController.Command<A>> c) {
    consumer = c;
    if (unconfirmed.isEmpty()) {
      nextIsFirst = true;
      requested = Math.max(requested, current);
    } else {
      boolean head = true;
      for (SequencedMessage<A> m : unconfirmed) {
        consumer.tell(head ? m.asFirst() : m);
        head = false;
      }
      timers.startTimerWithFixedDelay(RESEND_FIRST, new ResendFirst<>(), settings.resendFirstInterval());
    }
    signalDemand();
  }

  private void onMessage(A message, ActorRef<Long> replyTo) {
    if (!demandSignalled) {
      throw new IllegalStateException("producer controller [" + producerId + "] got a message without a RequestNext"
          + " outstanding: send exactly one message per RequestNext; got " + message);
    }
    demandSignalled = false;
    long seqNr = current++;
    boolean first = nextIsFirst;
    nextIsFirst = false;
    // a listener (work pulling) tracks every message, so every confirmation is acknowledged at once
    boolean ack = replyTo != null || listener != null;
    SequencedMessage<A> m = new SequencedMessage<>(producerId, seqNr, message, first, ack, ctx.getSelf());
    unconfirmed.addLast(m);
    if (replyTo != null) {
      replies.put(seqNr, replyTo);
    }
    consumer.tell(m);
    if (first) {
      timers.startTimerWithFixedDelay(RESEND_FIRST, new ResendFirst<>(), settings.resendFirstInterval());
    }
    signalDemand();
  }

  private void onConfirmed(long upTo) {
    if (upTo <= confirmed) {
      return;
    }
    confirmed = upTo;
    while (!unconfirmed.isEmpty() && unconfirmed.peekFirst().seqNr() <= upTo) {
      unconfirmed.pollFirst();
    }
    for (Iterator<Map.Entry<Long, ActorRef<Long>>> it = replies.headMap(upTo, true).entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<Long, ActorRef<Long>> e = it.next();
      e.getValue().tell(e.getKey());
      it.remove();
    }
    if (listener != null) {
      listener.tell(new Confirmation(producerId, upTo));
    }
  }

  private void signalDemand() {
    if (producer != null && consumer != null && !demandSignalled && current <= requested) {
      demandSignalled = true;
      producer.tell(new ProducerController.RequestNext<>(producerId, current, confirmed, sendNextTo, askNextTo));
    }
  }

  @Override
  public Behavior<Command<A>> receiveSignal(ActorContext<Command<A>> context, Signal signal) {
    return Behaviors.same();
  }

  @Override
  public String toString() {
    return "ProducerController(" + producerId + ", current " + current + ", confirmed " + confirmed
        + ", requested " + requested + ")";
  }
}
