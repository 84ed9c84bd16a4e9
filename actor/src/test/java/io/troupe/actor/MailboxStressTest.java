package io.troupe.actor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Many producers sending short bursts to many actors, so that cells keep going idle and being
 * scheduled again from several threads, across mailbox chunk boundaries and through run-next
 * hand-offs between actors: every message must arrive exactly once.
 */
class MailboxStressTest {
  record Hop(int remaining) {}

  @Test
  void noMessageIsLostOrDuplicatedUnderContention() throws Exception {
    ActorSystem<Void> system = Systems.create(Behaviors.empty(), "stress");
    try {
      int actors = 32;
      int producers = 6;
      int bursts = 200;
      int burstSize = 37; // not a power of two: bursts straddle chunk boundaries
      long expected = (long) producers * bursts * burstSize;
      AtomicLong received = new AtomicLong();
      CountDownLatch allReceived = new CountDownLatch(1);
      @SuppressWarnings({"unchecked", "rawtypes"})
      ActorRef<Integer>[] targets = new ActorRef[actors];
      for (int i = 0; i < actors; i++) {
        targets[i] = system.systemActorOf(Behaviors.<Integer>receiveMessage(n -> {
          if (received.incrementAndGet() == expected) {
            allReceived.countDown();
          }
          return Behaviors.same();
        }), "target-" + i);
      }
      Thread[] threads = new Thread[producers];
      for (int p = 0; p < producers; p++) {
        int seed = p;
        threads[p] = new Thread(() -> {
          java.util.Random random = new java.util.Random(seed);
          for (int b = 0; b < bursts; b++) {
            ActorRef<Integer> target = targets[random.nextInt(actors)];
            for (int m = 0; m < burstSize; m++) {
              target.tell(m);
            }
            if (b % 16 == 0) {
              Thread.yield(); // let consumers drain and go idle, so the next burst reschedules them
            }
          }
        });
        threads[p].start();
      }
      for (Thread t : threads) {
        t.join(30_000);
      }
      assertThat(allReceived.await(30, TimeUnit.SECONDS)).as("all %d messages received", expected).isTrue();
      assertThat(received.get()).isEqualTo(expected);
    } finally {
      Systems.terminate(system);
    }
  }

  @Test
  void chainsOfHandOffsBetweenActorsAllComplete() throws Exception {
    ActorSystem<Void> system = Systems.create(Behaviors.empty(), "relay");
    try {
      int rings = 8;
      int hops = 20_000;
      CountDownLatch done = new CountDownLatch(rings);
      for (int r = 0; r < rings; r++) {
        // two actors bouncing a counter: each hop readies the other (the run-next path)
        ActorRef<Hop>[] pair = newPair(system, "ring-" + r, done);
        pair[0].tell(new Hop(hops));
      }
      assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
    } finally {
      Systems.terminate(system);
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static ActorRef<Hop>[] newPair(ActorSystem<Void> system, String name, CountDownLatch done) {
    ActorRef<Hop>[] pair = new ActorRef[2];
    for (int i = 0; i < 2; i++) {
      int other = 1 - i;
      pair[i] = system.systemActorOf(Behaviors.<Hop>receiveMessage(h -> {
        if (h.remaining() == 0) {
          done.countDown();
        } else {
          pair[other].tell(new Hop(h.remaining() - 1));
        }
        return Behaviors.same();
      }), name + "-" + i);
    }
    return pair;
  }
}
