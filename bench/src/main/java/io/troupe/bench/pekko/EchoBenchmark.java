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
 * Echo on Pekko, the shape of Pekko's own {@code TypedActorBenchmark.echo}: {@value #PAIRS}
 * senders each own an echo child and keep {@value #BATCH} requests in flight to it, sending the
 * next batch when the whole previous one has come back, until {@value #MESSAGES_PER_PAIR}
 * messages (requests plus replies) have been delivered per pair. Scores are messages per second.
 *
 * <p>Requests and replies are constants and the echo knows its sender from birth, so the
 * benchmark allocates nothing per message itself: what it measures is the runtime's cost of
 * delivering a message. The Troupe twin is {@link io.troupe.bench.troupe.EchoBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class EchoBenchmark {
  /** Sender and echo pairs. */
  public static final int PAIRS = 256;
  /** Requests in flight per pair. */
  public static final int BATCH = 50;
  /** Messages delivered per pair and round: half requests, half replies. */
  public static final int MESSAGES_PER_PAIR = 4_000;

  /** What a sender accepts. */
  public sealed interface SenderCommand permits Start, Reply {}

  /** Starts a round: exchange {@link #MESSAGES_PER_PAIR} messages, then count {@code done} down. */
  public record Start(CountDownLatch done) implements SenderCommand {}

  /** The echo's answer to one request. */
  public record Reply() implements SenderCommand {}

  /** A request to the echo. */
  public record Request() {}

  private static final Reply REPLY = new Reply();
  private static final Request REQUEST = new Request();

  private static Behavior<Request> echo(ActorRef<SenderCommand> sender) {
    return Behaviors.receiveMessage(
        request -> {
          sender.tell(REPLY);
          return Behaviors.same();
        });
  }

  private static final Behavior<SenderCommand> SENDER =
      Behaviors.setup(
          ctx -> {
            Sender sender = new Sender(ctx.spawn(echo(ctx.getSelf()), "echo"));
            return Behaviors.receiveMessage(sender::onMessage);
          });

  /** A sender's state: its echo, the requests still to send this round, the replies awaited. */
  private static final class Sender {
    private final ActorRef<Request> echo;
    private int requestsLeft;
    private int repliesAwaited;
    private CountDownLatch done;

    Sender(ActorRef<Request> echo) {
      this.echo = echo;
    }

    Behavior<SenderCommand> onMessage(SenderCommand command) {
      switch (command) {
        case Start start -> {
          done = start.done();
          requestsLeft = MESSAGES_PER_PAIR / 2;
          sendBatch();
        }
        case Reply reply -> {
          if (--repliesAwaited == 0) {
            if (requestsLeft > 0) {
              sendBatch();
            } else {
              done.countDown();
            }
          }
        }
      }
      return Behaviors.same();
    }

    private void sendBatch() {
      int batch = Math.min(BATCH, requestsLeft);
      for (int i = 0; i < batch; i++) {
        echo.tell(REQUEST);
      }
      requestsLeft -= batch;
      repliesAwaited = batch;
    }
  }

  private ActorSystem<Void> system;
  private List<ActorRef<SenderCommand>> senders;

  @Setup(Level.Trial)
  public void startSystem() throws InterruptedException {
    CompletableFuture<List<ActorRef<SenderCommand>>> spawned = new CompletableFuture<>();
    system =
        PekkoSystems.start(
            Behaviors.setup(
                ctx -> {
                  List<ActorRef<SenderCommand>> refs = new ArrayList<>();
                  for (int i = 0; i < PAIRS; i++) {
                    refs.add(ctx.spawnAnonymous(SENDER));
                  }
                  spawned.complete(refs);
                  return Behaviors.empty();
                }),
            "echo");
    senders = Rounds.await(spawned, "spawning the senders");
  }

  @TearDown(Level.Trial)
  public void terminateSystem() throws InterruptedException {
    PekkoSystems.terminate(system);
  }

  /** All pairs at once, each with {@value #BATCH} messages in flight. */
  @Benchmark
  @OperationsPerInvocation(PAIRS * MESSAGES_PER_PAIR)
  public void echo() throws InterruptedException {
    CountDownLatch done = new CountDownLatch(PAIRS);
    Start start = new Start(done);
    for (ActorRef<SenderCommand> sender : senders) {
      sender.tell(start);
    }
    Rounds.await(done, "an echo round");
  }
}
