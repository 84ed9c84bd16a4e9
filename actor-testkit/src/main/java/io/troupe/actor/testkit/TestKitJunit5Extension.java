package io.troupe.actor.testkit;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestInstancePostProcessor;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The JUnit 5 extension that gives a test class one {@link ActorTestKit} and shuts it down after
 * the class's last test.
 *
 * <pre>{@code
 * @ExtendWith(TestKitJunit5Extension.class)
 * class GreeterTest {
 *   @JUnit5TestKit ActorTestKit testKit;          // filled in by the extension
 *
 *   @Test
 *   void greets() { ... testKit.spawn(...) ... }
 *
 *   @Test
 *   void alsoAsParameter(ActorTestKit kit) { ... } // the same kit
 * }
 * }</pre>
 *
 * <p>A {@link JUnit5TestKit} field that is {@code null} gets the class's kit, named after the
 * class. A field the test initialized itself (for example with {@link JUnit5TestKitBuilder}) is
 * taken charge of: a static one, or an instance one under {@code @TestInstance(PER_CLASS)},
 * becomes the class's kit and is shut down after all tests; an instance one under the default
 * per-method lifecycle is a new kit per test and is shut down after each test. A kit that does
 * not terminate in time fails the test or class.
 */
public final class TestKitJunit5Extension
    implements BeforeAllCallback, TestInstancePostProcessor, AfterEachCallback, ParameterResolver {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(TestKitJunit5Extension.class);
  private static final String KEY = "classKit";

  /** Creates the extension; JUnit does this for {@code @ExtendWith}. */
  public TestKitJunit5Extension() {}

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    ClassKit holder = classKit(context);
    for (Field f : annotatedFields(context.getRequiredTestClass())) {
      if (Modifier.isStatic(f.getModifiers())) {
        Object value = f.get(null);
        if (value == null) {
          f.set(null, holder.get());
        } else {
          holder.adopt((ActorTestKit) value);
        }
      }
    }
  }

  @Override
  public void postProcessTestInstance(Object testInstance, ExtensionContext context) throws Exception {
    ClassKit holder = classKit(context);
    boolean perClass = context.getTestInstanceLifecycle().orElse(TestInstance.Lifecycle.PER_METHOD)
        == TestInstance.Lifecycle.PER_CLASS;
    for (Field f : annotatedFields(testInstance.getClass())) {
      if (Modifier.isStatic(f.getModifiers())) {
        continue;
      }
      Object value = f.get(testInstance);
      if (value == null) {
        f.set(testInstance, holder.get());
      } else if (perClass) {
        holder.adopt((ActorTestKit) value);
      } else {
        holder.ownForInstance(testInstance, (ActorTestKit) value);
      }
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    ClassKit holder = classKit(context);
    context.getTestInstance().ifPresent(holder::shutDownInstanceKits);
  }

  @Override
  public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
    return parameterContext.getParameter().getType() == ActorTestKit.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
    return classKit(extensionContext).get();
  }

  /** The kits of the test class, kept in the class's store (closed after the class). */
  private static ClassKit classKit(ExtensionContext context) {
    ExtensionContext classContext = context;
    while (classContext.getTestMethod().isPresent() && classContext.getParent().isPresent()) {
      classContext = classContext.getParent().get();
    }
    Class<?> testClass = classContext.getRequiredTestClass();
    return classContext.getStore(NAMESPACE).getOrComputeIfAbsent(KEY, k -> new ClassKit(testClass), ClassKit.class);
  }

  private static List<Field> annotatedFields(Class<?> testClass) {
    List<Field> fields = AnnotationSupport.findAnnotatedFields(testClass, JUnit5TestKit.class);
    for (Field f : fields) {
      if (!f.getType().isAssignableFrom(ActorTestKit.class)) {
        throw new ExtensionConfigurationException("the @JUnit5TestKit field " + f.getDeclaringClass().getName()
            + "." + f.getName() + " must be of type ActorTestKit, but is " + f.getType().getName());
      }
      f.setAccessible(true);
    }
    return fields;
  }

  /** The kits of one test class: the shared one, and those tests built per instance. */
  static final class ClassKit implements ExtensionContext.Store.CloseableResource {
    private final Class<?> testClass;
    private final List<ActorTestKit> owned = new ArrayList<>();
    private final Map<Object, List<ActorTestKit>> perInstance = new IdentityHashMap<>();
    private ActorTestKit kit;

    ClassKit(Class<?> testClass) {
      this.testClass = testClass;
    }

    /** The class's kit, created on first use. */
    synchronized ActorTestKit get() {
      if (kit == null) {
        kit = ActorTestKit.create(ActorTestKit.systemNameFor(testClass.getName()));
        owned.add(kit);
      }
      return kit;
    }

    synchronized void adopt(ActorTestKit k) {
      if (kit == null) {
        kit = k;
      }
      if (!owned.contains(k)) {
        owned.add(k);
      }
    }

    synchronized void ownForInstance(Object instance, ActorTestKit k) {
      perInstance.computeIfAbsent(instance, i -> new ArrayList<>()).add(k);
    }

    void shutDownInstanceKits(Object instance) {
      List<ActorTestKit> kits;
      synchronized (this) {
        kits = perInstance.remove(instance);
      }
      if (kits != null) {
        shutDownAll(kits);
      }
    }

    @Override
    public void close() {
      List<ActorTestKit> all;
      synchronized (this) {
        all = new ArrayList<>(owned);
        for (List<ActorTestKit> kits : perInstance.values()) {
          all.addAll(kits);
        }
        owned.clear();
        perInstance.clear();
      }
      shutDownAll(all);
    }

    private static void shutDownAll(List<ActorTestKit> kits) {
      AssertionError failure = null;
      for (ActorTestKit k : kits) {
        try {
          k.shutdownTestKit();
        } catch (AssertionError e) {
          if (failure == null) {
            failure = e;
          } else {
            failure.addSuppressed(e);
          }
        }
      }
      if (failure != null) {
        throw failure;
      }
    }
  }
}
