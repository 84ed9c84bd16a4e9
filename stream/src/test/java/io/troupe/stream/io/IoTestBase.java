package io.troupe.stream.io;

import io.troupe.actor.ActorSystem;
import io.troupe.util.ByteString;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** One actor system per test class, and bounded waits for results. */
abstract class IoTestBase {
  static final Duration TIMEOUT = Duration.ofSeconds(10);
  static ActorSystem<Void> system;

  static {
    // Netty logs its start-up at DEBUG; keep test output readable
    ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("io.netty"))
        .setLevel(ch.qos.logback.classic.Level.INFO);
  }

  @BeforeAll
  static void startSystem() {
    system = ActorSystem.create("io-test");
  }

  @AfterAll
  static void stopSystem() throws Exception {
    system.terminate();
    system.getWhenTerminated().toCompletableFuture().get(20, TimeUnit.SECONDS);
  }

  static <T> T await(CompletionStage<T> stage) throws Exception {
    return stage.toCompletableFuture().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
  }

  static Throwable awaitFailure(CompletionStage<?> stage) throws Exception {
    try {
      stage.toCompletableFuture().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      return e.getCause();
    }
    throw new AssertionError("expected the stage to fail, but it completed");
  }

  /** Waits up to {@link #TIMEOUT} for {@code condition}, polling; fails with {@code what}. */
  static void awaitCondition(String what, java.util.function.BooleanSupplier condition) {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for: " + what);
      }
      Thread.onSpinWait();
      Thread.yield();
    }
  }

  static ByteString bs(String s) {
    return ByteString.fromString(s);
  }

  /** {@code s} cut into pieces of {@code size} bytes. */
  static List<ByteString> chunks(ByteString s, int size) {
    List<ByteString> out = new ArrayList<>();
    for (int i = 0; i < s.length(); i += size) {
      out.add(s.slice(i, i + size));
    }
    return out;
  }

  static List<String> strings(List<ByteString> frames) {
    return frames.stream().map(ByteString::utf8String).toList();
  }
}
