package io.troupe.stream.internal.ops;

import io.troupe.actor.NotUsed;
import io.troupe.stream.Attributes;
import io.troupe.stream.Graph;
import io.troupe.stream.Inlet;
import io.troupe.stream.SinkShape;
import io.troupe.stream.Source;
import io.troupe.stream.SourceShape;
import io.troupe.stream.stage.GraphStage;
import io.troupe.stream.stage.GraphStageLogic;
import io.troupe.stream.stage.InHandler;

/**
 * A sink that runs each source it receives into a fresh materialization of a sink: how {@code
 * SubSource.to} runs every substream into its own sink. Internal API.
 */
public final class RunEachSink<T> extends GraphStage<SinkShape<Source<T, NotUsed>>> {
  private final Graph<SinkShape<T>, ?> sink;
  private final Inlet<Source<T, NotUsed>> in = Inlet.create("runEach.in");
  private final SinkShape<Source<T, NotUsed>> shape = SinkShape.of(in);

  /** The stage. */
  public RunEachSink(Graph<SinkShape<T>, ?> sink) {
    this.sink = sink;
  }

  @Override
  public SinkShape<Source<T, NotUsed>> shape() {
    return shape;
  }

  @Override
  protected Attributes initialAttributes() {
    return Attributes.name("runEach");
  }

  @Override
  public GraphStageLogic createLogic(Attributes attrs) {
    return new GraphStageLogic(shape) {
      {
        setHandler(
            in,
            () -> {
              Graph<SourceShape<T>, ?> s = grab(in);
              Source.fromGraph(s).to(sink).run(materializer());
              pull(in);
            });
      }

      @Override
      public void preStart() {
        pull(in);
      }
    };
  }
}
