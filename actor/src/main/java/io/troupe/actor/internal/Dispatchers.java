package io.troupe.actor.internal;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import io.troupe.actor.DispatcherSelector;
import io.troupe.actor.MailboxSelector;
import io.troupe.actor.spi.ExecutorServiceFactory;
import io.troupe.actor.spi.MessageQueue;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dispatchers of one system, created from configuration on first use.
 *
 * <p>A dispatcher section has {@code executor} ({@code fork-join-executor},
 * {@code thread-pool-executor}, {@code virtual-thread-executor}, or the name of an
 * {@link ExecutorServiceFactory} class), {@code throughput} (messages per actor per turn) and the
 * executor's own section.
 */
final class Dispatchers {
  private static final Logger log = LoggerFactory.getLogger(Dispatchers.class);

  private final String systemName;
  private final Config config;
  private final boolean daemonic;
  private final Map<String, Dispatcher> byId = new ConcurrentHashMap<>();
  private final Map<java.util.concurrent.Executor, Dispatcher> external = new ConcurrentHashMap<>();
  private final Dispatcher defaultDispatcher;
  private final int externalThroughput;
  private volatile boolean shutDown;

  Dispatchers(String systemName, Config config, boolean daemonic) {
    this.systemName = systemName;
    this.config = config;
    this.daemonic = daemonic;
    this.defaultDispatcher = lookup(DispatcherSelector.DEFAULT_DISPATCHER_ID);
    this.externalThroughput = defaultDispatcher.throughput;
  }

  Dispatcher defaultDispatcher() {
    return defaultDispatcher;
  }

  /** The dispatcher for a spawn; {@code parent} is the parent's dispatcher. */
  Dispatcher select(DispatcherSelector selector, Dispatcher parent) {
    if (selector == null) {
      return defaultDispatcher;
    }
    return switch (selector.kind()) {
      case DEFAULT -> defaultDispatcher;
      case SAME_AS_PARENT -> parent == null ? defaultDispatcher : parent;
      case EXECUTOR -> external.computeIfAbsent(selector.executor(), ex -> new Dispatcher.External(ex, externalThroughput));
      case BLOCKING, VIRTUAL_THREADS, FROM_CONFIG -> lookup(selector.configPath());
    };
  }

  /** The dispatcher configured at {@code id}. */
  Dispatcher lookup(String id) {
    Dispatcher d = byId.get(id);
    if (d != null) {
      return d;
    }
    if (!config.hasPath(id)) {
      throw new IllegalArgumentException("no dispatcher is configured at [" + id + "]");
    }
    synchronized (this) {
      if (shutDown) {
        throw new IllegalStateException("the actor system [" + systemName + "] has terminated");
      }
      return byId.computeIfAbsent(id, this::create);
    }
  }

  /** What a spawn needs to build its mailbox: a capacity (0: unbounded) and a custom queue (or null). */
  record MailboxSpec(int capacity, MessageQueue queue) {
    static final MailboxSpec DEFAULT = new MailboxSpec(0, null);
  }

  /**
   * The mailbox {@code selector} describes. A configured mailbox section has {@code mailbox-type}
   * ({@code unbounded} (default), {@code bounded}, {@code control-aware}, or the class name of a
   * {@link java.util.Comparator} for a stable priority mailbox or of a {@link MessageQueue}, either
   * with a public no-argument constructor) and {@code mailbox-capacity} (a positive number bounds
   * it, -1 leaves it unbounded).
   */
  MailboxSpec mailbox(MailboxSelector selector) {
    if (selector == null) {
      return MailboxSpec.DEFAULT;
    }
    if (selector.configPath() == null) {
      MessageQueue queue = selector.queueFactory() == null ? null
          : Objects.requireNonNull(selector.queueFactory().get(), "the mailbox queue factory returned null");
      return new MailboxSpec(selector.capacity(), queue);
    }
    String path = selector.configPath();
    if (!config.hasPath(path)) {
      throw new IllegalArgumentException("no mailbox is configured at [" + path + "]");
    }
    Config c = config.getConfig(path);
    int capacity = c.hasPath("mailbox-capacity") ? c.getInt("mailbox-capacity") : -1;
    if (capacity == 0 || capacity < -1) {
      throw new IllegalArgumentException("mailbox-capacity at [" + path + "] must be positive or -1, was " + capacity);
    }
    String type = c.hasPath("mailbox-type") ? c.getString("mailbox-type") : capacity > 0 ? "bounded" : "unbounded";
    MessageQueue queue = switch (type) {
      case "unbounded", "bounded" -> null;
      case "control-aware" -> new ControlAwareMessageQueue();
      default -> queueFromClass(path, type);
    };
    return new MailboxSpec(Math.max(capacity, 0), queue);
  }

