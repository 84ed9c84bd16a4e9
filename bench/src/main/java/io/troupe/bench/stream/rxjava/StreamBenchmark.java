package io.troupe.bench.stream.rxjava;

import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.schedulers.Schedulers;
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

/**
 * The fused and async stream workloads on RxJava 3 ({@code Flowable}), as a reference for how
 * fast a fused pipeline can be on this machine; scores are elements per second. The functions,
 * element counts and boxing are those of {@link io.troupe.bench.stream.troupe.StreamBenchmark}. The async
 * boundary is {@code observeOn} on the computation scheduler with its default buffer.
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
    return Flowable.range(1, ELEMENTS)
        .map(i -> i * 3)
        .filter(i -> (i & 1) == 0)
        .reduce(0, (acc, i) -> acc + i)
        .blockingGet();
  }

  /** {@code range}, ten {@code map}s, {@code reduce}. */
  @Benchmark
  @OperationsPerInvocation(ELEMENTS)
  public Integer tenMaps() {
    return Flowable.range(1, ELEMENTS)
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
        .blockingGet();
  }

  /** {@code range.map}, {@code observeOn}, {@code filter.reduce}. */
  @Benchmark
  @OperationsPerInvocation(ELEMENTS)
  public Integer mapAsyncBoundaryFilterFold() {
    return Flowable.range(1, ELEMENTS)
        .map(i -> i * 3)
        .observeOn(Schedulers.computation())
        .filter(i -> (i & 1) == 0)
        .reduce(0, (acc, i) -> acc + i)
        .blockingGet();
  }
}
