package io.troupe.bench.stream.pekko;

import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.NotUsed;
import io.troupe.bench.Rounds;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.BoundedSourceQueue;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.MergeHub;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
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
 * The stream operator workloads of issue 6 on Pekko Streams 1.7.0 (Java DSL, default settings;
 * substreams, time windows, hubs, queues); scores are elements per second. Each invocation runs
 * one whole stream of {@value #ELEMENTS} boxed {@code Integer}s, waits for its result and checks
 * it, throwing when an element went missing.
 *
 * <p>The Troupe twin is {@link io.troupe.bench.stream.troupe.OperatorBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class OperatorBenchmark {
  /** Elements per invocation. */
  public static final int ELEMENTS = 1_000_000;
  /** Substreams of the groupBy workload. */
  public static final int KEYS = 64;
  /** Producers of the MergeHub workload. */
  public static final int PRODUCERS = 4;
  /** Buffer of the queue workload's {@code Source.queue}. */
  public static final int QUEUE_BUFFER = 1024;

  private ActorSystem<Void> system;

  @Setup(Level.Trial)
  public void startSystem() {
    system = PekkoSystems.start(Behaviors.empty(), "stream-operators");
  }

  @TearDown(Level.Trial)
  public void terminateSystem() throws InterruptedException {
    PekkoSystems.terminate(system);
  }

  /** {@code range.groupBy(64, i % 64).map(i + 1).mergeSubstreams().fold(count)}. */
  @Benchmark
  @OperationsPerInvocation(ELEMENTS)
  public int groupByMapMerge() throws InterruptedException {
    CompletionStage<Integer> count =
        Source.range(1, ELEMENTS)
            .groupBy(KEYS, i -> i % KEYS)
            .map(i -> i + 1)
            .mergeSubstreams()
            .runFold(0, (n, i) -> n + 1, system);
    return expect(Rounds.await(count.toCompletableFuture(), "groupBy.map.mergeSubstreams"));
  }

  /** {@code range.groupedWithin(1000, 100 ms).fold(total size)}. */
  @Benchmark
  @OperationsPerInvocation(ELEMENTS)
  public int groupedWithin() throws InterruptedException {
    CompletionStage<Integer> count =
        Source.range(1, ELEMENTS)
            .groupedWithin(1000, Duration.ofMillis(100))
            .runFold(0, (n, group) -> n + group.size(), system);
    return expect(Rounds.await(count.toCompletableFuture(), "groupedWithin"));
  }

  /**
   * {@value #PRODUCERS} producer streams of {@code range} run into one {@code MergeHub}'s sink; the
   * hub's stream takes {@value #ELEMENTS} elements and counts them.
   */
  @Benchmark
  @OperationsPerInvocation(ELEMENTS)
  public int mergeHub() throws InterruptedException {
    Pair<Sink<Integer, NotUsed>, CompletionStage<Integer>> hub =
        MergeHub.of(Integer.class, 16)
            .take(ELEMENTS)
            .toMat(Sink.fold(0, (n, i) -> n + 1), Keep.both())
            .run(system);
    for (int p = 0; p < PRODUCERS; p++) {
      Source.range(1, ELEMENTS / PRODUCERS).runWith(hub.first(), system);
    }
    return expect(Rounds.await(hub.second().toCompletableFuture(), "MergeHub"));
  }

  /**
   * The benchmark thread offers {@value #ELEMENTS} elements to a {@code Source.queue(1024)}
   * (retrying an offer answered {@code dropped} because the buffer is full, after {@code
   * Thread.yield()}: on a busy 2-core machine a producer that spins without yielding can hold the
   * very core the stream needs to drain the buffer, and the score then measures the OS scheduler),
   * then completes it; the stream counts them.
   */
  @Benchmark
  @OperationsPerInvocation(ELEMENTS)
  public int queueOffer() throws InterruptedException {
    Pair<BoundedSourceQueue<Integer>, CompletionStage<Integer>> queue =
        Source.<Integer>queue(QUEUE_BUFFER)
            .toMat(Sink.fold(0, (n, i) -> n + 1), Keep.both())
            .run(system);
    BoundedSourceQueue<Integer> q = queue.first();
    for (int i = 0; i < ELEMENTS; i++) {
      Integer element = i;
      while (!q.offer(element).isEnqueued()) {
        Thread.yield();
      }
    }
    q.complete();
    return expect(Rounds.await(queue.second().toCompletableFuture(), "Source.queue offers"));
  }

  private static int expect(int counted) {
    if (counted != ELEMENTS) {
      throw new IllegalStateException("counted " + counted + " elements of " + ELEMENTS);
    }
    return counted;
  }
}
