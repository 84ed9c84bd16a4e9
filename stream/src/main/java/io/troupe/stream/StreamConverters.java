package io.troupe.stream;

import io.troupe.actor.NotUsed;
import io.troupe.japi.function.Creator;
import io.troupe.stream.internal.io.BlockingBridges;
import io.troupe.stream.internal.io.BlockingIo;
import io.troupe.util.ByteString;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.stream.BaseStream;
import java.util.stream.Collector;
import java.util.stream.Stream;

/**
 * Converters between streams and the JDK's blocking IO and {@code java.util.stream} types.
 *
 * <p>Stages that call blocking methods ({@code fromInputStream}, {@code fromOutputStream},
 * {@code fromJavaStream}) run in an island of their own on the dispatcher {@code
 * troupe.actor.default-blocking-io-dispatcher}. Stages that materialize a blocking object
 * ({@code asInputStream}, {@code asOutputStream}, {@code asJavaStream}) never block a stream
 * thread: the caller's thread blocks on a small bounded buffer instead, and backpressure holds
 * across it.
 */
public final class StreamConverters {
  private StreamConverters() {}

  /** How long the materialized InputStream or OutputStream waits by default: 5 seconds. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

  private static final int BRIDGE_BUFFER = 16;

  /** Reads the stream {@code in} creates in chunks of 8192 bytes; see {@link #fromInputStream(Creator, int)}. */
  public static Source<ByteString, CompletionStage<IOResult>> fromInputStream(
      Creator<InputStream> in) {
    return fromInputStream(in, FileIO.DEFAULT_CHUNK_SIZE);
  }

  /**
   * Reads the {@link InputStream} that {@code in} creates when the stream starts, emitting
   * chunks of at most {@code chunkSize} bytes, and closes it when the stage stops.
   *
   * <p><b>Emits when</b> downstream pulls and bytes were read. <b>Completes when</b> the input
   * stream ends. <b>Fails when</b> creating or reading it throws (the materialized future then
   * fails with an {@link IOOperationIncompleteException}). <b>Cancels when</b> downstream cancels.
   *
   * @throws IllegalArgumentException if {@code chunkSize} is not positive
   */
  public static Source<ByteString, CompletionStage<IOResult>> fromInputStream(
      Creator<InputStream> in, int chunkSize) {
    Objects.requireNonNull(in, "in");
    if (chunkSize <= 0) {
      throw new IllegalArgumentException("chunkSize must be > 0, was " + chunkSize);
    }
    return Source.fromGraph(
        new BlockingIo.ReadSource("inputStreamSource", BlockingIo.streamReader(in), chunkSize));
  }

  /** Writes to the stream {@code out} creates, without flushing after each chunk. */
  public static Sink<ByteString, CompletionStage<IOResult>> fromOutputStream(
      Creator<OutputStream> out) {
    return fromOutputStream(out, false);
  }

  /**
   * Writes each chunk to the {@link OutputStream} that {@code out} creates when the stream
   * starts (flushing after each one if {@code autoFlush}), and closes it when upstream completes.
   *
   * <p><b>Backpressures when</b> a write is in progress. <b>Fails when</b> creating, writing or
   * closing the output stream throws, or upstream fails.
   */
  public static Sink<ByteString, CompletionStage<IOResult>> fromOutputStream(
      Creator<OutputStream> out, boolean autoFlush) {
    Objects.requireNonNull(out, "out");
    return Sink.fromGraph(new BlockingIo.WriteSink(
        "outputStreamSink", BlockingIo.streamWriter(out, autoFlush)));
  }

  /** A sink read through the {@link InputStream} it materializes; reads wait at most 5 seconds. */
  public static Sink<ByteString, InputStream> asInputStream() {
    return asInputStream(DEFAULT_TIMEOUT);
  }

