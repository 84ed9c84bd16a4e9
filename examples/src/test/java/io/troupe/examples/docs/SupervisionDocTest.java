package io.troupe.examples.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.troupe.actor.ActorRef;
import io.troupe.actor.ActorSystem;
import io.troupe.actor.Behavior;
import io.troupe.actor.Behaviors;
import io.troupe.actor.ChildFailed;
import io.troupe.actor.PostStop;
import io.troupe.actor.PreRestart;
import io.troupe.actor.SupervisorStrategy;
import io.troupe.actor.Terminated;
import io.troupe.examples.TestInbox;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The examples of the supervision and death-watch sections of docs/actors.md. */
class SupervisionDocTest {
  private final ActorSystem<Void> system = ActorSystem.create("supervision");

  @AfterEach
  void shutdown() throws Exception {
    TestInbox.shutdown(system);
  }

  public sealed interface Command {}

  public record Add(int amount) implements Command {}

  public record Get(ActorRef<Integer> replyTo) implements Command {}

  public record Fail(RuntimeException error) implements Command {}

  static Behavior<Command> total(int sum) {
    return Behaviors.receive(Command.class)
        .onMessage(Add.class, m -> total(sum + m.amount()))
        .onMessage(Get.class, m -> {
          m.replyTo().tell(sum);
          return Behaviors.same();
        })
        .onMessage(Fail.class, m -> {
          throw m.error();
        })
        .build();
  }

  private int sumAfterFailure(Behavior<Command> supervised, RuntimeException failure) throws Exception {
    ActorRef<Command> ref = system.systemActorOf(supervised, "total-" + System.nanoTime());
    TestInbox<Integer> inbox = TestInbox.create(system);
    ref.tell(new Add(5));
    ref.tell(new Fail(failure));
    ref.tell(new Add(1));
    ref.tell(new Get(inbox.ref()));
    return inbox.receive();
  }

  @Test
  void restartStartsOverAndResumeKeepsTheState() throws Exception {
    // #supervise
    Behavior<Command> restarting = Behaviors.supervise(total(0))
        .onFailure(IllegalStateException.class, SupervisorStrategy.restart());

    Behavior<Command> resuming = Behaviors.supervise(total(0))
        .onFailure(IllegalArgumentException.class, SupervisorStrategy.resume());

    Behavior<Command> limited = Behaviors.supervise(total(0))
        .onFailure(SupervisorStrategy.restart().withLimit(3, Duration.ofSeconds(10)));

    Behavior<Command> backingOff = Behaviors.supervise(total(0))
        .onFailure(SupervisorStrategy.restartWithBackoff(
            Duration.ofMillis(100), Duration.ofSeconds(10), 0.2));
    // #supervise
    assertThat(sumAfterFailure(restarting, new IllegalStateException("boom"))).isEqualTo(1);
    assertThat(sumAfterFailure(resuming, new IllegalArgumentException("boom"))).isEqualTo(6);
    assertThat(sumAfterFailure(limited, new IllegalStateException("boom"))).isEqualTo(1);
    assertThat(sumAfterFailure(backingOff, new IllegalStateException("boom"))).isEqualTo(1);
  }

  @Test
  void nestedSupervisionPicksTheInnermostMatchingStrategy() throws Exception {
    // #supervise-nested
    Behavior<Command> behavior = Behaviors.supervise(
            Behaviors.supervise(total(0))
                .onFailure(IllegalArgumentException.class, SupervisorStrategy.resume()))
        .onFailure(IllegalStateException.class, SupervisorStrategy.restart());
    // #supervise-nested
    assertThat(sumAfterFailure(behavior, new IllegalArgumentException("bad input"))).isEqualTo(6);
    assertThat(sumAfterFailure(behavior, new IllegalStateException("bad state"))).isEqualTo(1);
  }

