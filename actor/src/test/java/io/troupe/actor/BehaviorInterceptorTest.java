package io.troupe.actor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

class BehaviorInterceptorTest {
  private ActorSystem<Void> system;
  private ProbeInbox<String> probe;

  @BeforeEach
  void setUp() {
    system = ProbeInbox.system(Behaviors.empty(), "interceptors");
    probe = ProbeInbox.create(system);
  }

  @AfterEach
  void tearDown() throws Exception {
    ProbeInbox.terminate(system);
  }

  /** Reports "n:message" and becomes a new behavior for every message; stops on "stop", reports PostStop. */
  private Behavior<String> counting(int n) {
    ActorRef<String> p = probe.ref();
    return Behaviors.receive(
        (ctx, m) -> {
          p.tell(n + ":" + m);
          return m.equals("stop") ? Behaviors.stopped() : counting(n + 1);
        },
        (ctx, s) -> {
          if (s instanceof PostStop) {
            p.tell("inner PostStop");
          }
          return Behaviors.same();
        });
  }

  /** Prefixes messages with a tag, drops "drop", and reports signals. */
  private final class Tagging extends BehaviorInterceptor<String, String> {
    Tagging() {
      super(String.class);
    }

    @Override
    public Behavior<String> aroundReceive(ActorContext<String> ctx, String msg, ReceiveTarget<String> target)
        throws Exception {
      if (msg.equals("drop")) {
        return Behaviors.same();
      }
      return target.apply(ctx, msg.equals("stop") ? msg : "tagged-" + msg);
    }

    @Override
    public Behavior<String> aroundSignal(ActorContext<String> ctx, Signal signal, SignalTarget<String> target)
        throws Exception {
      probe.ref().tell("intercepted " + signal.getClass().getSimpleName());
      return target.apply(ctx, signal);
    }
  }

  @Test
  void anInterceptorSeesEveryMessageWhateverTheBehaviorBecomes() throws Exception {
    ActorRef<String> actor = system.systemActorOf(Behaviors.intercept(Tagging::new, counting(0)), "tagged");
    actor.tell("a");
    actor.tell("drop");
    actor.tell("b");
    actor.tell("c");
    probe.expect("0:tagged-a");
    probe.expect("1:tagged-b");
    probe.expect("2:tagged-c");
    actor.tell("stop");
    probe.expect("3:stop");
    probe.expect("intercepted PostStop");
    probe.expect("inner PostStop");
  }

  @Test
  void messagesOfOtherClassesBypassTheInterceptor() throws Exception {
    AtomicInteger intercepted = new AtomicInteger();
    @SuppressWarnings("unchecked")
    Class<Object> integers = (Class<Object>) (Class<?>) Integer.class; // as when Outer is a supertype
    BehaviorInterceptor<Object, Object> onlyIntegers = new BehaviorInterceptor<>(integers) {
      @Override
      public Behavior<Object> aroundReceive(ActorContext<Object> ctx, Object msg, ReceiveTarget<Object> target)
          throws Exception {
        intercepted.incrementAndGet();
        return target.apply(ctx, (Integer) msg * 10);
      }
    };
    ActorRef<String> p = probe.ref();
    Behavior<Object> inner = Behaviors.receiveMessage(m -> {
      p.tell(String.valueOf(m));
      return Behaviors.same();
    });
    ActorRef<Object> actor = system.systemActorOf(Behaviors.intercept(() -> onlyIntegers, inner), "mixed");
    actor.tell(4);
    actor.tell("text");
    probe.expect("40");
    probe.expect("text");
    assertThat(intercepted.get()).isEqualTo(1);
  }

