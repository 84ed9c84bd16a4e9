package io.troupe.stream;

import io.troupe.stream.internal.io.BlockingIo;
import io.troupe.util.ByteString;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * Sources that read files and sinks that write them, chunk by chunk with backpressure.
 *
 * <p>The file is opened when the stream starts, and closed when the stage stops however it
 * stops. Reads and writes block, so each file stage runs in an island of its own on the
 * dispatcher {@code troupe.actor.default-blocking-io-dispatcher}. The materialized {@link
 * IOResult} holds the number of bytes read or written; when opening, reading or writing fails
 * (missing file, no permission, disk full) the stream fails with that exception and the
 * materialized future with an {@link IOOperationIncompleteException} whose cause it is.
 */
public final class FileIO {
  private FileIO() {}

  /** The chunk size used when none is given: 8192 bytes. */
  public static final int DEFAULT_CHUNK_SIZE = 8192;

  /** Reads {@code path} in chunks of 8192 bytes; see {@link #fromPath(Path, int, long)}. */
  public static Source<ByteString, CompletionStage<IOResult>> fromPath(Path path) {
    return fromPath(path, DEFAULT_CHUNK_SIZE, 0);
  }

  /** Reads {@code path} in chunks of at most {@code chunkSize} bytes. */
  public static Source<ByteString, CompletionStage<IOResult>> fromPath(Path path, int chunkSize) {
    return fromPath(path, chunkSize, 0);
  }

  /**
   * Reads {@code path} from byte {@code startPosition} on, emitting chunks of at most {@code
   * chunkSize} bytes.
   *
   * <p><b>Emits when</b> downstream pulls and a chunk was read. <b>Completes when</b> the end of
   * the file is reached. <b>Fails when</b> the file cannot be opened or read. <b>Cancels
   * when</b> downstream cancels (the result then counts the bytes read so far).
   *
   * @throws IllegalArgumentException if {@code chunkSize} is not positive or {@code
   *     startPosition} is negative
   */
  public static Source<ByteString, CompletionStage<IOResult>> fromPath(
      Path path, int chunkSize, long startPosition) {
    Objects.requireNonNull(path, "path");
    if (chunkSize <= 0) {
      throw new IllegalArgumentException("chunkSize must be > 0, was " + chunkSize);
    }
    if (startPosition < 0) {
      throw new IllegalArgumentException("startPosition must be >= 0, was " + startPosition);
    }
    return Source.fromGraph(new BlockingIo.ReadSource(
        "fileSource", BlockingIo.fileReader(path, startPosition), chunkSize));
  }

  /**
   * Writes to {@code path}, creating it or replacing its content (options {@code WRITE, CREATE,
   * TRUNCATE_EXISTING}).
   */
  public static Sink<ByteString, CompletionStage<IOResult>> toPath(Path path) {
    return toPath(path, Set.of(StandardOpenOption.WRITE, StandardOpenOption.CREATE,
        StandardOpenOption.TRUNCATE_EXISTING));
  }

  /**
   * Writes to {@code path} opened with {@code options} ({@code WRITE} is added); for example
   * {@code Set.of(APPEND, CREATE)} appends.
   *
   * <p><b>Backpressures when</b> a write is in progress. <b>Completes when</b> upstream completes
   * and the file is closed. <b>Fails when</b> the file cannot be opened or written, or upstream
   * fails.
   *
   * @throws IllegalArgumentException if {@code options} contains {@code READ}
   */
  public static Sink<ByteString, CompletionStage<IOResult>> toPath(
      Path path, Set<? extends OpenOption> options) {
    return toPath(path, options, 0);
  }

  /**
   * Like {@link #toPath(Path, Set)}, starting to write at byte {@code startPosition}.
   *
   * @throws IllegalArgumentException if {@code startPosition} is negative or {@code options}
   *     contains {@code READ}
   */
  public static Sink<ByteString, CompletionStage<IOResult>> toPath(
      Path path, Set<? extends OpenOption> options, long startPosition) {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(options, "options");
    if (options.contains(StandardOpenOption.READ)) {
      throw new IllegalArgumentException("options must not contain READ, was " + options);
    }
    if (startPosition < 0) {
      throw new IllegalArgumentException("startPosition must be >= 0, was " + startPosition);
    }
    Set<OpenOption> all = new java.util.HashSet<>(options);
    all.add(StandardOpenOption.WRITE);
    Set<OpenOption> frozen = Set.copyOf(all);
    return Sink.fromGraph(new BlockingIo.WriteSink(
        "fileSink", BlockingIo.fileWriter(path, frozen, startPosition)));
  }

  /**
   * {@link #fromPath(Path)} for a {@link java.io.File}, as Pekko's deprecated variant; prefer
   * {@code fromPath(file.toPath())}.
   */
  public static Source<ByteString, CompletionStage<IOResult>> fromFile(java.io.File file) {
    return fromPath(Objects.requireNonNull(file, "file").toPath());
  }

  /** {@link #fromPath(Path, int)} for a {@link java.io.File}, as Pekko's deprecated variant. */
  public static Source<ByteString, CompletionStage<IOResult>> fromFile(
      java.io.File file, int chunkSize) {
    return fromPath(Objects.requireNonNull(file, "file").toPath(), chunkSize);
  }

  /** {@link #toPath(Path)} for a {@link java.io.File}, as Pekko's deprecated variant. */
  public static Sink<ByteString, CompletionStage<IOResult>> toFile(java.io.File file) {
    return toPath(Objects.requireNonNull(file, "file").toPath());
  }

  /** {@link #toPath(Path, Set)} for a {@link java.io.File}, as Pekko's deprecated variant. */
  public static Sink<ByteString, CompletionStage<IOResult>> toFile(
      java.io.File file, Set<? extends OpenOption> options) {
    return toPath(Objects.requireNonNull(file, "file").toPath(), options);
  }
}
