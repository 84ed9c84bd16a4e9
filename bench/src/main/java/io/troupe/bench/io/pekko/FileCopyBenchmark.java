package io.troupe.bench.io.pekko;

import io.troupe.bench.io.IoData;
import io.troupe.bench.Rounds;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.stream.IOResult;
import org.apache.pekko.stream.javadsl.FileIO;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * File copy with Pekko Streams 1.7.0 (Java DSL, default settings), {@code FileIO.fromPath} into
 * {@code FileIO.toPath} with the default chunk size and options; the score is megabytes (2^20
 * bytes) copied per second. The {@value #MEGABYTES} MB input is written once per trial, from a
 * fixed seed, into a temporary directory that the trial's teardown deletes; each invocation copies
 * it and fails unless every byte was written.
 *
 * <p>By default ({@code target=new}) each copy writes a file that does not exist yet: untimed
 * setup deletes the previous invocation's output. With {@code -p target=existing} each copy
 * truncates and overwrites the previous output instead, which mostly measures the file system
 * (freeing 256 MB at {@code open}, and on ext4 the flush at {@code close} of a file truncated and
 * written again).
 *
 * <p>The Troupe twin is {@link io.troupe.bench.io.troupe.FileCopyBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class FileCopyBenchmark {
  /** Megabytes copied per invocation: the size of the input file. */
  public static final int MEGABYTES = 256;

  private static final long BYTES = MEGABYTES * 1024L * 1024L;

  private ActorSystem<Void> system;
  private Path directory;
  private Path input;
  private Path output;

  /** {@code new}: copy into a file that does not exist yet; {@code existing}: overwrite one. */
  @Param({"new"})
  public String target;

  @Setup(Level.Trial)
  public void writeInput() throws IOException {
    system = PekkoSystems.start(Behaviors.empty(), "io-file");
    directory = Files.createTempDirectory("troupe-bench-io-");
    input = directory.resolve("input.bin");
    output = directory.resolve("output.bin");
    try (OutputStream out = Files.newOutputStream(input)) {
      for (int mb = 0; mb < MEGABYTES; mb++) {
        out.write(IoData.randomBytes(1024 * 1024, mb));
      }
    }
  }

  @TearDown(Level.Trial)
  public void deleteFilesAndTerminate() throws IOException, InterruptedException {
    try {
      Files.deleteIfExists(output);
      Files.deleteIfExists(input);
      Files.deleteIfExists(directory);
    } finally {
      PekkoSystems.terminate(system);
    }
  }

  @Setup(Level.Invocation)
  public void prepareTarget() throws IOException {
    switch (target) {
      case "new" -> Files.deleteIfExists(output);
      case "existing" -> {}
      default -> throw new IllegalArgumentException("target must be new or existing: " + target);
    }
  }

  /** Copies the input file to the output file. */
  @Benchmark
  @OperationsPerInvocation(MEGABYTES)
  public long copy() throws InterruptedException {
    IOResult written =
        Rounds.await(
            FileIO.fromPath(input).runWith(FileIO.toPath(output), system).toCompletableFuture(),
            "the file copy");
    if (written.count() != BYTES) {
      throw new IllegalStateException("copied " + written.count() + " bytes of " + BYTES);
    }
    return written.count();
  }
}
