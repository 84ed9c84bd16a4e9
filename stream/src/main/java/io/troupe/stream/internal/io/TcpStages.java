package io.troupe.stream.internal.io;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.ssl.SslCloseCompletionEvent;
import io.netty.handler.ssl.SslClosedEngineException;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.troupe.actor.Done;
import io.troupe.actor.NotUsed;
import io.troupe.japi.Pair;
import io.troupe.japi.function.Procedure;
import io.troupe.stream.Attributes;
import io.troupe.stream.FlowShape;
import io.troupe.stream.Inet;
import io.troupe.stream.Inlet;
import io.troupe.stream.Outlet;
import io.troupe.stream.SourceShape;
import io.troupe.stream.StreamTcpException;
import io.troupe.stream.TcpSO;
import io.troupe.stream.TcpIdleTimeoutException;
import io.troupe.stream.internal.LogicState;
import io.troupe.stream.internal.PreferredExecutor;
import io.troupe.stream.internal.Wiring;
import io.troupe.stream.stage.AsyncCallback;
import io.troupe.stream.stage.GraphStageLogic;
import io.troupe.stream.stage.GraphStageWithMaterializedValue;
import io.troupe.stream.stage.InHandler;
import io.troupe.stream.stage.OutHandler;
import io.troupe.util.ByteString;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.net.ssl.SSLEngine;

/**
 * TCP connections and server bindings as stages, on Netty (the native epoll transport or NIO, see TcpTransport). Internal API.
 *
 * <pre>
 *   bytes from upstream ──► [ConnectionLogic] ──write──► Netty channel ──► socket
 *   bytes to downstream ◄── [ConnectionLogic] ◄─events── ConnectionHandler ◄── socket
 *                               │ read() when downstream pulled, plus one read ahead
 * </pre>
 *
 * <p>Every channel runs with auto-read off: the stage asks for one socket read (of at most one
 * receive buffer) each time downstream pulls and nothing is buffered. Data that nobody asks for
 * stays in the kernel's receive buffer, so the remote writer is slowed by TCP's own flow control.
 * Writes go out while the channel is writable (its outbound buffer is below the high water
 * mark); when it is not, the stage stops pulling upstream until Netty reports writability again.
 * The listening socket also reads (accepts) only on demand. Channel events reach the stage
 * through one async callback, in the order the event loop saw them.
 */
public final class TcpStages {
  private TcpStages() {}

  /** Settings common to a connection, in either direction. */
  public record ConnectionSettings(
      boolean halfClose,
      Duration idleTimeout,
      Supplier<SSLEngine> sslEngine,
      Map<ChannelOption<?>, Object> options,
      int writeBatch) {}

  private static final WriteBufferWaterMark WATER_MARK = new WriteBufferWaterMark(256 * 1024, 512 * 1024);

  private static AdaptiveRecvByteBufAllocator oneReadAtATime() {
    AdaptiveRecvByteBufAllocator a = new AdaptiveRecvByteBufAllocator(1024, 64 * 1024, 256 * 1024);
    a.maxMessagesPerRead(1);
    return a;
  }

  // ---- Netty side

  private record Data(ByteString bytes) {}

  private record Failure(Throwable cause) {}

  private enum Signal { INPUT_SHUTDOWN, CLOSED, WRITABLE, IDLE, FLUSH }

  /**
   * Forwards one channel's events to the stage attached to it (keeping them until then), and
   * keeps reading ahead of the stage by at most {@code readAhead} bytes.
   *
   * <p>Reads are driven from the event loop: after each socket read it asks for the next one
   * itself while the bytes delivered to the stage but not yet taken downstream ({@code
   * unconsumed}) stay below {@code readAhead}; otherwise it stops and clears {@code reading}.
   * The stage, after taking bytes downstream, restarts reading from its own thread only when it
   * finds {@code reading} cleared. Each side changes its own variable first and then checks the
   * other's (both atomics), so a stop and a restart cannot miss each other. A read costs the
   * event loop no task submitted from another thread as long as the stage keeps up.
   */
  static final class ConnectionHandler extends ChannelInboundHandlerAdapter {
    private final int readAhead;
    private final AtomicInteger unconsumed = new AtomicInteger();
    private final AtomicBoolean reading = new AtomicBoolean();
    private volatile boolean stopReading;
    private volatile Consumer<Object> listener;
    private List<Object> early = new ArrayList<>();

