package io.troupe.actor.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.troupe.actor.ActorRef;
import io.troupe.actor.ActorSystem;
import io.troupe.actor.Behavior;
import io.troupe.actor.Behaviors;
import io.troupe.actor.DeadLetter;
import io.troupe.actor.EventStream;
import io.troupe.actor.ProbeInbox;
import io.troupe.actor.Terminated;
import io.troupe.actor.receptionist.Receptionist;
import io.troupe.actor.receptionist.ServiceKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RoutersTest {
  /** What a routee tells the probe: who it is, what it got, and how many it got since it (re)started. */
  record Seen(ActorRef<Work> routee, String text, int count) {}

  record Work(String text) {}

  private ActorSystem<Void> system;
  private ProbeInbox<Object> seen;

  @BeforeEach
  void setUp() {
    system = ProbeInbox.system(Behaviors.empty(), "routers");
    seen = ProbeInbox.create(system);
  }

  @AfterEach
  void tearDown() throws Exception {
    ProbeInbox.terminate(system);
  }

  /** Reports each message; fails on "boom", stops on "stop". */
  private Behavior<Work> worker() {
    ActorRef<Seen> probe = seen.ref().narrow();
    return Behaviors.setup(ctx -> {
      int[] count = {0};
      return Behaviors.receiveMessage(w -> {
        if (w.text().equals("boom")) {
          throw new IllegalStateException("boom");
        }
        probe.tell(new Seen(ctx.getSelf(), w.text(), ++count[0]));
        return w.text().equals("stop") ? Behaviors.stopped() : Behaviors.same();
      });
    });
  }

  private List<Seen> receive(int n) throws InterruptedException {
    List<Seen> all = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      all.add((Seen) seen.receive());
    }
    return all;
  }

  @Test
  void aRoundRobinPoolGivesEachRouteeItsTurnInOrder() throws Exception {
    ActorRef<Work> pool = system.systemActorOf(Routers.pool(4, worker()), "pool");
    for (int i = 0; i < 8; i++) {
      pool.tell(new Work("w" + i));
    }
    List<Seen> all = receive(8);
    Map<String, ActorRef<Work>> byText = new HashMap<>();
    all.forEach(s -> byText.put(s.text(), s.routee()));
    assertThat(new HashSet<>(byText.values())).hasSize(4);
    for (int i = 0; i < 4; i++) {
      assertThat(byText.get("w" + (i + 4))).isEqualTo(byText.get("w" + i));
    }
    assertThat(all).allSatisfy(s -> assertThat(s.routee().path().parent()).isEqualTo(pool.path()));
  }

  @Test
  void aFailedRouteeIsRestartedAndThePoolKeepsItsSize() throws Exception {
    ActorRef<Work> pool = system.systemActorOf(Routers.pool(3, worker()), "pool");
    for (int i = 0; i < 3; i++) {
      pool.tell(new Work("before" + i));
    }
    Set<ActorRef<Work>> before = new HashSet<>();
    receive(3).forEach(s -> before.add(s.routee()));
    assertThat(before).hasSize(3);

    pool.tell(new Work("boom")); // the first routee fails and restarts
    for (int i = 0; i < 3; i++) {
      pool.tell(new Work("after" + i));
    }
    List<Seen> after = receive(3);
    Set<ActorRef<Work>> routeesAfter = new HashSet<>();
    after.forEach(s -> routeesAfter.add(s.routee()));
    assertThat(routeesAfter).isEqualTo(before);
    // the restarted routee started counting afresh; the others counted on
    assertThat(after).extracting(Seen::count).containsExactlyInAnyOrder(1, 2, 2);
  }

  @Test
  void aRouteeThatStopsLeavesThePool() throws Exception {
    system.eventStream().tell(new EventStream.Subscribe<>(DeadLetter.class, seen.ref().narrow()));
    ActorRef<Work> pool = system.systemActorOf(Routers.pool(2, worker()), "pool");
    pool.tell(new Work("stop"));
    ActorRef<Work> stopped = ((Seen) seen.receive()).routee();
    // Until the router learns of the stop, every other message is a dead letter; each message
    // yields exactly one report or dead letter, so count consecutive reports from the survivor.
    int consecutive = 0;
    for (int i = 0; consecutive < 6; i++) {
      assertThat(i).as("messages sent before the router dropped the stopped routee").isLessThan(10_000);
      pool.tell(new Work("w" + i));
      Object next = seen.receive();
      consecutive = next instanceof Seen s && !s.routee().equals(stopped) ? consecutive + 1 : 0;
    }
    assertThat(seen.isEmpty()).isTrue();
  }

  @Test
  void whenTheLastRouteeStopsTheRouterStops() throws Exception {
    ActorRef<Work> pool = system.systemActorOf(
        Routers.pool(2, worker()).withBroadcastPredicate(w -> w.text().equals("stop")), "pool");
    ProbeInbox<String> terminated = ProbeInbox.create(system);
    system.systemActorOf(Behaviors.<String>setup(ctx -> {
      ctx.watch(pool);
      return Behaviors.receiveSignal((c, sig) -> {
        if (sig instanceof Terminated) {
          terminated.ref().tell("router stopped");
        }
        return Behaviors.same();
      });
    }), "watcher");
    pool.tell(new Work("stop"));
    receive(2);
    terminated.expect("router stopped");
  }

  @Test
  void broadcastMessagesReachEveryRoutee() throws Exception {
    ActorRef<Work> pool = system.systemActorOf(
        Routers.pool(3, worker()).withBroadcastPredicate(w -> w.text().startsWith("all")), "pool");
    pool.tell(new Work("all:hello"));
    List<Seen> all = receive(3);
    assertThat(all).extracting(Seen::text).containsOnly("all:hello");
    assertThat(all).extracting(Seen::routee).doesNotHaveDuplicates();
    pool.tell(new Work("one"));
    assertThat(((Seen) seen.receive()).text()).isEqualTo("one");
  }

  @Test
  void consistentHashingSendsEqualKeysToTheSameRoutee() throws Exception {
    ActorRef<Work> pool = system.systemActorOf(
        Routers.pool(4, worker()).withConsistentHashingRouting(10, w -> w.text().substring(0, 1)), "pool");
    String keys = "abcdefghijklmnopqrstuvwxyz";
    for (int round = 0; round < 2; round++) {
      for (char c : keys.toCharArray()) {
        pool.tell(new Work(c + "-" + round));
      }
    }
    Map<Character, Set<ActorRef<Work>>> routeesByKey = new HashMap<>();
    for (Seen s : receive(52)) {
      routeesByKey.computeIfAbsent(s.text().charAt(0), k -> new HashSet<>()).add(s.routee());
    }
    assertThat(routeesByKey).hasSize(26);
    assertThat(routeesByKey.values()).allSatisfy(set -> assertThat(set).hasSize(1));
    Set<ActorRef<Work>> used = new HashSet<>();
    routeesByKey.values().forEach(used::addAll);
    assertThat(used.size()).isGreaterThan(1);
  }

  @Test
  void randomRoutingDeliversEveryMessageToSomeRoutee() throws Exception {
    ActorRef<Work> pool = system.systemActorOf(Routers.pool(4, worker()).withRandomRouting(), "pool");
    for (int i = 0; i < 200; i++) {
      pool.tell(new Work("w" + i));
    }
    List<Seen> all = receive(200);
    assertThat(all).extracting(Seen::text).doesNotHaveDuplicates().hasSize(200);
    assertThat(new HashSet<>(all.stream().map(Seen::routee).toList())).hasSizeBetween(2, 4);
  }

  @Test
  void poolSettingsAreValidated() {
    assertThatThrownBy(() -> Routers.pool(0, worker()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("poolSize").hasMessageContaining("0");
    assertThatThrownBy(() -> Routers.pool(2, worker()).withPoolSize(-1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("poolSize");
    assertThatThrownBy(() -> Routers.pool(2, worker()).withConsistentHashingRouting(0, w -> w.text()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("virtualNodesFactor");
    assertThatThrownBy(() -> Routers.group(null)).isInstanceOf(NullPointerException.class).hasMessageContaining("key");
  }

  // ---------------------------------------------------------------- group routers

  static final ServiceKey<Work> WORKERS = ServiceKey.create(Work.class, "workers");

  private ActorRef<Work> registeredWorker(String name) throws InterruptedException {
    ActorRef<Work> w = system.systemActorOf(worker(), name);
    ProbeInbox<Receptionist.Registered> ack = ProbeInbox.create(system);
    system.receptionist().tell(Receptionist.register(WORKERS, w, ack.ref()));
    ack.receive();
    return w;
  }

  @Test
  void aGroupRouterRoutesRoundRobinToTheListedActors() throws Exception {
    ActorRef<Work> a = registeredWorker("a");
    ActorRef<Work> b = registeredWorker("b");
    ActorRef<Work> group = system.systemActorOf(Routers.group(WORKERS).withRoundRobinRouting(), "group");
    for (int i = 0; i < 4; i++) {
      group.tell(new Work("w" + i)); // the first ones wait for the listing
    }
    Map<String, ActorRef<Work>> byText = new HashMap<>();
    receive(4).forEach(s -> byText.put(s.text(), s.routee()));
    assertThat(byText.get("w0")).isNotEqualTo(byText.get("w1"));
    assertThat(byText.get("w2")).isEqualTo(byText.get("w0"));
    assertThat(byText.get("w3")).isEqualTo(byText.get("w1"));
    assertThat(Set.copyOf(byText.values())).containsExactlyInAnyOrder(a, b);
  }

  @Test
  void aGroupRouterFollowsTheListingAndDeadLettersWhenItIsEmpty() throws Exception {
    system.eventStream().tell(new EventStream.Subscribe<>(DeadLetter.class, seen.ref().narrow()));
    ActorRef<Work> group = system.systemActorOf(Routers.group(WORKERS).withRandomRouting(), "group");
    group.tell(new Work("nobody"));
    assertThat(((DeadLetter) seen.receive()).message()).isEqualTo(new Work("nobody"));

    // The receptionist sends the new listing before the acknowledgement, so the listing is in the
    // router's mailbox before anything sent after the acknowledgement.
    ActorRef<Work> a = registeredWorker("a");
    group.tell(new Work("to a"));
    assertThat(((Seen) seen.receive()).routee()).isEqualTo(a);

    ProbeInbox<Receptionist.Deregistered> ack = ProbeInbox.create(system);
    system.receptionist().tell(Receptionist.deregister(WORKERS, a, ack.ref()));
    ack.receive();
    group.tell(new Work("nobody again"));
    assertThat(((DeadLetter) seen.receive()).message()).isEqualTo(new Work("nobody again"));
  }

  @Test
  void aGroupRouterWithConsistentHashingKeepsKeysOnOneRoutee() throws Exception {
    registeredWorker("a");
    registeredWorker("b");
    registeredWorker("c");
    ActorRef<Work> group = system.systemActorOf(
        Routers.group(WORKERS).withConsistentHashingRouting(10, w -> w.text().substring(0, 1)), "group");
    for (int round = 0; round < 3; round++) {
      for (char c : "abcdefghij".toCharArray()) {
        group.tell(new Work(c + "-" + round));
      }
    }
    Map<Character, Set<ActorRef<Work>>> routeesByKey = new HashMap<>();
    for (Seen s : receive(30)) {
      routeesByKey.computeIfAbsent(s.text().charAt(0), k -> new HashSet<>()).add(s.routee());
    }
    assertThat(routeesByKey.values()).allSatisfy(set -> assertThat(set).hasSize(1));
  }
}
