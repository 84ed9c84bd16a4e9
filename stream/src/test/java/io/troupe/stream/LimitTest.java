package io.troupe.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** limit and limitWeighted: a bounded stream passes, one element too many fails it. */
class LimitTest extends StreamTestBase {

  @Test
  void limitPassesAStreamWithinTheLimit() throws Exception {
    assertThat(await(Source.range(1, 3).limit(3).runWith(Sink.seq(), system))).containsExactly(1, 2, 3);
    assertThat(await(Source.<Integer>empty().limit(0).runWith(Sink.seq(), system))).isEmpty();
  }

  @Test
  void limitFailsOnTheFirstElementPastTheLimitAndCancelsUpstream() throws Exception {
    Probes.Pub<Integer> pub = new Probes.Pub<>();
    Probes.Sub<Integer> sub = new Probes.Sub<>();
    pub.source().limit(2).runWith(sub.sink(), system);
    sub.request(10);
    pub.sendNext(1).sendNext(2);
    sub.expectNext(1, 2);
    pub.sendNext(3);
    assertThat(sub.expectError()).isInstanceOf(StreamLimitReachedException.class).hasMessage("limit of 2 reached");
    pub.expectCancellation();
  }

  @Test
  void limitZeroFailsOnAnyElement() throws Exception {
    assertThat(awaitFailure(Source.single(1).limit(0).runWith(Sink.seq(), system)))
        .isInstanceOf(StreamLimitReachedException.class)
        .hasMessage("limit of 0 reached");
  }

  @Test
  void limitBackpressuresAndPassesCompletionFailureAndCancellation() throws Exception {
    Probes.Pub<Integer> pub = new Probes.Pub<>();
    Probes.Sub<Integer> sub = new Probes.Sub<>();
    pub.source().limit(5).runWith(sub.sink(), system);
    sub.request(1);
    pub.sendNext(1).sendNext(2);
    sub.expectNext(1);
    // one element asked for, one passed: the second waits for demand
    assertThat(sub.nothingYet()).isTrue();
    sub.request(1);
    sub.expectNext(2);
    pub.sendComplete();
    sub.expectComplete();

    Probes.Pub<Integer> pub2 = new Probes.Pub<>();
    Probes.Sub<Integer> sub2 = new Probes.Sub<>();
    pub2.source().limit(5).runWith(sub2.sink(), system);
    sub2.request(1);
    pub2.sendError(new IllegalStateException("boom"));
    assertThat(sub2.expectError()).hasMessage("boom");

    Probes.Pub<Integer> pub3 = new Probes.Pub<>();
    Probes.Sub<Integer> sub3 = new Probes.Sub<>();
    pub3.source().limitWeighted(5, i -> 1L).runWith(sub3.sink(), system);
    sub3.request(1);
    pub3.sendNext(1);
    sub3.expectNext(1);
    sub3.cancel();
    pub3.expectCancellation();
  }

  @Test
  void limitWeightedCountsTheCostOfEachElement() throws Exception {
    assertThat(
            await(Source.from(List.of("ab", "cde")).limitWeighted(5, s -> (long) s.length()).runWith(Sink.seq(), system)))
        .containsExactly("ab", "cde");
    Probes.Sub<String> sub = new Probes.Sub<>();
    Source.from(List.of("ab", "cde", "f")).limitWeighted(5, s -> (long) s.length()).runWith(sub.sink(), system);
    sub.request(10);
    sub.expectNext("ab", "cde");
    assertThat(sub.expectError()).isInstanceOf(StreamLimitReachedException.class).hasMessage("limit of 5 reached");
  }

  @Test
  void limitWeightedFailsOnANegativeCostWhateverTheSupervision() throws Exception {
    assertThat(
            awaitFailure(
                Source.single("x")
                    .limitWeighted(5, s -> -1L)
                    .withAttributes(ActorAttributes.withSupervisionStrategy(Supervision.getResumingDecider()))
                    .runWith(Sink.seq(), system)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("limitWeighted: cost of element x must be >= 0, was -1");
  }

  @Test
  void limitWeightedConsultsSupervisionWhenTheCostFunctionThrows() throws Exception {
    Source<String, ?> s =
        Source.from(List.of("aa", "bad", "bb", "c"))
            .limitWeighted(5, e -> {
              if (e.equals("bad")) {
                throw new IllegalArgumentException("no cost for bad");
              }
              return (long) e.length();
            });
    assertThat(awaitFailure(s.runWith(Sink.seq(), system)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("no cost for bad");
    // resume: "bad" is skipped, the total goes on: 2 + 2 + 1
    assertThat(
            await(
                s.withAttributes(ActorAttributes.withSupervisionStrategy(Supervision.getResumingDecider()))
                    .runWith(Sink.seq(), system)))
        .containsExactly("aa", "bb", "c");
    // restart: the total starts again after "bad"
    assertThat(
            await(
                Source.from(List.of("aaaa", "bad", "bbbb", "c"))
                    .limitWeighted(5, e -> {
                      if (e.equals("bad")) {
                        throw new IllegalArgumentException("no cost for bad");
                      }
                      return (long) e.length();
                    })
                    .withAttributes(ActorAttributes.withSupervisionStrategy(Supervision.getRestartingDecider()))
                    .runWith(Sink.seq(), system)))
        .containsExactly("aaaa", "bbbb", "c");
  }

  @Test
  void eachSubstreamHasALimitOfItsOwn() throws Exception {
    assertThat(
            await(
                Source.range(1, 6)
                    .groupBy(2, i -> i % 2)
                    .limit(3)
                    .mergeSubstreams()
                    .runWith(Sink.seq(), system)))
        .containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6);
    assertThat(
            awaitFailure(
                Source.range(1, 6)
                    .via(Flow.<Integer>create().groupBy(2, i -> i % 2).limitWeighted(4, i -> 2L).mergeSubstreams())
                    .runWith(Sink.seq(), system)))
        .isInstanceOf(StreamLimitReachedException.class)
        .hasMessage("limit of 4 reached");
    assertThat(
            await(
                Source.range(1, 6)
                    .via(Flow.<Integer>create().splitWhen(i -> i == 4).limit(3).limitWeighted(3, i -> 1L).concatSubstreams())
                    .runWith(Sink.seq(), system)))
        .containsExactly(1, 2, 3, 4, 5, 6);
  }

  @Test
  void rejectsBadArguments() {
    assertThatThrownBy(() -> Source.single(1).limit(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("limit: n must be >= 0, was -1");
    assertThatThrownBy(() -> Flow.<Integer>create().limitWeighted(-3, i -> 1L))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("limitWeighted: n must be >= 0, was -3");
    assertThatThrownBy(() -> Source.single(1).limitWeighted(3, null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("costFn");
  }
}