    ConnectionHandler(int readAhead) {
      this.readAhead = readAhead;
    }

    synchronized void attach(Consumer<Object> l) {
      for (Object e : early) {
        l.accept(e);
      }
      early = null;
      listener = l; // only after the early events: a later event never overtakes them
    }

    private void deliver(Object event) {
      Consumer<Object> l = listener;
      if (l != null) {
        l.accept(event);
        return;
      }
      synchronized (this) {
        if (listener == null) {
          early.add(event);
        } else {
          listener.accept(event);
        }
      }
    }

    /** From the stage: {@code bytes} went downstream; resumes reading if it had stopped. */
    void consumed(Channel channel, int bytes) {
      unconsumed.addAndGet(-bytes);
      requestReads(channel);
    }

    /** From the stage: starts reading unless reading goes on or enough is unconsumed. */
    void requestReads(Channel channel) {
      if (!reading.get() && !stopReading && unconsumed.get() < readAhead
          && reading.compareAndSet(false, true)) {
        channel.read();
      }
    }

    /** From the stage: no more reads (downstream is done). */
    void stopReading() {
      stopReading = true;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      ByteBuf buf = (ByteBuf) msg;
      try {
        int n = buf.readableBytes();
        byte[] bytes = new byte[n];
        buf.readBytes(bytes);
        unconsumed.addAndGet(n);
        deliver(new Data(ByteString.fromArrayUnsafe(bytes)));
      } finally {
        buf.release();
      }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) throws Exception {
      if (reading.get()) {
        if (!stopReading && unconsumed.get() < readAhead) {
          ctx.read();
        } else {
          reading.set(false);
          if (!stopReading && unconsumed.get() < readAhead && reading.compareAndSet(false, true)) {
            ctx.read(); // the stage consumed meanwhile and saw reading still set
          }
        }
      }
      super.channelReadComplete(ctx);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
      if (evt instanceof SslHandshakeCompletionEvent h && !h.isSuccess()) {
        deliver(new Failure(h.cause()));
      } else if (evt instanceof ChannelInputShutdownEvent || evt instanceof SslCloseCompletionEvent) {
        deliver(Signal.INPUT_SHUTDOWN);
      } else if (evt instanceof IdleStateEvent) {
        deliver(Signal.IDLE);
      }
      super.userEventTriggered(ctx, evt);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
      deliver(Signal.WRITABLE);
      super.channelWritabilityChanged(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
      deliver(Signal.CLOSED);
      super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      Throwable c = cause instanceof DecoderException && cause.getCause() != null
          ? cause.getCause() : cause;
      deliver(new Failure(c));
      ctx.close();
    }
  }

  /** Adds TLS, the idle timer and the event handler to a new channel's pipeline. */
  private static void initPipeline(Channel ch, ConnectionSettings s, ConnectionHandler handler,
      boolean client) {
    if (s.sslEngine() != null) {
      SSLEngine engine = s.sslEngine().get();
      if (engine == null) {
        throw new IllegalStateException("the SSLEngine factory returned null");
      }
      engine.setUseClientMode(client);
      ch.pipeline().addLast("tls", new SslHandler(engine));
    }
    if (s.idleTimeout() != null) {
      ch.pipeline().addLast("idle",
          new IdleStateHandler(0, 0, s.idleTimeout().toNanos(), TimeUnit.NANOSECONDS));
    }
    ch.pipeline().addLast("troupe", handler);
  }