  @SuppressWarnings("unchecked")
  private static MessageQueue queueFromClass(String path, String className) {
    try {
      ClassLoader cl = Thread.currentThread().getContextClassLoader();
      Class<?> cls = Class.forName(className, true, cl != null ? cl : Dispatchers.class.getClassLoader());
      Object made = cls.getDeclaredConstructor().newInstance();
      if (made instanceof MessageQueue q) {
        return q;
      }
      if (made instanceof Comparator<?> comparator) {
        return new PriorityMessageQueue((Comparator<Object>) comparator);
      }
      throw new IllegalArgumentException("mailbox-type [" + className + "] at [" + path
          + "] is neither a MessageQueue nor a Comparator");
    } catch (ReflectiveOperationException e) {
      throw new IllegalArgumentException("mailbox-type [" + className + "] at [" + path
          + "] is not unbounded, bounded, control-aware, or a loadable class with a public no-argument constructor", e);
    }
  }

  private Dispatcher create(String id) {
    Config c = config.getConfig(id);
    int throughput = c.getInt("throughput");
    if (throughput < 1) {
      throw new ConfigException.BadValue(id + ".throughput", "must be at least 1, was " + throughput);
    }
    String executor = c.getString("executor");
    String threadPrefix = systemName + "-" + id;
    return switch (executor) {
      case "fork-join-executor" -> {
        Config fj = c.getConfig("fork-join-executor");
        int cores = Runtime.getRuntime().availableProcessors();
        int parallelism = (int) Math.ceil(cores * fj.getDouble("parallelism-factor"));
        parallelism = Math.max(fj.getInt("parallelism-min"), Math.min(fj.getInt("parallelism-max"), parallelism));
        List<Dispatcher.Worker> workers = new java.util.concurrent.CopyOnWriteArrayList<>();
        yield new Dispatcher.ForkJoin(id, throughput,
            new ForkJoinPool(parallelism, forkJoinThreads(threadPrefix, workers), this::uncaught, true),
            workers, threads(threadPrefix + "-watchdog"));
      }
      case "thread-pool-executor" -> {
        int size = c.getConfig("thread-pool-executor").getInt("fixed-pool-size");
        if (size < 1) {
          throw new ConfigException.BadValue(id + ".thread-pool-executor.fixed-pool-size", "must be at least 1, was " + size);
        }
        yield new Dispatcher.Owned(id, throughput, Executors.newFixedThreadPool(size, threads(threadPrefix)));
      }
      case "virtual-thread-executor" -> new Dispatcher.Owned(id, throughput,
          Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name(threadPrefix + "-", 1).factory()));
      default -> new Dispatcher.Owned(id, throughput, fromFactory(id, executor, c, threads(threadPrefix)));
    };
  }

  private ExecutorService fromFactory(String id, String className, Config c, ThreadFactory threads) {
    try {
      Class<?> cls = Class.forName(className, true, Thread.currentThread().getContextClassLoader() != null
          ? Thread.currentThread().getContextClassLoader() : Dispatchers.class.getClassLoader());
      if (!ExecutorServiceFactory.class.isAssignableFrom(cls)) {
        throw new IllegalArgumentException("the executor [" + className + "] of dispatcher [" + id
            + "] does not implement " + ExecutorServiceFactory.class.getName());
      }
      ExecutorServiceFactory f = (ExecutorServiceFactory) cls.getDeclaredConstructor().newInstance();
      return f.create(id, c, threads);
    } catch (ReflectiveOperationException e) {
      throw new IllegalArgumentException("the executor [" + className + "] of dispatcher [" + id
          + "] is not fork-join-executor, thread-pool-executor, virtual-thread-executor, or a loadable "
          + ExecutorServiceFactory.class.getSimpleName() + " with a public no-argument constructor", e);
    }
  }

  private void uncaught(Thread t, Throwable e) {
    log.error("uncaught exception on {}", t.getName(), e);
  }

  ThreadFactory threads(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
      t.setDaemon(daemonic);
      t.setUncaughtExceptionHandler(this::uncaught);
      return t;
    };
  }

  private ForkJoinPool.ForkJoinWorkerThreadFactory forkJoinThreads(String prefix, List<Dispatcher.Worker> workers) {
    AtomicInteger n = new AtomicInteger();
    return pool -> {
      ForkJoinWorkerThread t = new Dispatcher.Worker(pool, workers);
      t.setName(prefix + "-" + n.incrementAndGet());
      t.setDaemon(daemonic);
      return t;
    };
  }

  /** Shuts every owned dispatcher down and waits for its threads, up to {@code timeoutMillis} each. */
  void shutdownAll(long timeoutMillis) {
    List<Dispatcher> all;
    synchronized (this) {
      shutDown = true;
      all = new ArrayList<>(byId.values());
    }
    for (Dispatcher d : all) {
      d.shutdown();
    }
    boolean interrupted = false;
    for (Dispatcher d : all) {
      try {
        if (!d.awaitTermination(timeoutMillis, TimeUnit.MILLISECONDS)) {
          log.warn("dispatcher [{}] of system [{}] did not stop within {} ms", d.id, systemName, timeoutMillis);
        }
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
