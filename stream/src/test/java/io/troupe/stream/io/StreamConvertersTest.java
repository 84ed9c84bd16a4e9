package io.troupe.stream.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.troupe.actor.Done;
import io.troupe.japi.Pair;
import io.troupe.stream.Flow;
import io.troupe.stream.IOOperationIncompleteException;
import io.troupe.stream.IOResult;
import io.troupe.stream.Keep;
import io.troupe.stream.Sink;
import io.troupe.stream.Source;
import io.troupe.stream.StreamConverters;
import io.troupe.util.ByteString;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class StreamConvertersTest extends IoTestBase {

  /** An input stream over {@code bytes} that records the thread reading it and its closing. */
  private static final class TrackedInput extends ByteArrayInputStream {
    final CountDownLatch closed = new CountDownLatch(1);
    final AtomicReference<String> readBy = new AtomicReference<>();

    TrackedInput(byte[] bytes) {
      super(bytes);
    }

    @Override
    public synchronized int read(byte[] b, int off, int len) {
      readBy.set(Thread.currentThread().getName());
      return super.read(b, off, len);
    }

    @Override
    public void close() {
      closed.countDown();
    }
  }

  @Test
  void fromInputStreamReadsEverythingOnTheBlockingDispatcherAndClosesIt() throws Exception {
    byte[] content = "some bytes to read in small chunks".getBytes(StandardCharsets.UTF_8);
    TrackedInput in = new TrackedInput(content);
    Pair<CompletionStage<IOResult>, CompletionStage<List<ByteString>>> p =
        StreamConverters.fromInputStream(() -> in, 5).toMat(Sink.seq(), Keep.both()).run(system);
    List<ByteString> chunks = await(p.second());
    assertThat(chunks).allSatisfy(c -> assertThat(c.length()).isLessThanOrEqualTo(5));
    assertThat(chunks.stream().reduce(ByteString.empty(), ByteString::concat).toArray())
        .isEqualTo(content);
    assertThat(await(p.first()).count()).isEqualTo(content.length);
    assertThat(in.closed.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(in.readBy.get()).contains("blocking-io");
  }

  @Test
  void aFailingInputStreamFailsTheStream() throws Exception {
    IOException broken = new IOException("disk on fire");
    InputStream in = new InputStream() {
      @Override
      public int read() throws IOException {
        throw broken;
      }
    };
    Pair<CompletionStage<IOResult>, CompletionStage<List<ByteString>>> p =
        StreamConverters.fromInputStream(() -> in).toMat(Sink.seq(), Keep.both()).run(system);
    assertThat(awaitFailure(p.second())).isSameAs(broken);
    assertThat(awaitFailure(p.first())).isInstanceOf(IOOperationIncompleteException.class)
        .hasCause(broken);
  }

  @Test
  void fromOutputStreamWritesEveryChunkAndClosesTheStream() throws Exception {
    CountDownLatch closed = new CountDownLatch(1);
    AtomicInteger flushes = new AtomicInteger();
    ByteArrayOutputStream out = new ByteArrayOutputStream() {
      @Override
      public void flush() {
        flushes.incrementAndGet();
      }

      @Override
      public void close() {
        closed.countDown();
      }
    };
    IOResult r = await(Source.from(List.of("a", "bc", "def")).map(ByteString::fromString)
        .runWith(StreamConverters.fromOutputStream(() -> out, true), system));
    assertThat(r.count()).isEqualTo(6);
    assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("abcdef");
    assertThat(flushes.get()).isEqualTo(3);
    assertThat(closed.await(10, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void asInputStreamReadsWhatTheStreamEmits() throws Exception {
    InputStream in = Source.range(1, 200).map(i -> ByteString.fromString(i + ","))
        .runWith(StreamConverters.asInputStream(), system);
    String all = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    assertThat(all).isEqualTo(IntStream.rangeClosed(1, 200).mapToObj(i -> i + ",")
        .collect(Collectors.joining()));
    assertThat(in.read()).isEqualTo(-1);
  }

  @Test
  void asInputStreamThrowsTheStreamsFailure() throws Exception {
    IllegalStateException boom = new IllegalStateException("boom");
    InputStream in = Source.<ByteString>failed(boom).runWith(StreamConverters.asInputStream(), system);
    assertThatThrownBy(in::read).isInstanceOf(IOException.class).hasCause(boom);
  }

  @Test
  void asInputStreamTimesOutWhenNoBytesArrive() {
    InputStream in = Source.<ByteString>maybe()
        .runWith(StreamConverters.asInputStream(Duration.ofMillis(50)), system);
    assertThatThrownBy(in::read).isInstanceOf(IOException.class).hasMessageContaining("timeout");
  }

  @Test
  void asInputStreamBackpressuresAnUnreadStreamAndClosingCancelsIt() throws Exception {
    AtomicInteger produced = new AtomicInteger();
    CountDownLatch seventeen = new CountDownLatch(17);
    CountDownLatch tooMany = new CountDownLatch(19);
    Pair<CompletionStage<Done>, InputStream> p = Source.repeat(ByteString.fromString("x"))
        .map(b -> {
          produced.incrementAndGet();
          seventeen.countDown();
          tooMany.countDown();
          return b;
        })
        .watchTermination((m, done) -> done)
        .toMat(StreamConverters.asInputStream(), Keep.both())
        .run(system);
    InputStream in = p.second();
    assertThat(in.read()).isEqualTo('x');
    assertThat(seventeen.await(10, TimeUnit.SECONDS)).isTrue();
    // 16 chunks buffered + 1 taken by the reader (+ 1 between the stages at most): nothing more
    // is produced while nobody reads (waits the whole bound on purpose, like expectNoMessage)
    assertThat(tooMany.await(300, TimeUnit.MILLISECONDS)).as("produced %s", produced).isFalse();
    assertThat(produced.get()).isBetween(17, 18);
    in.close();
    assertThat(await(p.first())).isEqualTo(Done.getInstance());
  }

  @Test
  void asOutputStreamEmitsWhatIsWrittenAndCompletesOnClose() throws Exception {
    Pair<OutputStream, CompletionStage<ByteString>> p = StreamConverters.asOutputStream()
        .toMat(Sink.fold(ByteString.empty(), ByteString::concat), Keep.both())
        .run(system);
    Thread writer = new Thread(() -> {
      try (OutputStream out = p.first()) {
        for (int i = 0; i < 100; i++) {
          out.write(("chunk " + i + ";").getBytes(StandardCharsets.UTF_8));
        }
        out.write('!');
      } catch (IOException e) {
        throw new RuntimeException(e);
      }
    });
    writer.start();
    String all = await(p.second()).utf8String();
    writer.join(10_000);
    assertThat(all).startsWith("chunk 0;chunk 1;").endsWith("chunk 99;!");
    assertThat(all.split(";")).hasSize(101);
  }

  @Test
  void asOutputStreamWritesFailWithoutDemandOrAfterCancellation() throws Exception {
    OutputStream stuck = StreamConverters.asOutputStream(Duration.ofMillis(50))
        .via(Flow.<ByteString>create().mapAsync(1, b -> new CompletableFuture<ByteString>()))
        .to(Sink.ignore())
        .run(system);
    assertThatThrownBy(() -> {
      for (int i = 0; i < 1000; i++) {
        stuck.write(new byte[] {1});
      }
    }).isInstanceOf(IOException.class).hasMessageContaining("no downstream demand");

    Pair<OutputStream, CompletionStage<List<ByteString>>> p = StreamConverters.asOutputStream()
        .take(1).toMat(Sink.seq(), Keep.both()).run(system);
    p.first().write(new byte[] {1});
    assertThat(await(p.second())).hasSize(1);
    assertThatThrownBy(() -> {
      for (int i = 0; i < 1000; i++) {
        p.first().write(new byte[] {2});
      }
    }).isInstanceOf(IOException.class).hasMessageContaining("stopped");
  }

  @Test
  void fromJavaStreamEmitsTheElementsAndClosesTheStreamAlsoWhenCancelled() throws Exception {
    CountDownLatch closedAll = new CountDownLatch(1);
    assertThat(await(StreamConverters.fromJavaStream(
            () -> Stream.of("a", "b", "c").onClose(closedAll::countDown))
        .runWith(Sink.seq(), system))).containsExactly("a", "b", "c");
    assertThat(closedAll.await(10, TimeUnit.SECONDS)).isTrue();

    CountDownLatch closedEarly = new CountDownLatch(1);
    assertThat(await(StreamConverters.fromJavaStream(
            () -> Stream.iterate(1, i -> i + 1).onClose(closedEarly::countDown))
        .take(3).runWith(Sink.seq(), system))).containsExactly(1, 2, 3);
    assertThat(closedEarly.await(10, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void asJavaStreamYieldsTheElementsAndTheFailure() {
    Stream<Integer> s = Source.range(1, 100).runWith(StreamConverters.asJavaStream(), system);
    assertThat(s.mapToInt(i -> i).sum()).isEqualTo(5050);

    IllegalStateException boom = new IllegalStateException("boom");
    Stream<Integer> failing = Source.range(1, 3).concat(Source.<Integer>failed(boom))
        .runWith(StreamConverters.asJavaStream(), system);
    assertThatThrownBy(() -> failing.toList()).isSameAs(boom);
  }

  @Test
  void closingTheJavaStreamCancelsUpstream() throws Exception {
    Pair<CompletionStage<Done>, Stream<Integer>> p = Source.repeat(1)
        .watchTermination((m, done) -> done)
        .toMat(StreamConverters.asJavaStream(), Keep.both()).run(system);
    try (Stream<Integer> s = p.second()) {
      assertThat(s.limit(5).toList()).containsExactly(1, 1, 1, 1, 1);
    }
    assertThat(await(p.first())).isEqualTo(Done.getInstance());
  }

  @Test
  void javaCollectorCollectsPerMaterialization() throws Exception {
    var sink = StreamConverters.<String, String>javaCollector(() -> Collectors.joining("-"));
    assertThat(await(Source.from(List.of("a", "b")).runWith(sink, system))).isEqualTo("a-b");
    assertThat(await(Source.from(List.of("c")).runWith(sink, system))).isEqualTo("c");
  }

  @Test
  void badTimeoutsAreRejected() {
    assertThatThrownBy(() -> StreamConverters.asInputStream(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("readTimeout");
    assertThatThrownBy(() -> StreamConverters.asOutputStream(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("writeTimeout");
    assertThatThrownBy(() -> StreamConverters.fromInputStream(() -> null, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("chunkSize");
  }
}
