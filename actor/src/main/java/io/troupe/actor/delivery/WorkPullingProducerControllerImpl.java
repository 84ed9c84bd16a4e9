package io.troupe.actor.delivery;

import io.troupe.actor.ActorContext;
import io.troupe.actor.ActorRef;
import io.troupe.actor.Behavior;
import io.troupe.actor.Behaviors;
import io.troupe.actor.Done;
import io.troupe.actor.ExtensibleBehavior;
import io.troupe.actor.Signal;
import io.troupe.actor.delivery.WorkPullingProducerController.Command;
import io.troupe.actor.receptionist.Receptionist;
import io.troupe.actor.receptionist.ServiceKey;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/*
 * One child ProducerController per worker. A worker "has room" while its controller's latest
 * RequestNext has not been used; the producer is asked for a message while some worker has room
 * and nothing is waiting to be re-sent. Each message handed to a worker is remembered with the
 * seqNr its controller gives it until the controller reports it confirmed; when a worker leaves
 * the listing, what it had not confirmed is re-sent to other workers before any new message.
 */
final class WorkPullingProducerControllerImpl<A> extends ExtensibleBehavior<Command<A>> {

  /** Messages only the controller itself (through its adapters) sends to itself. */
  sealed interface Internal<A> extends Command<A> permits Msg, WorkersListed, WorkerDemand, WorkerConfirmed {}

  record Msg<A>(A message, ActorRef<Done> replyTo) implements Internal<A> {}

  record WorkersListed<A>(Receptionist.Listing listing) implements Internal<A> {}

  record WorkerDemand<A>(ProducerController.RequestNext<A> requestNext) implements Internal<A> {}

  record WorkerConfirmed<A>(ProducerControllerImpl.Confirmation confirmation) implements Internal<A> {}

  private record Outstanding<A>(long seqNr, A message, ActorRef<Done> replyTo) {}

  private static final class Worker<A> {
    final ActorRef<ConsumerController.Command<A>> consumer;
    final ActorRef<ProducerController.Command<A>> controller;
    final ArrayDeque<Outstanding<A>> outstanding = new ArrayDeque<>();
    ProducerController.RequestNext<A> demand;

    Worker(ActorRef<ConsumerController.Command<A>> consumer, ActorRef<ProducerController.Command<A>> controller) {
      this.consumer = consumer;
      this.controller = controller;
    }
  }

  private final ActorContext<Command<A>> ctx;
  private final Class<A> messageClass;
  private final String producerId;
  private final ServiceKey<ConsumerController.Command<A>> key;
  private final ActorRef<A> sendNextTo;
  private final ActorRef<ProducerController.RequestNext<A>> demandAdapter;
  private final ActorRef<ProducerControllerImpl.Confirmation> confirmationAdapter;
  private final Map<ActorRef<ConsumerController.Command<A>>, Worker<A>> workers = new LinkedHashMap<>();
  private final Map<String, Worker<A>> byControllerId = new HashMap<>();
  private final ArrayDeque<Outstanding<A>> resend = new ArrayDeque<>();
  private ActorRef<WorkPullingProducerController.RequestNext<A>> producer;
  private boolean demandSignalled;
  private int spawned;
  private int nextWorker;

  @SuppressWarnings({"unchecked", "rawtypes"})
  WorkPullingProducerControllerImpl(ActorContext<Command<A>> ctx, Class<A> messageClass, String producerId,
      ServiceKey<ConsumerController.Command<A>> key) {
    this.ctx = ctx;
    this.messageClass = messageClass;
    this.producerId = producerId;
    this.key = key;
    // the producer's messages first: the adapters made later are tried first
    this.sendNextTo = ctx.messageAdapter(messageClass, a -> new Msg<>(a, null));
    this.demandAdapter = ctx.messageAdapter((Class<ProducerController.RequestNext<A>>) (Class) ProducerController.RequestNext.class,
        WorkerDemand::new);
    this.confirmationAdapter = ctx.messageAdapter(ProducerControllerImpl.Confirmation.class, WorkerConfirmed::new);
    ActorRef<Receptionist.Listing> listingAdapter = ctx.messageAdapter(Receptionist.Listing.class, WorkersListed::new);
    ctx.getSystem().receptionist().tell(Receptionist.subscribe(key, listingAdapter));
  }

