package io.troupe.bench.stream.reactor;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

/**
 * The fused and async stream workloads on Project Reactor, as a reference for how fast a fused
 * pipeline can be on this machine; scores are elements per second. The functions, element counts
 * and boxing are those of {@link io.troupe.bench.stream.troupe.StreamBenchmark}. The async
 * boundary is {@code publishOn} on the parallel scheduler with its default prefetch.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class StreamBenchmark {
  /** Elements per stream. */
  public static final int ELEMENTS = 1_000_000;

  /** {@code range.map.filter.reduce}. */
  @Benchmark
  @OperationsPerInvocation(ELEMENTS)
  public Integer mapFilterFold() {
    return Flux.range(1, ELEMENTS)
        .map(i -> i * 3)
        .filter(i -> (i & 1) == 0)
        .reduce(0, (acc, i) -> acc + i)
        .block();
  }

  /** {@code range}, ten {@code map}s, {@code reduce}. */
  @Benchmark
  @OperationsPerInvocation(ELEMENTS)
  public Integer tenMaps() {
    return Flux.range(1, ELEMENTS)
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
        .reduce(0, (acc, i) -> acc + i)
        .block();
  }

  /** {@code range.map}, {@code publishOn}, {@code filter.reduce}. */
  @Benchmark
  @OperationsPerInvocation(ELEMENTS)
  public Integer mapAsyncBoundaryFilterFold() {
    return Flux.range(1, ELEMENTS)
        .map(i -> i * 3)
        .publishOn(Schedulers.parallel())
        .filter(i -> (i & 1) == 0)
        .reduce(0, (acc, i) -> acc + i)
        .block();
  }
}
