package io.troupe.migrate;

import org.openrewrite.java.JavaParser;

/** Java parsers whose classpath holds the origin's jars (for "before") and Troupe's (for "after"). */
final class Parsers {

  private Parsers() {}

  static JavaParser.Builder<?, ?> pekko() {
    return JavaParser.fromJavaVersion()
        .classpath(
            "pekko-actor-typed_2.13", "pekko-actor_2.13", "pekko-stream_2.13", "pekko-actor-testkit-typed_2.13",
            "pekko-stream-testkit_2.13", "scala-library", "reactive-streams", "config", "slf4j-api", "junit",
            "junit-jupiter-api", "apiguardian-api", "troupe-actor", "troupe-actor-testkit", "troupe-stream",
            "troupe-stream-testkit");
  }

  static JavaParser.Builder<?, ?> akka() {
    return JavaParser.fromJavaVersion()
        .classpath(
            "akka-actor-typed_2.13", "akka-actor_2.13", "akka-stream_2.13", "akka-actor-testkit-typed_2.13",
            "akka-stream-testkit_2.13", "scala-library", "reactive-streams", "config", "slf4j-api", "junit",
            "junit-jupiter-api", "apiguardian-api", "troupe-actor", "troupe-actor-testkit", "troupe-stream",
            "troupe-stream-testkit");
  }
}
