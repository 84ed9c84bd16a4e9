package io.troupe.actor.routing;

import io.troupe.actor.ActorContext;
import io.troupe.actor.ActorRef;
import io.troupe.actor.Behavior;
import io.troupe.actor.Behaviors;
import io.troupe.actor.ExtensibleBehavior;
import io.troupe.actor.Signal;
import io.troupe.actor.receptionist.Receptionist;
import io.troupe.actor.receptionist.ServiceKey;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A running group router: the latest listing, sorted by path, and the messages waiting for the first. */
final class GroupRouterState<T> extends ExtensibleBehavior<T> {

  /** A listing, adapted into the router's own mailbox; no user message can be one. */
  private record Listed(Receptionist.Listing listing) {}

  private final ServiceKey<T> key;
  private final RoutingLogic<T> logic;
  private List<ActorRef<T>> routees = List.of();
  private ArrayDeque<T> waiting = new ArrayDeque<>(); // null once the first listing came

  @SuppressWarnings("unchecked")
  GroupRouterState(ActorContext<T> context, ServiceKey<T> key, RoutingLogic<T> logic) {
    this.key = key;
    this.logic = logic;
    ActorRef<Receptionist.Listing> adapter =
        context.messageAdapter(Receptionist.Listing.class, l -> (T) (Object) new Listed(l));
    context.getSystem().receptionist().tell(Receptionist.subscribe(key, adapter));
  }

  @Override
  public Behavior<T> receive(ActorContext<T> context, T message) throws Exception {
    if ((Object) message instanceof Listed l) {
      List<ActorRef<T>> fresh = new ArrayList<>(l.listing().getServiceInstances(key));
      Collections.sort(fresh);
      routees = fresh;
      logic.routeesChanged(routees);
      if (waiting != null) {
        ArrayDeque<T> w = waiting;
        waiting = null;
        for (T m : w) {
          route(context, m);
        }
      }
    } else if (waiting != null) {
      if (waiting.size() < GroupRouter.STASH_CAPACITY) {
        waiting.addLast(message);
      } else {
        context.getSystem().deadLetters().tell(message);
      }
    } else {
      route(context, message);
    }
    return this;
  }

  private void route(ActorContext<T> context, T message) throws Exception {
    if (routees.isEmpty()) {
      context.getSystem().deadLetters().tell(message);
    } else {
      logic.select(message, routees).tell(message);
    }
  }

  @Override
  public Behavior<T> receiveSignal(ActorContext<T> context, Signal signal) {
    return Behaviors.same();
  }
}
