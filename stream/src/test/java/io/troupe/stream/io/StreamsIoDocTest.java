package io.troupe.stream.io;

import static org.assertj.core.api.Assertions.assertThat;

import io.troupe.actor.NotUsed;
import io.troupe.stream.BidiFlow;
import io.troupe.stream.Compression;
import io.troupe.stream.FileIO;
import io.troupe.stream.Flow;
import io.troupe.stream.Framing;
import io.troupe.stream.FramingTruncation;
import io.troupe.stream.IOResult;
import io.troupe.stream.Inet;
import io.troupe.stream.JsonFraming;
import io.troupe.stream.Sink;
import io.troupe.stream.Source;
import io.troupe.stream.StreamConverters;
import io.troupe.stream.Tcp;
import io.troupe.stream.TcpSO;
import io.troupe.util.ByteString;
import java.io.InputStream;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The examples of docs/streams-io.md, run. */
class StreamsIoDocTest extends IoTestBase {
  @TempDir Path dir;

  @Test
  void byteStrings() {
    ByteString hello = ByteString.fromString("hello, ");
    ByteString both = hello.concat(ByteString.fromString("world"));   // shares both, copies nothing
    ByteString world = both.drop(7);                                  // a view, not a copy
    ByteString framed = ByteString.createBuilder()
        .putInt(world.length(), ByteOrder.BIG_ENDIAN)
        .append(world)
        .result();
    assertThat(both.utf8String()).isEqualTo("hello, world");
    assertThat(world.utf8String()).isEqualTo("world");
    assertThat(framed.length()).isEqualTo(9);
  }

  @Test
  void framingLinesOfALogFile() throws Exception {
    Path log = dir.resolve("app.log");
    Files.writeString(log, "GET /a 200\nGET /b 404\nPOST /c 500\n");

    CompletionStage<List<String>> errors = FileIO.fromPath(log, 8192)
        .via(Framing.delimiter(ByteString.fromString("\n"), 4096, FramingTruncation.ALLOW))
        .map(ByteString::utf8String)
        .filter(line -> !line.endsWith(" 200"))
        .runWith(Sink.seq(), system);

    assertThat(await(errors)).containsExactly("GET /b 404", "POST /c 500");
  }

  @Test
  void lengthPrefixedAndJson() throws Exception {
    Flow<ByteString, ByteString, NotUsed> records =
        Framing.lengthField(4, 0, 1024 * 1024, ByteOrder.BIG_ENDIAN)  // frames include the header
            .map(frame -> frame.drop(4));
    Flow<ByteString, String, NotUsed> objects =
        JsonFraming.objectScanner(64 * 1024).map(ByteString::utf8String);

    ByteString wire = ByteString.createBuilder()
        .putInt(2, ByteOrder.BIG_ENDIAN).append(ByteString.fromString("hi")).result();
    assertThat(await(Source.single(wire).via(records).runWith(Sink.head(), system)).utf8String())
        .isEqualTo("hi");
    assertThat(await(Source.single(ByteString.fromString("[{\"a\":1}, {\"b\":\"}\"}]"))
        .via(objects).runWith(Sink.seq(), system)))
        .containsExactly("{\"a\":1}", "{\"b\":\"}\"}");
  }

  @Test
  void filesAndCompression() throws Exception {
    Path in = dir.resolve("in.txt");
    Path out = dir.resolve("in.txt.gz");
    Files.writeString(in, "some text ".repeat(1000));

    CompletionStage<IOResult> written = FileIO.fromPath(in)
        .via(Compression.gzip())
        .runWith(FileIO.toPath(out), system);

    long compressedBytes = await(written).count();
    assertThat(compressedBytes).isEqualTo(Files.size(out)).isLessThan(Files.size(in));
    ByteString back = await(FileIO.fromPath(out).via(Compression.gunzip())
        .runFold(ByteString.empty(), ByteString::concat, system));
    assertThat(back.utf8String()).isEqualTo(Files.readString(in));
  }

  @Test
  void javaIoConverters() throws Exception {
    InputStream in = Source.range(1, 3)
        .map(i -> ByteString.fromString(i + "\n"))
        .runWith(StreamConverters.asInputStream(), system);   // read it on your own thread
    assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("1\n2\n3\n");

    Path file = dir.resolve("lines.txt");
    Files.writeString(file, "a\nb\n");
    CompletionStage<List<String>> lines =
        StreamConverters.fromJavaStream(() -> Files.lines(file)).runWith(Sink.seq(), system);
    assertThat(await(lines)).containsExactly("a", "b");
  }

  @Test
  void tcpEchoServerAndClient() throws Exception {
    Tcp tcp = Tcp.get(system);
    CompletionStage<Tcp.ServerBinding> bound = tcp.bind("127.0.0.1", 0)
        .to(Sink.foreach(connection ->
            connection.handleWith(
                Flow.<ByteString>create()
                    .via(Framing.delimiter(ByteString.fromString("\n"), 256))
                    .map(line -> ByteString.fromString(line.utf8String().toUpperCase() + "\n")),
                system)))
        .run(system);
    Tcp.ServerBinding binding = bound.toCompletableFuture().join();

    CompletionStage<ByteString> reply = Source.single(ByteString.fromString("ping\n"))
        .via(tcp.outgoingConnection("127.0.0.1", binding.localAddress().getPort()))
        .runFold(ByteString.empty(), ByteString::concat, system);

    assertThat(await(reply).utf8String()).isEqualTo("PING\n");
    await(binding.unbind());
  }

  @Test
  void tcpSocketOptions() throws Exception {
    Tcp tcp = Tcp.get(system);
    List<Inet.SocketOption> options =
        List.of(TcpSO.receiveBufferSize(64 * 1024), TcpSO.keepAlive(true), TcpSO.tcpNoDelay(false));
    Source<Tcp.IncomingConnection, CompletionStage<Tcp.ServerBinding>> server =
        tcp.bind("127.0.0.1", 0, 128, options, false, Optional.of(Duration.ofMinutes(5)));

    Tcp.ServerBinding binding = await(server
        .to(Sink.foreach(c -> c.handleWith(Flow.<ByteString>create(), system)))
        .run(system));
    CompletionStage<ByteString> echoed = Source.single(ByteString.fromString("hi"))
        .via(tcp.outgoingConnection("127.0.0.1", binding.localAddress().getPort()))
        .runFold(ByteString.empty(), ByteString::concat, system);
    assertThat(await(echoed).utf8String()).isEqualTo("hi");
    await(binding.unbind());
  }

  @Test
  void tcpWithTheSimpleFramingProtocol() throws Exception {
    Tcp tcp = Tcp.get(system);
    BidiFlow<ByteString, ByteString, ByteString, ByteString, NotUsed> framing =
        Framing.simpleFramingProtocol(64 * 1024);
    Tcp.ServerBinding server = tcp.bindAndHandle(
            Flow.<ByteString>create().map(m -> ByteString.fromString(m.utf8String().toUpperCase()))
                .join(framing),                           // the application closes the left side
            "127.0.0.1", 0, system)
        .toCompletableFuture().join();

    CompletionStage<List<String>> replies = Source.from(List.of("one", "two"))
        .map(ByteString::fromString)
        .via(framing.join(tcp.outgoingConnection("127.0.0.1", server.localAddress().getPort())))
        .map(ByteString::utf8String)
        .runWith(Sink.seq(), system);                     // ["ONE", "TWO"]

    assertThat(await(replies)).containsExactly("ONE", "TWO");
    await(server.unbind());
  }
}
