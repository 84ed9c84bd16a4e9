package io.troupe.actor.receptionist;

import io.troupe.actor.ActorRef;
import io.troupe.actor.ActorSystem;
import io.troupe.actor.Extension;
import io.troupe.actor.ExtensionId;
import java.util.Objects;
import java.util.Set;

/**
 * The registry where actors announce themselves under a {@link ServiceKey} and where others find
 * them or subscribe to changes: one per system, an actor at {@code /system/receptionist}.
 *
 * <pre>{@code
 * ServiceKey<Ping> key = ServiceKey.create(Ping.class, "ping");
 * context.getSystem().receptionist().tell(Receptionist.register(key, context.getSelf()));
 * ...
 * ActorRef<Receptionist.Listing> adapter = context.messageAdapter(Receptionist.Listing.class, Listed::new);
 * context.getSystem().receptionist().tell(Receptionist.subscribe(key, adapter));
 * }</pre>
 *
 * <p>The receptionist watches every registered actor: one that stops is removed from the listing
 * of each of its keys, and the subscribers of those keys get the new {@link Listing}. A
 * subscriber gets the current listing when it subscribes and a new one after every change.
 * Registrations of refs that cannot be watched (such as an ask's temporary ref) stay until they
 * are deregistered.
 *
 * <p>This receptionist is local to its system; a cluster-aware one will answer the same commands.
 */
public final class Receptionist implements Extension {

  private static final ExtensionId<Receptionist> ID = new ExtensionId<>() {
    @Override
    public Receptionist createExtension(ActorSystem<?> system) {
      return new Receptionist(system.systemActorOf(LocalReceptionist.create(), "receptionist"));
    }
  };

  private final ActorRef<Command> ref;

  private Receptionist(ActorRef<Command> ref) {
    this.ref = ref;
  }

  /** The receptionist of {@code system}, started on first use. */
  public static Receptionist get(ActorSystem<?> system) {
    return ID.get(system);
  }

  /** The id of the receptionist extension. */
  public static ExtensionId<Receptionist> extensionId() {
    return ID;
  }

  /** The ref of the receptionist actor. */
  public ActorRef<Command> ref() {
    return ref;
  }

  // ---------------------------------------------------------------- commands

  /** A command the receptionist understands; create them with the static factories. */
  public sealed interface Command permits Register, Deregister, Find, Subscribe {}

  /** Registers {@code service} under {@code key}; {@code replyTo}, if not null, gets {@link Registered}. */
  public record Register<T>(ServiceKey<T> key, ActorRef<T> service, ActorRef<Registered> replyTo)
      implements Command {
    public Register {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(service, "service");
    }
  }

  /** Removes {@code service} from {@code key}; {@code replyTo}, if not null, gets {@link Deregistered}. */
  public record Deregister<T>(ServiceKey<T> key, ActorRef<T> service, ActorRef<Deregistered> replyTo)
      implements Command {
    public Deregister {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(service, "service");
    }
  }

  /** Asks once for the {@link Listing} of {@code key}. */
  public record Find<T>(ServiceKey<T> key, ActorRef<Listing> replyTo) implements Command {
    public Find {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(replyTo, "replyTo");
    }
  }

  /** Asks for the {@link Listing} of {@code key} now and after every change. */
  public record Subscribe<T>(ServiceKey<T> key, ActorRef<Listing> subscriber) implements Command {
    public Subscribe {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(subscriber, "subscriber");
    }
  }

  /** Registers {@code service} under {@code key}, without acknowledgement. */
  public static <T> Command register(ServiceKey<T> key, ActorRef<T> service) {
    return new Register<>(key, service, null);
  }

  /** Registers {@code service} under {@code key}; {@code replyTo} gets {@link Registered} when done. */
  public static <T> Command register(ServiceKey<T> key, ActorRef<T> service, ActorRef<Registered> replyTo) {
    return new Register<>(key, service, Objects.requireNonNull(replyTo, "replyTo"));
  }

  /** Removes {@code service} from {@code key}, without acknowledgement. */
  public static <T> Command deregister(ServiceKey<T> key, ActorRef<T> service) {
    return new Deregister<>(key, service, null);
  }

  /** Removes {@code service} from {@code key}; {@code replyTo} gets {@link Deregistered} when done. */
  public static <T> Command deregister(ServiceKey<T> key, ActorRef<T> service, ActorRef<Deregistered> replyTo) {
    return new Deregister<>(key, service, Objects.requireNonNull(replyTo, "replyTo"));
  }

