package io.troupe.stream.tck;

import io.troupe.actor.ActorSystem;
import io.troupe.stream.AsPublisher;
import io.troupe.stream.Sink;
import io.troupe.stream.Source;
import java.util.concurrent.Flow;
import org.reactivestreams.tck.flow.FlowPublisherVerification;
import org.testng.annotations.AfterClass;
import org.testng.annotations.BeforeClass;

/** The Reactive Streams TCK for {@code Sink.asPublisher(WITH_FANOUT)}. */
public class AsPublisherFanoutTest extends FlowPublisherVerification<Long> {
  private ActorSystem<Void> system;

  public AsPublisherFanoutTest() {
    super(TckSupport.environment(), TckSupport.PUBLISHER_REFERENCE_GC_TIMEOUT_MILLIS);
  }

  @BeforeClass
  public void startSystem() {
    system = TckSupport.startSystem("tck-as-publisher-fanout");
  }

  @AfterClass(alwaysRun = true)
  public void stopSystem() throws Exception {
    TckSupport.stopSystem(system);
  }

  @Override
  public Flow.Publisher<Long> createFlowPublisher(long elements) {
    return TckSupport.numbers(elements).runWith(Sink.asPublisher(AsPublisher.WITH_FANOUT), system);
  }

  @Override
  public Flow.Publisher<Long> createFailedFlowPublisher() {
    return Source.<Long>failed(new RuntimeException("TCK: a failed publisher"))
        .runWith(Sink.asPublisher(AsPublisher.WITH_FANOUT), system);
  }
}
