package io.troupe.bench.io.troupe;

import io.troupe.bench.io.IoData;
import io.troupe.actor.ActorSystem;
import io.troupe.actor.Behaviors;
import io.troupe.bench.Rounds;
import io.troupe.stream.Flow;
import io.troupe.stream.Sink;
import io.troupe.stream.Source;
import io.troupe.stream.Tcp;
import io.troupe.util.ByteString;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * TCP echo over loopback with Troupe streams; the score is megabytes (2^20 bytes) echoed per
 * second. An echo server (the identity flow as every connection's handler) is bound to
 * 127.0.0.1 on a free port once per trial. Each invocation opens the connections, each client
 * streams its share of {@value #MEGABYTES} MB in chunks of {@value #CHUNK} bytes, half-closes
 * and counts the bytes that come back until the server closes; the invocation fails unless
 * every byte came back.
 *
 * <p>The Pekko twin is {@link io.troupe.bench.io.pekko.TcpEchoBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class TcpEchoBenchmark {
  /** Megabytes echoed per invocation, over all connections. */
  public static final int MEGABYTES = 64;
  /** Bytes per chunk a client writes. */
  public static final int CHUNK = 64 * 1024;

  private static final int CHUNKS = MEGABYTES * 1024 * 1024 / CHUNK;

  private ActorSystem<Void> system;
  private Tcp.ServerBinding binding;
  private ByteString chunk;

  @Setup(Level.Trial)
  public void bindEchoServer() throws InterruptedException {
    system = TroupeSystems.start(Behaviors.empty(), "io-tcp");
    chunk = ByteString.fromArray(IoData.randomBytes(CHUNK, 7));
    binding =
        Rounds.await(
            Tcp.get(system)
                .bind("127.0.0.1", 0)
                .to(Sink.foreach(c -> c.handleWith(Flow.<ByteString>create(), system)))
                .run(system)
                .toCompletableFuture(),
            "binding the echo server");
  }

  @TearDown(Level.Trial)
  public void unbindAndTerminate() throws InterruptedException {
    Rounds.await(binding.unbind().toCompletableFuture(), "unbinding the echo server");
    TroupeSystems.terminate(system);
  }

  /** One connection echoes all {@value #MEGABYTES} MB. */
  @Benchmark
  @OperationsPerInvocation(MEGABYTES)
  public long oneConnection() throws InterruptedException {
    return echo(1);
  }

  /** Sixteen connections at once echo {@value #MEGABYTES} / 16 MB each. */
  @Benchmark
  @OperationsPerInvocation(MEGABYTES)
  public long sixteenConnections() throws InterruptedException {
    return echo(16);
  }

  private long echo(int connections) throws InterruptedException {
    int port = binding.localAddress().getPort();
    long perConnection = (long) CHUNKS / connections;
    List<CompletableFuture<Long>> received = new ArrayList<>(connections);
    for (int i = 0; i < connections; i++) {
      received.add(
          Source.repeat(chunk)
              .take(perConnection)
              .via(Tcp.get(system).outgoingConnection("127.0.0.1", port))
              .runFold(0L, (n, bytes) -> n + bytes.length(), system)
              .toCompletableFuture());
    }
    long total = 0;
    for (CompletableFuture<Long> r : received) {
      long bytes = Rounds.await(r, "an echo connection");
      if (bytes != perConnection * CHUNK) {
        throw new IllegalStateException(
            "a connection got " + bytes + " bytes back of " + perConnection * CHUNK);
      }
      total += bytes;
    }
    return total;
  }
}
