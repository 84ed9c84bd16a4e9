package io.troupe.actor.internal;

import io.troupe.actor.ActorContext;
import io.troupe.actor.ActorRef;
import io.troupe.actor.Behavior;
import io.troupe.actor.BehaviorInterceptor;
import io.troupe.actor.Behaviors;
import io.troupe.actor.LogOptions;
import io.troupe.actor.Signal;
import io.troupe.japi.function.Function;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.MDC;

/** The interceptors behind {@code Behaviors.logMessages}, {@code withMdc}, {@code monitor} and {@code transformMessages}. Internal API. */
public final class Interceptors {
  private Interceptors() {}

  /** Logs each message and signal before the behavior handles it. */
  public static <T> BehaviorInterceptor<T, T> logMessages(LogOptions options) {
    return new LogMessages<>(options);
  }

  /** Copies each message of {@code type} to {@code monitor} before the behavior handles it. */
  public static <T> BehaviorInterceptor<T, T> monitor(Class<T> type, ActorRef<T> monitor) {
    return new Monitor<>(type, monitor);
  }

  /** Sets MDC entries around each message (static and per message) and signal (static only). */
  public static <T> BehaviorInterceptor<T, T> withMdc(
      Class<T> type, Map<String, String> staticMdc, Function<T, Map<String, String>> mdcForMessage) {
    return new WithMdc<>(type, staticMdc, mdcForMessage);
  }

  /** Hands each {@code Outer} message to the behavior as the {@code Inner} message {@code transform} makes. */
  public static <O, I> BehaviorInterceptor<O, I> transformMessages(Class<O> type, Function<O, I> transform) {
    return new TransformMessages<>(type, transform);
  }

  private static final class LogMessages<T> extends BehaviorInterceptor<T, T> {
    private final LogOptions options;

    @SuppressWarnings("unchecked")
    LogMessages(LogOptions options) {
      super((Class<T>) Object.class);
      this.options = options;
    }

    private Logger logger(ActorContext<?> ctx) {
      return options.getLogger().orElseGet(ctx::getLog);
    }

    @Override
    public Behavior<T> aroundReceive(ActorContext<T> ctx, T msg, ReceiveTarget<T> target) throws Exception {
      if (options.enabled()) {
        logger(ctx).atLevel(options.level()).log("actor [{}] received message: {}", ctx.getSelf().path(), msg);
      }
      return target.apply(ctx, msg);
    }

    @Override
    public Behavior<T> aroundSignal(ActorContext<T> ctx, Signal signal, SignalTarget<T> target) throws Exception {
      if (options.enabled()) {
        logger(ctx).atLevel(options.level()).log("actor [{}] received signal: {}", ctx.getSelf().path(), signal);
      }
      return target.apply(ctx, signal);
    }

    @Override
    public boolean isSame(BehaviorInterceptor<Object, Object> other) {
      return other instanceof LogMessages<?> l && l.options.equals(options);
    }

    @Override
    public String toString() {
      return "logMessages(" + options + ")";
    }
  }

  private static final class Monitor<T> extends BehaviorInterceptor<T, T> {
    private final ActorRef<T> monitor;

    Monitor(Class<T> type, ActorRef<T> monitor) {
      super(type);
      this.monitor = monitor;
    }

    @Override
    public Behavior<T> aroundReceive(ActorContext<T> ctx, T msg, ReceiveTarget<T> target) throws Exception {
      monitor.tell(msg);
      return target.apply(ctx, msg);
    }

    @Override
    public boolean isSame(BehaviorInterceptor<Object, Object> other) {
      return other instanceof Monitor<?> m && m.monitor.equals(monitor)
          && m.interceptMessageClass() == interceptMessageClass();
    }

    @Override
    public String toString() {
      return "monitor(" + monitor + ")";
    }
  }

  private static final class WithMdc<T> extends BehaviorInterceptor<T, T> {
    private final Map<String, String> staticMdc;
    private final Function<T, Map<String, String>> mdcForMessage;

    WithMdc(Class<T> type, Map<String, String> staticMdc, Function<T, Map<String, String>> mdcForMessage) {
      super(type);
      this.staticMdc = Map.copyOf(staticMdc);
      this.mdcForMessage = mdcForMessage;
    }

    /** Puts {@code entries} into the MDC; returns what to restore afterwards (key, previous value). */
    private static List<String[]> put(Map<String, String> entries, List<String[]> undo) {
      for (Map.Entry<String, String> e : entries.entrySet()) {
        undo.add(new String[] {e.getKey(), MDC.get(e.getKey())});
        MDC.put(e.getKey(), e.getValue());
      }
      return undo;
    }

    private static void restore(List<String[]> undo) {
      for (int i = undo.size() - 1; i >= 0; i--) {
        String[] kv = undo.get(i);
        if (kv[1] == null) {
          MDC.remove(kv[0]);
        } else {
          MDC.put(kv[0], kv[1]);
        }
      }
    }

    @Override
    public Behavior<T> aroundStart(ActorContext<T> ctx, PreStartTarget<T> target) throws Exception {
      List<String[]> undo = put(staticMdc, new ArrayList<>());
      try {
        return target.start(ctx);
      } finally {
        restore(undo);
      }
    }

    @Override
    public Behavior<T> aroundReceive(ActorContext<T> ctx, T msg, ReceiveTarget<T> target) throws Exception {
      List<String[]> undo = put(staticMdc, new ArrayList<>());
      try {
        if (mdcForMessage != null) {
          Map<String, String> perMessage = mdcForMessage.apply(msg);
          if (perMessage != null) {
            put(perMessage, undo);
          }
        }
        return target.apply(ctx, msg);
      } finally {
        restore(undo);
      }
    }

    @Override
    public Behavior<T> aroundSignal(ActorContext<T> ctx, Signal signal, SignalTarget<T> target) throws Exception {
      List<String[]> undo = put(staticMdc, new ArrayList<>());
      try {
        return target.apply(ctx, signal);
      } finally {
        restore(undo);
      }
    }

    @Override
    public boolean isSame(BehaviorInterceptor<Object, Object> other) {
      return other instanceof WithMdc<?> w && w.staticMdc.equals(staticMdc)
          && Objects.equals(w.mdcForMessage, mdcForMessage) && w.interceptMessageClass() == interceptMessageClass();
    }

    @Override
    public String toString() {
      return "withMdc(" + staticMdc + ")";
    }
  }

  private static final class TransformMessages<O, I> extends BehaviorInterceptor<O, I> {
    private final Function<O, I> transform;

    TransformMessages(Class<O> type, Function<O, I> transform) {
      super(type);
      this.transform = transform;
    }

    @Override
    public Behavior<I> aroundReceive(ActorContext<O> ctx, O msg, ReceiveTarget<I> target) throws Exception {
      I inner = transform.apply(msg);
      return inner == null ? Behaviors.unhandled() : target.apply(ctx, inner);
    }

    @Override
    public String toString() {
      return "transformMessages(" + interceptMessageClass().getSimpleName() + ")";
    }
  }
}
