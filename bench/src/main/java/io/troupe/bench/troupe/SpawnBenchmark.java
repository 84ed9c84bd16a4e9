package io.troupe.bench.troupe;

import io.troupe.actor.ActorRef;
import io.troupe.actor.ActorSystem;
import io.troupe.actor.Behavior;
import io.troupe.actor.Behaviors;
import io.troupe.bench.Rounds;
import java.util.concurrent.CountDownLatch;
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
 * Spawning on Troupe: per round, a new parent spawns {@value #CHILDREN} children and sends each a
 * hello; each child answers once; when all have answered the parent stops, which stops the
 * children first. The round ends when the parent has stopped. Scores are actors per second, each
 * spawned, started, messaged, answering and stopped.
 *
 * <p>The Pekko twin is {@link io.troupe.bench.pekko.SpawnBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class SpawnBenchmark {
  /** Children spawned per round. */
  public static final int CHILDREN = 10_000;

  /** Asks the guardian for a round of {@code children} children, ending with {@code done}. */
  public record SpawnRound(int children, CountDownLatch done) {}

  /** The first message a child gets. */
  public record Hello(ActorRef<Ready> replyTo) {}

  /** A child's answer. */
  public record Ready() {}

  private static final Ready READY = new Ready();

  private static final Behavior<Hello> CHILD =
      Behaviors.receiveMessage(
          hello -> {
            hello.replyTo().tell(READY);
            return Behaviors.same();
          });

  private static Behavior<Ready> parent(SpawnRound round) {
    return Behaviors.setup(
        ctx -> {
          Hello hello = new Hello(ctx.getSelf());
          for (int i = 0; i < round.children(); i++) {
            ctx.spawnAnonymous(CHILD).tell(hello);
          }
          int[] answersLeft = {round.children()};
          return Behaviors.receiveMessage(
              ready -> {
                if (--answersLeft[0] == 0) {
                  return Behaviors.stopped(round.done()::countDown);
                }
                return Behaviors.same();
              });
        });
  }

  private static final Behavior<SpawnRound> GUARDIAN =
      Behaviors.receive(
          (ctx, round) -> {
            ctx.spawnAnonymous(parent(round));
            return Behaviors.same();
          });

  private ActorSystem<SpawnRound> system;

  @Setup(Level.Trial)
  public void startSystem() {
    system = TroupeSystems.start(GUARDIAN, "spawn");
  }

  @TearDown(Level.Trial)
  public void terminateSystem() throws InterruptedException {
    TroupeSystems.terminate(system);
  }

  /** Spawn, greet, hear back from and stop {@value #CHILDREN} actors. */
  @Benchmark
  @OperationsPerInvocation(CHILDREN)
  public void spawn() throws InterruptedException {
    CountDownLatch done = new CountDownLatch(1);
    system.tell(new SpawnRound(CHILDREN, done));
    Rounds.await(done, "a spawn round");
  }
}
