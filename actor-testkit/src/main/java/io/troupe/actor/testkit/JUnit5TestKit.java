package io.troupe.actor.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an {@link ActorTestKit} field that {@link TestKitJunit5Extension} fills (when it is
 * {@code null}) or takes charge of (when the test built the kit itself) and shuts down.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface JUnit5TestKit {}
