package io.troupe.bench.io.pekko;

import io.troupe.bench.io.IoData;
import io.troupe.bench.Rounds;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.stream.javadsl.Framing;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.util.ByteString;
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
 * {@code Framing.delimiter} on Pekko Streams 1.7.0 (Java DSL, default settings), cutting {@value
 * #MEGABYTES} MB of log lines held in memory into lines; the score is megabytes (2^20 bytes) framed
 * per second. The lines (at most 300 bytes each, generated once per trial from a fixed seed) arrive
 * in chunks of {@value #CHUNK} bytes that end anywhere in a line; the sink adds up each line's
 * length plus its delimiter, and the invocation fails unless that gives back the input's size.
 *
 * <p>The Troupe twin is {@link io.troupe.bench.io.troupe.FramingBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class FramingBenchmark {
  /** Megabytes of log lines framed per invocation. */
  public static final int MEGABYTES = 100;
  /** Bytes per chunk entering the framing stage. */
  public static final int CHUNK = 8192;

  private static final int BYTES = MEGABYTES * 1024 * 1024;

  private ActorSystem<Void> system;
  private List<ByteString> chunks;

  @Setup(Level.Trial)
  public void generateLines() {
    system = PekkoSystems.start(Behaviors.empty(), "io-framing");
    byte[] lines = IoData.logLines(BYTES, 11);
    chunks = new ArrayList<>(BYTES / CHUNK);
    for (int offset = 0; offset < BYTES; offset += CHUNK) {
      chunks.add(ByteString.fromArrayUnsafe(lines, offset, Math.min(CHUNK, BYTES - offset)));
    }
  }

  @TearDown(Level.Trial)
  public void terminate() throws InterruptedException {
    PekkoSystems.terminate(system);
  }

  /** Frames every line with a newline delimiter. */
  @Benchmark
  @OperationsPerInvocation(MEGABYTES)
  public long delimiter() throws InterruptedException {
    long framed =
        Rounds.await(
            Source.from(chunks)
                .via(Framing.delimiter(ByteString.fromString("\n"), IoData.MAX_LINE))
                .runFold(0L, (n, line) -> n + line.length() + 1, system)
                .toCompletableFuture(),
            "framing the log lines");
    if (framed != BYTES) {
      throw new IllegalStateException("framed " + framed + " bytes of " + BYTES);
    }
    return framed;
  }
}
