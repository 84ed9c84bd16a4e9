package io.troupe.actor.internal;

import io.troupe.actor.ExtensionId;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;

/** Finds the {@link ExtensionId} a configuration entry names. */
final class ExtensionIds {
  private ExtensionIds() {}

  /**
   * The id named by {@code className}: an {@link ExtensionId} subclass with a public no-argument
   * constructor, or a class with a public static field ({@code ID}, {@code INSTANCE}) or method
   * ({@code getInstance()}, {@code instance()}) holding it.
   */
  static ExtensionId<?> load(String className) {
    try {
      ClassLoader cl = Thread.currentThread().getContextClassLoader();
      Class<?> cls = Class.forName(className, true, cl != null ? cl : ExtensionIds.class.getClassLoader());
      for (String name : new String[] {"ID", "INSTANCE"}) {
        try {
          Field f = cls.getField(name);
          if (Modifier.isStatic(f.getModifiers()) && f.get(null) instanceof ExtensionId<?> id) {
            return id;
          }
        } catch (NoSuchFieldException ignored) {
          // try the next convention
        }
      }
      for (String name : new String[] {"getInstance", "instance"}) {
        try {
          Method m = cls.getMethod(name);
          if (Modifier.isStatic(m.getModifiers()) && m.invoke(null) instanceof ExtensionId<?> id) {
            return id;
          }
        } catch (NoSuchMethodException ignored) {
          // try the next convention
        }
      }
      if (ExtensionId.class.isAssignableFrom(cls)) {
        return (ExtensionId<?>) cls.getDeclaredConstructor().newInstance();
      }
    } catch (ReflectiveOperationException e) {
      throw new IllegalArgumentException("cannot load the extension [" + className
          + "] listed in troupe.actor.typed.extensions", e);
    }
    throw new IllegalArgumentException("the extension [" + className + "] listed in troupe.actor.typed.extensions"
        + " is neither an ExtensionId with a public no-argument constructor nor a class with a static ID,"
        + " INSTANCE, getInstance() or instance() holding one");
  }
}
