package io.troupe.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigFactory;
import io.troupe.actor.NotUsed;
import io.troupe.stream.internal.ops.GroupBy;
import io.troupe.stream.internal.ops.Split;
import io.troupe.stream.internal.ops.SubscriptionTimeout;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/**
 * Substream sources nobody materializes are cancelled after the subscription timeout (5 s by
 * default), so their operator goes on; on a manual clock.
 */
class SubscriptionTimeoutTest extends ManualTimeTestBase {
  /** This class keeps the default timeout of 5 s, which the base class raises for the others. */
  @org.junit.jupiter.api.BeforeAll
  static void startSystem() {
    system = io.troupe.actor.ActorSystem.create(io.troupe.actor.Behaviors.<Void>empty(),
        "subscription-timeout", io.troupe.actor.testkit.ManualTime.config());
    time = io.troupe.actor.testkit.ManualTime.get(system);
  }

  @Test
  void groupBySubstreamsNobodyRunsAreCancelledAfterTheTimeoutAndTheStreamGoesOn()
      throws Exception {
    CompletableFuture<List<Source<Integer, NotUsed>>> done =
        Source.from(List.of(1, 2, 3, 4))
            .via(new GroupBy<Integer, Integer>(10, i -> i % 2, false))
            .runWith(Sink.seq(), system)
            .toCompletableFuture();
    // without the timeout the first substream's element would hold the stream forever
    List<Source<Integer, NotUsed>> substreams = advanceUntilDone(done, Duration.ofSeconds(1));
    assertThat(substreams).hasSize(2); // 3 and 4 went to closed keys and were dropped

    CompletableFuture<List<Integer>> late =
        substreams.get(0).runWith(Sink.seq(), system).toCompletableFuture();
    assertThatThrownBy(late::get)
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOf(SubscriptionTimeoutException.class)
        .hasMessageContaining("Substream source groupBy-1 was not materialized within PT5S");
  }

  @Test
  void splitWhenSubstreamsNobodyRunsAreCancelledToo() throws Exception {
    CompletableFuture<List<Source<Integer, NotUsed>>> done =
        Source.from(List.of(1, 2, 3))
            .via(new Split<Integer>(i -> true, false))
            .runWith(Sink.seq(), system)
            .toCompletableFuture();
    assertThat(advanceUntilDone(done, Duration.ofSeconds(1))).hasSize(3);
  }

  @Test
  void aSubstreamRunInTimeIsNotCancelledWhenItsTimerFires() throws Exception {
    Probes.Pub<Integer> pub = new Probes.Pub<>();
    Probes.Sub<Integer> sub = new Probes.Sub<>();
    pub.source().groupBy(2, i -> i % 2).mergeSubstreams().runWith(sub.sink(), system);
    sub.request(10);
    pub.sendNext(1);
    sub.expectNext(1);
    time.timePasses(Duration.ofSeconds(10));
    pub.sendNext(3); // same key, same substream: still open
    sub.expectNext(3);
    pub.sendComplete();
    sub.expectComplete();
  }

  @Test
  void inWarnModeASubstreamNobodyRunsIsReportedAndStillServedWhenRunLate() throws Exception {
    io.troupe.actor.ActorSystem<Void> warnSystem = io.troupe.actor.ActorSystem.create(
        io.troupe.actor.Behaviors.empty(), "subscription-timeout-warn",
        ConfigFactory.parseString("troupe.stream.materializer.subscription-timeout.mode = warn")
            .withFallback(io.troupe.actor.testkit.ManualTime.config()));
    try {
      io.troupe.actor.testkit.ManualTime clock = io.troupe.actor.testkit.ManualTime.get(warnSystem);
      CompletableFuture<List<Source<Integer, NotUsed>>> done =
          Source.from(List.of(1, 2))
              .via(new GroupBy<Integer, Integer>(10, i -> i, false))
              .take(1)
              .runWith(Sink.seq(), warnSystem)
              .toCompletableFuture();
      Source<Integer, NotUsed> first = done.get(10, java.util.concurrent.TimeUnit.SECONDS).get(0);
      io.troupe.actor.testkit.LoggingTestKit.warn(
              "Substream source groupBy-1 was not materialized within PT5S")
          .expect(warnSystem, () -> {
            clock.timePasses(Duration.ofSeconds(6));
            return null;
          });
      assertThat(first.runWith(Sink.seq(), warnSystem).toCompletableFuture()
              .get(10, java.util.concurrent.TimeUnit.SECONDS))
          .containsExactly(1);
    } finally {
      warnSystem.terminate();
      warnSystem.getWhenTerminated().toCompletableFuture()
          .get(20, java.util.concurrent.TimeUnit.SECONDS);
    }
  }

  @Test
  void theSettingsComeFromConfigAndBadValuesNameTheirKey() {
    SubscriptionTimeout defaults = SubscriptionTimeout.fromConfig(ConfigFactory.load());
    assertThat(defaults.mode()).isEqualTo(SubscriptionTimeout.Mode.CANCEL);
    assertThat(defaults.timeout()).isEqualTo(Duration.ofSeconds(5));
    SubscriptionTimeout warn = SubscriptionTimeout.fromConfig(ConfigFactory.parseString(
        "troupe.stream.materializer.subscription-timeout { mode = warn, timeout = 1m }")
        .withFallback(ConfigFactory.load()));
    assertThat(warn).isEqualTo(
        new SubscriptionTimeout(SubscriptionTimeout.Mode.WARN, Duration.ofMinutes(1)));
    assertThatThrownBy(() -> SubscriptionTimeout.fromConfig(ConfigFactory.parseString(
            "troupe.stream.materializer.subscription-timeout.mode = fail")
            .withFallback(ConfigFactory.load())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("troupe.stream.materializer.subscription-timeout.mode must be cancel, warn"
            + " or noop, was fail");
    assertThatThrownBy(() -> SubscriptionTimeout.fromConfig(ConfigFactory.parseString(
            "troupe.stream.materializer.subscription-timeout.timeout = 0s")
            .withFallback(ConfigFactory.load())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("timeout must be positive");
  }
}
