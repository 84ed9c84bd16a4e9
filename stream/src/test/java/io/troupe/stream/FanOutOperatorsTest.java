package io.troupe.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.troupe.actor.NotUsed;
import io.troupe.japi.Pair;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** wireTap and divertTo. */
class FanOutOperatorsTest extends StreamTestBase {

  // ------------------------------------------------------------------ wireTap

  @Test
  void wireTapSeesEveryElementWhenItKeepsUp() throws Exception {
    Pair<CompletionStage<List<Integer>>, CompletionStage<List<Integer>>> p =
        Source.range(1, 50)
            .wireTapMat(Sink.seq(), Keep.right())
            .toMat(Sink.seq(), Keep.both())
            .run(system);
    assertThat(await(p.second())).hasSize(50);
    assertThat(await(p.first())).hasSize(50).isSorted();
  }

  @Test
  void wireTapNeverBackpressuresAndKeepsOnlyTheLatestForABusyTap() throws Exception {
    Probes.Sub<Integer> tap = new Probes.Sub<>();
    // the tap never asks for anything while the main stream runs to its end
    List<Integer> main = await(Source.range(1, 100).wireTap(tap.sink()).runWith(Sink.seq(), system));
    assertThat(main).hasSize(100);
    tap.request(10);
    tap.expectNext(100);
    tap.expectComplete();
  }

  @Test
  void wireTapProcedureIsCalledForEachElement() throws Exception {
    List<String> seen = new CopyOnWriteArrayList<>();
    Flow<String, String, NotUsed> tapped = Flow.of(String.class).wireTap(seen::add);
    assertThat(await(Source.from(List.of("a", "b", "c")).via(tapped).runWith(Sink.seq(), system)))
        .containsExactly("a", "b", "c");
    // the tap runs in the same island and takes each element before the next one is pulled
    assertThat(seen).containsExactly("a", "b", "c");
  }

  @Test
  void aThrowingTapProcedureEndsTheTapNotTheStream() throws Exception {
    List<Integer> seen = new CopyOnWriteArrayList<>();
    List<Integer> main =
        await(
            Source.range(1, 5)
                .wireTap(i -> {
                  if (i == 2) {
                    throw new IllegalStateException("tap broke");
                  }
                  seen.add(i);
                })
                .runWith(Sink.seq(), system));
    assertThat(main).containsExactly(1, 2, 3, 4, 5);
    assertThat(seen).containsExactly(1);
  }

  @Test
  void wireTapCancellationDoesNotDisturbTheMainStream() throws Exception {
    Probes.Sub<Integer> tap = new Probes.Sub<>();
    Probes.Pub<Integer> pub = new Probes.Pub<>();
    Probes.Sub<Integer> main = new Probes.Sub<>();
    pub.source().wireTap(tap.sink()).runWith(main.sink(), system);
    tap.cancel();
    main.request(3);
    pub.sendNext(1).sendNext(2).sendNext(3);
    main.expectNext(1, 2, 3);
    pub.sendComplete();
    main.expectComplete();
  }

  @Test
  void wireTapFailsBothSidesAndCancelsUpstreamWithMain() throws Exception {
    RuntimeException boom = new RuntimeException("boom");
    Pair<CompletionStage<List<Integer>>, CompletionStage<List<Integer>>> p =
        Source.<Integer>failed(boom).wireTapMat(Sink.seq(), Keep.right()).toMat(Sink.seq(), Keep.both()).run(system);
    assertThat(awaitFailure(p.first())).isSameAs(boom);
    assertThat(awaitFailure(p.second())).isSameAs(boom);

    Probes.Pub<Integer> pub = new Probes.Pub<>();
    Probes.Sub<Integer> tap = new Probes.Sub<>();
    Probes.Sub<Integer> main = new Probes.Sub<>();
    pub.source().wireTap(tap.sink()).runWith(main.sink(), system);
    main.cancel();
    pub.expectCancellation();
    tap.expectComplete();
  }

  @Test
  void wireTapPassesOnlyWhatMainRequests() throws Exception {
    Probes.Sub<Integer> main = new Probes.Sub<>();
    Source.range(1, 1_000_000).wireTap(Sink.ignore()).runWith(main.sink(), system);
    main.request(2);
    main.expectNext(1, 2);
    main.request(1);
    main.expectNext(3);
    main.cancel();
  }

  // ------------------------------------------------------------------ divertTo

  @Test
  void divertToSendsMatchingElementsToTheSink() throws Exception {
    Pair<CompletionStage<List<Integer>>, CompletionStage<List<Integer>>> p =
        Source.range(1, 10)
            .divertToMat(Sink.seq(), i -> i % 3 == 0, Keep.right())
            .toMat(Sink.seq(), Keep.both())
            .run(system);
    assertThat(await(p.first())).containsExactly(3, 6, 9);
    assertThat(await(p.second())).containsExactly(1, 2, 4, 5, 7, 8, 10);
  }

  @Test
  void divertToBackpressuresWhenTheDestinationDoes() throws Exception {
    Probes.Pub<Integer> pub = new Probes.Pub<>();
    Probes.Sub<Integer> diverted = new Probes.Sub<>();
    Probes.Sub<Integer> main = new Probes.Sub<>();
    pub.source().divertTo(diverted.sink(), i -> i < 0).runWith(main.sink(), system);
    main.request(5);
    pub.sendNext(1).sendNext(-1).sendNext(2);
    main.expectNext(1);
    // -1 waits for the diverted sink's demand and holds 2 back
    assertThat(main.nothingYet()).isTrue();
    diverted.request(1);
    assertThat(diverted.expectNext()).isEqualTo(-1);
    main.expectNext(2);
    pub.sendComplete();
    main.expectComplete();
    diverted.expectComplete();
  }

  @Test
  void divertToCancelsWhenEitherDownstreamCancels() throws Exception {
    Probes.Pub<Integer> pub = new Probes.Pub<>();
    Probes.Sub<Integer> diverted = new Probes.Sub<>();
    Probes.Sub<Integer> main = new Probes.Sub<>();
    pub.source().divertTo(diverted.sink(), i -> i < 0).runWith(main.sink(), system);
    diverted.cancel();
    pub.expectCancellation();
    main.expectComplete();
  }

  @Test
  void divertToFailsBothSidesOnUpstreamOrPredicateFailure() throws Exception {
    Pair<CompletionStage<List<Integer>>, CompletionStage<List<Integer>>> p =
        Source.range(1, 3)
            .divertToMat(
                Sink.seq(),
                i -> {
                  if (i == 2) {
                    throw new IllegalStateException("at 2");
                  }
                  return false;
                },
                Keep.right())
            .toMat(Sink.seq(), Keep.both())
            .run(system);
    assertThat(awaitFailure(p.first())).hasMessage("at 2");
    assertThat(awaitFailure(p.second())).hasMessage("at 2");
  }

  @Test
  void divertToAndWireTapRejectNulls() {
    assertThatThrownBy(() -> Source.range(1, 2).divertTo(null, i -> true))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("that");
    assertThatThrownBy(() -> Source.range(1, 2).divertTo(Sink.ignore(), null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("when");
    assertThatThrownBy(() -> Flow.of(Integer.class).wireTap((Graph<SinkShape<Integer>, ?>) null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("that");
  }
}