  /** Asks once for the current {@link Listing} of {@code key}. */
  public static <T> Command find(ServiceKey<T> key, ActorRef<Listing> replyTo) {
    return new Find<>(key, replyTo);
  }

  /** Subscribes to the {@link Listing} of {@code key}: now, and after every change. */
  public static <T> Command subscribe(ServiceKey<T> key, ActorRef<Listing> subscriber) {
    return new Subscribe<>(key, subscriber);
  }

  // ---------------------------------------------------------------- replies

  /** The acknowledgement of a registration. */
  public static final class Registered {
    private final ServiceKey<?> key;
    private final ActorRef<?> service;

    Registered(ServiceKey<?> key, ActorRef<?> service) {
      this.key = key;
      this.service = service;
    }

    /** The key registered under. */
    public ServiceKey<?> getKey() {
      return key;
    }

    /** Whether this acknowledges a registration under {@code key}. */
    public boolean isForKey(ServiceKey<?> key) {
      return this.key.equals(key);
    }

    /**
     * The registered ref, typed by {@code key}.
     *
     * @throws IllegalArgumentException if this registration is for another key
     */
    public <T> ActorRef<T> getServiceInstance(ServiceKey<T> key) {
      requireKey(this.key, key);
      return service.unsafeUpcast();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Registered r && r.key.equals(key) && r.service.equals(service);
    }

    @Override
    public int hashCode() {
      return key.hashCode() * 31 + service.hashCode();
    }

    @Override
    public String toString() {
      return "Registered(" + key + ", " + service + ")";
    }
  }

  /** The acknowledgement of a deregistration. */
  public static final class Deregistered {
    private final ServiceKey<?> key;
    private final ActorRef<?> service;

    Deregistered(ServiceKey<?> key, ActorRef<?> service) {
      this.key = key;
      this.service = service;
    }

    /** The key deregistered from. */
    public ServiceKey<?> getKey() {
      return key;
    }

    /** Whether this acknowledges a deregistration from {@code key}. */
    public boolean isForKey(ServiceKey<?> key) {
      return this.key.equals(key);
    }

    /**
     * The deregistered ref, typed by {@code key}.
     *
     * @throws IllegalArgumentException if this deregistration is for another key
     */
    public <T> ActorRef<T> getServiceInstance(ServiceKey<T> key) {
      requireKey(this.key, key);
      return service.unsafeUpcast();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Deregistered r && r.key.equals(key) && r.service.equals(service);
    }

    @Override
    public int hashCode() {
      return key.hashCode() * 31 + service.hashCode();
    }

    @Override
    public String toString() {
      return "Deregistered(" + key + ", " + service + ")";
    }
  }

  /** The refs registered under one key at one moment; the answer to find and subscribe. */
  public static final class Listing {
    private final ServiceKey<?> key;
    private final Set<ActorRef<?>> services;

    Listing(ServiceKey<?> key, Set<ActorRef<?>> services) {
      this.key = key;
      this.services = services;
    }

    /** The key listed. */
    public ServiceKey<?> getKey() {
      return key;
    }

    /** Whether this lists {@code key}. */
    public boolean isForKey(ServiceKey<?> key) {
      return this.key.equals(key);
    }

    /**
     * The registered refs, typed by {@code key}; an unmodifiable set.
     *
     * @throws IllegalArgumentException if this listing is for another key
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public <T> Set<ActorRef<T>> getServiceInstances(ServiceKey<T> key) {
      requireKey(this.key, key);
      return (Set<ActorRef<T>>) (Set) services;
    }

    /**
     * All registered refs including those a cluster sees as unreachable; locally the same as
     * {@link #getServiceInstances}.
     */
    public <T> Set<ActorRef<T>> getAllServiceInstances(ServiceKey<T> key) {
      return getServiceInstances(key);
    }

    /** Whether the set of refs changed (locally, every listing is sent because it did). */
    public boolean servicesWereAddedOrRemoved() {
      return true;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Listing l && l.key.equals(key) && l.services.equals(services);
    }

    @Override
    public int hashCode() {
      return key.hashCode() * 31 + services.hashCode();
    }

    @Override
    public String toString() {
      return "Listing(" + key + ", " + services + ")";
    }
  }

  private static void requireKey(ServiceKey<?> actual, ServiceKey<?> asked) {
    Objects.requireNonNull(asked, "key");
    if (!actual.equals(asked)) {
      throw new IllegalArgumentException("this reply is for " + actual + ", not for " + asked);
    }
  }
}