  @Override
  @SuppressWarnings("unchecked")
  public Behavior<Command<A>> receive(ActorContext<Command<A>> context, Command<A> command) {
    switch (command) {
      case WorkPullingProducerController.Start<A> s -> {
        producer = s.producer();
        demandSignalled = false;
        dispatch();
      }
      case WorkPullingProducerController.MessageWithConfirmation<A> m -> onMessage(m.message(), m.replyTo());
      case Msg<A> m -> onMessage(m.message(), m.replyTo());
      case WorkPullingProducerController.GetWorkerStats<A> g ->
          g.replyTo().tell(new WorkPullingProducerController.WorkerStats(workers.size()));
      case WorkersListed<A> l -> onListing((Set<ActorRef<ConsumerController.Command<A>>>) (Set<?>)
          l.listing().getServiceInstances(key));
      case WorkerDemand<A> d -> {
        Worker<A> w = byControllerId.get(d.requestNext().producerId());
        if (w != null) {
          w.demand = d.requestNext();
          dispatch();
        }
      }
      case WorkerConfirmed<A> c -> {
        Worker<A> w = byControllerId.get(c.confirmation().producerId());
        if (w != null) {
          while (!w.outstanding.isEmpty() && w.outstanding.peekFirst().seqNr() <= c.confirmation().confirmedSeqNr()) {
            Outstanding<A> o = w.outstanding.pollFirst();
            if (o.replyTo() != null) {
              o.replyTo().tell(Done.INSTANCE);
            }
          }
        }
      }
    }
    return this;
  }

  private void onListing(Set<ActorRef<ConsumerController.Command<A>>> listed) {
    List<ActorRef<ConsumerController.Command<A>>> gone = new ArrayList<>();
    for (ActorRef<ConsumerController.Command<A>> c : workers.keySet()) {
      if (!listed.contains(c)) {
        gone.add(c);
      }
    }
    for (ActorRef<ConsumerController.Command<A>> c : gone) {
      Worker<A> w = workers.remove(c);
      byControllerId.values().remove(w);
      ctx.stop(w.controller);
      // what it had not confirmed goes to the others first, in its original order
      for (java.util.Iterator<Outstanding<A>> it = w.outstanding.descendingIterator(); it.hasNext(); ) {
        resend.addFirst(it.next());
      }
    }
    for (ActorRef<ConsumerController.Command<A>> c : listed) {
      if (!workers.containsKey(c)) {
        String id = producerId + "-" + (++spawned);
        ActorRef<ProducerController.Command<A>> pc = ctx.spawn(Behaviors.<ProducerController.Command<A>>setup(
            pcCtx -> Behaviors.withTimers(timers -> new ProducerControllerImpl<>(pcCtx, timers, messageClass, id,
                ProducerController.Settings.create(), confirmationAdapter))), "worker-" + spawned);
        Worker<A> w = new Worker<>(c, pc);
        workers.put(c, w);
        byControllerId.put(id, w);
        pc.tell(new ProducerController.Start<>(demandAdapter));
        pc.tell(new ProducerController.RegisterConsumer<>(c));
      }
    }
    dispatch();
  }

  private void onMessage(A message, ActorRef<Done> replyTo) {
    if (!demandSignalled) {
      throw new IllegalStateException("work-pulling producer controller [" + producerId + "] got a message without a"
          + " RequestNext outstanding: send exactly one message per RequestNext; got " + message);
    }
    demandSignalled = false;
    Worker<A> w = workerWithRoom();
    if (w == null) {
      resend.addLast(new Outstanding<>(0, message, replyTo)); // its worker left meanwhile
    } else {
      sendTo(w, message, replyTo);
    }
    dispatch();
  }

  private void dispatch() {
    Worker<A> w;
    while (!resend.isEmpty() && (w = workerWithRoom()) != null) {
      Outstanding<A> o = resend.pollFirst();
      sendTo(w, o.message(), o.replyTo());
    }
    if (resend.isEmpty() && producer != null && !demandSignalled && workerWithRoom() != null) {
      demandSignalled = true;
      producer.tell(new WorkPullingProducerController.RequestNext<>(sendNextTo, ctx.getSelf().unsafeUpcast()));
    }
  }

  /** The next worker (in turn) whose controller asked for a message, or null. */
  private Worker<A> workerWithRoom() {
    if (workers.isEmpty()) {
      return null;
    }
    List<Worker<A>> all = new ArrayList<>(workers.values());
    for (int i = 0; i < all.size(); i++) {
      Worker<A> w = all.get((nextWorker + i) % all.size());
      if (w.demand != null) {
        nextWorker = (nextWorker + i + 1) % all.size();
        return w;
      }
    }
    return null;
  }

  private void sendTo(Worker<A> w, A message, ActorRef<Done> replyTo) {
    ProducerController.RequestNext<A> d = w.demand;
    w.demand = null;
    w.outstanding.addLast(new Outstanding<>(d.currentSeqNr(), message, replyTo));
    d.sendNextTo().tell(message);
  }

  @Override
  public Behavior<Command<A>> receiveSignal(ActorContext<Command<A>> context, Signal signal) {
    return Behaviors.same();
  }
}
