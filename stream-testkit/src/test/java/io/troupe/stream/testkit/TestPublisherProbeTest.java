package io.troupe.stream.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigFactory;
import io.troupe.actor.ActorSystem;
import io.troupe.actor.Behaviors;
import io.troupe.japi.Pair;
import io.troupe.stream.Keep;
import io.troupe.stream.Sink;
import io.troupe.stream.Source;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The publisher probes under Pekko's names: {@code TestPublisher.probe(system)}, {@code
 * manualProbe(system)} and {@code TestSource.create(system)}, what they send and expect and how
 * they fail. The system is configured with a short expect timeout so that timeouts are quick.
 */
class TestPublisherProbeTest {
  static ActorSystem<Void> system;

  @BeforeAll
  static void start() {
    system =
        ActorSystem.create(
            Behaviors.empty(),
            "publisher-probe-test",
            ConfigFactory.parseString("troupe.stream.testkit.expect-timeout = 300 ms")
                .withFallback(ConfigFactory.load()));
  }

  @AfterAll
  static void stop() throws Exception {
    system.terminate();
    system.getWhenTerminated().toCompletableFuture().get(20, TimeUnit.SECONDS);
  }

  private static <T> T await(CompletionStage<T> stage) throws Exception {
    return stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void probeSendsWhatWasRequestedAndCompletes() throws Exception {
    TestPublisher.Probe<Integer> probe = TestPublisher.probe(system);
    CompletionStage<List<Integer>> seq = Source.fromPublisher(probe).runWith(Sink.seq(), system);
    probe.sendNext(1).sendNext(2, 3).sendComplete();
    assertThat(await(seq)).containsExactly(1, 2, 3);
  }

  @Test
  void sendErrorFailsTheStream() throws Exception {
    TestPublisher.Probe<Integer> probe = TestPublisher.probe(system);
    CompletionStage<List<Integer>> seq = Source.fromPublisher(probe).runWith(Sink.seq(), system);
    IllegalStateException boom = new IllegalStateException("boom");
    probe.sendError(boom);
    assertThatThrownBy(() -> await(seq)).hasCause(boom);
  }

  @Test
  void expectRequestSeesTheDownstreamDemand() {
    Pair<TestPublisher.Probe<Integer>, TestSubscriber.Probe<Integer>> p =
        TestSource.<Integer>create(system).toMat(TestSink.create(system), Keep.both()).run(system);
    TestPublisher.Probe<Integer> pub = p.first();
    // the source requests a batch of its input buffer size (16) as soon as it starts
    assertThat(pub.expectRequest()).isEqualTo(16);
    assertThat(pub.pending()).isEqualTo(16);
    pub.sendNext(1);
    assertThat(pub.pending()).isEqualTo(15);
    p.second().request(1).expectNext(1);
    pub.sendComplete();
    p.second().expectComplete();
  }

  @Test
  void expectRequestOfACountSaysWhatCameInstead() {
    TestPublisher.Probe<Integer> pub =
        TestSource.<Integer>create(system).to(Sink.ignore()).run(system);
    assertThatThrownBy(() -> pub.expectRequest(3))
        .isInstanceOf(AssertionError.class)
        .hasMessage("expected a request for 3, got a request for 16");
    pub.sendComplete();
  }

  @Test
  void expectCancellationAfterTheDownstreamCancels() {
    Pair<TestPublisher.Probe<Integer>, TestSubscriber.Probe<Integer>> p =
        TestSource.<Integer>create(system).toMat(TestSink.create(system), Keep.both()).run(system);
    p.second().cancel();
    p.first().expectCancellation();
  }

  @Test
  void expectCancellationTimesOutWhenNobodyCancels() {
    TestPublisher.Probe<Integer> pub =
        TestSource.<Integer>create(system).to(Sink.ignore()).run(system);
    assertThatThrownBy(pub::expectCancellation)
        .isInstanceOf(AssertionError.class)
        .hasMessage("timeout (PT0.3S) while expecting cancellation");
    pub.sendComplete();
  }

  @Test
  void expectRequestTimesOutWithoutDemand() {
    TestPublisher.Probe<Integer> pub = TestPublisher.probe(system);
    TestSubscriber.ManualProbe<Integer> sub = TestSubscriber.manualProbe(system);
    pub.subscribe(sub);
    sub.expectSubscription();
    assertThatThrownBy(pub::expectRequest)
        .isInstanceOf(AssertionError.class)
        .hasMessage("timeout (PT0.3S) while expecting a request");
  }

  @Test
  void initialPendingRequestsLetTheProbeSendWithoutARequest() {
    TestPublisher.Probe<Integer> pub = TestPublisher.probe(1, system);
    TestSubscriber.ManualProbe<Integer> sub = TestSubscriber.manualProbe(system);
    pub.subscribe(sub);
    pub.sendNext(42); // the subscriber never requested: a rule violation the test asked for
    sub.expectSubscription();
    sub.expectNext(42);
    assertThat(pub.pending()).isZero();
    assertThatThrownBy(() -> TestPublisher.probe(-1, system))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("initialPendingRequests must be >= 0, was -1");
  }

  @Test
  void probeRejectsASecondSubscriber() {
    TestPublisher.Probe<Integer> pub = TestPublisher.probe(system);
    TestSubscriber.ManualProbe<Integer> first = TestSubscriber.manualProbe(system);
    TestSubscriber.ManualProbe<Integer> second = TestSubscriber.manualProbe(system);
    pub.subscribe(first);
    pub.subscribe(second);
    assertThat(second.expectSubscriptionAndError())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("a TestPublisher.Probe accepts only one subscriber");
    first.expectSubscription();
  }

  @Test
  void manualProbeHandsOutOneSubscriptionPerSubscriber() {
    TestPublisher.ManualProbe<String> pub = TestPublisher.manualProbe(system);
    TestSubscriber.Probe<String> a = TestSubscriber.probe(system);
    TestSubscriber.Probe<String> b = TestSubscriber.probe(system);
    pub.subscribe(a);
    pub.subscribe(b);
    TestPublisher.PublisherProbeSubscription<String> sa = pub.expectSubscription();
    TestPublisher.PublisherProbeSubscription<String> sb = pub.expectSubscription();
    assertThat(sa.subscriber()).isSameAs(a);
    assertThat(sb.subscriber()).isSameAs(b);

    a.request(2);
    pub.expectRequest(sa, 2);
    sa.sendNext("x").sendNext("y").sendComplete();
    a.expectNext("x", "y").expectComplete();

    b.cancel();
    sb.expectCancellation();
    pub.expectNoMessage(Duration.ofMillis(50));
  }

  @Test
  void manualProbeExpectationsNameTheEventThatCameInstead() {
    TestPublisher.ManualProbe<String> pub = TestPublisher.manualProbe(system);
    TestSubscriber.Probe<String> a = TestSubscriber.probe(system);
    pub.subscribe(a);
    TestPublisher.PublisherProbeSubscription<String> sa = pub.expectSubscription();
    a.cancel();
    assertThatThrownBy(sa::expectRequest)
        .isInstanceOf(AssertionError.class)
        .hasMessage("expected a request, got CancelSubscription");
    a.cancel(); // a second cancellation is recorded too
    assertThatThrownBy(pub::expectSubscription)
        .isInstanceOf(AssertionError.class)
        .hasMessage("expected a subscription, got CancelSubscription");
  }

  @Test
  void manualProbeWithoutAutoOnSubscribeLetsTheTestSubscribe() {
    TestPublisher.ManualProbe<Integer> pub = TestPublisher.manualProbe(false, system);
    TestSubscriber.ManualProbe<Integer> sub = TestSubscriber.manualProbe(system);
    pub.subscribe(sub);
    TestPublisher.PublisherProbeSubscription<Integer> s = pub.expectSubscription();
    sub.expectNoMessage(Duration.ofMillis(50)); // no onSubscribe yet
    s.sendOnSubscribe();
    sub.expectSubscription().request(1);
    s.expectRequest(1).sendNext(7);
    sub.expectNext(7);
  }

  @Test
  void subscribingNullIsRejected() {
    TestPublisher.Probe<Integer> pub = TestPublisher.probe(system);
    assertThatThrownBy(() -> pub.subscribe(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("subscriber");
  }
}