  /**
   * A sink read through the {@link InputStream} it materializes. A read blocks the caller until
   * bytes arrive; after {@code readTimeout} without any it throws an {@code IOException}. The
   * stream returns -1 once upstream completed and all bytes were read, and throws an {@code
   * IOException} caused by upstream's failure. Closing it cancels the sink.
   *
   * <p><b>Backpressures when</b> 16 chunks wait to be read.
   *
   * @throws IllegalArgumentException if {@code readTimeout} is not positive
   */
  public static Sink<ByteString, InputStream> asInputStream(Duration readTimeout) {
    requirePositive("readTimeout", readTimeout);
    return Sink.fromGraph(new BlockingBridges.QueueSink<ByteString>("inputStreamSink", BRIDGE_BUFFER))
        .mapMaterializedValue(r -> BlockingBridges.inputStream(r, readTimeout));
  }

  /** A source written through the {@link OutputStream} it materializes; writes wait at most 5 seconds. */
  public static Source<ByteString, OutputStream> asOutputStream() {
    return asOutputStream(DEFAULT_TIMEOUT);
  }

  /**
   * A source written through the {@link OutputStream} it materializes: each write becomes a
   * chunk (a copy of the bytes). A write blocks the caller while 16 chunks wait for downstream
   * demand, and throws an {@code IOException} after {@code writeTimeout}, or once the stream has
   * stopped (cancelled or failed). Closing the output stream completes the source.
   *
   * <p><b>Emits when</b> bytes were written and downstream pulls. <b>Completes when</b> the
   * output stream is closed and everything written was emitted.
   *
   * @throws IllegalArgumentException if {@code writeTimeout} is not positive
   */
  public static Source<ByteString, OutputStream> asOutputStream(Duration writeTimeout) {
    requirePositive("writeTimeout", writeTimeout);
    return Source.fromGraph(
            new BlockingBridges.QueueSource<ByteString>("outputStreamSource", BRIDGE_BUFFER))
        .mapMaterializedValue(w -> BlockingBridges.outputStream(w, writeTimeout));
  }

  /**
   * Emits the elements of the {@link BaseStream} that {@code stream} creates when the stream
   * starts, and closes it when the stage stops (so {@code Files.lines} releases its file).
   *
   * <p><b>Emits when</b> downstream pulls. <b>Completes when</b> the Java stream has no more
   * elements. <b>Cancels when</b> downstream cancels.
   */
  public static <O, S extends BaseStream<O, S>> Source<O, NotUsed> fromJavaStream(
      Creator<? extends BaseStream<O, S>> stream) {
    Objects.requireNonNull(stream, "stream");
    return Source.fromGraph(new BlockingBridges.JavaStreamSource<O>(stream));
  }

  /**
   * A sink consumed through the sequential {@link Stream} it materializes: the stream's terminal
   * operation blocks the caller until elements arrive, ends when upstream completes, and throws
   * upstream's failure. Closing the Java stream cancels the sink.
   *
   * <p><b>Backpressures when</b> 16 elements wait to be consumed.
   */
  public static <T> Sink<T, Stream<T>> asJavaStream() {
    return Sink.fromGraph(new BlockingBridges.QueueSink<T>("asJavaStream", BRIDGE_BUFFER))
        .mapMaterializedValue(BlockingBridges::javaStream);
  }

  /**
   * A sink that collects the elements with the {@link Collector} that {@code collector} creates
   * per materialization, and materializes the collector's result.
   */
  public static <T, R> Sink<T, CompletionStage<R>> javaCollector(
      Creator<? extends Collector<? super T, ?, R>> collector) {
    Objects.requireNonNull(collector, "collector");
    return Sink.fromGraph(collectorSink(collector));
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static <T, R> BlockingBridges.CollectorSink<T, ?, R> collectorSink(
      Creator<? extends Collector<? super T, ?, R>> collector) {
    return new BlockingBridges.CollectorSink<T, Object, R>((Creator) collector);
  }

  private static void requirePositive(String name, Duration d) {
    Objects.requireNonNull(d, name);
    if (d.isZero() || d.isNegative()) {
      throw new IllegalArgumentException(name + " must be positive, was " + d);
    }
  }
}
