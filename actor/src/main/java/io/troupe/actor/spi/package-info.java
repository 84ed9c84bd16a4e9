/** Extension points of the actor runtime: pluggable executors. */
package io.troupe.actor.spi;
