package io.troupe.actor.receptionist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.troupe.actor.ActorRef;
import io.troupe.actor.ActorSystem;
import io.troupe.actor.Behaviors;
import io.troupe.actor.DeadLetter;
import io.troupe.actor.EventStream;
import io.troupe.actor.ProbeInbox;
import io.troupe.actor.Terminated;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ReceptionistTest {
  record Ping(String text) {}

  static final ServiceKey<Ping> PING = ServiceKey.create(Ping.class, "ping");
  static final ServiceKey<Ping> OTHER = ServiceKey.create(Ping.class, "other");

  private ActorSystem<Void> system;

  @BeforeEach
  void setUp() {
    system = ProbeInbox.system(Behaviors.empty(), "receptionist");
  }

  @AfterEach
  void tearDown() throws Exception {
    ProbeInbox.terminate(system);
  }

  private ActorRef<Ping> service(String name) {
    return system.systemActorOf(Behaviors.<Ping>receiveMessage(p -> p.text().equals("stop") ? Behaviors.stopped() : Behaviors.same()), name);
  }

  /** Tells {@code probe} once {@code target} has terminated. */
  private void watch(ActorRef<?> target, ActorRef<String> probe) {
    system.systemActorOf(Behaviors.<String>setup(ctx -> {
      ctx.watch(target);
      return Behaviors.receiveSignal((c, s) -> {
        if (s instanceof Terminated) {
          probe.tell("terminated");
        }
        return Behaviors.same();
      });
    }), "watcher-" + target.path().name());
  }

  @Test
  void aRegisteredServiceIsAcknowledgedAndFound() throws Exception {
    ActorRef<Ping> a = service("a");
    ProbeInbox<Receptionist.Registered> acks = ProbeInbox.create(system);
    system.receptionist().tell(Receptionist.register(PING, a, acks.ref()));
    Receptionist.Registered ack = acks.receive();
    assertThat(ack.isForKey(PING)).isTrue();
    assertThat(ack.getServiceInstance(PING)).isEqualTo(a);

    ProbeInbox<Receptionist.Listing> found = ProbeInbox.create(system);
    system.receptionist().tell(Receptionist.find(PING, found.ref()));
    Receptionist.Listing listing = found.receive();
    assertThat(listing.isForKey(PING)).isTrue();
    assertThat(listing.getServiceInstances(PING)).containsExactly(a);
    system.receptionist().tell(Receptionist.find(OTHER, found.ref()));
    assertThat(found.receive().getServiceInstances(OTHER)).isEmpty();
  }

  @Test
  void aSubscriberGetsTheCurrentListingAndEveryChange() throws Exception {
    ActorRef<Ping> a = service("a");
    ActorRef<Ping> b = service("b");
    ProbeInbox<Receptionist.Listing> sub = ProbeInbox.create(system);
    system.receptionist().tell(Receptionist.subscribe(PING, sub.ref()));
    assertThat(sub.receive().getServiceInstances(PING)).isEmpty();

    system.receptionist().tell(Receptionist.register(PING, a));
    assertThat(sub.receive().getServiceInstances(PING)).containsExactly(a);
    system.receptionist().tell(Receptionist.register(PING, b));
    assertThat(sub.receive().getServiceInstances(PING)).containsExactlyInAnyOrder(a, b);

    ProbeInbox<Receptionist.Deregistered> acks = ProbeInbox.create(system);
    system.receptionist().tell(Receptionist.deregister(PING, a, acks.ref()));
    assertThat(acks.receive().getServiceInstance(PING)).isEqualTo(a);
    assertThat(sub.receive().getServiceInstances(PING)).containsExactly(b);
  }

  @Test
  void registeringTheSameRefTwiceChangesNothing() throws Exception {
    ActorRef<Ping> a = service("a");
    ActorRef<Ping> b = service("b");
    ProbeInbox<Receptionist.Listing> sub = ProbeInbox.create(system);
    system.receptionist().tell(Receptionist.subscribe(PING, sub.ref()));
    assertThat(sub.receive().getServiceInstances(PING)).isEmpty();
    system.receptionist().tell(Receptionist.register(PING, a));
    system.receptionist().tell(Receptionist.register(PING, a));
    system.receptionist().tell(Receptionist.register(PING, b));
    // no second listing of {a} in between: the duplicate was not a change
    assertThat(sub.receive().getServiceInstances(PING)).containsExactly(a);
    assertThat(sub.receive().getServiceInstances(PING)).containsExactlyInAnyOrder(a, b);
  }

  @Test
  void aStoppedRegistrantDisappearsAndSubscribersAreTold() throws Exception {
    ActorRef<Ping> a = service("a");
    ActorRef<Ping> b = service("b");
    ProbeInbox<Receptionist.Listing> sub = ProbeInbox.create(system);
    system.receptionist().tell(Receptionist.register(PING, a));
    system.receptionist().tell(Receptionist.register(OTHER, a));
    system.receptionist().tell(Receptionist.register(PING, b));
    system.receptionist().tell(Receptionist.subscribe(PING, sub.ref()));
    assertThat(sub.receive().getServiceInstances(PING)).containsExactlyInAnyOrder(a, b);

    a.tell(new Ping("stop"));
    assertThat(sub.receive().getServiceInstances(PING)).containsExactly(b);
    ProbeInbox<Receptionist.Listing> found = ProbeInbox.create(system);
    system.receptionist().tell(Receptionist.find(OTHER, found.ref()));
    assertThat(found.receive().getServiceInstances(OTHER)).isEmpty();
  }

  @Test
  void aMessageAdapterIsRemovedWhenItsActorStops() throws Exception {
    ProbeInbox<Receptionist.Listing> sub = ProbeInbox.create(system);
    system.receptionist().tell(Receptionist.subscribe(PING, sub.ref()));
    assertThat(sub.receive().getServiceInstances(PING)).isEmpty();
    ActorRef<String> owner = system.systemActorOf(Behaviors.<String>setup(ctx -> {
      ActorRef<Ping> adapter = ctx.messageAdapter(Ping.class, Ping::text);
      ctx.getSystem().receptionist().tell(Receptionist.register(PING, adapter));
      return Behaviors.receiveMessage(s -> s.equals("stop") ? Behaviors.stopped() : Behaviors.same());
    }), "owner");
    Set<ActorRef<Ping>> listed = sub.receive().getServiceInstances(PING);
    assertThat(listed).hasSize(1);
    assertThat(listed.iterator().next().path().toString()).startsWith(owner.path().toString());
    owner.tell("stop");
    assertThat(sub.receive().getServiceInstances(PING)).isEmpty();
  }

  @Test
  void aStoppedSubscriberIsDroppedAndGetsNoMoreListings() throws Exception {
    ProbeInbox<DeadLetter> deadLetters = ProbeInbox.create(system);
    system.eventStream().tell(new EventStream.Subscribe<>(DeadLetter.class, deadLetters.ref()));
    ProbeInbox<String> seen = ProbeInbox.create(system);
    ActorRef<Receptionist.Listing> subscriber = system.systemActorOf(
        Behaviors.<Receptionist.Listing>receiveMessage(l -> {
          seen.ref().tell("listing");
          return Behaviors.stopped();
        }), "subscriber");
    ProbeInbox<String> terminated = ProbeInbox.create(system);
    watch(subscriber, terminated.ref());
    system.receptionist().tell(Receptionist.subscribe(PING, subscriber));
    seen.expect("listing");
    terminated.expect("terminated");

    ProbeInbox<Receptionist.Registered> acks = ProbeInbox.create(system);
    system.receptionist().tell(Receptionist.register(PING, service("a"), acks.ref()));
    acks.receive();
    // a listing to the stopped subscriber would have become a dead letter before the ack was sent
    assertThat(deadLetters.isEmpty()).isTrue();
  }

  @Test
  void repliesRefuseAKeyTheyAreNotFor() throws Exception {
    ProbeInbox<Receptionist.Listing> found = ProbeInbox.create(system);
    system.receptionist().tell(Receptionist.find(PING, found.ref()));
    Receptionist.Listing listing = found.receive();
    assertThat(listing.isForKey(OTHER)).isFalse();
    assertThatThrownBy(() -> listing.getServiceInstances(OTHER))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("other");
  }

  @Test
  void theReceptionistIsOneActorPerSystemUnderSystem() {
    ActorRef<Receptionist.Command> ref = system.receptionist();
    assertThat(Receptionist.get(system).ref()).isSameAs(ref);
    assertThat(ref.path().toString()).endsWith("/system/receptionist");
  }

  @Test
  void serviceKeysCompareByIdAndTypeAndRejectBlankIds() {
    assertThat(ServiceKey.create(Ping.class, "ping")).isEqualTo(PING).hasSameHashCodeAs(PING);
    assertThat(ServiceKey.create(String.class, "ping")).isNotEqualTo(PING);
    assertThat(PING.id()).isEqualTo("ping");
    assertThatThrownBy(() -> ServiceKey.create(Ping.class, " "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("id");
    assertThatThrownBy(() -> Receptionist.register(PING, null)).isInstanceOf(NullPointerException.class)
        .hasMessageContaining("service");
  }

}
