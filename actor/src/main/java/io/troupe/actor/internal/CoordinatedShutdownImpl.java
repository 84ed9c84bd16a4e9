package io.troupe.actor.internal;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import io.troupe.actor.CoordinatedShutdown;
import io.troupe.actor.Done;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs the phases on a thread of its own, waiting for each phase's tasks with its timeout. */
final class CoordinatedShutdownImpl extends CoordinatedShutdown {
  private static final Logger log = LoggerFactory.getLogger(CoordinatedShutdown.class);

  private record Phase(String name, Duration timeout, boolean recover, boolean enabled) {}

  private record Task(String name, Supplier<CompletionStage<Done>> supplier) {}

  private final ActorSystemImpl<?> system;
  private final List<Phase> phases;
  private final Map<String, Phase> byName = new HashMap<>();
  private final Map<String, List<Task>> tasks = new HashMap<>();
  private final List<Runnable> jvmHooks = new CopyOnWriteArrayList<>();
  private final AtomicReference<Reason> reason = new AtomicReference<>();
  private final CompletableFuture<Done> done = new CompletableFuture<>();
  private final boolean exitJvm;
  private final int exitCode;
  private final boolean runByJvmShutdownHook;
  private volatile int currentPhase = -1;
  private Thread jvmHook;

  CoordinatedShutdownImpl(ActorSystemImpl<?> system, Config config) {
    this.system = system;
    Config c = config.getConfig("troupe.coordinated-shutdown");
    Duration defaultTimeout = c.getDuration("default-phase-timeout");
    this.exitJvm = c.getBoolean("exit-jvm");
    this.exitCode = c.getInt("exit-code");
    this.runByJvmShutdownHook = c.getBoolean("run-by-jvm-shutdown-hook");
    Config phaseConfig = c.getConfig("phases");
    Map<String, List<String>> dependsOn = new LinkedHashMap<>();
    for (String name : phaseConfig.root().keySet()) {
      Config p = phaseConfig.getConfig(quote(name));
      Duration timeout = p.hasPath("timeout") ? p.getDuration("timeout") : defaultTimeout;
      boolean recover = !p.hasPath("recover") || p.getBoolean("recover");
      boolean enabled = !p.hasPath("enabled") || p.getBoolean("enabled");
      byName.put(name, new Phase(name, timeout, recover, enabled));
      dependsOn.put(name, p.hasPath("depends-on") ? p.getStringList("depends-on") : List.of());
    }
    this.phases = topologicalOrder(dependsOn).stream().map(byName::get).toList();
    if (c.getBoolean("terminate-actor-system")) {
      addTask(PhaseActorSystemTerminate(), "terminate-actor-system", system::terminateActors);
    }
  }

  private static String quote(String key) {
    return "\"" + key + "\"";
  }

  /** Orders phases so that each comes after those it depends on; fails on a cycle or unknown name. */
  static List<String> topologicalOrder(Map<String, List<String>> dependsOn) {
    List<String> order = new ArrayList<>();
    Set<String> done = new HashSet<>();
    Set<String> visiting = new HashSet<>();
    List<String> names = new ArrayList<>(dependsOn.keySet());
    Collections.sort(names);
    for (String n : names) {
      visit(n, dependsOn, done, visiting, order);
    }
    return order;
  }

  private static void visit(String n, Map<String, List<String>> deps, Set<String> done, Set<String> visiting,
      List<String> order) {
    if (done.contains(n)) {
      return;
    }
    if (!deps.containsKey(n)) {
      throw new ConfigException.BadValue("troupe.coordinated-shutdown.phases", "unknown phase [" + n + "] in depends-on");
    }
    if (!visiting.add(n)) {
      throw new ConfigException.BadValue("troupe.coordinated-shutdown.phases", "cycle through phase [" + n + "]");
    }
    for (String d : deps.get(n)) {
      visit(d, deps, done, visiting, order);
    }
    visiting.remove(n);
    done.add(n);
    order.add(n);
  }

  void installJvmHook() {
    if (!runByJvmShutdownHook) {
      return;
    }
    jvmHook = new Thread(() -> {
      for (Runnable r : jvmHooks) {
        try {
          r.run();
        } catch (RuntimeException e) {
          log.warn("a JVM shutdown hook of system [{}] failed", system.name(), e);
        }
      }
      try {
        run(jvmExitReason()).toCompletableFuture().get(totalTimeout().toMillis() + 5000, TimeUnit.MILLISECONDS);
      } catch (InterruptedException | ExecutionException | TimeoutException e) {
        log.warn("coordinated shutdown of system [{}] in the JVM shutdown hook did not finish: {}", system.name(), e.toString());
      }
    }, system.name() + "-jvm-shutdown-hook");
    Runtime.getRuntime().addShutdownHook(jvmHook);
  }

