package io.troupe.stream.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigFactory;
import io.troupe.actor.ActorSystem;
import io.troupe.actor.Behaviors;
import io.troupe.stream.AsPublisher;
import io.troupe.stream.Sink;
import io.troupe.stream.Source;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The subscriber probes under Pekko's names: {@code TestSubscriber.probe(system)}, {@code
 * manualProbe(system)} and {@code TestSink.create(system)}, what they expect and how they fail.
 * The system is configured with a short expect timeout so that the timeout failures are quick.
 */
class TestSubscriberProbeTest {
  static ActorSystem<Void> system;

  @BeforeAll
  static void start() {
    system =
        ActorSystem.create(
            Behaviors.empty(),
            "subscriber-probe-test",
            ConfigFactory.parseString("troupe.stream.testkit.expect-timeout = 300 ms")
                .withFallback(ConfigFactory.load()));
  }

  @AfterAll
  static void stop() throws Exception {
    system.terminate();
    system.getWhenTerminated().toCompletableFuture().get(20, TimeUnit.SECONDS);
  }

  @Test
  void probeFromSystemReadsTheExpectTimeoutFromConfig() {
    assertThat(TestSubscriber.<Integer>probe(system).expectTimeout()).isEqualTo(Duration.ofMillis(300));
    assertThat(TestSubscriber.<Integer>probe().expectTimeout()).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void probeRequestsAndExpectsElementsWithVarargsAndThenCompletion() {
    TestSubscriber.Probe<Integer> probe = TestSubscriber.probe(system);
    Source.range(1, 5).runWith(Sink.fromSubscriber(probe), system);
    probe.request(3).expectNext(1, 2, 3).expectNoMessage(Duration.ofMillis(50));
    assertThat(probe.request(2).expectNextN(2)).containsExactly(4, 5);
    probe.expectComplete();
  }

  @Test
  void testSinkCreateIsTheProbeSink() {
    TestSubscriber.Probe<String> probe =
        Source.from(List.of("a", "b", "c")).runWith(TestSink.create(system), system);
    probe.request(3).expectNextN(List.of("a", "b", "c")).expectComplete();
  }

  @Test
  void expectNextReportsTheElementThatCameInstead() {
    TestSubscriber.Probe<Integer> probe = Source.range(1, 2).runWith(TestSink.create(system), system);
    probe.request(2);
    assertThatThrownBy(() -> probe.expectNext(7))
        .isInstanceOf(AssertionError.class)
        .hasMessage("expected OnNext(7), got OnNext(1)");
  }

  @Test
  void varargsExpectNextSaysWhereTheSequenceWentWrong() {
    TestSubscriber.Probe<Integer> probe = Source.range(1, 3).runWith(TestSink.create(system), system);
    probe.request(3);
    assertThatThrownBy(() -> probe.expectNext(1, 2, 4))
        .isInstanceOf(AssertionError.class)
        .hasMessage("expected elements [1, 2, 4]; after [1, 2] expected OnNext(4), got OnNext(3)");
  }

  @Test
  void expectNextNReportsEarlyCompletion() {
    TestSubscriber.Probe<Integer> probe = Source.range(1, 2).runWith(TestSink.create(system), system);
    probe.request(5);
    assertThatThrownBy(() -> probe.expectNextN(3))
        .isInstanceOf(AssertionError.class)
        .hasMessage("expected 3 elements, got 2 [1, 2] and then OnComplete");
  }

  @Test
  void expectNextTimesOutNamingWhatItWaitedFor() {
    TestSubscriber.Probe<Integer> probe = Source.<Integer>maybe().runWith(TestSink.create(system), system);
    probe.request(1);
    assertThatThrownBy(probe::expectNext)
        .isInstanceOf(AssertionError.class)
        .hasMessage("timeout (PT0.3S) while expecting OnNext");
    probe.cancel();
  }

  @Test
  void expectCompleteFailsOnAnElement() {
    TestSubscriber.Probe<Integer> probe = Source.single(9).runWith(TestSink.create(system), system);
    probe.request(1);
    assertThatThrownBy(probe::expectComplete)
        .isInstanceOf(AssertionError.class)
        .hasMessage("expected OnComplete, got OnNext(9)");
  }

  @Test
  void expectErrorReturnsTheCauseAndComparesIt() {
    IllegalStateException boom = new IllegalStateException("boom");
    TestSubscriber.Probe<Integer> probe =
        Source.<Integer>failed(boom).runWith(TestSink.create(system), system);
    assertThat(probe.expectError()).isSameAs(boom);

    TestSubscriber.Probe<Integer> other =
        Source.<Integer>failed(boom).runWith(TestSink.create(system), system);
    assertThatThrownBy(() -> other.expectError(new IllegalStateException("other")))
        .isInstanceOf(AssertionError.class)
        .hasMessageStartingWith("expected OnError(java.lang.IllegalStateException: other), got OnError(")
        .hasCause(boom);
  }

  @Test
  void expectErrorFailsOnCompletion() {
    TestSubscriber.Probe<Integer> probe = Source.<Integer>empty().runWith(TestSink.create(system), system);
    assertThatThrownBy(probe::expectError)
        .isInstanceOf(AssertionError.class)
        .hasMessage("expected OnError, got OnComplete");
  }

  @Test
  void expectSubscriptionAndCompleteForAnEmptyStream() {
    TestSubscriber.ManualProbe<Integer> probe = TestSubscriber.manualProbe(system);
    Source.<Integer>empty().runWith(Sink.fromSubscriber(probe), system);
    probe.expectSubscriptionAndComplete();
  }

  @Test
  void expectSubscriptionAndCompleteFailsWhenAnElementComesFirst() {
    TestSubscriber.ManualProbe<Integer> probe = TestSubscriber.manualProbe(system);
    Flow.Publisher<Integer> publisher =
        Source.single(1).runWith(Sink.asPublisher(AsPublisher.WITHOUT_FANOUT), system);
    publisher.subscribe(
        new Flow.Subscriber<Integer>() {
          @Override
          public void onSubscribe(Flow.Subscription s) {
            probe.onSubscribe(s);
            s.request(1); // the element arrives before completion
          }

          @Override
          public void onNext(Integer item) {
            probe.onNext(item);
          }

          @Override
          public void onError(Throwable t) {
            probe.onError(t);
          }

          @Override
          public void onComplete() {
            probe.onComplete();
          }
        });
    assertThatThrownBy(probe::expectSubscriptionAndComplete)
        .isInstanceOf(AssertionError.class)
        .hasMessage("expected OnComplete, got OnNext(1)");
  }

  @Test
  void manualProbeLeavesDemandToTheTest() {
    TestSubscriber.ManualProbe<Integer> probe = TestSubscriber.manualProbe(system);
    Source.range(1, 3).runWith(Sink.fromSubscriber(probe), system);
    Flow.Subscription subscription = probe.expectSubscription();
    probe.expectNoMessage(Duration.ofMillis(50)); // nothing requested, nothing sent
    subscription.request(2);
    probe.expectNext(1, 2);
    subscription.request(1);
    probe.expectNext(3).expectComplete();
  }

  @Test
  void manualProbeSeesCancellationEndTheStream() throws Exception {
    TestSubscriber.ManualProbe<Integer> probe = TestSubscriber.manualProbe(system);
    java.util.concurrent.CompletionStage<io.troupe.actor.Done> done =
        Source.<Integer>maybe()
            .watchTermination(io.troupe.stream.Keep.right())
            .to(Sink.fromSubscriber(probe))
            .run(system);
    probe.expectSubscription().cancel();
    done.toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void expectEventReturnsEachSignal() {
    TestSubscriber.ManualProbe<Integer> probe = TestSubscriber.manualProbe(system);
    Source.single(5).runWith(Sink.fromSubscriber(probe), system);
    TestSubscriber.SubscriberEvent first = probe.expectEvent();
    assertThat(first).isInstanceOf(TestSubscriber.OnSubscribe.class);
    ((TestSubscriber.OnSubscribe) first).subscription().request(1);
    probe.expectEvent(new TestSubscriber.OnNext(5)).expectEvent(new TestSubscriber.OnComplete());
  }

  @Test
  void expectNoMessageFailsOnASignal() {
    TestSubscriber.Probe<Integer> probe = Source.single(1).runWith(TestSink.create(system), system);
    probe.request(1);
    assertThatThrownBy(() -> probe.expectNoMessage(Duration.ofSeconds(5)))
        .isInstanceOf(AssertionError.class)
        .hasMessage("expected no signal for PT5S, got OnNext(1)");
  }

  @Test
  void requestNextAndToStrict() {
    TestSubscriber.Probe<Integer> probe = Source.range(1, 4).runWith(TestSink.create(system), system);
    assertThat(probe.requestNext()).isEqualTo(1);
    probe.requestNext(2);
    assertThat(probe.toStrict()).containsExactly(3, 4);
  }

  @Test
  void expectNextUnorderedAcceptsAnyOrderButNotAStranger() {
    TestSubscriber.Probe<Integer> probe = Source.range(1, 3).runWith(TestSink.create(system), system);
    probe.request(3).expectNextUnordered(3, 1, 2).expectComplete();

    TestSubscriber.Probe<Integer> other = Source.range(1, 2).runWith(TestSink.create(system), system);
    other.request(2);
    assertThatThrownBy(() -> other.expectNextUnordered(2, 5))
        .isInstanceOf(AssertionError.class)
        .hasMessage("expected one of [2, 5], got OnNext(1)");
  }
}
