package io.troupe.stream;

import io.troupe.actor.ActorSystem;
import io.troupe.actor.Done;
import io.troupe.actor.Extension;
import io.troupe.actor.ExtensionId;
import io.troupe.actor.NotUsed;
import io.troupe.stream.internal.io.TcpSettings;
import io.troupe.stream.internal.io.TcpStages;
import io.troupe.stream.internal.io.TcpTransport;
import io.troupe.util.ByteString;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

/**
 * TCP servers and clients as streams of bytes: {@link #bind} gives a source of incoming
 * connections, {@link #outgoingConnection} a flow whose input is written to the connection and
 * whose output is what the connection reads.
 *
 * <pre>{@code
 * Tcp tcp = Tcp.get(system);
 * CompletionStage<Tcp.ServerBinding> binding = tcp.bind("127.0.0.1", 0)
 *     .to(Sink.foreach(conn -> conn.handleWith(Flow.of(ByteString.class), system)))  // echo
 *     .run(system);
 * int port = binding.toCompletableFuture().join().localAddress().getPort();
 * CompletionStage<ByteString> reply = Source.single(ByteString.fromString("hi"))
 *     .via(tcp.outgoingConnection("127.0.0.1", port))
 *     .runFold(ByteString.empty(), ByteString::concat, system);
 * }</pre>
 *
 * <p><b>Backpressure.</b> A connection reads from its socket until the bytes its downstream has
 * not taken yet reach {@code read-ahead} (256 KiB), and resumes as downstream takes them; unread
 * bytes stay in the kernel, whose TCP window then slows the remote writer. What its upstream
 * writes in one demand round goes out as one write; it keeps pulling while its outbound buffer
 * is below 512 KiB. A server accepts connections only as its source is pulled.
 *
 * <p><b>Settings</b> come from {@code troupe.stream.materializer.io.tcp} (event-loop threads,
 * default backlog and timeouts, read-ahead, write batch, default socket options); options given
 * to a call ({@link Inet.SocketOption}, made by {@link TcpSO}) replace the defaults of the same
 * option.
 *
 * <p><b>Closing.</b> When the peer finishes writing, the connection's output completes. When the
 * connection's input completes, a half-closing connection (the default for clients) shuts down
 * only its sending side and keeps reading until the peer finishes too; otherwise (the default
 * for servers) it closes the connection. Cancelling the output closes the connection unless it
 * half-closes and still writes. A connection that fails (reset by the peer, idle timeout, TLS
 * failure) fails its own stream with a {@link StreamTcpException}; other connections and the
 * server binding are not affected.
 *
 * <p>The sockets are run by Netty event loops owned by this extension (daemon threads named
 * {@code <system>-tcp-accept} and {@code <system>-tcp-io-*}), stopped when the system terminates.
 */
public final class Tcp implements Extension {
  /** The extension's id. */
  public static final ExtensionId<Tcp> ID = new ExtensionId<>() {
    @Override
    public Tcp createExtension(ActorSystem<?> system) {
      return new Tcp(system);
    }
  };

  /** The TCP extension of {@code system}. */
  public static Tcp get(ActorSystem<?> system) {
    return ID.get(system);
  }

  private final TcpTransport transport;
  private final TcpSettings settings;

  private Tcp(ActorSystem<?> system) {
    this.settings = TcpSettings.fromConfig(system.settings().config());
    this.transport = new TcpTransport(system.name(), settings);
    system.getWhenTerminated().whenComplete((d, e) -> transport.shutdown());
  }

  /** The event loops, for tests in this package that look at the sockets. */
  TcpTransport transport() {
    return transport;
  }

  // ---- server side

  /**
   * Binds {@code interfaceName:port} (port 0: any free port) when the source runs; see {@link
   * #bind(String, int, int, Iterable, boolean, Optional)}. Connections do not half-close; the
   * backlog, socket options and idle timeout are those of {@code
   * troupe.stream.materializer.io.tcp} (100, Nagle off, none).
   */
  public Source<IncomingConnection, CompletionStage<ServerBinding>> bind(
      String interfaceName, int port) {
    return bind(interfaceName, port, settings.backlog(), List.of(), false,
        settings.idleTimeout());
  }

