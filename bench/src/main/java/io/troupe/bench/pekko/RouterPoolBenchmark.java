package io.troupe.bench.pekko;

import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Routers;
import io.troupe.bench.Rounds;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A round-robin pool router on Pekko 1.7.0: {@value #SENDERS} threads tell a pool of {@value
 * #ROUTEES} routees {@value #MESSAGES} messages in all, then a broadcast marker tells every
 * routee to count the round down once it has handled all that came before. Scores are messages
 * per second through the router. The Troupe twin is {@link io.troupe.bench.troupe.RouterPoolBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class RouterPoolBenchmark {
  /** Routees in the pool. */
  public static final int ROUTEES = 8;
  /** Threads telling the router at once. */
  public static final int SENDERS = 2;
  /** Messages per round, from all senders together. */
  public static final int MESSAGES = 1_000_000;

  /** What a routee accepts. */
  public sealed interface Job permits Work, Finish {}

  /** One routed message. */
  public record Work() implements Job {}

  /** The end of a round, broadcast to every routee. */
  public record Finish(CountDownLatch done) implements Job {}

  private static final Work WORK = new Work();

  private static final Behavior<Job> ROUTEE =
      Behaviors.setup(
          ctx -> {
            long[] handled = new long[1];
            return Behaviors.receiveMessage(
                job -> {
                  switch (job) {
                    case Work work -> handled[0]++;
                    case Finish finish -> finish.done().countDown();
                  }
                  return Behaviors.same();
                });
          });

  private ActorSystem<Void> system;
  private ActorRef<Job> router;
  private ExecutorService senders;

  @Setup(Level.Trial)
  public void startSystem() throws InterruptedException {
    CompletableFuture<ActorRef<Job>> spawned = new CompletableFuture<>();
    system =
        PekkoSystems.start(
            Behaviors.setup(
                ctx -> {
                  spawned.complete(
                      ctx.spawn(
                          Routers.pool(ROUTEES, ROUTEE)
                              .withRoundRobinRouting()
                              .withBroadcastPredicate(job -> job instanceof Finish),
                          "pool"));
                  return Behaviors.empty();
                }),
            "router");
    router = Rounds.await(spawned, "spawning the router");
    senders = Executors.newFixedThreadPool(SENDERS);
  }

  @TearDown(Level.Trial)
  public void terminateSystem() throws InterruptedException {
    senders.shutdownNow();
    PekkoSystems.terminate(system);
  }

  /** The senders tell the pool {@value #MESSAGES} messages, then every routee finishes. */
  @Benchmark
  @OperationsPerInvocation(MESSAGES)
  public void roundRobinPool() throws InterruptedException {
    List<Future<?>> sending = new ArrayList<>(SENDERS);
    for (int s = 0; s < SENDERS; s++) {
      sending.add(
          senders.submit(
              () -> {
                for (int i = 0; i < MESSAGES / SENDERS; i++) {
                  router.tell(WORK);
                }
              }));
    }
    for (Future<?> sender : sending) {
      Rounds.await(sender, "a sender");
    }
    CountDownLatch done = new CountDownLatch(ROUTEES);
    router.tell(new Finish(done)); // after every message of the round, in the router's mailbox
    Rounds.await(done, "a router round");
  }
}