  @Test
  void theSameInterceptorIsNotStackedWhenTheBehaviorReinstallsIt() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    BehaviorInterceptor<String, String> counter = new BehaviorInterceptor<>(String.class) {
      @Override
      public Behavior<String> aroundReceive(ActorContext<String> ctx, String msg, ReceiveTarget<String> target)
          throws Exception {
        calls.incrementAndGet();
        return target.apply(ctx, msg);
      }
    };
    ActorRef<String> p = probe.ref();
    Behavior<String>[] self = newArray();
    self[0] = Behaviors.intercept(() -> counter, Behaviors.<String>receiveMessage(m -> {
      p.tell(m + " after " + calls.get());
      return self[0]; // installs the same interceptor again
    }));
    ActorRef<String> actor = system.systemActorOf(self[0], "reinstalling");
    for (int i = 1; i <= 3; i++) {
      actor.tell("m" + i);
    }
    probe.expect("m1 after 1");
    probe.expect("m2 after 2");
    probe.expect("m3 after 3");
  }

  @SuppressWarnings("unchecked")
  private static Behavior<String>[] newArray() {
    return (Behavior<String>[]) new Behavior<?>[1];
  }

  @Test
  void aSupervisedInterceptedBehaviorGetsAFreshInterceptorOnRestart() throws Exception {
    AtomicInteger created = new AtomicInteger();
    ActorRef<String> p = probe.ref();
    Behavior<String> failing = Behaviors.receiveMessage(m -> {
      if (m.endsWith("fail")) {
        throw new IllegalStateException("fail");
      }
      p.tell(m);
      return Behaviors.same();
    });
    Behavior<String> b = Behaviors.supervise(Behaviors.intercept(() -> {
      created.incrementAndGet();
      return new Tagging();
    }, failing)).onFailure(SupervisorStrategy.restart().withLoggingEnabled(false));
    ActorRef<String> actor = system.systemActorOf(b, "restarting");
    actor.tell("a");
    probe.expect("tagged-a");
    actor.tell("fail");
    probe.expect("intercepted PreRestart");
    actor.tell("b");
    probe.expect("tagged-b");
    assertThat(created.get()).isEqualTo(2);
  }

  @Test
  void anInterceptorAroundASupervisedBehaviorStaysAcrossItsRestarts() throws Exception {
    AtomicInteger created = new AtomicInteger();
    AtomicInteger setups = new AtomicInteger();
    ActorRef<String> p = probe.ref();
    Behavior<String> failing = Behaviors.setup(ctx -> {
      setups.incrementAndGet();
      return Behaviors.receiveMessage(m -> {
        if (m.endsWith("fail")) {
          throw new IllegalStateException("fail");
        }
        p.tell(m);
        return Behaviors.same();
      });
    });
    Behavior<String> b = Behaviors.intercept(() -> {
      created.incrementAndGet();
      return new Tagging();
    }, Behaviors.supervise(failing).onFailure(SupervisorStrategy.restart().withLoggingEnabled(false)));
    ActorRef<String> actor = system.systemActorOf(b, "outer-interceptor");
    actor.tell("a");
    probe.expect("tagged-a");
    actor.tell("fail");
    probe.expect("intercepted PreRestart");
    actor.tell("b");
    probe.expect("tagged-b"); // still intercepted after the restart
    actor.tell("fail");
    probe.expect("intercepted PreRestart");
    actor.tell("c");
    probe.expect("tagged-c");
    assertThat(setups.get()).isEqualTo(3);
    assertThat(created.get()).as("the interceptor outside the supervision is not restarted").isEqualTo(1);
  }

  @Test
  void unhandledMessagesOfTheWrappedBehaviorArePublished() throws Exception {
    ProbeInbox<UnhandledMessage> unhandled = ProbeInbox.create(system);
    system.eventStream().tell(new EventStream.Subscribe<>(UnhandledMessage.class, unhandled.ref()));
    ActorRef<String> actor = system.systemActorOf(
        Behaviors.intercept(Tagging::new, Behaviors.<String>receiveMessage(m -> Behaviors.unhandled())), "unhandling");
    actor.tell("x");
    UnhandledMessage u = unhandled.receive();
    assertThat(u.message()).isEqualTo("tagged-x");
    assertThat(u.recipient()).isEqualTo(actor);
  }

  // ---------------------------------------------------------------- the built-in interceptors

  @Test
  void monitorCopiesEachMessageToTheMonitorFirst() throws Exception {
    ProbeInbox<String> monitor = ProbeInbox.create(system);
    ActorRef<String> actor = system.systemActorOf(Behaviors.monitor(String.class, monitor.ref(), counting(0)), "monitored");
    actor.tell("a");
    actor.tell("b");
    monitor.expect("a");
    monitor.expect("b");
    probe.expect("0:a");
    probe.expect("1:b");
  }

  record Request(String id, String body) {}

  @Test
  void withMdcSetsStaticAndPerMessageEntriesOnlyWhileHandling() throws Exception {
    List<Map<String, String>> seen = new ArrayList<>();
    ActorRef<String> p = probe.ref();
    Behavior<Request> inner = Behaviors.receiveMessage(r -> {
      Map<String, String> mdc = MDC.getCopyOfContextMap();
      seen.add(mdc == null ? Map.of() : new HashMap<>(mdc));
      p.tell("handled " + r.body());
      return Behaviors.same();
    });
    Behavior<Request> b = Behaviors.withMdc(Request.class, Map.of("service", "orders"),
        r -> r.id() == null ? Map.of() : Map.of("requestId", r.id()), inner);
    ActorRef<Request> actor = system.systemActorOf(b, "mdc");
    actor.tell(new Request("r-1", "one"));
    actor.tell(new Request(null, "two"));
    probe.expect("handled one");
    probe.expect("handled two");
    assertThat(seen.get(0)).containsEntry("service", "orders").containsEntry("requestId", "r-1");
    assertThat(seen.get(1)).containsEntry("service", "orders").doesNotContainKey("requestId");
  }

  @Test
  void logMessagesLogsEachMessageAtTheChosenLevelUnlessDisabled() throws Exception {
    Logger logger = (Logger) LoggerFactory.getLogger("io.troupe.test.logMessages");
    logger.setLevel(Level.DEBUG);
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    logger.addAppender(appender);
    logger.setAdditive(false);
    try {
      LogOptions options = LogOptions.create().withLevel(org.slf4j.event.Level.INFO).withLogger(logger);
      ActorRef<String> actor = system.systemActorOf(Behaviors.logMessages(options, counting(0)), "logged");
      actor.tell("hello");
      probe.expect("0:hello");
      assertThat(appender.list).hasSize(1);
      assertThat(appender.list.get(0).getLevel()).isEqualTo(Level.INFO);
      assertThat(appender.list.get(0).getFormattedMessage()).contains("hello").contains("/system/logged");

      ActorRef<String> quiet = system.systemActorOf(
          Behaviors.logMessages(options.withEnabled(false), counting(0)), "quiet");
      quiet.tell("psst");
      probe.expect("0:psst");
      assertThat(appender.list).hasSize(1);
    } finally {
      logger.detachAppender(appender);
      logger.setAdditive(true);
    }
  }

  @Test
  void transformMessagesAdaptsOuterMessagesAndReportsUntransformableOnes() throws Exception {
    ProbeInbox<UnhandledMessage> unhandled = ProbeInbox.create(system);
    system.eventStream().tell(new EventStream.Subscribe<>(UnhandledMessage.class, unhandled.ref()));
    Behavior<Integer> b = Behaviors.transformMessages(Integer.class, counting(0), i -> i < 0 ? null : "#" + i);
    ActorRef<Integer> actor = system.systemActorOf(b, "transformed");
    actor.tell(7);
    actor.tell(-1);
    actor.tell(8);
    probe.expect("0:#7");
    probe.expect("1:#8");
    assertThat(unhandled.receive().message()).isEqualTo(-1);
  }

  @Test
  void badArgumentsAreRejectedWithTheirName() {
    assertThatThrownBy(() -> Behaviors.intercept(null, Behaviors.empty()))
        .isInstanceOf(NullPointerException.class).hasMessageContaining("interceptor");
    assertThatThrownBy(() -> Behaviors.monitor(String.class, null, Behaviors.empty()))
        .isInstanceOf(NullPointerException.class).hasMessageContaining("monitor");
    assertThatThrownBy(() -> LogOptions.create().withLevel(null))
        .isInstanceOf(NullPointerException.class).hasMessageContaining("level");
  }
}
