package io.troupe.examples.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.troupe.actor.ActorRef;
import io.troupe.actor.ActorSystem;
import io.troupe.actor.Behavior;
import io.troupe.actor.Behaviors;
import io.troupe.actor.StashBuffer;
import io.troupe.examples.TestInbox;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The examples of the timers, stash and receive-timeout sections of docs/actors.md. */
class TimersStashDocTest {
  private final ActorSystem<Void> system = ActorSystem.create("timers-stash");

  @AfterEach
  void shutdown() throws Exception {
    TestInbox.shutdown(system);
  }

  // #timers
  public sealed interface Batcher {}

  public record Add(String item) implements Batcher {}

  private record Flush() implements Batcher {}

  static Behavior<Batcher> batcher(ActorRef<List<String>> sink, int maxSize, Duration maxDelay) {
    return Behaviors.withTimers(timers -> collecting(timers, sink, maxSize, maxDelay, List.of()));
  }

  private static Behavior<Batcher> collecting(
      io.troupe.actor.TimerScheduler<Batcher> timers,
      ActorRef<List<String>> sink, int maxSize, Duration maxDelay, List<String> items) {
    return Behaviors.receive(Batcher.class)
        .onMessage(Add.class, add -> {
          List<String> more = new ArrayList<>(items);
          more.add(add.item());
          if (more.size() == maxSize) {
            timers.cancel("flush"); // its Flush will not arrive, even if already due
            sink.tell(List.copyOf(more));
            return collecting(timers, sink, maxSize, maxDelay, List.of());
          }
          if (items.isEmpty()) {
            timers.startSingleTimer("flush", new Flush(), maxDelay);
          }
          return collecting(timers, sink, maxSize, maxDelay, more);
        })
        .onMessage(Flush.class, flush -> {
          sink.tell(items);
          return collecting(timers, sink, maxSize, maxDelay, List.of());
        })
        .build();
  }
  // #timers

  @Test
  void theBatcherFlushesWhenFullOrWhenTheTimerFires() throws Exception {
    TestInbox<List<String>> sink = TestInbox.create(system);
    ActorRef<Batcher> batcher = system.systemActorOf(batcher(sink.ref(), 2, Duration.ofMillis(50)), "batcher");
    batcher.tell(new Add("a"));
    batcher.tell(new Add("b"));
    batcher.tell(new Add("c"));
    assertThat(sink.receive()).containsExactly("a", "b");
    assertThat(sink.receive()).containsExactly("c"); // by the timer: never an empty batch from a cancelled one
  }

  // #stash
  public interface Database {
    CompletionStage<String> load(String id);

    CompletionStage<Void> save(String id, String value);
  }

  public sealed interface Store {}

  public record Get(ActorRef<String> replyTo) implements Store {}

  public record Save(String value) implements Store {}

  private record Loaded(String value) implements Store {}

  private record Saved(String value) implements Store {}

  static Behavior<Store> store(String id, Database db) {
    return Behaviors.withStash(100, stash -> Behaviors.setup(context -> {
      context.pipeToSelf(db.load(id), (value, error) -> new Loaded(value));
      return Behaviors.receive(Store.class)
          .onMessage(Loaded.class, loaded -> stash.unstashAll(idle(id, db, stash, loaded.value())))
          .onAnyMessage(other -> {
            stash.stash(other); // keep requests until the value is loaded
            return Behaviors.same();
          })
          .build();
    }));
  }

  private static Behavior<Store> idle(String id, Database db, StashBuffer<Store> stash, String value) {
    return Behaviors.setup(context -> Behaviors.receive(Store.class)
        .onMessage(Get.class, get -> {
          get.replyTo().tell(value);
          return Behaviors.same();
        })
        .onMessage(Save.class, save -> {
          context.pipeToSelf(db.save(id, save.value()), (done, error) -> new Saved(save.value()));
          return saving(id, db, stash);
        })
        .build());
  }

  private static Behavior<Store> saving(String id, Database db, StashBuffer<Store> stash) {
    return Behaviors.receive(Store.class)
        .onMessage(Saved.class, saved -> stash.unstashAll(idle(id, db, stash, saved.value())))
        .onAnyMessage(other -> {
          stash.stash(other); // a Get during a save waits for the saved value
          return Behaviors.same();
        })
        .build();
  }
  // #stash

  @Test
  void requestsWaitInTheStashUntilTheValueIsThere() throws Exception {
    CompletableFuture<String> load = new CompletableFuture<>();
    CompletableFuture<Void> save = new CompletableFuture<>();
    Database db = new Database() {
      @Override
      public CompletionStage<String> load(String id) {
        return load;
      }

      @Override
      public CompletionStage<Void> save(String id, String value) {
        return save;
      }
    };
    ActorRef<Store> store = system.systemActorOf(store("greeting", db), "store");
    TestInbox<String> inbox = TestInbox.create(system);
    store.tell(new Get(inbox.ref()));
    store.tell(new Save("hi"));
    store.tell(new Get(inbox.ref()));
    load.complete("hello");
    assertThat(inbox.receive()).isEqualTo("hello");
    save.complete(null);
    assertThat(inbox.receive()).isEqualTo("hi");
  }

  // #receive-timeout
  public sealed interface Session {}

  public record Touch() implements Session {}

  private record Idle() implements Session {}

  static Behavior<Session> session(Duration idleAfter, ActorRef<String> audit) {
    return Behaviors.setup(context -> {
      context.setReceiveTimeout(idleAfter, new Idle()); // restarts with every message
      return Behaviors.receive(Session.class)
          .onMessage(Touch.class, touch -> Behaviors.same())
          .onMessage(Idle.class, idle -> {
            audit.tell("session expired");
            return Behaviors.stopped();
          })
          .build();
    });
  }
  // #receive-timeout

  @Test
  void anIdleSessionExpires() throws Exception {
    TestInbox<String> audit = TestInbox.create(system);
    ActorRef<Session> session = system.systemActorOf(session(Duration.ofMillis(30), audit.ref()), "session");
    TestInbox<io.troupe.actor.Terminated> watcher = TestInbox.watch(system, session);
    session.tell(new Touch());
    assertThat(audit.receive()).isEqualTo("session expired");
    assertThat(watcher.receive().getRef()).isEqualTo(session);
  }
}
