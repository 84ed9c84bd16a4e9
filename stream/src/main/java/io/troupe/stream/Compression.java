package io.troupe.stream;

import io.troupe.actor.NotUsed;
import io.troupe.stream.internal.io.CompressionStages;
import io.troupe.util.ByteString;
import java.util.zip.Deflater;

/**
 * Flows that compress and decompress byte streams in the gzip (RFC 1952) and deflate (zlib, RFC
 * 1950, or raw RFC 1951) formats.
 *
 * <p>Compressors flush after every input chunk, so each chunk's bytes can be decoded as soon as
 * they arrive (at some cost in ratio for tiny chunks). Decompressors emit chunks of at most
 * {@code maxBytesPerChunk} bytes and produce them only as downstream pulls, so a small
 * compressed input that expands hugely ("zip bomb") never needs more memory than one chunk.
 * Corrupt input fails the stream with a {@link java.util.zip.ZipException} or {@link
 * java.util.zip.DataFormatException}; input that ends inside a compressed stream fails it too.
 */
public final class Compression {
  private Compression() {}

  /** The default size limit of a decompressed chunk: 64 KiB. */
  public static final int MAX_BYTES_PER_CHUNK_DEFAULT = 64 * 1024;

  /** Gzip compression at the default level. */
  public static Flow<ByteString, ByteString, NotUsed> gzip() {
    return gzip(Deflater.DEFAULT_COMPRESSION);
  }

  /**
   * Gzip compression at {@code level} (0-9, or -1 for the default).
   *
   * <p><b>Emits when</b> a chunk was compressed and downstream pulls. <b>Completes when</b>
   * upstream completes and the trailer is emitted.
   *
   * @throws IllegalArgumentException if {@code level} is not within -1..9
   */
  public static Flow<ByteString, ByteString, NotUsed> gzip(int level) {
    checkLevel(level);
    return Flow.fromGraph(CompressionStages.compressor(level, true, true));
  }

  /** Gzip decompression into chunks of at most 64 KiB. */
  public static Flow<ByteString, ByteString, NotUsed> gunzip() {
    return gunzip(MAX_BYTES_PER_CHUNK_DEFAULT);
  }

  /**
   * Gzip decompression into chunks of at most {@code maxBytesPerChunk} bytes. Several gzip
   * members one after another are decompressed one after another; each member's CRC and size
   * are checked.
   *
   * <p><b>Emits when</b> decompressed bytes are ready and downstream pulls. <b>Backpressures
   * when</b> downstream backpressures. <b>Completes when</b> upstream completes at the end of a
   * member. <b>Fails when</b> the input is not gzip, is corrupt, or ends inside a member.
   *
   * @throws IllegalArgumentException if {@code maxBytesPerChunk} is not positive
   */
  public static Flow<ByteString, ByteString, NotUsed> gunzip(int maxBytesPerChunk) {
    checkChunk(maxBytesPerChunk);
    return Flow.fromGraph(CompressionStages.decompressor(maxBytesPerChunk, true, false));
  }

  /** Deflate (zlib format) compression at the default level. */
  public static Flow<ByteString, ByteString, NotUsed> deflate() {
    return deflate(Deflater.DEFAULT_COMPRESSION, false);
  }

  /**
   * Deflate compression at {@code level}; {@code nowrap} gives raw deflate data without the
   * zlib header and checksum.
   *
   * @throws IllegalArgumentException if {@code level} is not within -1..9
   */
  public static Flow<ByteString, ByteString, NotUsed> deflate(int level, boolean nowrap) {
    checkLevel(level);
    return Flow.fromGraph(CompressionStages.compressor(level, false, nowrap));
  }

  /** Deflate (zlib format) decompression into chunks of at most 64 KiB. */
  public static Flow<ByteString, ByteString, NotUsed> inflate() {
    return inflate(MAX_BYTES_PER_CHUNK_DEFAULT, false);
  }

  /** Deflate (zlib format) decompression into chunks of at most {@code maxBytesPerChunk}. */
  public static Flow<ByteString, ByteString, NotUsed> inflate(int maxBytesPerChunk) {
    return inflate(maxBytesPerChunk, false);
  }

  /**
   * Deflate decompression into chunks of at most {@code maxBytesPerChunk} bytes; {@code nowrap}
   * reads raw deflate data without the zlib header and checksum.
   *
   * <p><b>Emits when</b> decompressed bytes are ready and downstream pulls. <b>Completes
   * when</b> upstream completes at the end of a compressed stream. <b>Fails when</b> the input is
   * corrupt or ends inside a compressed stream.
   *
   * @throws IllegalArgumentException if {@code maxBytesPerChunk} is not positive
   */
  public static Flow<ByteString, ByteString, NotUsed> inflate(int maxBytesPerChunk, boolean nowrap) {
    checkChunk(maxBytesPerChunk);
    return Flow.fromGraph(CompressionStages.decompressor(maxBytesPerChunk, false, nowrap));
  }

  private static void checkLevel(int level) {
    if (level < -1 || level > 9) {
      throw new IllegalArgumentException("level must be within -1..9, was " + level);
    }
  }

  private static void checkChunk(int maxBytesPerChunk) {
    if (maxBytesPerChunk <= 0) {
      throw new IllegalArgumentException("maxBytesPerChunk must be > 0, was " + maxBytesPerChunk);
    }
  }
}