  /**
   * A source that binds {@code interfaceName:port} when it runs and emits each accepted
   * connection; handle each with {@link IncomingConnection#handleWith}. It materializes the
   * {@link ServerBinding} once bound, or fails it (and the stream) with a {@link
   * BindFailedException}.
   *
   * <p><b>Emits when</b> a connection was accepted and downstream pulls (connections are
   * accepted only on demand; others wait in the kernel's backlog of {@code backlog}).
   * <b>Completes when</b> the binding is unbound. <b>Cancels when</b> downstream cancels: the
   * port is unbound, accepted connections stay open.
   *
   * @param options socket options for the accepted connections ({@link TcpSO} makes them), over
   *     the configured defaults (a receive buffer size and address reuse apply to the listening
   *     socket too, which is how the buffer size reaches the kernel's first window)
   * @param halfClose whether connections whose input completes shut down only their sending side
   * @param idleTimeout fails a connection that passes no bytes for this long
   * @throws IllegalArgumentException if {@code port} is not within 0..65535 or {@code backlog} is
   *     not positive
   */
  public Source<IncomingConnection, CompletionStage<ServerBinding>> bind(
      String interfaceName,
      int port,
      int backlog,
      Iterable<? extends Inet.SocketOption> options,
      boolean halfClose,
      Optional<Duration> idleTimeout) {
    return bind(interfaceName, port, backlog, options, halfClose, idleTimeout, null);
  }

  /**
   * Binds {@code interfaceName:port} and handles every accepted connection with {@code handler}
   * (materialized once per connection); completes once bound, or fails with a {@link
   * BindFailedException}.
   */
  public CompletionStage<ServerBinding> bindAndHandle(
      Flow<ByteString, ByteString, ?> handler, String interfaceName, int port,
      Materializer materializer) {
    Objects.requireNonNull(handler, "handler");
    Objects.requireNonNull(materializer, "materializer");
    return bind(interfaceName, port)
        .to(Sink.foreach(connection -> connection.handleWith(handler, materializer)))
        .run(materializer);
  }

  /** Same as {@link #bindAndHandle(Flow, String, int, Materializer)} with the system's materializer. */
  public CompletionStage<ServerBinding> bindAndHandle(
      Flow<ByteString, ByteString, ?> handler, String interfaceName, int port,
      ActorSystem<?> system) {
    return bindAndHandle(handler, interfaceName, port, Materializer.matFromSystem(system));
  }

  /**
   * Like {@link #bind(String, int)}, with TLS on every accepted connection: {@code
   * createSSLEngine} is called once per connection (it is put in server mode). Configure client
   * authentication on the engine ({@code setNeedClientAuth}).
   */
  public Source<IncomingConnection, CompletionStage<ServerBinding>> bindWithTls(
      String interfaceName, int port, Supplier<SSLEngine> createSSLEngine) {
    Objects.requireNonNull(createSSLEngine, "createSSLEngine");
    return bind(interfaceName, port, settings.backlog(), List.of(), false,
        settings.idleTimeout(), createSSLEngine);
  }

  /** Like {@link #bindWithTls(String, int, Supplier)} with engines from {@code sslContext}. */
  public Source<IncomingConnection, CompletionStage<ServerBinding>> bindWithTls(
      String interfaceName, int port, SSLContext sslContext) {
    Objects.requireNonNull(sslContext, "sslContext");
    return bindWithTls(interfaceName, port, sslContext::createSSLEngine);
  }

  /** Like {@link #bind(String, int, int, Iterable, boolean, Optional)}, with TLS. */
  public Source<IncomingConnection, CompletionStage<ServerBinding>> bindWithTls(
      String interfaceName,
      int port,
      Supplier<SSLEngine> createSSLEngine,
      int backlog,
      Iterable<? extends Inet.SocketOption> options,
      Optional<Duration> idleTimeout) {
    Objects.requireNonNull(createSSLEngine, "createSSLEngine");
    return bind(interfaceName, port, backlog, options, false, idleTimeout, createSSLEngine);
  }

  private Source<IncomingConnection, CompletionStage<ServerBinding>> bind(
      String interfaceName,
      int port,
      int backlog,
      Iterable<? extends Inet.SocketOption> options,
      boolean halfClose,
      Optional<Duration> idleTimeout,
      Supplier<SSLEngine> tls) {
    Objects.requireNonNull(interfaceName, "interfaceName");
    checkPort(port);
    if (backlog <= 0) {
      throw new IllegalArgumentException("backlog must be > 0, was " + backlog);
    }
    TcpStages.ConnectionSettings settings =
        settings(halfClose, idleTimeout, "idleTimeout", tls, options);
    InetSocketAddress address = new InetSocketAddress(interfaceName, port);
    return Source.fromGraph(new TcpStages.BindSource<ServerBinding, IncomingConnection>(
        transport, address, backlog, settings, ServerBinding::new, IncomingConnection::new));
  }

  // ---- client side

  /**
   * A flow that connects to {@code host:port} when it runs; see {@link
   * #outgoingConnection(InetSocketAddress, Optional, Iterable, boolean, Optional, Optional)}. It
   * half-closes; socket options and timeouts are those of {@code
   * troupe.stream.materializer.io.tcp} (Nagle off, no timeouts).
   */
  public Flow<ByteString, ByteString, CompletionStage<OutgoingConnection>> outgoingConnection(
      String host, int port) {
    Objects.requireNonNull(host, "host");
    checkPort(port);
    return outgoingConnection(InetSocketAddress.createUnresolved(host, port), Optional.empty(),
        List.of(), true, settings.connectTimeout(), settings.idleTimeout());
  }

