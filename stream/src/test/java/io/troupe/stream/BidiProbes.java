package io.troupe.stream;

import io.troupe.actor.ActorSystem;

/** Manual-demand probes on all four open ports of a bidi flow, wired with {@link GraphDSL}. */
final class BidiProbes {
  private BidiProbes() {}

  /** Probes on all four open ports of a bidi flow, and its materialized value. */
  record Ports<I1, O1, I2, O2, M>(
      Probes.Pub<I1> in1, Probes.Sub<O1> out1, Probes.Pub<I2> in2, Probes.Sub<O2> out2, M mat) {}

  static <I1, O1, I2, O2, M> Ports<I1, O1, I2, O2, M> probe(
      Graph<BidiShape<I1, O1, I2, O2>, M> bidi, ActorSystem<?> system) {
    Probes.Pub<I1> in1 = new Probes.Pub<>();
    Probes.Sub<O1> out1 = new Probes.Sub<>();
    Probes.Pub<I2> in2 = new Probes.Pub<>();
    Probes.Sub<O2> out2 = new Probes.Sub<>();
    M mat =
        RunnableGraph.fromGraph(
                GraphDSL.create(
                    bidi,
                    (b, s) -> {
                      b.from(b.add(in1.source())).to(s.in1());
                      b.from(s.out1()).to(b.add(out1.sink()));
                      b.from(b.add(in2.source())).to(s.in2());
                      b.from(s.out2()).to(b.add(out2.sink()));
                      return ClosedShape.getInstance();
                    }))
            .run(system);
    return new Ports<>(in1, out1, in2, out2, mat);
  }

}