  @Test
  void signalsTellTheBehaviorAboutRestartAndStop() throws Exception {
    TestInbox<String> events = TestInbox.create(system);
    ActorRef<String> log = events.ref();
    // #lifecycle-signals
    Behavior<String> resource = Behaviors.setup(context -> {
      log.tell("opened"); // runs again on every restart
      return Behaviors.receive(String.class)
          .onMessage(String.class, msg -> {
            throw new IllegalStateException(msg);
          })
          .onSignal(PreRestart.class, signal -> {
            log.tell("closing before restart");
            return Behaviors.same();
          })
          .onSignal(PostStop.class, signal -> {
            log.tell("closing for good");
            return Behaviors.same();
          })
          .build();
    });
    // #lifecycle-signals
    ActorRef<String> ref = system.systemActorOf(
        Behaviors.supervise(resource).onFailure(SupervisorStrategy.restart().withLimit(1, Duration.ZERO)
            .withLoggingEnabled(false)),
        "resource");
    ref.tell("fail once");
    ref.tell("fail twice");
    assertThat(events.receive()).isEqualTo("opened");
    assertThat(events.receive()).isEqualTo("closing before restart");
    assertThat(events.receive()).isEqualTo("opened");
    assertThat(events.receive()).isEqualTo("closing for good");
  }

  // #watch
  public sealed interface Supervisor {}

  public record StartJob(String name, ActorRef<ActorRef<Command>> replyTo) implements Supervisor {}

  public record StopJob(String name) implements Supervisor {}

  static Behavior<Supervisor> supervisor(ActorRef<String> audit) {
    return Behaviors.setup(context -> Behaviors.receive(Supervisor.class)
        .onMessage(StartJob.class, start -> {
          ActorRef<Command> job = context.spawn(total(0), start.name());
          context.watch(job);
          start.replyTo().tell(job);
          return Behaviors.same();
        })
        .onMessage(StopJob.class, stop -> {
          context.getChild(stop.name()).ifPresent(context::stop);
          return Behaviors.same();
        })
        .onSignal(ChildFailed.class, failed -> { // a watched child stopped by failing
          audit.tell(failed.getRef().path().name() + " failed: " + failed.getCause().getMessage());
          return Behaviors.same();
        })
        .onSignal(Terminated.class, stopped -> { // any other watched actor that stopped
          audit.tell(stopped.getRef().path().name() + " stopped");
          return Behaviors.same();
        })
        .build());
  }
  // #watch

  @Test
  void aWatcherHearsWhyAChildStopped() throws Exception {
    TestInbox<String> audit = TestInbox.create(system);
    TestInbox<ActorRef<Command>> jobs = TestInbox.create(system);
    ActorRef<Supervisor> sup = system.systemActorOf(supervisor(audit.ref()), "supervisor");
    sup.tell(new StartJob("job-1", jobs.ref()));
    jobs.receive().tell(new Fail(new IllegalStateException("disk full")));
    assertThat(audit.receive()).isEqualTo("job-1 failed: disk full");

    sup.tell(new StartJob("job-2", jobs.ref()));
    jobs.receive();
    sup.tell(new StopJob("job-2"));
    assertThat(audit.receive()).isEqualTo("job-2 stopped");
  }

  // #watch-with
  public sealed interface Tracker {}

  public record Track(ActorRef<Command> job, String name) implements Tracker {}

  public record JobEnded(String name) implements Tracker {}

  static Behavior<Tracker> tracker(ActorRef<String> audit) {
    return Behaviors.setup(context -> Behaviors.receive(Tracker.class)
        .onMessage(Track.class, track -> {
          context.watchWith(track.job(), new JobEnded(track.name())); // a message, not a signal
          return Behaviors.same();
        })
        .onMessage(JobEnded.class, ended -> {
          audit.tell(ended.name() + " ended");
          return Behaviors.same();
        })
        .build());
  }
  // #watch-with

  @Test
  void watchWithDeliversTheGivenMessage() throws Exception {
    TestInbox<String> audit = TestInbox.create(system);
    ActorRef<Tracker> tracker = system.systemActorOf(tracker(audit.ref()), "tracker");
    ActorRef<Command> job = system.systemActorOf(total(0), "tracked-job");
    tracker.tell(new Track(job, "nightly-report"));
    // the tracker handles Track before this actor can have failed, as watch works for dead actors too
    job.tell(new Fail(new IllegalStateException("done badly")));
    assertThat(audit.receive()).isEqualTo("nightly-report ended");
  }
}