  /**
   * The Netty channel options for {@code defaults} followed by {@code explicit} (a later option of
   * the same kind replaces an earlier one).
   */
  public static Map<ChannelOption<?>, Object> channelOptions(
      Iterable<? extends Inet.SocketOption> defaults, Iterable<? extends Inet.SocketOption> explicit) {
    Map<ChannelOption<?>, Object> map = new LinkedHashMap<>();
    for (Iterable<? extends Inet.SocketOption> options : List.of(defaults, explicit)) {
      for (Inet.SocketOption o : options) {
        java.util.Objects.requireNonNull(o, "options must not contain null");
        switch (o) {
          case Inet.SO.ReceiveBufferSize r -> map.put(ChannelOption.SO_RCVBUF, r.size());
          case Inet.SO.SendBufferSize r -> map.put(ChannelOption.SO_SNDBUF, r.size());
          case Inet.SO.ReuseAddress r -> map.put(ChannelOption.SO_REUSEADDR, r.on());
          case Inet.SO.TrafficClass r -> map.put(ChannelOption.IP_TOS, r.tc());
          case TcpSO.KeepAlive r -> map.put(ChannelOption.SO_KEEPALIVE, r.on());
          case TcpSO.TcpNoDelay r -> map.put(ChannelOption.TCP_NODELAY, r.on());
        }
      }
    }
    return Map.copyOf(map);
  }

  /** Where socket options go. */
  private interface OptionSink {
    void set(ChannelOption<Object> option, Object value);
  }

  @SuppressWarnings("unchecked")
  private static void applyOptions(Map<ChannelOption<?>, Object> options, OptionSink sink) {
    // each value was paired with its option's type by channelOptions
    options.forEach((k, v) -> sink.set((ChannelOption<Object>) k, v));
  }

  // ---- the connection stage

