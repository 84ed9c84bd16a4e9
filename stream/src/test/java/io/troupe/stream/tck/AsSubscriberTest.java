package io.troupe.stream.tck;

import io.troupe.actor.ActorSystem;
import io.troupe.stream.Sink;
import io.troupe.stream.Source;
import java.util.concurrent.Flow;
import org.reactivestreams.tck.flow.FlowSubscriberBlackboxVerification;
import org.testng.annotations.AfterClass;
import org.testng.annotations.BeforeClass;

/**
 * The Reactive Streams TCK (black-box subscriber rules) for {@code Source.asSubscriber()}, run into
 * a sink that takes everything. The white-box subscriber rules run against the same subscriber
 * inside {@code Flow.toProcessor()} ({@link ToProcessorTest}).
 */
public class AsSubscriberTest extends FlowSubscriberBlackboxVerification<Integer> {
  private ActorSystem<Void> system;

  public AsSubscriberTest() {
    super(TckSupport.environment());
  }

  @BeforeClass
  public void startSystem() {
    system = TckSupport.startSystem("tck-as-subscriber");
  }

  @AfterClass(alwaysRun = true)
  public void stopSystem() throws Exception {
    TckSupport.stopSystem(system);
  }

  @Override
  public Flow.Subscriber<Integer> createFlowSubscriber() {
    return Source.<Integer>asSubscriber().to(Sink.ignore()).run(system);
  }

  @Override
  public Integer createElement(int element) {
    return element;
  }
}
