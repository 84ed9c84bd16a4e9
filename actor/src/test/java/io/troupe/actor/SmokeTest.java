package io.troupe.actor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SmokeTest {
  record Ping(int n, ActorRef<Integer> replyTo) {}

  @Test
  void askAndPingPong() throws Exception {
    ActorSystem<Ping> system = ActorSystem.create(Behaviors.receiveMessage(p -> {
      p.replyTo().tell(p.n() + 1);
      return Behaviors.same();
    }), "smoke");
    CompletableFuture<Integer> r = AskPattern.<Ping, Integer>ask(system, ref -> new Ping(41, ref), Duration.ofSeconds(3), system.scheduler()).toCompletableFuture();
    assertThat(r.get(5, TimeUnit.SECONDS)).isEqualTo(42);
    system.terminate();
    system.getWhenTerminated().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void manyMessages() throws Exception {
    int n = 1_000_000;
    CountDownLatch done = new CountDownLatch(1);
    int[] count = new int[1];
    ActorSystem<String> system = ActorSystem.create(Behaviors.receiveMessage(m -> {
      if (++count[0] == n) done.countDown();
      return Behaviors.same();
    }), "many");
    Thread[] ts = new Thread[4];
    for (int t = 0; t < 4; t++) {
      ts[t] = new Thread(() -> { for (int i = 0; i < n / 4; i++) system.tell("x"); });
      ts[t].start();
    }
    assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
    system.terminate();
    system.getWhenTerminated().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