  /**
   * The logic of one connection's flow; subclasses say how the channel comes to be. Its island
   * runs on the channel's event loop (see {@link PreferredExecutor}) unless it has a dispatcher of
   * its own: reads, the stages fused with the connection, and writes then share one thread.
   */
  abstract static class ConnectionLogic extends GraphStageLogic
      implements InHandler, OutHandler, PreferredExecutor {
    final Inlet<ByteString> in;
    final Outlet<ByteString> out;
    final ConnectionSettings settings;
    final AsyncCallback<Object> events;
    final String peerName;
    /** The event loop the channel is (or will be) registered with. */
    final EventLoop loop;
    Channel channel;
    private ConnectionHandler handler;
    private final ArrayDeque<ByteString> inbound = new ArrayDeque<>();
    // writes not yet handed to Netty: one writeAndFlush per batch, at the end of a demand round
    private final ArrayList<ByteBuffer> pendingWrites = new ArrayList<>();
    private int pendingBytes;
    private boolean flushQueued;
    private final ChannelFutureListener writeListener = this::written;
    private boolean inputShutdown; // the peer finished writing (or the connection closed)
    private boolean writeSideDone; // upstream finished or failed
    private boolean readSideDone; // downstream completed or cancelled
    private boolean closing;

    @SuppressWarnings("this-escape")
    ConnectionLogic(FlowShape<ByteString, ByteString> shape, ConnectionSettings settings,
        String peerName, EventLoop loop) {
      super(shape);
      this.loop = loop;
      this.in = shape.in();
      this.out = shape.out();
      this.settings = settings;
      this.peerName = peerName;
      this.events = getAsyncCallback(this::onEvent);
      setHandlers(in, out, this);
    }

    @Override
    public Executor preferredExecutor() {
      return loop;
    }

    /**
     * Where the channel's events go, once the stage runs. When the island runs on the channel's
     * event loop, an event the loop delivers goes straight into a turn of the island if it is
     * idle ({@link Wiring#invokeHere}): the bytes of a read reach the stages after it, and their
     * answer the socket, while they are still in this core's cache, instead of after a task
     * queued behind the loop's other channels (measured at 16 connections on two loops: bytes read
     * for all channels first and handled later had left the cache). Anything else goes through
     * the async callback.
     */
    final Consumer<Object> eventSink() {
      LogicState state = LogicState.of(this);
      if (!state.island().runsOn(loop)) {
        return events::invoke;
      }
      Procedure<Object> handler = this::onEvent;
      return event -> {
        if (loop.inEventLoop()) {
          Wiring.invokeHere(state, handler, event);
        } else {
          events.invoke(event);
        }
      };
    }

    /** The channel is connected and its handler attached. */
    final void connected(Channel ch, ConnectionHandler h) {
      channel = ch;
      handler = h;
      if (writeSideDone) {
        finishWriting();
      }
      maybePullIn();
      if (isAvailable(out)) {
        requestRead();
      }
    }

    void onEvent(Object event) {
      if (event instanceof Data d) {
        if (readSideDone) {
          return;
        }
        if (isAvailable(out) && inbound.isEmpty()) {
          pushDownstream(d.bytes());
        } else {
          inbound.add(d.bytes()); // the handler stops reading once enough waits here
        }
      } else if (event == Signal.FLUSH) {
        flushQueued = false;
        flushWrites();
      } else if (event instanceof Failure f) {
        closeChannel();
        failStage(f.cause() instanceof StreamTcpException e ? e
            : new StreamTcpException("The connection to " + peerName + " closed with error: "
                + f.cause(), f.cause()));
      } else if (event == Signal.INPUT_SHUTDOWN) {
        inputShutdown = true;
        if (inbound.isEmpty()) {
          readSideFinished();
        }
      } else if (event == Signal.CLOSED) {
        inputShutdown = true;
        if (!closing) {
          // the peer closed the connection: nothing more can be written
          writeSideDone = true;
          if (!isClosed(in)) {
            cancel(in);
          }
        }
        if (inbound.isEmpty()) {
          readSideFinished();
        }
      } else if (event == Signal.WRITABLE) {
        maybePullIn();
      } else if (event == Signal.IDLE) {
        closeChannel();
        failStage(new TcpIdleTimeoutException("TCP idle timeout on the connection to " + peerName
            + ": no bytes passed in the last " + settings.idleTimeout(), settings.idleTimeout()));
      }
    }

    private void maybePullIn() {
      if (channel != null && !isClosed(in) && !hasBeenPulled(in) && channel.isWritable()) {
        pull(in);
      }
    }

    private void requestRead() {
      if (channel != null && !inputShutdown && !readSideDone) {
        handler.requestReads(channel);
      }
    }

    private void pushDownstream(ByteString bytes) {
      push(out, bytes);
      handler.consumed(channel, bytes.length());
    }

    @Override
    public void onPush() {
      ByteString bytes = grab(in);
      if (bytes.nonEmpty()) {
        pendingWrites.addAll(bytes.asByteBuffers());
        pendingBytes += bytes.length();
        if (pendingBytes >= settings.writeBatch()) {
          flushWrites();
        } else if (!flushQueued) {
          // runs once the island has handled what is queued now: more pushes may join the batch
          flushQueued = true;
          events.invoke(Signal.FLUSH);
        }
      }
      maybePullIn();
    }

    private void written(ChannelFuture f) {
      // a closed channel or TLS engine is reported by the event that closed it
      if (!f.isSuccess() && !(f.cause() instanceof java.nio.channels.ClosedChannelException)
          && !(f.cause() instanceof SslClosedEngineException)) {
        events.invoke(new Failure(f.cause()));
      }
    }

    /** Hands the pending writes to Netty as one buffer and flushes it. */
    private void flushWrites() {
      if (pendingBytes == 0 || channel == null) {
        return;
      }
      ByteBuf buf = pendingWrites.size() == 1
          ? Unpooled.wrappedBuffer(pendingWrites.get(0))
          : Unpooled.wrappedBuffer(pendingWrites.toArray(new ByteBuffer[0]));
      pendingWrites.clear();
      pendingBytes = 0;
      channel.writeAndFlush(buf).addListener(writeListener);
    }

    @Override
    public void onUpstreamFinish() {
      writeSideDone = true;
      if (channel != null) {
        finishWriting();
      }
    }

    @Override
    public void onUpstreamFailure(Throwable ex) {
      writeSideDone = true;
      closeChannel();
      failStage(ex);
    }

    private void finishWriting() {
      flushWrites();
      if (settings.halfClose() && !readSideDone) {
        SslHandler tls = channel.pipeline().get(SslHandler.class);
        if (tls != null) {
          // close_notify once the handshake is done and what was written before is through
          Channel ch = channel;
          tls.handshakeFuture().addListener(h -> {
            if (h.isSuccess()) {
              ch.writeAndFlush(Unpooled.EMPTY_BUFFER)
                  .addListener((ChannelFutureListener) f -> tls.closeOutbound());
            }
          });
        } else {
          channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener((ChannelFutureListener) f -> {
            if (f.channel().isActive()) {
              ((SocketChannel) f.channel()).shutdownOutput();
            }
          });
        }
      } else {
        closeChannel();
        completeStage();
      }
    }

    @Override
    public void onPull() {
      if (!inbound.isEmpty()) {
        pushDownstream(inbound.poll());
        if (inbound.isEmpty()) {
          if (inputShutdown) {
            readSideFinished();
          } else {
            requestRead();
          }
        }
      } else if (inputShutdown) {
        readSideFinished();
      } else {
        requestRead();
      }
    }

    private void readSideFinished() {
      if (readSideDone) {
        return;
      }
      readSideDone = true;
      complete(out);
      if (writeSideDone || isClosed(in)) {
        closeChannel();
        completeStage();
      }
    }

    @Override
    public void onDownstreamFinish(Throwable cause) {
      readSideDone = true;
      inbound.clear();
      if (handler != null) {
        handler.stopReading();
      }
      if (writeSideDone || !settings.halfClose() || isClosed(in)) {
        closeChannel();
        cancelStage(cause);
      }
      // otherwise keep writing; reads are no longer requested
    }

    /** Closes after what was written so far is flushed. */
    final void closeChannel() {
      if (channel != null && !closing) {
        flushWrites();
        closing = true;
        if (channel.isActive()) {
          channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        } else {
          channel.close();
        }
      }
    }

    @Override
    public void postStop() {
      if (channel != null && !closing) {
        closing = true;
        channel.close();
      }
    }
  }

