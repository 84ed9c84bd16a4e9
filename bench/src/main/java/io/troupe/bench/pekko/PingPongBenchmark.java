package io.troupe.bench.pekko;

import io.troupe.bench.Rounds;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
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
 * Ping-pong on Pekko: two actors bounce one message back and forth, {@value #MESSAGES} messages
 * per pair and round, one message in flight per pair; scores are messages per second.
 *
 * <p>The ball carries how many hops are left, the ref to answer and the round's latch, so each hop
 * allocates one ball, as a user's immutable message would. The Troupe twin is
 * {@link io.troupe.bench.troupe.PingPongBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class PingPongBenchmark {
  /** Messages delivered per pair in one round. */
  public static final int MESSAGES = 100_000;
  /** Pairs in {@link #fourPairs}. */
  public static final int PAIRS = 4;

  /** The one message of the protocol: {@code hopsLeft} more deliveries follow this one. */
  public record Ball(int hopsLeft, ActorRef<Ball> replyTo, CountDownLatch done) {}

  private static final Behavior<Ball> PLAYER =
      Behaviors.setup(
          ctx -> {
            ActorRef<Ball> self = ctx.getSelf();
            return Behaviors.receiveMessage(
                ball -> {
                  if (ball.hopsLeft() == 0) {
                    ball.done().countDown();
                  } else {
                    ball.replyTo().tell(new Ball(ball.hopsLeft() - 1, self, ball.done()));
                  }
                  return Behaviors.same();
                });
          });

  private ActorSystem<Void> system;
  private List<ActorRef<Ball>> players;

  @Setup(Level.Trial)
  public void startSystem() throws InterruptedException {
    CompletableFuture<List<ActorRef<Ball>>> spawned = new CompletableFuture<>();
    system =
        PekkoSystems.start(
            Behaviors.setup(
                ctx -> {
                  List<ActorRef<Ball>> refs = new ArrayList<>();
                  for (int i = 0; i < 2 * PAIRS; i++) {
                    refs.add(ctx.spawnAnonymous(PLAYER));
                  }
                  spawned.complete(refs);
                  return Behaviors.empty();
                }),
            "pingpong");
    players = Rounds.await(spawned, "spawning the players");
  }

  @TearDown(Level.Trial)
  public void terminateSystem() throws InterruptedException {
    PekkoSystems.terminate(system);
  }

  /** One pair, one message in flight. */
  @Benchmark
  @OperationsPerInvocation(MESSAGES)
  public void onePair() throws InterruptedException {
    play(1);
  }

  /** Four pairs at once, one message in flight in each. */
  @Benchmark
  @OperationsPerInvocation(MESSAGES * PAIRS)
  public void fourPairs() throws InterruptedException {
    play(PAIRS);
  }

  private void play(int pairs) throws InterruptedException {
    CountDownLatch done = new CountDownLatch(pairs);
    for (int p = 0; p < pairs; p++) {
      // The first ball is the first of the pair's MESSAGES deliveries.
      players.get(2 * p).tell(new Ball(MESSAGES - 1, players.get(2 * p + 1), done));
    }
    Rounds.await(done, "a ping-pong round of " + pairs + " pair(s)");
  }
}
