package io.troupe.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.typesafe.config.ConfigFactory;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.troupe.actor.ActorSystem;
import io.troupe.actor.Behaviors;
import io.troupe.stream.internal.io.TcpSettings;
import io.troupe.util.ByteString;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Socket options from calls and from config reach the sockets of both ends. */
class TcpSocketOptionsTest {
  private static final String HOST = "127.0.0.1";

  /** The two channels of one connection, client and server end. */
  private record Ends(Channel client, Channel server) {}

  /**
   * Connects a client to an echo server with the given options (null: the calls without
   * options) and, while the connection is open, hands {@code check} both ends' channels.
   */
  private static void connect(ActorSystem<?> system, List<Inet.SocketOption> serverOptions,
      List<Inet.SocketOption> clientOptions, java.util.function.Consumer<Ends> check)
      throws Exception {
    Tcp tcp = Tcp.get(system);
    Queue<Channel> channels = new ConcurrentLinkedQueue<>();
    tcp.transport().observeChannels(channels::add);
    Source<Tcp.IncomingConnection, CompletionStage<Tcp.ServerBinding>> server = serverOptions == null
        ? tcp.bind(HOST, 0)
        : tcp.bind(HOST, 0, 10, serverOptions, false, Optional.empty());
    Tcp.ServerBinding binding = await(server
        .to(Sink.foreach(c -> c.handleWith(Flow.<ByteString>create(), system)))
        .run(system));
    int port = binding.localAddress().getPort();
    Flow<ByteString, ByteString, CompletionStage<Tcp.OutgoingConnection>> client =
        clientOptions == null
            ? tcp.outgoingConnection(HOST, port)
            : tcp.outgoingConnection(new InetSocketAddress(HOST, port), Optional.empty(),
                clientOptions, true, Optional.empty(), Optional.empty());
    // the client keeps writing (so keeps the connection open) until the test is done
    io.troupe.japi.Pair<java.util.concurrent.CompletableFuture<Optional<ByteString>>,
        CompletionStage<ByteString>> run =
        Source.<ByteString>maybe()
            .prepend(Source.single(ByteString.fromString("ping")))
            .via(client)
            .toMat(Sink.head(), Keep.both())
            .run(system);
    try {
      // the echo came back: both ends are connected
      assertThat(await(run.second()).utf8String()).isEqualTo("ping");
      Channel c = channels.stream()
          .filter(ch -> ch.remoteAddress() != null
              && ((InetSocketAddress) ch.remoteAddress()).getPort() == port)
          .findFirst().orElseThrow();
      Channel s = channels.stream()
          .filter(ch -> ch.localAddress() != null
              && ((InetSocketAddress) ch.localAddress()).getPort() == port)
          .findFirst().orElseThrow();
      assertThat(c.isActive()).isTrue();
      assertThat(s.isActive()).isTrue();
      check.accept(new Ends(c, s));
    } finally {
      run.first().complete(Optional.empty());
      await(binding.unbind());
    }
  }

  private static <T> T await(CompletionStage<T> stage) throws Exception {
    return stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private static void terminate(ActorSystem<?> system) throws Exception {
    system.terminate();
    await(system.getWhenTerminated());
  }

  @Test
  void optionsGivenToBindAndOutgoingConnectionReachTheirSockets() throws Exception {
    ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "tcp-options");
    try {
      connect(system,
          List.of(TcpSO.receiveBufferSize(96 * 1024), TcpSO.keepAlive(true),
              TcpSO.tcpNoDelay(false)),
          List.of(TcpSO.sendBufferSize(80 * 1024), TcpSO.receiveBufferSize(72 * 1024),
              TcpSO.keepAlive(true), TcpSO.tcpNoDelay(false), TcpSO.trafficClass(0x10),
              TcpSO.reuseAddress(true)),
          ends -> {
      Channel client = ends.client();
      // the kernel may round a buffer size up (Linux doubles it), never down
      assertThat(client.config().getOption(ChannelOption.SO_SNDBUF)).isGreaterThanOrEqualTo(80 * 1024);
      assertThat(client.config().getOption(ChannelOption.SO_RCVBUF)).isGreaterThanOrEqualTo(72 * 1024);
      assertThat(client.config().getOption(ChannelOption.SO_KEEPALIVE)).isTrue();
      assertThat(client.config().getOption(ChannelOption.TCP_NODELAY)).isFalse();
      assertThat(client.config().getOption(ChannelOption.IP_TOS)).isEqualTo(0x10);
      assertThat(client.config().getOption(ChannelOption.SO_REUSEADDR)).isTrue();
      Channel server = ends.server();
      assertThat(server.config().getOption(ChannelOption.SO_RCVBUF)).isGreaterThanOrEqualTo(96 * 1024);
      assertThat(server.config().getOption(ChannelOption.SO_KEEPALIVE)).isTrue();
      assertThat(server.config().getOption(ChannelOption.TCP_NODELAY)).isFalse();
          });
    } finally {
      terminate(system);
    }
  }

