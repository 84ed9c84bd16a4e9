package io.troupe.stream.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.troupe.actor.Done;
import io.troupe.actor.NotUsed;
import io.troupe.japi.Pair;
import io.troupe.stream.BidiFlow;
import io.troupe.stream.Flow;
import io.troupe.stream.FramingException;
import io.troupe.stream.Framing;
import io.troupe.stream.Keep;
import io.troupe.stream.Sink;
import io.troupe.stream.Source;
import io.troupe.stream.Tcp;
import io.troupe.util.ByteString;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SimpleFramingProtocolTest extends IoTestBase {
  private static final String HOST = "127.0.0.1";

  private static final BidiFlow<ByteString, ByteString, ByteString, ByteString, NotUsed> FRAMING =
      Framing.simpleFramingProtocol(256 * 1024);

  /** Messages of many sizes: empty, tiny, and larger than any socket read. */
  private static List<ByteString> messages() {
    Random random = new Random(42);
    List<ByteString> out = new ArrayList<>();
    out.add(ByteString.empty());
    for (int i = 0; i < 50; i++) {
      out.add(bs("message " + i));
    }
    byte[] big = new byte[200 * 1024];
    random.nextBytes(big);
    out.add(ByteString.fromArray(big));
    out.add(bs("after the big one"));
    return out;
  }

  private static ByteString header(int length) {
    return ByteString.createBuilder().putInt(length, ByteOrder.BIG_ENDIAN).result();
  }

  /** A server whose every connection answers each message with the message reversed. */
  private static Tcp.ServerBinding bindReversingServer(AtomicInteger connections) throws Exception {
    Flow<ByteString, ByteString, NotUsed> application =
        Flow.<ByteString>create().map(m -> ByteString.fromArray(reverse(m.toArray())));
    return await(Tcp.get(system).bind(HOST, 0)
        .to(Sink.foreach(conn -> {
          connections.incrementAndGet();
          conn.handleWith(application.join(FRAMING), system);
        }))
        .run(system));
  }

  private static byte[] reverse(byte[] a) {
    byte[] r = new byte[a.length];
    for (int i = 0; i < a.length; i++) {
      r[i] = a[a.length - 1 - i];
    }
    return r;
  }

  private static List<ByteString> reversedAll(List<ByteString> in) {
    return in.stream().map(m -> ByteString.fromArray(reverse(m.toArray()))).toList();
  }

  @Test
  void messagesCrossATcpConnectionWhole() throws Exception {
    AtomicInteger connections = new AtomicInteger();
    Tcp.ServerBinding binding = bindReversingServer(connections);
    Flow<ByteString, ByteString, ?> connection =
        Tcp.get(system).outgoingConnection(HOST, binding.localAddress().getPort());
    List<ByteString> sent = messages();

    // the framing layer on top of the transport: Framing.simpleFramingProtocol(..).join(connection)
    List<ByteString> viaBidiJoin =
        await(Source.from(sent).via(FRAMING.join(connection)).runWith(Sink.seq(), system));
    assertThat(viaBidiJoin).isEqualTo(reversedAll(sent));

    // the same, written from the connection's side: connection.join(framing.reversed())
    List<ByteString> viaFlowJoin =
        await(Source.from(sent).via(connection.join(FRAMING.reversed())).runWith(Sink.seq(), system));
    assertThat(viaFlowJoin).isEqualTo(reversedAll(sent));

    assertThat(connections.get()).isEqualTo(2);
    await(binding.unbind());
  }

  @Test
  void aPeerThatAnnouncesAnOversizedMessageFailsTheReceivingSide() throws Exception {
    // a raw server (no framing) that answers with a header announcing more than the client
    // accepts, and keeps the connection open
    Tcp.ServerBinding binding = await(Tcp.get(system).bind(HOST, 0)
        .to(Sink.foreach(conn -> conn.handleWith(
            Flow.fromSinkAndSource(
                Sink.<ByteString>ignore(),
                Source.single(header(2000).concat(bs("xyz"))).concat(Source.<ByteString>maybe())),
            system)))
        .run(system));
    Flow<ByteString, ByteString, ?> connection =
        Tcp.get(system).outgoingConnection(HOST, binding.localAddress().getPort());
    Throwable t = awaitFailure(Source.single(bs("hi")).concat(Source.<ByteString>maybe())
        .via(Framing.simpleFramingProtocol(1000).join(connection))
        .runWith(Sink.seq(), system));
    assertThat(t).isInstanceOf(FramingException.class)
        .hasMessageContaining("Maximum allowed frame length exceeded: 2004 > 1004");
    await(binding.unbind());
  }

  @Test
  void encodingThenDecodingGivesBackEveryMessageWhateverTheChunking() throws Exception {
    List<ByteString> sent = messages();
    // a loopback transport that gathers all encoded bytes and hands them back in 7-byte chunks,
    // cut across message boundaries
    Flow<ByteString, ByteString, NotUsed> gatherAndRechunk =
        Flow.<ByteString>create()
            .fold(ByteString.empty(), ByteString::concat)
            .mapConcat(all -> chunks(all, 7));
    assertThat(await(Source.from(sent).via(FRAMING.join(gatherAndRechunk)).runWith(Sink.seq(), system)))
        .isEqualTo(sent);
    // and one that passes each encoded message on as it comes
    assertThat(await(Source.from(sent).via(FRAMING.join(Flow.<ByteString>create())).runWith(Sink.seq(), system)))
        .isEqualTo(sent);
  }

  @Test
  void theTopDirectionPrefixesABigEndianLengthAndTheBottomOneStripsIt() throws Exception {
    Flow<ByteString, ByteString, CompletionStage<List<ByteString>>> wire =
        Flow.fromSinkAndSourceMat(
            Sink.<ByteString>seq(),
            Source.from(List.of(header(2).concat(bs("hi")).concat(header(0)).concat(header(1)), bs("!"))),
            Keep.left());
    Pair<CompletionStage<List<ByteString>>, CompletionStage<List<ByteString>>> r =
        Source.from(List.of(bs("abc"), ByteString.empty()))
            .viaMat(Framing.simpleFramingProtocol(10).joinMat(wire, Keep.right()), Keep.right())
            .toMat(Sink.seq(), Keep.both())
            .run(system);
    // the wire saw the encoded messages, the application the decoded ones
    assertThat(await(r.first())).containsExactly(header(3).concat(bs("abc")), header(0));
    assertThat(await(r.second())).containsExactly(bs("hi"), ByteString.empty(), bs("!"));
  }

  @Test
  void anOversizedOutgoingMessageFailsWithAFramingExceptionThatSaysWhy() throws Exception {
    Flow<ByteString, ByteString, NotUsed> loopback =
        Framing.simpleFramingProtocol(10).join(Flow.<ByteString>create());
    Throwable t = awaitFailure(Source.from(List.of(bs("fits"), bs("eleven bytes")))
        .via(loopback).runWith(Sink.seq(), system));
    assertThat(t).isInstanceOf(FramingException.class)
        .hasMessageContaining("Maximum allowed message size is 10 but tried to send 12 bytes");
  }

  @Test
  void anIncomingMessageCutShortFailsTheDecodingDirection() throws Exception {
    Flow<ByteString, ByteString, NotUsed> reader = Framing.simpleFramingProtocol(100).join(
        Flow.fromSinkAndSource(Sink.ignore(), Source.single(header(5).concat(bs("abc")))));
    Throwable t = awaitFailure(Source.<ByteString>maybe().via(reader).runWith(Sink.seq(), system));
    assertThat(t).isInstanceOf(FramingException.class).hasMessageContaining("truncated");
  }

  @Test
  void theTwoDirectionsEndIndependently() throws Exception {
    // the encoding side fails; the decoding side still delivers and completes
    Pair<CompletionStage<List<ByteString>>, CompletionStage<List<ByteString>>> r =
        Source.single(bs("far too long for ten"))
            .viaMat(Framing.simpleFramingProtocol(10)
                .join(Flow.fromSinkAndSourceMat(
                    Sink.<ByteString>seq(),
                    Source.single(header(2).concat(bs("ok"))),
                    Keep.left()), Keep.right()), Keep.right())
            .toMat(Sink.seq(), Keep.both())
            .run(system);
    assertThat(awaitFailure(r.first())).isInstanceOf(FramingException.class);
    assertThat(await(r.second())).containsExactly(bs("ok"));
  }

  @Test
  void decodingIsBackpressuredAndCancellationReachesTheWire() throws Exception {
    // an endless wire of one-byte messages; the application wants three, then cancels
    AtomicInteger chunksRead = new AtomicInteger();
    Source<ByteString, CompletionStage<Done>> wire =
        Source.repeat(header(1).concat(bs("x")))
            .map(c -> {
              chunksRead.incrementAndGet();
              return c;
            })
            .watchTermination((m, done) -> done);
    Flow<ByteString, ByteString, CompletionStage<Done>> transport =
        Flow.fromSinkAndSourceMat(Sink.<ByteString>ignore(), wire, Keep.right());
    Pair<CompletionStage<Done>, CompletionStage<List<ByteString>>> r =
        Source.<ByteString>maybe()
            .viaMat(Framing.simpleFramingProtocol(10).joinMat(transport, Keep.right()), Keep.right())
            .take(3)
            .toMat(Sink.seq(), Keep.both())
            .run(system);
    assertThat(await(r.second())).containsExactly(bs("x"), bs("x"), bs("x"));
    // take(3) cancelled the decoding direction, which cancelled the wire source
    assertThat(await(r.first())).isEqualTo(Done.getInstance());
    assertThat(chunksRead.get()).isLessThan(100);
  }

  @Test
  void aBadMaximumIsRejectedNamingTheValue() {
    assertThatThrownBy(() -> Framing.simpleFramingProtocol(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maximumMessageLength must be > 0, was 0");
    assertThatThrownBy(() -> Framing.simpleFramingProtocol(Integer.MAX_VALUE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("was " + Integer.MAX_VALUE);
  }
}
