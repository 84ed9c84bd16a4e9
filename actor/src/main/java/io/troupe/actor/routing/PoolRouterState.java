package io.troupe.actor.routing;

import io.troupe.actor.ActorContext;
import io.troupe.actor.ActorRef;
import io.troupe.actor.Behavior;
import io.troupe.actor.Behaviors;
import io.troupe.actor.ExtensibleBehavior;
import io.troupe.actor.Props;
import io.troupe.actor.Signal;
import io.troupe.actor.Terminated;
import io.troupe.japi.function.Predicate;
import java.util.ArrayList;
import java.util.List;

/** A running pool router: its routees, in spawn order, and its routing logic. */
final class PoolRouterState<T> extends ExtensibleBehavior<T> {
  private final List<ActorRef<T>> routees;
  private final RoutingLogic<T> logic;
  private final Predicate<T> broadcastPredicate;

  PoolRouterState(ActorContext<T> context, int poolSize, Behavior<T> routee, Props props, RoutingLogic<T> logic,
      Predicate<T> broadcastPredicate) {
    this.routees = new ArrayList<>(poolSize);
    this.logic = logic;
    this.broadcastPredicate = broadcastPredicate;
    for (int i = 0; i < poolSize; i++) {
      ActorRef<T> r = context.spawnAnonymous(routee, props);
      context.watch(r);
      routees.add(r);
    }
    logic.routeesChanged(routees);
  }

  @Override
  public Behavior<T> receive(ActorContext<T> context, T message) throws Exception {
    if (broadcastPredicate != null && broadcastPredicate.test(message)) {
      for (ActorRef<T> r : routees) {
        r.tell(message);
      }
    } else {
      logic.select(message, routees).tell(message);
    }
    return this;
  }

  @Override
  public Behavior<T> receiveSignal(ActorContext<T> context, Signal signal) {
    if (signal instanceof Terminated t) {
      if (routees.remove(t.getRef().<T>unsafeUpcast())) {
        if (routees.isEmpty()) {
          context.getLog().info("the last routee of the pool router {} stopped; the router stops", context.getSelf());
          return Behaviors.stopped();
        }
        logic.routeesChanged(routees);
      }
      return this;
    }
    return Behaviors.same();
  }
}