  @Test
  void withoutOptionsConnectionsTurnNagleOffAndLeaveKeepAliveToTheSystem() throws Exception {
    ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "tcp-options-default");
    try {
      connect(system, null, null, ends -> {
        assertThat(ends.client().config().getOption(ChannelOption.TCP_NODELAY)).isTrue();
        assertThat(ends.server().config().getOption(ChannelOption.TCP_NODELAY)).isTrue();
        assertThat(ends.client().config().getOption(ChannelOption.SO_KEEPALIVE)).isFalse();
      });
    } finally {
      terminate(system);
    }
  }

  @Test
  void configuredDefaultsApplyAndAnOptionGivenToTheCallOverridesThem() throws Exception {
    ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "tcp-options-config",
        ConfigFactory.parseString("""
            troupe.stream.materializer.io.tcp.socket-options {
              keep-alive = on
              tcp-no-delay = off
              send-buffer-size = 48 KiB
            }
            """));
    try {
      connect(system, null, null, defaults -> {
        for (Channel ch : List.of(defaults.client(), defaults.server())) {
          assertThat(ch.config().getOption(ChannelOption.SO_KEEPALIVE)).isTrue();
          assertThat(ch.config().getOption(ChannelOption.TCP_NODELAY)).isFalse();
          assertThat(ch.config().getOption(ChannelOption.SO_SNDBUF))
              .isGreaterThanOrEqualTo(48 * 1024);
        }
      });
      connect(system, List.of(TcpSO.tcpNoDelay(true)), List.of(TcpSO.keepAlive(false)),
          overridden -> {
            assertThat(overridden.client().config().getOption(ChannelOption.SO_KEEPALIVE)).isFalse();
            assertThat(overridden.client().config().getOption(ChannelOption.TCP_NODELAY)).isFalse();
            assertThat(overridden.server().config().getOption(ChannelOption.TCP_NODELAY)).isTrue();
            assertThat(overridden.server().config().getOption(ChannelOption.SO_KEEPALIVE)).isTrue();
          });
    } finally {
      terminate(system);
    }
  }

  @Test
  void onLinuxTheSocketsRunOnEpollAndHoldAtMost64KiBUnsentByDefault() throws Exception {
    assumeTrue(Epoll.isAvailable(), "Netty's native epoll transport does not load here");
    ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "tcp-epoll");
    try {
      assertThat(Tcp.get(system).transport().isEpoll()).isTrue();
      connect(system, null, null, ends -> {
        for (Channel ch : List.of(ends.client(), ends.server())) {
          assertThat(ch).isInstanceOf(EpollSocketChannel.class);
          assertThat(ch.config().getOption(EpollChannelOption.TCP_NOTSENT_LOWAT))
              .isEqualTo(64 * 1024L);
        }
      });
    } finally {
      terminate(system);
    }
  }

  @Test
  void theNotSentLowWatermarkComesFromConfigAndOffLeavesTheSystems() throws Exception {
    assumeTrue(Epoll.isAvailable(), "Netty's native epoll transport does not load here");
    for (String value : List.of("16 KiB", "off")) {
      ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "tcp-lowat",
          ConfigFactory.parseString(
              "troupe.stream.materializer.io.tcp.not-sent-low-watermark = " + value));
      try {
        connect(system, null, null, ends -> {
          long lowat = ends.client().config().getOption(EpollChannelOption.TCP_NOTSENT_LOWAT);
          if (value.equals("off")) {
            assertThat(lowat).isNotEqualTo(16 * 1024L).isNotEqualTo(64 * 1024L);
          } else {
            assertThat(lowat).isEqualTo(16 * 1024L);
            assertThat(ends.server().config().getOption(EpollChannelOption.TCP_NOTSENT_LOWAT))
                .isEqualTo(16 * 1024L);
          }
        });
      } finally {
        terminate(system);
      }
    }
  }

  @Test
  void transportNioRunsTheSocketsOnNioEverywhere() throws Exception {
    ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "tcp-nio",
        ConfigFactory.parseString("troupe.stream.materializer.io.tcp.transport = nio"));
    try {
      assertThat(Tcp.get(system).transport().isEpoll()).isFalse();
      connect(system, null, null, ends -> {
        assertThat(ends.client()).isInstanceOf(NioSocketChannel.class);
        assertThat(ends.server()).isInstanceOf(NioSocketChannel.class);
      });
    } finally {
      terminate(system);
    }
  }

  @Test
  void theSettingsComeFromReferenceConfAndBadValuesNameTheirKey() {
    TcpSettings defaults = TcpSettings.fromConfig(ConfigFactory.load());
    assertThat(defaults.backlog()).isEqualTo(100);
    assertThat(defaults.readAhead()).isEqualTo(256 * 1024);
    assertThat(defaults.writeBatch()).isEqualTo(256 * 1024);
    assertThat(defaults.eventLoopThreads()).isPositive();
    assertThat(defaults.connectTimeout()).isEmpty();
    assertThat(defaults.idleTimeout()).isEmpty();
    assertThat(defaults.socketOptions()).containsExactly(TcpSO.tcpNoDelay(true));
    assertThat(defaults.transport()).isEqualTo(TcpSettings.Transport.AUTO);
    assertThat(defaults.notSentLowWatermark()).contains(64 * 1024);

    TcpSettings set = TcpSettings.fromConfig(ConfigFactory.parseString("""
        troupe.stream.materializer.io.tcp {
          event-loop-threads = 3, backlog = 7, connect-timeout = 2s, idle-timeout = 1m
          socket-options { receive-buffer-size = 1 MiB, tcp-no-delay = default }
        }
        """).withFallback(ConfigFactory.load()));
    assertThat(set.eventLoopThreads()).isEqualTo(3);
    assertThat(set.backlog()).isEqualTo(7);
    assertThat(set.connectTimeout()).contains(Duration.ofSeconds(2));
    assertThat(set.idleTimeout()).contains(Duration.ofMinutes(1));
    assertThat(set.socketOptions()).containsExactly(TcpSO.receiveBufferSize(1 << 20));
    TcpSettings nio = TcpSettings.fromConfig(ConfigFactory.parseString("""
        troupe.stream.materializer.io.tcp { transport = nio, not-sent-low-watermark = off }
        """).withFallback(ConfigFactory.load()));
    assertThat(nio.transport()).isEqualTo(TcpSettings.Transport.NIO);
    assertThat(nio.notSentLowWatermark()).isEmpty();
    assertThatThrownBy(() -> TcpSettings.fromConfig(ConfigFactory.parseString(
            "troupe.stream.materializer.io.tcp.transport = kqueue").withFallback(ConfigFactory.load())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("troupe.stream.materializer.io.tcp.transport must be auto, nio or epoll,"
            + " was kqueue");
    assertThatThrownBy(() -> TcpSettings.fromConfig(ConfigFactory.parseString(
            "troupe.stream.materializer.io.tcp.not-sent-low-watermark = 0")
            .withFallback(ConfigFactory.load())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("troupe.stream.materializer.io.tcp.not-sent-low-watermark must be");

    assertThatThrownBy(() -> TcpSettings.fromConfig(ConfigFactory.parseString(
            "troupe.stream.materializer.io.tcp.read-ahead = 0").withFallback(ConfigFactory.load())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("troupe.stream.materializer.io.tcp.read-ahead must be within 1..2147483647"
            + " bytes, was 0");
    assertThatThrownBy(() -> TcpSettings.fromConfig(ConfigFactory.parseString(
            "troupe.stream.materializer.io.tcp.idle-timeout = never").withFallback(ConfigFactory.load())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("troupe.stream.materializer.io.tcp.idle-timeout must be \"infinite\""
            + " or a duration, was never");
    assertThatThrownBy(() -> TcpSettings.fromConfig(ConfigFactory.parseString(
            "troupe.stream.materializer.io.tcp.socket-options.traffic-class = 300")
            .withFallback(ConfigFactory.load())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("troupe.stream.materializer.io.tcp.socket-options.traffic-class must be within"
            + " 0..255, was 300");
  }

  @Test
  void badOptionValuesAreRejectedNamingTheValue() {
    assertThatThrownBy(() -> TcpSO.receiveBufferSize(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("ReceiveBufferSize size must be > 0, was 0");
    assertThatThrownBy(() -> TcpSO.sendBufferSize(-5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("SendBufferSize size must be > 0, was -5");
    assertThatThrownBy(() -> TcpSO.trafficClass(256))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("TrafficClass tc must be within 0..255, was 256");
    ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "tcp-options-bad");
    try {
      List<Inet.SocketOption> withNull = new java.util.ArrayList<>();
      withNull.add(null);
      assertThatThrownBy(() -> Tcp.get(system).bind(HOST, 0, 10, withNull, false, Optional.empty()))
          .isInstanceOf(NullPointerException.class)
          .hasMessage("options must not contain null");
    } finally {
      system.terminate();
    }
  }
}