  /**
   * A flow that connects to {@code remoteAddress} when it runs: its input is written to the
   * connection, its output emits what the connection reads. It materializes the {@link
   * OutgoingConnection} once connected, or fails it (and the stream) with a {@link
   * StreamTcpException} whose cause says why (refused, timed out, unknown host).
   *
   * <p><b>Emits when</b> bytes were read and downstream pulls (bytes are read only then).
   * <b>Backpressures when</b> the connection's outbound buffer is full. <b>Completes when</b>
   * the peer has finished writing and this side has finished writing too (with {@code
   * halfClose}), or when either finishes (without). <b>Cancels when</b> downstream cancels and
   * this side is not half-closing while still writing.
   *
   * @param localAddress the local address to bind, if any
   * @param options socket options ({@link TcpSO} makes them), over the configured defaults
   * @param halfClose whether completing the input shuts down only the sending side
   * @param connectTimeout how long connecting may take
   * @param idleTimeout fails the connection when no bytes pass for this long
   */
  public Flow<ByteString, ByteString, CompletionStage<OutgoingConnection>> outgoingConnection(
      InetSocketAddress remoteAddress,
      Optional<InetSocketAddress> localAddress,
      Iterable<? extends Inet.SocketOption> options,
      boolean halfClose,
      Optional<Duration> connectTimeout,
      Optional<Duration> idleTimeout) {
    return outgoing(remoteAddress, localAddress, options, halfClose, connectTimeout, idleTimeout,
        null);
  }

  /**
   * Like {@link #outgoingConnection(String, int)}, with TLS: {@code createSSLEngine} is called
   * once per connection (it is put in client mode); set the peer host, port and endpoint
   * identification on the engine for hostname verification.
   */
  public Flow<ByteString, ByteString, CompletionStage<OutgoingConnection>> outgoingConnectionWithTls(
      InetSocketAddress remoteAddress, Supplier<SSLEngine> createSSLEngine) {
    Objects.requireNonNull(createSSLEngine, "createSSLEngine");
    return outgoing(remoteAddress, Optional.empty(), List.of(), true, settings.connectTimeout(),
        settings.idleTimeout(), createSSLEngine);
  }

  /**
   * Like {@link #outgoingConnectionWithTls(InetSocketAddress, Supplier)} with engines from
   * {@code sslContext} that verify the server's certificate against the host name of {@code
   * remoteAddress} (HTTPS rules).
   */
  public Flow<ByteString, ByteString, CompletionStage<OutgoingConnection>> outgoingConnectionWithTls(
      InetSocketAddress remoteAddress, SSLContext sslContext) {
    Objects.requireNonNull(remoteAddress, "remoteAddress");
    Objects.requireNonNull(sslContext, "sslContext");
    return outgoingConnectionWithTls(remoteAddress, () -> {
      SSLEngine engine =
          sslContext.createSSLEngine(remoteAddress.getHostString(), remoteAddress.getPort());
      SSLParameters params = engine.getSSLParameters();
      params.setEndpointIdentificationAlgorithm("HTTPS");
      engine.setSSLParameters(params);
      return engine;
    });
  }

  /** Like {@link #outgoingConnection(InetSocketAddress, Optional, Iterable, boolean, Optional, Optional)}, with TLS. */
  public Flow<ByteString, ByteString, CompletionStage<OutgoingConnection>> outgoingConnectionWithTls(
      InetSocketAddress remoteAddress,
      Supplier<SSLEngine> createSSLEngine,
      Optional<InetSocketAddress> localAddress,
      Iterable<? extends Inet.SocketOption> options,
      Optional<Duration> connectTimeout,
      Optional<Duration> idleTimeout) {
    Objects.requireNonNull(createSSLEngine, "createSSLEngine");
    return outgoing(remoteAddress, localAddress, options, true, connectTimeout, idleTimeout,
        createSSLEngine);
  }

  private Flow<ByteString, ByteString, CompletionStage<OutgoingConnection>> outgoing(
      InetSocketAddress remoteAddress,
      Optional<InetSocketAddress> localAddress,
      Iterable<? extends Inet.SocketOption> options,
      boolean halfClose,
      Optional<Duration> connectTimeout,
      Optional<Duration> idleTimeout,
      Supplier<SSLEngine> tls) {
    Objects.requireNonNull(remoteAddress, "remoteAddress");
    Objects.requireNonNull(localAddress, "localAddress");
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    connectTimeout.ifPresent(d -> checkPositive("connectTimeout", d));
    TcpStages.ConnectionSettings settings =
        settings(halfClose, idleTimeout, "idleTimeout", tls, options);
    return Flow.fromGraph(new TcpStages.OutgoingStage<OutgoingConnection>(
        transport, remoteAddress, localAddress.orElse(null), connectTimeout.orElse(null),
        settings, OutgoingConnection::new));
  }

