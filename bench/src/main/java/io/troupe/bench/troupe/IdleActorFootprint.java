package io.troupe.bench.troupe;

import io.troupe.actor.ActorSystem;
import io.troupe.actor.Behavior;
import io.troupe.actor.Behaviors;
import io.troupe.bench.HeapMeter;
import io.troupe.bench.Rounds;
import java.util.concurrent.CountDownLatch;

/**
 * Heap bytes per idle actor on Troupe: spawns {@value #PARENTS} parents with an equal share of
 * the actors (one million by default, or the number given as the only argument) as children,
 * waits until every child has started, and divides the growth of the heap in use after full
 * collections by the number of actors (children and parents). Run it in a fresh JVM.
 *
 * <p>Each child, once started, waits in a behavior shared by all of them, as a pool of idle
 * workers would. The Pekko twin is {@link io.troupe.bench.pekko.IdleActorFootprint}.
 */
public final class IdleActorFootprint {
  /** The actors' parents. */
  public static final int PARENTS = 1_000;
  /** Idle children by default. */
  public static final int DEFAULT_ACTORS = 1_000_000;
  /** How long spawning may take, in seconds. */
  private static final long SPAWN_BOUND_SECONDS = 300;

  private IdleActorFootprint() {}

  /** What the idle actors accept; nobody sends it. */
  public record Poke() {}

  /** Asks the guardian to spawn the parents, each of which spawns its children. */
  public record SpawnIdle(int parents, int childrenPerParent, Behavior<Poke> child) {}

  private static final Behavior<Poke> IDLE = Behaviors.receiveMessage(poke -> Behaviors.same());

  private static Behavior<Poke> parent(SpawnIdle request) {
    return Behaviors.setup(
        ctx -> {
          for (int i = 0; i < request.childrenPerParent(); i++) {
            ctx.spawnAnonymous(request.child());
          }
          return IDLE;
        });
  }

  private static final Behavior<SpawnIdle> GUARDIAN =
      Behaviors.receive(
          (ctx, request) -> {
            for (int i = 0; i < request.parents(); i++) {
              ctx.spawnAnonymous(parent(request));
            }
            return Behaviors.same();
          });

  /** Prints the footprint of the given number of idle actors (one million by default). */
  public static void main(String[] args) throws InterruptedException {
    int actors = HeapMeter.actorsArgument(args, DEFAULT_ACTORS, PARENTS);
    CountDownLatch started = new CountDownLatch(actors);
    Behavior<Poke> child =
        Behaviors.setup(
            ctx -> {
              started.countDown();
              return IDLE;
            });
    ActorSystem<SpawnIdle> system = TroupeSystems.start(GUARDIAN, "footprint");
    try {
      long before = HeapMeter.usedAfterGc();
      system.tell(new SpawnIdle(PARENTS, actors / PARENTS, child));
      Rounds.await(started, "starting " + actors + " idle actors", SPAWN_BOUND_SECONDS);
      long after = HeapMeter.usedAfterGc();
      long total = (long) actors + PARENTS;
      System.out.println(HeapMeter.summary("troupe", total, after - before));
      System.out.println(HeapMeter.resultLine("troupe", total, after - before));
      System.out.flush();
    } catch (RuntimeException | InterruptedException | Error e) {
      TroupeSystems.terminate(system);
      throw e;
    }
    // Measured. Stopping a million actors one by one would only add time (Pekko takes longer
    // than its shutdown phase timeout), so the JVM ends here, without shutdown hooks, on both
    // sides alike.
    Runtime.getRuntime().halt(0);
  }
}
