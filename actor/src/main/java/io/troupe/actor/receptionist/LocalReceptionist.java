package io.troupe.actor.receptionist;

import io.troupe.actor.ActorContext;
import io.troupe.actor.ActorRef;
import io.troupe.actor.Behavior;
import io.troupe.actor.Behaviors;
import io.troupe.actor.ExtensibleBehavior;
import io.troupe.actor.Signal;
import io.troupe.actor.Terminated;
import io.troupe.actor.internal.Watchables;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The receptionist of one system: registrations and subscriptions per key, and for each watched
 * actor the registrations and subscriptions its termination removes.
 */
final class LocalReceptionist extends ExtensibleBehavior<Receptionist.Command> {

  /** A registration or a subscription, remembered under the actor whose death removes it. */
  private record Entry(ServiceKey<?> key, ActorRef<?> ref, boolean subscription) {}

  private final Map<ServiceKey<?>, Set<ActorRef<?>>> services = new HashMap<>();
  private final Map<ServiceKey<?>, Set<ActorRef<Receptionist.Listing>>> subscribers = new HashMap<>();
  private final Map<ActorRef<Void>, Set<Entry>> byActor = new HashMap<>();

  private LocalReceptionist() {}

  static Behavior<Receptionist.Command> create() {
    return Behaviors.setup(ctx -> new LocalReceptionist());
  }

  @Override
  public Behavior<Receptionist.Command> receive(ActorContext<Receptionist.Command> ctx, Receptionist.Command command) {
    switch (command) {
      case Receptionist.Register<?> r -> {
        if (services.computeIfAbsent(r.key(), k -> new LinkedHashSet<>()).add(r.service())) {
          remember(ctx, new Entry(r.key(), r.service(), false));
          notifySubscribers(r.key());
        }
        if (r.replyTo() != null) {
          r.replyTo().tell(new Receptionist.Registered(r.key(), r.service()));
        }
      }
      case Receptionist.Deregister<?> d -> {
        Set<ActorRef<?>> refs = services.get(d.key());
        if (refs != null && refs.remove(d.service())) {
          if (refs.isEmpty()) {
            services.remove(d.key());
          }
          forget(ctx, new Entry(d.key(), d.service(), false));
          notifySubscribers(d.key());
        }
        if (d.replyTo() != null) {
          d.replyTo().tell(new Receptionist.Deregistered(d.key(), d.service()));
        }
      }
      case Receptionist.Find<?> f -> f.replyTo().tell(listing(f.key()));
      case Receptionist.Subscribe<?> s -> {
        if (subscribers.computeIfAbsent(s.key(), k -> new LinkedHashSet<>()).add(s.subscriber())) {
          remember(ctx, new Entry(s.key(), s.subscriber(), true));
        }
        s.subscriber().tell(listing(s.key()));
      }
    }
    return this;
  }

  @Override
  public Behavior<Receptionist.Command> receiveSignal(ActorContext<Receptionist.Command> ctx, Signal signal) {
    if (signal instanceof Terminated t) {
      Set<Entry> entries = byActor.remove(t.getRef());
      if (entries != null) {
        Set<ServiceKey<?>> changed = new LinkedHashSet<>();
        for (Entry e : entries) {
          if (e.subscription()) {
            removeFrom(subscribers, e.key(), e.ref());
          } else if (removeFrom(services, e.key(), e.ref())) {
            changed.add(e.key());
          }
        }
        for (ServiceKey<?> key : changed) {
          notifySubscribers(key);
        }
      }
      return this;
    }
    return Behaviors.same();
  }

  private void remember(ActorContext<Receptionist.Command> ctx, Entry entry) {
    ActorRef<Void> actor = Watchables.actorOf(entry.ref());
    if (actor == null) {
      return; // cannot be watched: stays until deregistered
    }
    Set<Entry> entries = byActor.get(actor);
    if (entries == null) {
      entries = new LinkedHashSet<>();
      byActor.put(actor, entries);
      ctx.watch(actor);
    }
    entries.add(entry);
  }

  private void forget(ActorContext<Receptionist.Command> ctx, Entry entry) {
    ActorRef<Void> actor = Watchables.actorOf(entry.ref());
    Set<Entry> entries = actor == null ? null : byActor.get(actor);
    if (entries != null && entries.remove(entry) && entries.isEmpty()) {
      byActor.remove(actor);
      ctx.unwatch(actor);
    }
  }

  private static <V> boolean removeFrom(Map<ServiceKey<?>, Set<V>> map, ServiceKey<?> key, Object ref) {
    Set<V> refs = map.get(key);
    if (refs == null || !refs.remove(ref)) {
      return false;
    }
    if (refs.isEmpty()) {
      map.remove(key);
    }
    return true;
  }

  private Receptionist.Listing listing(ServiceKey<?> key) {
    Set<ActorRef<?>> refs = services.get(key);
    return new Receptionist.Listing(key,
        refs == null ? Set.of() : Collections.unmodifiableSet(new LinkedHashSet<>(refs)));
  }

  private void notifySubscribers(ServiceKey<?> key) {
    Set<ActorRef<Receptionist.Listing>> subs = subscribers.get(key);
    if (subs != null && !subs.isEmpty()) {
      Receptionist.Listing listing = listing(key);
      for (ActorRef<Receptionist.Listing> s : subs) {
        s.tell(listing);
      }
    }
  }
}
