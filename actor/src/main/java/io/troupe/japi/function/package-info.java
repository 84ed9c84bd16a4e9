/**
 * Functional interfaces whose single method may throw checked exceptions, named as in Pekko's
 * {@code org.apache.pekko.japi.function} so that ported code keeps its lambdas unchanged.
 */
package io.troupe.japi.function;
