package io.troupe.stream.tck;

import io.troupe.actor.ActorSystem;
import io.troupe.stream.AsPublisher;
import io.troupe.stream.Attributes;
import io.troupe.stream.Flow;
import io.troupe.stream.Sink;
import io.troupe.stream.Source;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.reactivestreams.tck.flow.IdentityFlowProcessorVerification;
import org.testng.annotations.AfterClass;
import org.testng.SkipException;
import org.testng.annotations.BeforeClass;
import org.testng.annotations.Test;

/**
 * The Reactive Streams TCK (processor, publisher and white-box subscriber rules) for {@code
 * Flow.toProcessor()}.
 *
 * <p>The processor's publisher side is unicast, as in Pekko, so {@link #maxSupportedSubscribers()}
 * is 1: the TCK then skips the two processor rules that need two subscribers, and the optional
 * multi-subscriber rules are skipped below with the reason. {@link FanoutProcessorTest} runs all
 * of them against a processor whose publisher side fans out.
 */
public class ToProcessorTest extends IdentityFlowProcessorVerification<Integer> {
  private ActorSystem<Void> system;
  private ExecutorService helperExecutor;

  public ToProcessorTest() {
    super(TckSupport.environment(), TckSupport.PUBLISHER_REFERENCE_GC_TIMEOUT_MILLIS);
  }

  @BeforeClass
  public void startSystem() {
    system = TckSupport.startSystem("tck-to-processor");
    helperExecutor = Executors.newCachedThreadPool();
  }

  @AfterClass(alwaysRun = true)
  public void stopSystem() throws Exception {
    if (helperExecutor != null) {
      helperExecutor.shutdownNow();
    }
    TckSupport.stopSystem(system);
  }

  @Override
  protected java.util.concurrent.Flow.Processor<Integer, Integer> createIdentityFlowProcessor(
      int bufferSize) {
    return Flow.<Integer>create()
        .toProcessor()
        .withAttributes(Attributes.inputBuffer(bufferSize, bufferSize))
        .run(system);
  }

  @Override
  protected java.util.concurrent.Flow.Publisher<Integer> createFailedFlowPublisher() {
    return Source.<Integer>failed(new RuntimeException("TCK: a failed publisher"))
        .runWith(Sink.asPublisher(AsPublisher.WITHOUT_FANOUT), system);
  }

  @Override
  public ExecutorService publisherExecutorService() {
    return helperExecutor;
  }

  @Override
  public long maxSupportedSubscribers() {
    return 1;
  }

  @Override
  public Integer createElement(int element) {
    return element;
  }

  // Optional rule 1.11: a unicast publisher serves one subscriber, so the multi-subscriber rules
  // do not apply; AsPublisherFanoutTest runs them against Sink.asPublisher(WITH_FANOUT).

  private static SkipException unicast() {
    return new SkipException(
        "optional rule 1.11 does not apply: the publisher side of Flow.toProcessor() serves exactly one subscriber by design (as in"
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
