package io.troupe.bench.stream.pekko;

import com.typesafe.config.ConfigFactory;
import io.troupe.bench.Rounds;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
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
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.slf4j.LoggerFactory;

/**
 * The stream workloads on Pekko Streams 1.7.0 (Java DSL, default settings, log level WARNING);
 * scores are elements (or, for {@link #materialize},
 * streams) per second. Each invocation runs one whole stream of {@value #ELEMENTS} elements and
 * waits for its materialized result, which it returns so that nothing is optimized away.
 *
 * <p>The Troupe twin is {@link io.troupe.bench.stream.troupe.StreamBenchmark}; Reactor and RxJava
 * run the fused and async workloads in {@link io.troupe.bench.stream.reactor.StreamBenchmark} and
 * {@link io.troupe.bench.stream.rxjava.StreamBenchmark}. All four use the same functions on boxed
 * {@code Integer}s, so all box alike.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class StreamBenchmark {
  /** Elements per stream in the element workloads. */
  public static final int ELEMENTS = 1_000_000;
  /** Streams per round in {@link #materialize}. */
  public static final int STREAMS = 1_000;

  private ActorSystem<Void> system;

  @Setup(Level.Trial)
  public void startSystem() {
    LoggerFactory.getILoggerFactory();
    system =
        ActorSystem.create(
            Behaviors.empty(),
            "streams",
            ConfigFactory.parseString(
                    """
                    pekko.loglevel = WARNING
                    pekko.stdout-loglevel = WARNING
                    pekko.jvm-shutdown-hooks = off
                    pekko.coordinated-shutdown.run-by-jvm-shutdown-hook = off
                    """)
                .withFallback(ConfigFactory.load()));
  }

  @TearDown(Level.Trial)
  public void terminateSystem() throws InterruptedException {
    system.terminate();
    Rounds.await(system.getWhenTerminated().toCompletableFuture(), "terminating the system");
  }

  /** {@code range.map.filter.fold}, all in one island. */
  @Benchmark
  @OperationsPerInvocation(ELEMENTS)
  public Integer mapFilterFold() throws InterruptedException {
    CompletionStage<Integer> sum =
        Source.range(1, ELEMENTS)
            .map(i -> i * 3)
            .filter(i -> (i & 1) == 0)
            .runFold(0, (acc, i) -> acc + i, system);
    return Rounds.await(sum.toCompletableFuture(), "map.filter.fold");
  }

  /** {@code range}, ten {@code map}s, {@code fold}, all in one island. */
  @Benchmark
  @OperationsPerInvocation(ELEMENTS)
  public Integer tenMaps() throws InterruptedException {
    CompletionStage<Integer> sum =
        Source.range(1, ELEMENTS)
            .map(i -> i + 1)
            .map(i -> i + 1)
            .map(i -> i + 1)
            .map(i -> i + 1)
            .map(i -> i + 1)
            .map(i -> i + 1)
            .map(i -> i + 1)
            .map(i -> i + 1)
            .map(i -> i + 1)
            .map(i -> i + 1)
            .runFold(0, (acc, i) -> acc + i, system);
    return Rounds.await(sum.toCompletableFuture(), "ten maps");
  }

  /** {@code range.map}, an async boundary, {@code filter.fold}: two islands on two threads. */
  @Benchmark
  @OperationsPerInvocation(ELEMENTS)
  public Integer mapAsyncBoundaryFilterFold() throws InterruptedException {
    CompletionStage<Integer> sum =
        Source.range(1, ELEMENTS)
            .map(i -> i * 3)
            .async()
            .filter(i -> (i & 1) == 0)
            .runFold(0, (acc, i) -> acc + i, system);
    return Rounds.await(sum.toCompletableFuture(), "map.async.filter.fold");
  }

  /** {@code range.mapAsync(4).fold} where every future is already complete. */
  @Benchmark
  @OperationsPerInvocation(ELEMENTS)
  public Integer mapAsyncCompleted() throws InterruptedException {
    CompletionStage<Integer> sum =
        Source.range(1, ELEMENTS)
            .mapAsync(4, i -> CompletableFuture.completedFuture(i + 1))
            .runFold(0, (acc, i) -> acc + i, system);
    return Rounds.await(sum.toCompletableFuture(), "mapAsync(4)");
  }

  /** Runs {@value #STREAMS} tiny streams ({@code single.map.head}) and waits for all of them. */
  @Benchmark
  @OperationsPerInvocation(STREAMS)
  public int materialize() throws InterruptedException {
    List<CompletableFuture<Integer>> results = new ArrayList<>(STREAMS);
    for (int s = 0; s < STREAMS; s++) {
      results.add(
          Source.single(s).map(i -> i + 1).runWith(Sink.head(), system).toCompletableFuture());
    }
    int sum = 0;
    for (CompletableFuture<Integer> r : results) {
      sum += Rounds.await(r, "a tiny stream");
    }
    return sum;
  }
}
