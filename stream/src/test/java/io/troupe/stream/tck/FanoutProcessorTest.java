package io.troupe.stream.tck;

import io.troupe.actor.ActorSystem;
import io.troupe.stream.AsPublisher;
import io.troupe.stream.Attributes;
import io.troupe.stream.Keep;
import io.troupe.stream.Sink;
import io.troupe.stream.Source;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import org.reactivestreams.tck.flow.IdentityFlowProcessorVerification;
import org.testng.annotations.AfterClass;
import org.testng.annotations.BeforeClass;

/**
 * The Reactive Streams TCK for a processor made of {@code Source.asSubscriber()} and {@code
 * Sink.asPublisher(WITH_FANOUT)}: the processor rules that need several subscribers, which the
 * unicast {@code Flow.toProcessor()} cannot run ({@link ToProcessorTest}).
 */
public class FanoutProcessorTest extends IdentityFlowProcessorVerification<Integer> {
  private ActorSystem<Void> system;
  private ExecutorService helperExecutor;

  public FanoutProcessorTest() {
    super(TckSupport.environment(), TckSupport.PUBLISHER_REFERENCE_GC_TIMEOUT_MILLIS);
  }

  @BeforeClass
  public void startSystem() {
    system = TckSupport.startSystem("tck-fanout-processor");
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
  protected Flow.Processor<Integer, Integer> createIdentityFlowProcessor(int bufferSize) {
    return Source.<Integer>asSubscriber()
        .toMat(Sink.<Integer>asPublisher(AsPublisher.WITH_FANOUT), Keep.both())
        .withAttributes(Attributes.inputBuffer(bufferSize, bufferSize))
        .mapMaterializedValue(p -> new JoinedProcessor<>(p.first(), p.second()))
        .run(system);
  }

  @Override
  protected Flow.Publisher<Integer> createFailedFlowPublisher() {
    return Source.<Integer>failed(new RuntimeException("TCK: a failed publisher"))
        .runWith(Sink.asPublisher(AsPublisher.WITH_FANOUT), system);
  }

  @Override
  public ExecutorService publisherExecutorService() {
    return helperExecutor;
  }

  @Override
  public Integer createElement(int element) {
    return element;
  }

  /** A subscriber and a publisher seen as one processor. */
  private record JoinedProcessor<T>(Flow.Subscriber<T> in, Flow.Publisher<T> out)
      implements Flow.Processor<T, T> {
    @Override
    public void subscribe(Flow.Subscriber<? super T> subscriber) {
      out.subscribe(subscriber);
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      in.onSubscribe(subscription);
    }

    @Override
    public void onNext(T item) {
      in.onNext(item);
    }

    @Override
    public void onError(Throwable throwable) {
      in.onError(throwable);
    }

    @Override
    public void onComplete() {
      in.onComplete();
    }
  }
}