  private TcpStages.ConnectionSettings settings(boolean halfClose,
      Optional<Duration> idleTimeout, String idleName, Supplier<SSLEngine> tls,
      Iterable<? extends Inet.SocketOption> options) {
    Objects.requireNonNull(idleTimeout, idleName);
    Objects.requireNonNull(options, "options");
    idleTimeout.ifPresent(d -> checkPositive(idleName, d));
    return new TcpStages.ConnectionSettings(halfClose, idleTimeout.orElse(null), tls,
        TcpStages.channelOptions(settings.socketOptions(), options), settings.writeBatch());
  }

  private static void checkPort(int port) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be within 0..65535, was " + port);
    }
  }

  private static void checkPositive(String name, Duration d) {
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, was " + d);
    }
  }

  // ---- the values

  /** A bound server socket. */
  public static final class ServerBinding {
    private final InetSocketAddress localAddress;
    private final TcpStages.BindSource.Unbinder unbinder;

    ServerBinding(InetSocketAddress localAddress, TcpStages.BindSource.Unbinder unbinder) {
      this.localAddress = localAddress;
      this.unbinder = unbinder;
    }

    /** The bound address, with the actual port when 0 was asked for. */
    public InetSocketAddress localAddress() {
      return localAddress;
    }

    /**
     * Stops accepting and frees the port; the source of connections completes, and connections
     * already accepted stay open. Completes once the port is free.
     */
    public CompletionStage<Done> unbind() {
      return unbinder.unbind();
    }

    /** Completes once the port is free, however that came about. */
    public CompletionStage<Done> whenUnbound() {
      return unbinder.whenUnbound();
    }

    @Override
    public String toString() {
      return "ServerBinding(" + localAddress + ")";
    }
  }

  /** An accepted connection, to be handled by joining its {@link #flow()} with a handler. */
  public static final class IncomingConnection {
    private final TcpStages.Accepted accepted;

    IncomingConnection(TcpStages.Accepted accepted) {
      this.accepted = accepted;
    }

    /** The server's address of the connection. */
    public InetSocketAddress localAddress() {
      return accepted.localAddress();
    }

    /** The client's address. */
    public InetSocketAddress remoteAddress() {
      return accepted.remoteAddress();
    }

    /**
     * The connection as a flow: its input is written to the client, its output emits what the
     * client sends. It can be materialized only once (a second time fails with an {@code
     * IllegalStateException}).
     */
    public Flow<ByteString, ByteString, NotUsed> flow() {
      return Flow.fromGraph(accepted.stage());
    }

    /**
     * Runs the connection with {@code handler}: what the client sends goes through {@code
     * handler} and what it emits is sent back. Returns the handler's materialized value.
     */
    public <M> M handleWith(Flow<ByteString, ByteString, M> handler, Materializer materializer) {
      Objects.requireNonNull(handler, "handler");
      Objects.requireNonNull(materializer, "materializer");
      return materializer.materialize(join(handler));
    }

    /** Same as {@link #handleWith(Flow, Materializer)} with the system's materializer. */
    public <M> M handleWith(Flow<ByteString, ByteString, M> handler, ActorSystem<?> system) {
      return handleWith(handler, Materializer.matFromSystem(system));
    }

    private <M> RunnableGraph<M> join(Flow<ByteString, ByteString, M> handler) {
      Flow<ByteString, ByteString, NotUsed> connection = flow();
      return RunnableGraph.fromGraph(GraphDSL.create(handler, (b, h) -> {
        FlowShape<ByteString, ByteString> conn = b.add(connection);
        b.from(conn).via(h).toInlet(conn.in());
        return ClosedShape.getInstance();
      }));
    }

    @Override
    public String toString() {
      return "IncomingConnection(" + remoteAddress() + " -> " + localAddress() + ")";
    }
  }

  /** An established client connection. */
  public static final class OutgoingConnection {
    private final InetSocketAddress remoteAddress;
    private final InetSocketAddress localAddress;

    OutgoingConnection(InetSocketAddress remoteAddress, InetSocketAddress localAddress) {
      this.remoteAddress = remoteAddress;
      this.localAddress = localAddress;
    }

    /** The address connected to. */
    public InetSocketAddress remoteAddress() {
      return remoteAddress;
    }

    /** The local end's address. */
    public InetSocketAddress localAddress() {
      return localAddress;
    }

    @Override
    public String toString() {
      return "OutgoingConnection(" + localAddress + " -> " + remoteAddress + ")";
    }
  }
}