  /**
   * A connection to {@code remote} made when the stage starts; materializes what {@code
   * onConnect} makes of the (remote, local) addresses once connected.
   */
  public static final class OutgoingStage<C>
      extends GraphStageWithMaterializedValue<FlowShape<ByteString, ByteString>, CompletionStage<C>> {
    private final Inlet<ByteString> in = Inlet.create("outgoingConnection.in");
    private final Outlet<ByteString> out = Outlet.create("outgoingConnection.out");
    private final FlowShape<ByteString, ByteString> shape = FlowShape.of(in, out);
    private final TcpTransport transport;
    private final InetSocketAddress remote;
    private final InetSocketAddress local;
    private final Duration connectTimeout;
    private final ConnectionSettings settings;
    private final BiFunction<InetSocketAddress, InetSocketAddress, C> onConnect;

    /** The stage. */
    public OutgoingStage(TcpTransport transport, InetSocketAddress remote, InetSocketAddress local,
        Duration connectTimeout, ConnectionSettings settings,
        BiFunction<InetSocketAddress, InetSocketAddress, C> onConnect) {
      this.transport = transport;
      this.remote = remote;
      this.local = local;
      this.connectTimeout = connectTimeout;
      this.settings = settings;
      this.onConnect = onConnect;
    }

    @Override
    public FlowShape<ByteString, ByteString> shape() {
      return shape;
    }

    @Override
    protected Attributes initialAttributes() {
      return Attributes.name("outgoingConnection");
    }

    @Override
    public Pair<GraphStageLogic, CompletionStage<C>> createLogicAndMaterializedValuePair(
        Attributes attrs) {
      CompletableFuture<C> connection = new CompletableFuture<>();
      return Pair.create(new Logic(connection), connection);
    }

    private record Connected(Channel channel) {}

    private record ConnectFailed(Throwable cause) {}

    private final class Logic extends ConnectionLogic {
      private final CompletableFuture<C> connection;
      private ChannelFuture connecting;
      private ConnectionHandler pendingHandler;

      Logic(CompletableFuture<C> connection) {
        super(shape, OutgoingStage.this.settings, remote.toString(), transport.workers().next());
        this.connection = connection;
      }

      @Override
      public void preStart() {
        ConnectionHandler handler = new ConnectionHandler(transport.readAhead());
        handler.attach(eventSink());
        this.pendingHandler = handler;
        Bootstrap b = new Bootstrap()
            .group(loop)
            .channel(transport.socketChannel())
            .option(ChannelOption.AUTO_READ, false)
            .option(ChannelOption.ALLOW_HALF_CLOSURE, true)
            .option(ChannelOption.RCVBUF_ALLOCATOR, oneReadAtATime())
            .option(ChannelOption.WRITE_BUFFER_WATER_MARK, WATER_MARK)
            .handler(new ChannelInitializer<SocketChannel>() {
              @Override
              protected void initChannel(SocketChannel ch) {
                initPipeline(ch, settings, handler, true);
                transport.channelInitialized(ch);
              }
            });
        if (connectTimeout != null) {
          b.option(ChannelOption.CONNECT_TIMEOUT_MILLIS,
              (int) Math.min(Integer.MAX_VALUE, Math.max(1, connectTimeout.toMillis())));
        }
        applyOptions(settings.options(), b::option);
        transport.connectionOptions(b);
        connecting = local == null ? b.connect(remote) : b.connect(remote, local);
        connecting.addListener((ChannelFutureListener) f -> events.invoke(
            f.isSuccess() ? new Connected(f.channel()) : new ConnectFailed(f.cause())));
      }

      @Override
      void onEvent(Object event) {
        if (event instanceof Connected c) {
          InetSocketAddress localAddress = (InetSocketAddress) c.channel().localAddress();
          connection.complete(onConnect.apply(remote, localAddress));
          connected(c.channel(), pendingHandler);
        } else if (event instanceof ConnectFailed f) {
          StreamTcpException ex = new StreamTcpException(
              "Tcp command [Connect(" + remote + ")] failed because of " + f.cause(), f.cause());
          connection.completeExceptionally(ex);
          failStage(ex);
        } else {
          super.onEvent(event);
        }
      }

      @Override
      public void postStop() {
        super.postStop();
        if (channel == null && connecting != null) {
          connecting.channel().close();
        }
        connection.completeExceptionally(new StreamTcpException(
            "the connection stage to " + remote + " stopped before it connected"));
      }
    }
  }

