package io.troupe.bench.pekko;

import io.troupe.bench.Rounds;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
 * Fan-in on Pekko: {@value #PRODUCERS} plain threads tell one actor {@value #MESSAGES} messages
 * in all per round, as fast as they can; the round ends when the actor has counted them all.
 * Scores are messages per second. This is the contended side of the mailbox: many producers,
 * one consumer.
 *
 * <p>The message is a constant, so the benchmark allocates nothing per message itself. The Pekko
 * twin is {@link io.troupe.bench.troupe.FanInBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class FanInBenchmark {
  /** Threads telling the actor at once. */
  public static final int PRODUCERS = 4;
  /** Messages per round, from all producers together. */
  public static final int MESSAGES = 1_000_000;

  /** What the counter accepts. */
  public sealed interface CounterCommand permits Expect, Hit {}

  /** Starts a round: count {@code hits} hits, then count {@code done} down. */
  public record Expect(int hits, CountDownLatch done) implements CounterCommand {}

  /** One of the messages being counted. */
  public record Hit() implements CounterCommand {}

  private static final Hit HIT = new Hit();

  private static final Behavior<CounterCommand> COUNTER =
      Behaviors.setup(
          ctx -> {
            Counter counter = new Counter();
            return Behaviors.receiveMessage(counter::onMessage);
          });

  /** The counter's state: hits still expected this round. */
  private static final class Counter {
    private int hitsLeft;
    private CountDownLatch done;

    Behavior<CounterCommand> onMessage(CounterCommand command) {
      switch (command) {
        case Expect expect -> {
          hitsLeft = expect.hits();
          done = expect.done();
        }
        case Hit hit -> {
          if (hitsLeft <= 0) {
            // Fails the actor, so the round times out and the benchmark reports the error.
            throw new IllegalStateException("a hit arrived outside a round");
          }
          if (--hitsLeft == 0) {
            done.countDown();
          }
        }
      }
      return Behaviors.same();
    }
  }

  private ActorSystem<Void> system;
  private ActorRef<CounterCommand> counter;
  private ExecutorService producers;

  @Setup(Level.Trial)
  public void startSystem() throws InterruptedException {
    CompletableFuture<ActorRef<CounterCommand>> spawned = new CompletableFuture<>();
    system =
        PekkoSystems.start(
            Behaviors.setup(
                ctx -> {
                  spawned.complete(ctx.spawnAnonymous(COUNTER));
                  return Behaviors.empty();
                }),
            "fanin");
    counter = Rounds.await(spawned, "spawning the counter");
    producers = Executors.newFixedThreadPool(PRODUCERS);
  }

  @TearDown(Level.Trial)
  public void terminateSystem() throws InterruptedException {
    producers.shutdownNow();
    PekkoSystems.terminate(system);
  }

  /** The producers tell the counter {@value #MESSAGES} hits in all. */
  @Benchmark
  @OperationsPerInvocation(MESSAGES)
  public void fanIn() throws InterruptedException {
    CountDownLatch done = new CountDownLatch(1);
    // Told before any producer starts, so it is ahead of every hit in the mailbox.
    counter.tell(new Expect(MESSAGES, done));
    List<Future<?>> sending = new ArrayList<>(PRODUCERS);
    for (int p = 0; p < PRODUCERS; p++) {
      sending.add(
          producers.submit(
              () -> {
                for (int i = 0; i < MESSAGES / PRODUCERS; i++) {
                  counter.tell(HIT);
                }
              }));
    }
    Rounds.await(done, "a fan-in round");
    for (Future<?> producer : sending) {
      Rounds.await(producer, "a producer");
    }
  }
}
