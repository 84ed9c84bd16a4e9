package io.troupe.stream.tck;

import io.troupe.actor.ActorSystem;
import io.troupe.stream.Sink;
import io.troupe.stream.Source;
import java.util.concurrent.Flow;
import org.reactivestreams.tck.flow.FlowPublisherVerification;
import org.testng.annotations.AfterClass;
import org.testng.annotations.BeforeClass;

/**
 * The Reactive Streams TCK for {@code Sink.fromSubscriber}: the publisher under test runs a stream
 * into {@code Sink.fromSubscriber(subscriber)} for each subscriber, so every publisher rule checks
 * how that sink treats the subscriber it was given.
 */
public class FromSubscriberTest extends FlowPublisherVerification<Long> {
  private ActorSystem<Void> system;

  public FromSubscriberTest() {
    super(TckSupport.environment(), TckSupport.PUBLISHER_REFERENCE_GC_TIMEOUT_MILLIS);
  }

  @BeforeClass
  public void startSystem() {
    system = TckSupport.startSystem("tck-from-subscriber");
  }

  @AfterClass(alwaysRun = true)
  public void stopSystem() throws Exception {
    TckSupport.stopSystem(system);
  }

  @SuppressWarnings("unchecked") // a subscriber of a supertype of Long takes Longs
  private static Flow.Subscriber<Long> narrow(Flow.Subscriber<? super Long> subscriber) {
    return (Flow.Subscriber<Long>) subscriber;
  }

  @Override
  public Flow.Publisher<Long> createFlowPublisher(long elements) {
    return subscriber ->
        TckSupport.numbers(elements).runWith(Sink.fromSubscriber(narrow(subscriber)), system);
  }

  @Override
  public Flow.Publisher<Long> createFailedFlowPublisher() {
    return subscriber ->
        Source.<Long>failed(new RuntimeException("TCK: a failed publisher"))
            .runWith(Sink.fromSubscriber(narrow(subscriber)), system);
  }
}