  /** An accepted connection, waiting for its flow to be materialized (once). */
  public static final class Accepted {
    private final Channel channel;
    private final ConnectionHandler handler;
    private final ConnectionSettings settings;
    private final AtomicBoolean materialized = new AtomicBoolean();

    Accepted(Channel channel, ConnectionHandler handler, ConnectionSettings settings) {
      this.channel = channel;
      this.handler = handler;
      this.settings = settings;
    }

    /** The local address. */
    public InetSocketAddress localAddress() {
      return (InetSocketAddress) channel.localAddress();
    }

    /** The remote address. */
    public InetSocketAddress remoteAddress() {
      return (InetSocketAddress) channel.remoteAddress();
    }

    /** The flow of this connection's bytes; it can be materialized only once. */
    public GraphStageWithMaterializedValue<FlowShape<ByteString, ByteString>, NotUsed> stage() {
      return new IncomingStage(this);
    }

    void close() {
      channel.close();
    }
  }

  static final class IncomingStage
      extends GraphStageWithMaterializedValue<FlowShape<ByteString, ByteString>, NotUsed> {
    private final Inlet<ByteString> in = Inlet.create("incomingConnection.in");
    private final Outlet<ByteString> out = Outlet.create("incomingConnection.out");
    private final FlowShape<ByteString, ByteString> shape = FlowShape.of(in, out);
    private final Accepted accepted;

    IncomingStage(Accepted accepted) {
      this.accepted = accepted;
    }

    @Override
    public FlowShape<ByteString, ByteString> shape() {
      return shape;
    }

    @Override
    protected Attributes initialAttributes() {
      return Attributes.name("incomingConnection");
    }

    @Override
    public Pair<GraphStageLogic, NotUsed> createLogicAndMaterializedValuePair(Attributes attrs) {
      if (!accepted.materialized.compareAndSet(false, true)) {
        throw new IllegalStateException("the flow of the incoming connection from "
            + accepted.remoteAddress() + " can be materialized only once");
      }
      ConnectionLogic logic = new ConnectionLogic(shape, accepted.settings,
          String.valueOf(accepted.remoteAddress()), accepted.channel.eventLoop()) {
        @Override
        public void preStart() {
          accepted.handler.attach(eventSink());
          connected(accepted.channel, accepted.handler);
        }
      };
      return Pair.create(logic, NotUsed.INSTANCE);
    }
  }

