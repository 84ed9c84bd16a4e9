package io.troupe.migrate;

import static org.openrewrite.maven.Assertions.pomXml;

import org.junit.jupiter.api.Test;
import org.openrewrite.test.RecipeSpec;
import org.openrewrite.test.RewriteTest;

class MavenDependenciesTest implements RewriteTest {

  private static final String VERSION = MigrationMapping.pekko().troupeVersion();

  @Override
  public void defaults(RecipeSpec spec) {
    spec.recipe(new FromPekko());
  }

  @Test
  void pekkoArtifactsBecomeTroupeArtifactsAndPekkoSlf4jGoes() {
    // The recipe resolves the new dependencies, as OpenRewrite does for every pom it changes.
    TroupeSnapshots.assumeInstalled();
    rewriteRun(
        pomXml(
            """
            <project>
              <modelVersion>4.0.0</modelVersion>
              <groupId>com.example</groupId>
              <artifactId>app</artifactId>
              <version>1.0</version>
              <dependencies>
                <dependency>
                  <groupId>org.apache.pekko</groupId>
                  <artifactId>pekko-actor-typed_2.13</artifactId>
                  <version>1.7.0</version>
                </dependency>
                <dependency>
                  <groupId>org.apache.pekko</groupId>
                  <artifactId>pekko-stream_2.13</artifactId>
                  <version>1.7.0</version>
                </dependency>
                <dependency>
                  <groupId>org.apache.pekko</groupId>
                  <artifactId>pekko-slf4j_2.13</artifactId>
                  <version>1.7.0</version>
                </dependency>
                <dependency>
                  <groupId>org.apache.pekko</groupId>
                  <artifactId>pekko-actor-testkit-typed_2.13</artifactId>
                  <version>1.7.0</version>
                  <scope>test</scope>
                </dependency>
              </dependencies>
            </project>
            """,
            """
            <project>
              <modelVersion>4.0.0</modelVersion>
              <groupId>com.example</groupId>
              <artifactId>app</artifactId>
              <version>1.0</version>
              <dependencies>
                <dependency>
                  <groupId>io.troupe</groupId>
                  <artifactId>troupe-actor</artifactId>
                  <version>%1$s</version>
                </dependency>
                <dependency>
                  <groupId>io.troupe</groupId>
                  <artifactId>troupe-stream</artifactId>
                  <version>%1$s</version>
                </dependency>
                <dependency>
                  <groupId>io.troupe</groupId>
                  <artifactId>troupe-actor-testkit</artifactId>
                  <version>%1$s</version>
                  <scope>test</scope>
                </dependency>
              </dependencies>
            </project>
            """.formatted(VERSION)));
  }
}