  @Override
  public synchronized void addTask(String phase, String taskName, Supplier<CompletionStage<Done>> task) {
    Objects.requireNonNull(phase, "phase");
    Objects.requireNonNull(taskName, "taskName");
    Objects.requireNonNull(task, "task");
    if (!byName.containsKey(phase)) {
      throw new IllegalArgumentException("unknown coordinated shutdown phase [" + phase + "]; known: " + orderedPhases());
    }
    if (taskName.isBlank()) {
      throw new IllegalArgumentException("task name must not be blank");
    }
    int index = phases.indexOf(byName.get(phase));
    if (index <= currentPhase) {
      throw new IllegalStateException("coordinated shutdown has already passed phase [" + phase + "]");
    }
    tasks.computeIfAbsent(phase, k -> new ArrayList<>()).add(new Task(taskName, task));
  }

  @Override
  public CompletionStage<Done> run(Reason why) {
    Objects.requireNonNull(why, "reason");
    if (reason.compareAndSet(null, why)) {
      Thread t = new Thread(this::runPhases, system.name() + "-coordinated-shutdown");
      t.setDaemon(false);
      t.start();
    }
    return done;
  }

  private void runPhases() {
    boolean skipping = false;
    for (int i = 0; i < phases.size(); i++) {
      Phase phase = phases.get(i);
      boolean last = i == phases.size() - 1;
      List<Task> toRun;
      synchronized (this) {
        currentPhase = i;
        toRun = new ArrayList<>(tasks.getOrDefault(phase.name(), List.of()));
      }
      if (!phase.enabled() || toRun.isEmpty() || (skipping && !last)) {
        continue;
      }
      boolean ok = runPhase(phase, toRun);
      if (!ok && !phase.recover()) {
        skipping = true;
      }
    }
    system.stopThreads();
    if (Thread.currentThread() != jvmHook && jvmHook != null) {
      try {
        Runtime.getRuntime().removeShutdownHook(jvmHook);
      } catch (IllegalStateException shuttingDown) {
        // the JVM is exiting already
      }
    }
    done.complete(Done.INSTANCE);
    system.markTerminated();
    if (exitJvm && reason.get() != jvmExitReason()) {
      Thread exit = new Thread(() -> System.exit(exitCode), system.name() + "-exit");
      exit.start();
    }
  }

  private boolean runPhase(Phase phase, List<Task> toRun) {
    List<CompletableFuture<Done>> running = new ArrayList<>();
    for (Task t : toRun) {
      CompletableFuture<Done> f;
      try {
        f = Objects.requireNonNull(t.supplier().get(), "task returned null").toCompletableFuture();
      } catch (RuntimeException e) {
        f = CompletableFuture.failedFuture(e);
      }
      running.add(f.whenComplete((d, e) -> {
        if (e != null) {
          log.warn("coordinated shutdown task [{}] in phase [{}] failed: {}", t.name(), phase.name(), e.toString());
        }
      }));
    }
    try {
      CompletableFuture.allOf(running.toArray(new CompletableFuture<?>[0]))
          .get(phase.timeout().toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException e) {
      log.warn("coordinated shutdown phase [{}] timed out after {}", phase.name(), phase.timeout());
      return false;
    } catch (ExecutionException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Override
  public Optional<Reason> getShutdownReason() {
    return Optional.ofNullable(reason.get());
  }

  @Override
  public Duration timeout(String phase) {
    Phase p = byName.get(phase);
    if (p == null) {
      throw new IllegalArgumentException("unknown coordinated shutdown phase [" + phase + "]");
    }
    return p.timeout();
  }

  @Override
  public Duration totalTimeout() {
    return phases.stream().map(Phase::timeout).reduce(Duration.ZERO, Duration::plus);
  }

  @Override
  public List<String> orderedPhases() {
    return phases.stream().map(Phase::name).toList();
  }

  @Override
  public void addJvmShutdownHook(Runnable hook) {
    jvmHooks.add(Objects.requireNonNull(hook, "hook"));
  }
}
