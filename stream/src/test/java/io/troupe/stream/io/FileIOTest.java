package io.troupe.stream.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.troupe.japi.Pair;
import io.troupe.stream.FileIO;
import io.troupe.stream.Framing;
import io.troupe.stream.IOOperationIncompleteException;
import io.troupe.stream.IOResult;
import io.troupe.stream.Keep;
import io.troupe.stream.Sink;
import io.troupe.stream.Source;
import io.troupe.util.ByteString;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileIOTest extends IoTestBase {
  @TempDir Path dir;

  private static byte[] sample(int n) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) (i * 31 + 7);
    }
    return b;
  }

  @Test
  void readsAFileInChunksOfAtMostTheChunkSizeAndCountsTheBytes() throws Exception {
    Path file = dir.resolve("in.bin");
    byte[] content = sample(10_000);
    Files.write(file, content);
    Pair<CompletionStage<IOResult>, CompletionStage<List<ByteString>>> p =
        FileIO.fromPath(file, 1024).toMat(Sink.seq(), Keep.both()).run(system);
    List<ByteString> chunks = await(p.second());
    assertThat(chunks).hasSize(10).allSatisfy(c -> assertThat(c.length()).isLessThanOrEqualTo(1024));
    assertThat(chunks.stream().reduce(ByteString.empty(), ByteString::concat).toArray())
        .isEqualTo(content);
    assertThat(await(p.first()).count()).isEqualTo(10_000);
  }

  @Test
  void theJavaIoFileVariantsReadAndWriteLikeTheirPathTwins() throws Exception {
    java.io.File in = dir.resolve("file-in.bin").toFile();
    java.io.File out = dir.resolve("file-out.bin").toFile();
    byte[] content = sample(5_000);
    Files.write(in.toPath(), content);
    IOResult written = await(FileIO.fromFile(in, 512).runWith(FileIO.toFile(out), system));
    assertThat(written.count()).isEqualTo(5_000);
    assertThat(Files.readAllBytes(out.toPath())).isEqualTo(content);
    await(FileIO.fromFile(in).runWith(FileIO.toFile(out,
        java.util.Set.of(java.nio.file.StandardOpenOption.APPEND)), system));
    assertThat(Files.size(out.toPath())).isEqualTo(10_000);
    assertThatThrownBy(() -> FileIO.fromFile(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void chunksAreFullAndCompactBeyondTheReadAheadAndACopyKeepsEveryByteInOrder() throws Exception {
    Path file = dir.resolve("big.bin");
    byte[] content = sample(200_000); // several read-aheads; 3000 does not divide them
    Files.write(file, content);
    List<ByteString> chunks = await(FileIO.fromPath(file, 3000).runWith(Sink.seq(), system));
    assertThat(chunks).hasSize(67);
    assertThat(chunks.subList(0, 66)).allSatisfy(c -> assertThat(c.length()).isEqualTo(3000));
    assertThat(chunks.get(66).length()).isEqualTo(2000);
    // each chunk has an array of its own, so keeping one does not keep a read buffer
    assertThat(chunks).allSatisfy(c -> assertThat(c.isCompact()).isTrue());

    Path copy = dir.resolve("copy.bin");
    IOResult written = await(FileIO.fromPath(file, 1000).runWith(FileIO.toPath(copy), system));
    assertThat(written.count()).isEqualTo(200_000);
    assertThat(Files.readAllBytes(copy)).isEqualTo(content);
  }

  @Test
  void chunksLargerThanTheReadAheadAreReadWhole() throws Exception {
    Path file = dir.resolve("large-chunks.bin");
    byte[] content = sample(250_000);
    Files.write(file, content);
    List<ByteString> chunks = await(FileIO.fromPath(file, 100_000).runWith(Sink.seq(), system));
    assertThat(chunks).extracting(ByteString::length).containsExactly(100_000, 100_000, 50_000);
    assertThat(chunks.stream().reduce(ByteString.empty(), ByteString::concat).toArray())
        .isEqualTo(content);
  }

  @Test
  void writesChunksLargerThanItsBufferRopesAndEmptyChunksByteForByte() throws Exception {
    byte[] content = sample(1_000_003);
    ByteString all = ByteString.fromArray(content);
    ByteString rope = all.slice(600_001, 700_000).concat(all.slice(700_000, 700_010));
    assertThat(rope.isCompact()).isFalse();
    List<ByteString> chunks = List.of(
        all.slice(0, 600_001), // several buffer-fulls in one chunk
        ByteString.empty(),
        rope,
        all.slice(700_010, 700_011),
        all.slice(700_011, 1_000_003));
    Path file = dir.resolve("out.bin");
    Files.write(file, sample(2_000_000)); // longer than what is written: truncated at open
    IOResult written = await(Source.from(chunks).runWith(FileIO.toPath(file), system));
    assertThat(written.count()).isEqualTo(1_000_003);
    assertThat(Files.readAllBytes(file)).isEqualTo(content);
  }

  @Test
  void aFailingWriteFailsTheStreamAndCountsOnlyTheBytesWrittenBefore() throws Exception {
    Path full = Path.of("/dev/full"); // every write fails with "No space left on device"
    assumeTrue(Files.isWritable(full), "needs Linux's /dev/full");
    Throwable result = awaitFailure(
        Source.from(List.of(ByteString.fromArray(sample(300_000)), ByteString.fromString("x")))
            .runWith(FileIO.toPath(full, Set.of(StandardOpenOption.WRITE)), system));
    assertThat(result).isInstanceOf(IOOperationIncompleteException.class)
        .hasCauseInstanceOf(IOException.class);
    assertThat(((IOOperationIncompleteException) result).count()).isZero();
  }

  @Test
  void readsFromAStartPosition() throws Exception {
    Path file = dir.resolve("in.txt");
    Files.writeString(file, "0123456789");
    ByteString rest = await(FileIO.fromPath(file, 3, 6)
        .runFold(ByteString.empty(), ByteString::concat, system));
    assertThat(rest.utf8String()).isEqualTo("6789");
  }

  @Test
  void writesAFileAndReadsItBackLineByLine() throws Exception {
    Path file = dir.resolve("out.log");
    CompletionStage<IOResult> written = Source.range(1, 1000)
        .map(i -> ByteString.fromString("line " + i + "\n"))
        .runWith(FileIO.toPath(file), system);
    IOResult result = await(written);
    assertThat(result.count()).isEqualTo(Files.size(file));
    List<ByteString> lines = await(FileIO.fromPath(file, 100)
        .via(Framing.delimiter(ByteString.fromString("\n"), 100))
        .runWith(Sink.seq(), system));
    assertThat(lines).hasSize(1000);
    assertThat(lines.get(999).utf8String()).isEqualTo("line 1000");
  }

  @Test
  void replacesOrAppendsAsTheOptionsSay() throws Exception {
    Path file = dir.resolve("f.txt");
    Files.writeString(file, "old content that is long");
    await(Source.single(ByteString.fromString("new")).runWith(FileIO.toPath(file), system));
    assertThat(Files.readString(file)).isEqualTo("new");
    await(Source.single(ByteString.fromString("+more")).runWith(
        FileIO.toPath(file, Set.of(StandardOpenOption.APPEND)), system));
    assertThat(Files.readString(file)).isEqualTo("new+more");
    await(Source.single(ByteString.fromString("W")).runWith(
        FileIO.toPath(file, Set.of(StandardOpenOption.CREATE), 1), system));
    assertThat(Files.readString(file)).isEqualTo("nWw+more");
  }

  @Test
  void aMissingFileFailsTheStreamAndTheResultWithTheCause() throws Exception {
    Path missing = dir.resolve("nope.txt");
    Pair<CompletionStage<IOResult>, CompletionStage<List<ByteString>>> p =
        FileIO.fromPath(missing).toMat(Sink.seq(), Keep.both()).run(system);
    assertThat(awaitFailure(p.second())).isInstanceOf(NoSuchFileException.class)
        .hasMessageContaining("nope.txt");
    Throwable result = awaitFailure(p.first());
    assertThat(result).isInstanceOf(IOOperationIncompleteException.class)
        .hasCauseInstanceOf(NoSuchFileException.class);
    assertThat(((IOOperationIncompleteException) result).count()).isZero();
  }

  @Test
  void writingWhereNoFileCanBeFailsWithTheCause() throws Exception {
    Throwable intoMissingDir = awaitFailure(Source.single(ByteString.fromString("x"))
        .runWith(FileIO.toPath(dir.resolve("no/such/dir/f.txt")), system));
    assertThat(intoMissingDir).isInstanceOf(IOOperationIncompleteException.class)
        .hasCauseInstanceOf(NoSuchFileException.class);
    Throwable ontoADirectory = awaitFailure(Source.single(ByteString.fromString("x"))
        .runWith(FileIO.toPath(dir), system));
    assertThat(ontoADirectory.getCause()).isInstanceOf(FileSystemException.class);
  }

  @Test
  void upstreamFailureFailsTheResultWithTheBytesWrittenSoFar() throws Exception {
    Path file = dir.resolve("partial.txt");
    IllegalStateException boom = new IllegalStateException("boom");
    Throwable t = awaitFailure(Source.from(List.of("ab", "cd", "!"))
        .map(s -> {
          if (s.equals("!")) {
            throw boom;
          }
          return ByteString.fromString(s);
        })
        .runWith(FileIO.toPath(file), system));
    assertThat(t).isInstanceOf(IOOperationIncompleteException.class).hasCause(boom);
    assertThat(((IOOperationIncompleteException) t).count()).isEqualTo(4);
    assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo("abcd");
  }

  @Test
  void cancellingEarlyCompletesTheResultWithTheBytesReadSoFar() throws Exception {
    Path file = dir.resolve("big.bin");
    Files.write(file, sample(100_000));
    Pair<CompletionStage<IOResult>, CompletionStage<List<ByteString>>> p =
        FileIO.fromPath(file, 1000).take(3).toMat(Sink.seq(), Keep.both()).run(system);
    assertThat(await(p.second())).hasSize(3);
    // the source may have read one chunk ahead of the take before the cancellation reached it
    assertThat(await(p.first()).count()).isBetween(3000L, 100_000L);
  }

  @Test
  void badArgumentsAreRejectedAtOnce() {
    assertThatThrownBy(() -> FileIO.fromPath(dir, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("chunkSize must be > 0, was 0");
    assertThatThrownBy(() -> FileIO.fromPath(dir, 10, -1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1");
    assertThatThrownBy(() -> FileIO.toPath(dir, Set.of(StandardOpenOption.READ)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("READ");
  }
}
