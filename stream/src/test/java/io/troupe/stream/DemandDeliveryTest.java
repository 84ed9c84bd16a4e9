package io.troupe.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.troupe.stream.stage.GraphStage;
import io.troupe.stream.stage.GraphStageLogic;
import io.troupe.stream.stage.InHandler;
import io.troupe.stream.stage.OutHandler;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** One pull from downstream reaches a stage's {@code onPull} once, however it was delivered. */
class DemandDeliveryTest extends StreamTestBase {

  /**
   * Emits each element twice, the second copy at once when downstream already asked again from
   * inside the first push (a sink pulls in its {@code onPush}); counts {@code onPull} calls that
   * arrive without new demand, which would make it pull its inlet twice.
   */
  static final class Twice<T> extends GraphStage<FlowShape<T, T>> {
    final Inlet<T> in = Inlet.create("twice.in");
    final Outlet<T> out = Outlet.create("twice.out");
    final AtomicInteger pullsWithoutDemand = new AtomicInteger();

    @Override
    public FlowShape<T, T> shape() {
      return FlowShape.of(in, out);
    }

    @Override
    public GraphStageLogic createLogic(Attributes attrs) {
      return new Logic();
    }

    final class Logic extends GraphStageLogic implements InHandler, OutHandler {
      private T pending;

      Logic() {
        super(shape());
        setHandlers(in, out, this);
      }

      @Override
      public void onPush() {
        T e = grab(in);
        push(out, e);
        if (isAvailable(out)) {
          push(out, e); // downstream asked again while the first copy was delivered
        } else {
          pending = e;
        }
      }

      @Override
      public void onPull() {
        if (!isAvailable(out)) {
          pullsWithoutDemand.incrementAndGet();
          return;
        }
        if (pending != null) {
          T e = pending;
          pending = null;
          push(out, e);
        } else if (!hasBeenPulled(in)) {
          pull(in);
        } else {
          pullsWithoutDemand.incrementAndGet(); // the same demand delivered a second time
        }
      }
    }
  }

  @Test
  void aPushFromInsideAHandlerAnswersTheQueuedPullSoItIsNotDeliveredAgain() throws Exception {
    Twice<Integer> twice = new Twice<>();
    List<Integer> out = await(Source.range(1, 50).via(twice).runWith(Sink.seq(), system));

    assertThat(out).hasSize(100);
    assertThat(out.subList(0, 6)).containsExactly(1, 1, 2, 2, 3, 3);
    assertThat(twice.pullsWithoutDemand).hasValue(0);
  }
}
