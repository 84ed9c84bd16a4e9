package io.troupe.stream.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.troupe.actor.Done;
import io.troupe.actor.NotUsed;
import io.troupe.japi.Pair;
import io.troupe.stream.ActorAttributes;
import io.troupe.stream.BindFailedException;
import io.troupe.stream.Flow;
import io.troupe.stream.Framing;
import io.troupe.stream.Keep;
import io.troupe.stream.Sink;
import io.troupe.stream.Source;
import io.troupe.stream.StreamTcpException;
import io.troupe.stream.Tcp;
import io.troupe.stream.TcpIdleTimeoutException;
import io.troupe.stream.TcpSO;
import io.troupe.util.ByteString;
import java.io.InputStream;
import java.net.BindException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class TcpTest extends IoTestBase {
  private static final String HOST = "127.0.0.1";

  private static Tcp tcp() {
    return Tcp.get(system);
  }

  /** A server that echoes every connection; the connections' termination futures are kept. */
  private static Tcp.ServerBinding bindEcho(ConcurrentLinkedQueue<CompletionStage<Done>> done)
      throws Exception {
    return await(tcp().bind(HOST, 0)
        .to(Sink.foreach(conn -> done.add(conn.handleWith(
            Flow.<ByteString>create().watchTermination((m, d) -> d), system))))
        .run(system));
  }

  private static Tcp.ServerBinding bindEcho() throws Exception {
    return bindEcho(new ConcurrentLinkedQueue<>());
  }

  private static Flow<ByteString, ByteString, CompletionStage<Tcp.OutgoingConnection>> client(
      Tcp.ServerBinding binding) {
    return tcp().outgoingConnection(HOST, binding.localAddress().getPort());
  }

  @Test
  void anEchoServerAnswersAClientThatThenCompletes() throws Exception {
    Tcp.ServerBinding binding = bindEcho();
    Pair<CompletionStage<Tcp.OutgoingConnection>, CompletionStage<ByteString>> p =
        Source.from(List.of(bs("hello "), bs("tcp "), bs("world")))
            .viaMat(client(binding), Keep.right())
            .toMat(Sink.fold(ByteString.empty(), ByteString::concat), Keep.both())
            .run(system);
    assertThat(await(p.second()).utf8String()).isEqualTo("hello tcp world");
    Tcp.OutgoingConnection conn = await(p.first());
    assertThat(conn.remoteAddress().getPort()).isEqualTo(binding.localAddress().getPort());
    assertThat(conn.localAddress().getAddress().isLoopbackAddress()).isTrue();
    await(binding.unbind());
  }

  @Test
  void anEchoServerHandlesAHundredConcurrentConnections() throws Exception {
    ConcurrentLinkedQueue<CompletionStage<Done>> serverSides = new ConcurrentLinkedQueue<>();
    Tcp.ServerBinding binding = bindEcho(serverSides);
    List<CompletableFuture<List<String>>> replies = new ArrayList<>();
    for (int c = 0; c < 100; c++) {
      List<ByteString> lines = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        lines.add(bs("client " + c + " line " + i + "\n"));
      }
      replies.add(Source.from(lines)
          .via(client(binding))
          .via(Framing.delimiter(bs("\n"), 100))
          .map(ByteString::utf8String)
          .runWith(Sink.seq(), system)
          .toCompletableFuture());
    }
    CompletableFuture.allOf(replies.toArray(new CompletableFuture<?>[0])).get(30, TimeUnit.SECONDS);
    for (int c = 0; c < 100; c++) {
      List<String> got = replies.get(c).get();
      assertThat(got).hasSize(20);
      assertThat(got.get(0)).isEqualTo("client " + c + " line 0");
      assertThat(got.get(19)).isEqualTo("client " + c + " line 19");
    }
    // a server side registers its future after handleWith returns, which can be after its echo
    awaitCondition("all 100 server sides registered", () -> serverSides.size() >= 100);
    assertThat(serverSides).hasSize(100);
    for (CompletionStage<Done> d : serverSides) {
      assertThat(await(d)).isEqualTo(Done.getInstance());
    }
    await(binding.unbind());
  }

  @Test
  void aSlowServerSideReaderKeepsTheClientsOutstandingBytesBounded() throws Exception {
    final long gateAt = 1 << 20; // the server stops reading after 1 MiB...
    final long bound = 8L << 20; // ...and the client may get at most 8 MiB further ahead
    final int chunk = 64 * 1024;
    final int chunks = 1024; // 64 MiB in total
    AtomicLong consumed = new AtomicLong();
    AtomicLong produced = new AtomicLong();
    CountDownLatch gateReached = new CountDownLatch(1);
    CountDownLatch overProduced = new CountDownLatch(1);
    CompletableFuture<Done> release = new CompletableFuture<>();
    CompletableFuture<Long> serverTotal = new CompletableFuture<>();

    Flow<ByteString, ByteString, NotUsed> slowReader = Flow.fromSinkAndSource(
        Flow.<ByteString>create()
            .mapAsync(1, b -> {
              if (consumed.addAndGet(b.length()) < gateAt) {
                return CompletableFuture.completedFuture(b);
              }
              gateReached.countDown();
              return release.thenApply(x -> b);
            })
            .toMat(Sink.fold(0L, (n, b) -> n + b.length()), Keep.right())
            .mapMaterializedValue(total -> total.thenAccept(serverTotal::complete)),
        Source.empty());
    Tcp.ServerBinding binding = await(tcp()
        .bind(HOST, 0, 10, List.of(TcpSO.receiveBufferSize(chunk)), true,
            Optional.empty())
        .to(Sink.foreach(conn -> conn.handleWith(slowReader, system)))
        .run(system));

    byte[] payload = new byte[chunk];
    Pair<CompletionStage<Done>, CompletionStage<Done>> client = Source.fromIterator(() -> new Iterator<ByteString>() {
          int left = chunks;

          @Override
          public boolean hasNext() {
            return left > 0;
          }

          @Override
          public ByteString next() {
            left--;
            if (produced.addAndGet(chunk) - gateAt > bound) {
              overProduced.countDown();
            }
            return ByteString.fromArrayUnsafe(payload);
          }
        })
        .watchTermination((m, sent) -> sent)
        .viaMat(tcp().outgoingConnection(
            new InetSocketAddress(HOST, binding.localAddress().getPort()), Optional.empty(),
            List.of(TcpSO.sendBufferSize(chunk)), true, Optional.empty(),
            Optional.empty()), Keep.left())
        .toMat(Sink.ignore(), Keep.both())
        .run(system);
    CompletionStage<Done> allSent = client.first();

    assertThat(gateReached.await(10, TimeUnit.SECONDS)).isTrue();
    // While the server does not read, the client cannot run ahead: TCP's window stops it.
    // (Waits the whole period on purpose, like expectNoMessage.)
    assertThat(overProduced.await(2, TimeUnit.SECONDS))
        .as("client produced %d bytes while the server consumed %d", produced.get(), consumed.get())
        .isFalse();
    assertThat(allSent.toCompletableFuture().isDone()).isFalse();
    release.complete(Done.getInstance());
    assertThat(await(allSent)).isEqualTo(Done.getInstance());
    assertThat(await(client.second())).isEqualTo(Done.getInstance());
    assertThat(serverTotal.get(10, TimeUnit.SECONDS)).isEqualTo((long) chunk * chunks);
    await(binding.unbind());
  }

  @Test
  void aConnectionsFusedStagesRunOnItsEventLoopUnlessTheyNameADispatcher() throws Exception {
    ConcurrentLinkedQueue<String> serverThreads = new ConcurrentLinkedQueue<>();
    Tcp.ServerBinding binding = await(tcp().bind(HOST, 0)
        .to(Sink.foreach(conn -> conn.handleWith(Flow.<ByteString>create().map(b -> {
          serverThreads.add(Thread.currentThread().getName());
          return b;
        }), system)))
        .run(system));
    // the client's fused map, then one whose island names the blocking-IO dispatcher
    String clientThread = await(Source.single(bs("ping"))
        .via(client(binding))
        .map(b -> Thread.currentThread().getName())
        .runWith(Sink.head(), system));
    String dispatcherThread = await(Source.single(bs("ping"))
        .via(client(binding))
        .map(b -> Thread.currentThread().getName())
        .withAttributes(ActorAttributes.blockingIoDispatcher())
        .runWith(Sink.head(), system));

    assertThat(clientThread).contains("-tcp-io-");
    assertThat(serverThreads).isNotEmpty().allSatisfy(t -> assertThat(t).contains("-tcp-io-"));
    assertThat(dispatcherThread).doesNotContain("-tcp-io-").contains("blocking-io-dispatcher");
    await(binding.unbind());
  }

  @Test
  void aPeerThatResetsFailsOnlyItsOwnConnection() throws Exception {
    ConcurrentLinkedQueue<CompletionStage<Done>> serverSides = new ConcurrentLinkedQueue<>();
    Tcp.ServerBinding binding = bindEcho(serverSides);
    int port = binding.localAddress().getPort();
    Socket resetting = new Socket(HOST, port);
    try (Socket healthy = new Socket(HOST, port)) {
      assertThat(roundTrip(healthy, "before")).isEqualTo("before");
      assertThat(roundTrip(resetting, "hello")).isEqualTo("hello");
      assertThat(serverSides).hasSize(2);
      resetting.setSoLinger(true, 0);
      resetting.close(); // an abortive close: the server side gets a RST
      List<Throwable> failures = new ArrayList<>();
      for (CompletionStage<Done> d : serverSides) {
        d.whenComplete((x, e) -> {
          synchronized (failures) {
            if (e != null) {
              failures.add(e);
            }
          }
        });
      }
      Throwable failure = awaitFailure(firstFailed(serverSides));
      assertThat(failure).isInstanceOf(StreamTcpException.class)
          .hasMessageContaining("closed with error");
      // the other connection and the binding are unaffected
      assertThat(roundTrip(healthy, "after")).isEqualTo("after");
      assertThat(await(Source.single(bs("new")).via(client(binding))
          .runFold(ByteString.empty(), ByteString::concat, system)).utf8String()).isEqualTo("new");
      synchronized (failures) {
        assertThat(failures).hasSize(1);
      }
    }
    await(binding.unbind());
  }

  private static CompletionStage<Done> firstFailed(Iterable<CompletionStage<Done>> stages) {
    CompletableFuture<Done> first = new CompletableFuture<>();
    for (CompletionStage<Done> s : stages) {
      s.whenComplete((d, e) -> {
        if (e != null) {
          first.completeExceptionally(e);
        }
      });
    }
    return first;
  }

  private static String roundTrip(Socket socket, String text) throws Exception {
    socket.setSoTimeout(10_000);
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    socket.getOutputStream().write(bytes);
    socket.getOutputStream().flush();
    InputStream in = socket.getInputStream();
    byte[] got = in.readNBytes(bytes.length);
    return new String(got, StandardCharsets.UTF_8);
  }

  @Test
  void unbindFreesThePortAndCompletesTheSourceOfConnections() throws Exception {
    Pair<CompletionStage<Tcp.ServerBinding>, CompletionStage<Done>> p = tcp().bind(HOST, 0)
        .toMat(Sink.foreach(conn -> conn.handleWith(Flow.create(), system)), Keep.both())
        .run(system);
    Tcp.ServerBinding first = await(p.first());
    int port = first.localAddress().getPort();
    assertThat(await(first.unbind())).isEqualTo(Done.getInstance());
    assertThat(await(first.whenUnbound())).isEqualTo(Done.getInstance());
    assertThat(await(p.second())).isEqualTo(Done.getInstance());

    Throwable refused = awaitFailure(Source.single(bs("x"))
        .viaMat(tcp().outgoingConnection(HOST, port), Keep.right()).to(Sink.ignore()).run(system));
    assertThat(refused).isInstanceOf(StreamTcpException.class)
        .hasCauseInstanceOf(ConnectException.class);

    Tcp.ServerBinding second = await(tcp().bind(HOST, port)
        .to(Sink.foreach(conn -> conn.handleWith(Flow.create(), system))).run(system));
    assertThat(second.localAddress().getPort()).isEqualTo(port);
    assertThat(await(Source.single(bs("again")).via(client(second))
        .runFold(ByteString.empty(), ByteString::concat, system)).utf8String()).isEqualTo("again");
    await(second.unbind());
  }

  @Test
  void bindingAPortInUseFailsWithBindFailedException() throws Exception {
    Tcp.ServerBinding taken = bindEcho();
    Pair<CompletionStage<Tcp.ServerBinding>, CompletionStage<Done>> p =
        tcp().bind(HOST, taken.localAddress().getPort())
            .toMat(Sink.ignore(), Keep.both()).run(system);
    assertThat(awaitFailure(p.first())).isInstanceOf(BindFailedException.class)
        .hasCauseInstanceOf(BindException.class);
    assertThat(awaitFailure(p.second())).isInstanceOf(BindFailedException.class);
    await(taken.unbind());
  }

  @Test
  void aConnectionWithoutTrafficFailsAfterItsIdleTimeout() throws Exception {
    Tcp.ServerBinding binding = bindEcho();
    Throwable t = awaitFailure(Source.<ByteString>maybe()
        .via(tcp().outgoingConnection(
            new InetSocketAddress(HOST, binding.localAddress().getPort()), Optional.empty(),
            List.of(), true, Optional.of(Duration.ofSeconds(5)), Optional.of(Duration.ofMillis(200))))
        .runWith(Sink.ignore(), system));
    assertThat(t).isInstanceOf(TcpIdleTimeoutException.class).hasMessageContaining("PT0.2S");
    await(binding.unbind());
  }

  @Test
  void theServerFinishingItsOutputCompletesTheClientsOutput() throws Exception {
    Tcp.ServerBinding binding = await(tcp().bind(HOST, 0)
        .to(Sink.foreach(conn -> conn.handleWith(
            Flow.fromSinkAndSource(Sink.ignore(), Source.single(bs("bye"))), system)))
        .run(system));
    // the client never finishes writing, yet its output completes when the server closes
    List<ByteString> got = await(Source.<ByteString>maybe().via(client(binding))
        .runWith(Sink.seq(), system));
    assertThat(got).containsExactly(bs("bye"));
    await(binding.unbind());
  }

  @Test
  void anIncomingConnectionsFlowRunsOnlyOnce() throws Exception {
    AtomicReference<Throwable> second = new AtomicReference<>();
    CountDownLatch tried = new CountDownLatch(1);
    Tcp.ServerBinding binding = await(tcp().bind(HOST, 0)
        .to(Sink.foreach(conn -> {
          conn.handleWith(Flow.create(), system);
          try {
            conn.handleWith(Flow.create(), system);
          } catch (RuntimeException e) {
            second.set(e);
          }
          tried.countDown();
        }))
        .run(system));
    assertThat(await(Source.single(bs("once")).via(client(binding))
        .runFold(ByteString.empty(), ByteString::concat, system)).utf8String()).isEqualTo("once");
    assertThat(tried.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(second.get()).hasStackTraceContaining("can be materialized only once");
    await(binding.unbind());
  }

  @Test
  void bindAndHandleRunsTheHandlerForEachConnection() throws Exception {
    Tcp.ServerBinding binding = await(tcp().bindAndHandle(
        Flow.<ByteString>create().map(b -> bs(b.utf8String().toUpperCase())), HOST, 0, system));
    for (String word : List.of("one", "two")) {
      assertThat(await(Source.single(bs(word)).via(client(binding))
          .runFold(ByteString.empty(), ByteString::concat, system)).utf8String())
          .isEqualTo(word.toUpperCase());
    }
    await(binding.unbind());
  }

  @Test
  void aConnectThatGetsNoAnswerFailsAfterTheConnectTimeout() throws Exception {
    // A listener that never accepts, with a full accept queue: the kernel drops further SYNs,
    // so a connect gets no answer at all.
    try (java.net.ServerSocket silent = new java.net.ServerSocket()) {
      silent.bind(new InetSocketAddress(HOST, 0), 1);
      List<Socket> queued = new ArrayList<>();
      try {
        boolean full = false;
        for (int i = 0; i < 64 && !full; i++) {
          Socket s = new Socket();
          queued.add(s);
          try {
            s.connect(silent.getLocalSocketAddress(), 300);
          } catch (java.net.SocketTimeoutException e) {
            full = true;
          }
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(full,
            "this kernel answers connects beyond the accept queue; no silent peer to time out on");
        Throwable t = awaitFailure(Source.<ByteString>maybe()
            .viaMat(tcp().outgoingConnection((InetSocketAddress) silent.getLocalSocketAddress(),
                Optional.empty(), List.of(), true, Optional.of(Duration.ofMillis(300)),
                Optional.empty()), Keep.right())
            .to(Sink.ignore()).run(system));
        assertThat(t).isInstanceOf(StreamTcpException.class)
            .hasCauseInstanceOf(io.netty.channel.ConnectTimeoutException.class);
      } finally {
        for (Socket s : queued) {
          s.close();
        }
      }
    }
  }

  @Test
  void badArgumentsAreRejected() {
    assertThatThrownBy(() -> tcp().bind(HOST, 70000))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("port must be within 0..65535, was 70000");
    assertThatThrownBy(() -> tcp().outgoingConnection(HOST, -1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1");
    assertThatThrownBy(() -> tcp().bind(HOST, 0, 0, List.of(), false, Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("backlog must be > 0, was 0");
    assertThatThrownBy(() -> TcpSO.receiveBufferSize(0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("was 0");
    assertThatThrownBy(() -> tcp().outgoingConnection(new InetSocketAddress(HOST, 1),
            Optional.empty(), List.of(), true, Optional.of(Duration.ZERO), Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("connectTimeout");
  }
}
