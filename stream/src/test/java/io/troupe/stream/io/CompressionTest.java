package io.troupe.stream.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.troupe.actor.NotUsed;
import io.troupe.stream.Compression;
import io.troupe.stream.Flow;
import io.troupe.stream.Sink;
import io.troupe.stream.Source;
import io.troupe.util.ByteString;
import java.io.ByteArrayOutputStream;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import java.util.zip.ZipException;
import org.junit.jupiter.api.Test;

class CompressionTest extends IoTestBase {

  private static ByteString text() {
    StringBuilder sb = new StringBuilder();
    Random r = new Random(1);
    for (int i = 0; i < 5000; i++) {
      sb.append("record ").append(i).append(' ').append(r.nextInt(100)).append('\n');
    }
    return bs(sb.toString());
  }

  private static ByteString through(Flow<ByteString, ByteString, NotUsed> flow, List<ByteString> in)
      throws Exception {
    return await(Source.from(in).via(flow).runFold(ByteString.empty(), ByteString::concat, system));
  }

  private static ByteString gzipWithJdk(byte[] bytes) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(bytes);
    }
    return ByteString.fromArray(out.toByteArray());
  }

  @Test
  void gzipRoundTripsAndIsReadableByTheJdk() throws Exception {
    ByteString input = text();
    ByteString zipped = through(Compression.gzip(), chunks(input, 1000));
    assertThat(zipped.length()).isLessThan(input.length() / 2);
    assertThat(new GZIPInputStream(zipped.asInputStream()).readAllBytes()).isEqualTo(input.toArray());
    assertThat(through(Compression.gunzip(), chunks(zipped, 7))).isEqualTo(input);
  }

  @Test
  void gunzipReadsTheJdksGzipAndConcatenatedMembers() throws Exception {
    ByteString a = gzipWithJdk("first member, ".getBytes());
    ByteString b = gzipWithJdk("second member".getBytes());
    assertThat(through(Compression.gunzip(), chunks(a.concat(b), 3)).utf8String())
        .isEqualTo("first member, second member");
  }

  @Test
  void gunzipSkipsOptionalHeaderFields() throws Exception {
    ByteString payload = bs("payload behind a long header");
    ByteString raw = through(Compression.deflate(9, true), List.of(payload));
    CRC32 crc = new CRC32();
    crc.update(payload.toArray());
    ByteString gz = ByteString.createBuilder()
        .putBytes(new byte[] {0x1f, (byte) 0x8b, 8, 4 | 8 | 16, 0, 0, 0, 0, 0, 3})
        .putShort(3, ByteOrder.LITTLE_ENDIAN).putBytes(new byte[] {1, 2, 3})   // FEXTRA
        .putBytes("file.txt\0".getBytes())                                     // FNAME
        .putBytes("a comment\0".getBytes())                                    // FCOMMENT
        .append(raw)
        .putInt((int) crc.getValue(), ByteOrder.LITTLE_ENDIAN)
        .putInt(payload.length(), ByteOrder.LITTLE_ENDIAN)
        .result();
    for (int size : new int[] {1, 5, 1000}) {
      assertThat(through(Compression.gunzip(), chunks(gz, size))).isEqualTo(payload);
    }
  }

  @Test
  void decompressedChunksNeverExceedTheMaximumAndComeOnlyOnDemand() throws Exception {
    ByteString bomb = gzipWithJdk(new byte[20_000_000]); // 20 MB of zeros, about 20 KB zipped
    assertThat(bomb.length()).isLessThan(100_000);
    List<ByteString> firstChunks = await(Source.single(bomb).via(Compression.gunzip(4096))
        .take(5).runWith(Sink.seq(), system));
    assertThat(firstChunks).hasSize(5).allSatisfy(c -> assertThat(c.length()).isLessThanOrEqualTo(4096));
    long total = await(Source.single(bomb).via(Compression.gunzip(100_000))
        .runFold(0L, (n, c) -> {
          assertThat(c.length()).isLessThanOrEqualTo(100_000);
          return n + c.length();
        }, system));
    assertThat(total).isEqualTo(20_000_000L);
  }

  @Test
  void compressorsFlushEachChunkSoItDecodesWithoutWaitingForTheEnd() throws Exception {
    ByteString first = await(Source.single(bs("hello"))
        .concat(Source.<ByteString>maybe())
        .via(Compression.gzip())
        .runWith(Sink.head(), system));
    Inflater inflater = new Inflater(true);
    inflater.setInput(first.drop(10).toArray());
    byte[] out = new byte[100];
    int n = inflater.inflate(out);
    inflater.end();
    assertThat(new String(out, 0, n)).isEqualTo("hello");
  }

  @Test
  void deflateAndInflateRoundTripInZlibAndRawFormats() throws Exception {
    ByteString input = text();
    ByteString zlib = through(Compression.deflate(), chunks(input, 999));
    assertThat(new InflaterInputStream(zlib.asInputStream()).readAllBytes()).isEqualTo(input.toArray());
    assertThat(through(Compression.inflate(), chunks(zlib, 13))).isEqualTo(input);
    ByteString raw = through(Compression.deflate(1, true), chunks(input, 500));
    assertThat(through(Compression.inflate(1024, true), chunks(raw, 100))).isEqualTo(input);

    ByteArrayOutputStream jdk = new ByteArrayOutputStream();
    try (DeflaterOutputStream d = new DeflaterOutputStream(jdk)) {
      d.write(input.toArray());
    }
    assertThat(through(Compression.inflate(), List.of(ByteString.fromArray(jdk.toByteArray()))))
        .isEqualTo(input);
  }

  @Test
  void emptyInputGivesAValidEmptyGzip() throws Exception {
    ByteString zipped = through(Compression.gzip(), List.of());
    assertThat(new GZIPInputStream(zipped.asInputStream()).readAllBytes()).isEmpty();
    assertThat(through(Compression.gunzip(), List.of())).isEqualTo(ByteString.empty());
  }

  @Test
  void corruptOrTruncatedInputFailsTheStream() throws Exception {
    ByteString zipped = gzipWithJdk(text().toArray());
    Throwable truncated = awaitFailure(Source.single(zipped.take(zipped.length() - 20))
        .via(Compression.gunzip()).runWith(Sink.ignore(), system));
    assertThat(truncated).isInstanceOf(ZipException.class).hasMessageContaining("Truncated");

    byte[] badCrc = zipped.toArray();
    badCrc[badCrc.length - 6] ^= 1;
    Throwable crc = awaitFailure(Source.single(ByteString.fromArray(badCrc))
        .via(Compression.gunzip()).runWith(Sink.ignore(), system));
    assertThat(crc).isInstanceOf(ZipException.class).hasMessageContaining("CRC32");

    Throwable notGzip = awaitFailure(Source.single(bs("plain text, not gzip"))
        .via(Compression.gunzip()).runWith(Sink.ignore(), system));
    assertThat(notGzip).isInstanceOf(ZipException.class).hasMessageContaining("Not in GZIP format");

    Throwable garbage = awaitFailure(Source.single(bs("garbage that is not zlib data"))
        .via(Compression.inflate()).runWith(Sink.ignore(), system));
    assertThat(garbage).isInstanceOf(java.util.zip.DataFormatException.class);
  }

  @Test
  void badArgumentsAreRejected() {
    assertThatThrownBy(() -> Compression.gzip(10))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("level must be within -1..9, was 10");
    assertThatThrownBy(() -> Compression.gunzip(0))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("maxBytesPerChunk must be > 0, was 0");
  }
}