  // ---- the server stage

  /**
   * Binds a listening socket when the stage starts and emits accepted connections as downstream
   * pulls; materializes what {@code onBind} makes of the bound address and the unbind action.
   */
  public static final class BindSource<B, I>
      extends GraphStageWithMaterializedValue<SourceShape<I>, CompletionStage<B>> {
    private final Outlet<I> out = Outlet.create("tcpBind.out");
    private final SourceShape<I> shape = SourceShape.of(out);
    private final TcpTransport transport;
    private final InetSocketAddress address;
    private final int backlog;
    private final ConnectionSettings settings;
    private final BiFunction<InetSocketAddress, Unbinder, B> onBind;
    private final Function<Accepted, I> onAccept;

    /** Closes the listening socket; the stage then completes. */
    public interface Unbinder {
      /** Unbinds; completes once the port is free. */
      CompletionStage<Done> unbind();

      /** Completes once the port is free, however that came about. */
      CompletionStage<Done> whenUnbound();
    }

    /** The stage. */
    public BindSource(TcpTransport transport, InetSocketAddress address, int backlog,
        ConnectionSettings settings, BiFunction<InetSocketAddress, Unbinder, B> onBind,
        Function<Accepted, I> onAccept) {
      this.transport = transport;
      this.address = address;
      this.backlog = backlog;
      this.settings = settings;
      this.onBind = onBind;
      this.onAccept = onAccept;
    }

    @Override
    public SourceShape<I> shape() {
      return shape;
    }

    @Override
    protected Attributes initialAttributes() {
      return Attributes.name("tcpBind");
    }

    @Override
    public Pair<GraphStageLogic, CompletionStage<B>> createLogicAndMaterializedValuePair(
        Attributes attrs) {
      CompletableFuture<B> binding = new CompletableFuture<>();
      return Pair.create(new Logic(binding), binding);
    }

    private record Bound(Channel channel) {}

    private record BindFailed(Throwable cause) {}

    private enum Unbound { INSTANCE }

    private final class Logic extends GraphStageLogic implements OutHandler {
      private final CompletableFuture<B> binding;
      private final AsyncCallback<Object> events;
      private final ArrayDeque<Accepted> accepted = new ArrayDeque<>();
      private final CompletableFuture<Done> unbound = new CompletableFuture<>();
      private Channel server;
      private ChannelFuture binding0;

      @SuppressWarnings("this-escape")
      Logic(CompletableFuture<B> binding) {
        super(shape);
        this.binding = binding;
        this.events = getAsyncCallback(this::onEvent);
        setHandler(out, this);
      }

      @Override
      public void preStart() {
        ServerBootstrap b = new ServerBootstrap()
            .group(transport.boss(), transport.workers())
            .channel(transport.serverChannel())
            .option(ChannelOption.SO_BACKLOG, backlog)
            .option(ChannelOption.AUTO_READ, false)
            .childOption(ChannelOption.AUTO_READ, false)
            .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
            .childOption(ChannelOption.RCVBUF_ALLOCATOR, oneReadAtATime())
            .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, WATER_MARK)
            .childHandler(new ChannelInitializer<SocketChannel>() {
              @Override
              protected void initChannel(SocketChannel ch) {
                ConnectionHandler handler = new ConnectionHandler(transport.readAhead());
                initPipeline(ch, settings, handler, false);
                transport.channelInitialized(ch);
                // a connection accepted while the source stops is closed, not leaked
                events.invokeWithFeedback(new Accepted(ch, handler, settings))
                    .whenComplete((d, e) -> {
                      if (e != null) {
                        ch.close();
                      }
                    });
              }
            });
        applyOptions(settings.options(), (k, v) -> {
          Object option = k;
          if (option == ChannelOption.SO_RCVBUF || option == ChannelOption.SO_REUSEADDR) {
            b.option(k, v); // accepted sockets inherit the receive buffer from the listener
          }
          b.childOption(k, v);
        });
        transport.acceptedOptions(b);
        binding0 = b.bind(address);
        binding0.addListener((ChannelFutureListener) f -> events.invoke(
            f.isSuccess() ? new Bound(f.channel()) : new BindFailed(f.cause())));
      }

      private void onEvent(Object event) {
        if (event instanceof Bound bound) {
          server = bound.channel();
          server.closeFuture().addListener(f -> TcpTransport.whenPortFreed(server, () -> {
            unbound.complete(Done.getInstance());
            events.invoke(Unbound.INSTANCE);
          }));
          Unbinder unbinder = new Unbinder() {
            @Override
            public CompletionStage<Done> unbind() {
              server.close();
              return unbound;
            }

            @Override
            public CompletionStage<Done> whenUnbound() {
              return unbound;
            }
          };
          binding.complete(onBind.apply((InetSocketAddress) server.localAddress(), unbinder));
          if (isAvailable(out)) {
            server.read();
          }
        } else if (event instanceof BindFailed f) {
          Throwable cause = jdkBindException(f.cause());
          io.troupe.stream.BindFailedException ex = new io.troupe.stream.BindFailedException(
              "Bind to " + address + " failed because of " + cause, cause);
          binding.completeExceptionally(ex);
          unbound.complete(Done.getInstance());
          failStage(ex);
        } else if (event instanceof Accepted a) {
          if (isClosed(out)) {
            a.close();
          } else if (isAvailable(out)) {
            push(out, onAccept.apply(a));
          } else {
            accepted.add(a);
          }
        } else if (event == Unbound.INSTANCE) {
          completeStage();
        }
      }

      @Override
      public void onPull() {
        if (!accepted.isEmpty()) {
          push(out, onAccept.apply(accepted.poll()));
        } else if (server != null) {
          server.read();
        }
      }

      @Override
      public void postStop() {
        if (server != null) {
          server.close();
        } else if (binding0 != null) {
          binding0.channel().close();
        }
        for (Accepted a : accepted) {
          a.close();
        }
        binding.completeExceptionally(
            new StreamTcpException("the bind stage for " + address + " stopped before it bound"));
      }
    }
  }

  /**
   * The JDK's {@link java.net.BindException} for a failed bind, as the NIO transport reports it:
   * the epoll transport reports a Netty {@code NativeIoException} (kept as the cause).
   */
  static Throwable jdkBindException(Throwable cause) {
    if (cause instanceof io.netty.channel.unix.Errors.NativeIoException) {
      java.net.BindException e = new java.net.BindException(cause.getMessage());
      e.initCause(cause);
      return e;
    }
    return cause;
  }
}
