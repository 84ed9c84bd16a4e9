package io.troupe.stream.tck;

import io.troupe.actor.ActorSystem;
import io.troupe.stream.AsPublisher;
import io.troupe.stream.Sink;
import io.troupe.stream.Source;
import java.util.concurrent.Flow;
import org.reactivestreams.tck.flow.FlowPublisherVerification;
import org.testng.SkipException;
import org.testng.annotations.AfterClass;
import org.testng.annotations.BeforeClass;
import org.testng.annotations.Test;

/** The Reactive Streams TCK for {@code Sink.asPublisher(WITHOUT_FANOUT)}. */
public class AsPublisherTest extends FlowPublisherVerification<Long> {
  private ActorSystem<Void> system;

  public AsPublisherTest() {
    super(TckSupport.environment(), TckSupport.PUBLISHER_REFERENCE_GC_TIMEOUT_MILLIS);
  }

  @BeforeClass
  public void startSystem() {
    system = TckSupport.startSystem("tck-as-publisher");
  }

  @AfterClass(alwaysRun = true)
  public void stopSystem() throws Exception {
    TckSupport.stopSystem(system);
  }

  @Override
  public Flow.Publisher<Long> createFlowPublisher(long elements) {
    return TckSupport.numbers(elements)
        .runWith(Sink.asPublisher(AsPublisher.WITHOUT_FANOUT), system);
  }

  @Override
  public Flow.Publisher<Long> createFailedFlowPublisher() {
    return Source.<Long>failed(new RuntimeException("TCK: a failed publisher"))
        .runWith(Sink.asPublisher(AsPublisher.WITHOUT_FANOUT), system);
  }

  // Optional rule 1.11: a unicast publisher serves one subscriber, so the multi-subscriber rules
  // do not apply; AsPublisherFanoutTest runs them against Sink.asPublisher(WITH_FANOUT).

  private static SkipException unicast() {
    return new SkipException(
        "optional rule 1.11 does not apply: Sink.asPublisher(WITHOUT_FANOUT) serves exactly one subscriber by design (as in"
            + " Pekko); a second one gets onSubscribe, then onError(IllegalStateException)."
            + " The fan-out variant passes these rules.");
  }

  @Override
  @Test
  public void optional_spec111_maySupportMultiSubscribe() {
    throw unicast();
  }

  @Override
  @Test
  public void optional_spec111_registeredSubscribersMustReceiveOnNextOrOnCompleteSignals() {
    throw unicast();
  }

  @Override
  @Test
  public void optional_spec111_multicast_mustProduceTheSameElementsInTheSameSequenceToAllOfItsSubscribersWhenRequestingOneByOne() {
    throw unicast();
  }

  @Override
  @Test
  public void optional_spec111_multicast_mustProduceTheSameElementsInTheSameSequenceToAllOfItsSubscribersWhenRequestingManyUpfront() {
    throw unicast();
  }

  @Override
  @Test
  public void optional_spec111_multicast_mustProduceTheSameElementsInTheSameSequenceToAllOfItsSubscribersWhenRequestingManyUpfrontAndCompleteAsExpected() {
    throw unicast();
  }
}
