package io.troupe.bench.stream;

import io.troupe.actor.ActorSystem;
import io.troupe.actor.Behaviors;
import io.troupe.bench.HeapMeter;
import io.troupe.stream.Sink;
import io.troupe.stream.Source;
import java.util.Locale;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.LoggerFactory;

/**
 * Shows that backpressure bounds memory: an endless fast source (a fresh 1 KiB array per element)
 * runs through an async boundary into a sink that takes about {@value #SINK_DELAY_MICROS} µs per
 * element, and the heap in use after full GCs is measured at 1 s and at 10 s. If every buffer is
 * bounded the two are about the same; if elements piled up anywhere, the second would be larger
 * by hundreds of megabytes.
 *
 * <p>Run with {@code java -cp bench/target/troupe-benchmarks.jar
 * io.troupe.bench.stream.FlatMemoryCheck [seconds]}. Prints one {@code FLAT} line and exits with
 * status 1 if the heap grew by more than {@value #ALLOWED_GROWTH_MB} MB (far more than the bounded
 * buffers hold: 16 elements per boundary of 1 KiB each).
 */
public final class FlatMemoryCheck {
  private static final long SINK_DELAY_MICROS = 20;
  private static final long ALLOWED_GROWTH_MB = 16;

  private FlatMemoryCheck() {}

  public static void main(String[] args) throws Exception {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    if (seconds < 2) {
      throw new IllegalArgumentException("seconds must be >= 2, was " + seconds);
    }
    LoggerFactory.getILoggerFactory();
    ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "flat-memory");
    AtomicLong produced = new AtomicLong();
    AtomicLong consumed = new AtomicLong();
    CompletionStage<?> done =
        Source.repeat(1)
            .map(i -> {
              produced.incrementAndGet();
              return new byte[1024];
            })
            .async()
            .runWith(
                Sink.foreach(
                    bytes -> {
                      LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(SINK_DELAY_MICROS));
                      consumed.incrementAndGet();
                    }),
                system);
    Thread.sleep(1_000);
    long early = HeapMeter.usedAfterGc();
    long inFlightEarly = produced.get() - consumed.get();
    Thread.sleep((seconds - 1) * 1_000L);
    long late = HeapMeter.usedAfterGc();
    long inFlightLate = produced.get() - consumed.get();
    long growth = late - early;
    System.out.printf(
        Locale.ROOT,
        "FLAT heap after 1 s: %.1f MB, after %d s: %.1f MB, growth %.1f MB;"
            + " elements consumed %,d; in flight %d then %d%n",
        early / 1e6,
        seconds,
        late / 1e6,
        growth / 1e6,
        consumed.get(),
        inFlightEarly,
        inFlightLate);
    if (done.toCompletableFuture().isDone()) {
      throw new IllegalStateException("the endless stream ended: " + done);
    }
    system.terminate();
    system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
    System.exit(growth > ALLOWED_GROWTH_MB * 1_000_000 ? 1 : 0);
  }
}
