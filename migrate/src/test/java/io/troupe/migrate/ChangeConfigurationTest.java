package io.troupe.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openrewrite.java.Assertions.java;
import static org.openrewrite.test.SourceSpecs.text;
import static org.openrewrite.xml.Assertions.xml;

import org.junit.jupiter.api.Test;
import org.openrewrite.test.RecipeSpec;
import org.openrewrite.test.RewriteTest;

class ChangeConfigurationTest implements RewriteTest {

  @Override
  public void defaults(RecipeSpec spec) {
    spec.recipe(new FromPekko()).parser(Parsers.pekko());
  }

  @Test
  void confFileKeysBlocksAndSubstitutionsMoveButValuesNamingPekkoPackagesOnlyWhenMapped() {
    rewriteRun(
        text(
            """
            pekko {
              loglevel = "DEBUG"
              actor.default-dispatcher.throughput = 10
              actor.typed.extensions = ["org.apache.pekko.actor.typed.receptionist.Receptionist", "org.apache.pekko.cluster.typed.Cluster"]
            }
            pekko.actor.testkit.typed.single-expect-default = 5s
            my-app {
              blocking-dispatcher = ${pekko.actor.default-blocking-io-dispatcher}
              greeting = "pekko.loglevel is a key, not a value"
            }
            include "pekko-extra.conf"
            """,
            """
            troupe {
              loglevel = "DEBUG"
              actor.default-dispatcher.throughput = 10
              actor.typed.extensions = ["io.troupe.actor.receptionist.Receptionist", "org.apache.pekko.cluster.typed.Cluster"]
            }
            troupe.actor.testkit.typed.single-expect-default = 5s
            my-app {
              blocking-dispatcher = ${troupe.actor.default-blocking-io-dispatcher}
              greeting = "pekko.loglevel is a key, not a value"
            }
            include "pekko-extra.conf"
            """,
            spec -> spec.path("src/main/resources/application.conf")));
  }

  @Test
  void textFilesOtherThanConfAreLeftAlone() {
    rewriteRun(text("pekko.loglevel = DEBUG\n", spec -> spec.path("notes.txt")));
  }

  @Test
  void logbackCapturingAppenderMoves() {
    rewriteRun(
        xml(
            """
            <configuration>
              <appender name="CapturingAppender" class="org.apache.pekko.actor.testkit.typed.internal.CapturingAppender"/>
              <logger name="org.apache.pekko.actor.testkit.typed.internal.CapturingAppenderDelegate">
                <appender-ref ref="STDOUT"/>
              </logger>
              <root level="DEBUG">
                <appender-ref ref="CapturingAppender"/>
              </root>
            </configuration>
            """,
            """
            <configuration>
              <appender name="CapturingAppender" class="io.troupe.actor.testkit.internal.CapturingAppender"/>
              <logger name="io.troupe.actor.testkit.internal.CapturingAppenderDelegate">
                <appender-ref ref="STDOUT"/>
              </logger>
              <root level="DEBUG">
                <appender-ref ref="CapturingAppender"/>
              </root>
            </configuration>
            """,
            spec -> spec.path("src/test/resources/logback-test.xml")));
  }

  @Test
  void javaStringsHoldingConfigMoveOtherStringsStay() {
    rewriteRun(
        java(
            """
            package com.example;

            import com.typesafe.config.Config;
            import com.typesafe.config.ConfigFactory;

            class Settings {
              static final Config CONFIG = ConfigFactory.parseString(
                  \"""
                  pekko.loglevel = INFO
                  pekko {
                    log-dead-letters = off
                  }
                  \""");
              static final String ONE_LINE = "pekko.actor.default-dispatcher.throughput = 5\\npekko.log-dead-letters = 3";
              static final String DISPATCHER = "pekko.actor.default-blocking-io-dispatcher";
              static final String PROSE = "runs on pekko.";
              static final String CLASS_NAME = "org.apache.pekko.actor.typed.javadsl.Behaviors";
            }
            """,
            """
            package com.example;

            import com.typesafe.config.Config;
            import com.typesafe.config.ConfigFactory;

            class Settings {
              static final Config CONFIG = ConfigFactory.parseString(
                  \"""
                  troupe.loglevel = INFO
                  troupe {
                    log-dead-letters = off
                  }
                  \""");
              static final String ONE_LINE = "troupe.actor.default-dispatcher.throughput = 5\\ntroupe.log-dead-letters = 3";
              static final String DISPATCHER = "troupe.actor.default-blocking-io-dispatcher";
              static final String PROSE = "runs on pekko.";
              static final String CLASS_NAME = "io.troupe.actor.Behaviors";
            }
            """));
  }

  @Test
  void akkaNamespaceMovesToo() {
    rewriteRun(
        spec -> spec.recipe(new FromAkka()),
        text(
            "akka.loglevel = DEBUG\nakka.actor.typed.extensions = [\"akka.actor.typed.receptionist.Receptionist\"]\n",
            "troupe.loglevel = DEBUG\ntroupe.actor.typed.extensions = [\"io.troupe.actor.receptionist.Receptionist\"]\n",
            spec -> spec.path("application.conf")));
  }

  @Test
  void badOriginIsRejectedNamingTheParameterAndValue() {
    assertThatThrownBy(() -> new ChangeConfiguration("lagom"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("from")
        .hasMessageContaining("\"lagom\"");
    assertThatThrownBy(() -> new ChangeConfiguration(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("null");
    assertThat(new ChangeConfiguration(" Akka ").getFrom()).isEqualTo("akka");
  }
}
