package io.troupe.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The comparison is fair only while each workload's Troupe and Pekko classes stay the same
 * program: this pins that they differ in nothing but imports, comments, the system helper and the
 * side's name.
 */
class TwinSourcesTest {
  private static final Path SOURCES = Path.of("src/main/java/io/troupe/bench");

  @ParameterizedTest
  @ValueSource(
      strings = {
        "PingPongBenchmark",
        "EchoBenchmark",
        "FanInBenchmark",
        "SpawnBenchmark",
        "IdleActorFootprint",
        "RouterPoolBenchmark",
        "WorkPullingBenchmark"
      })
  void theTwinsAreTheSameProgram(String name) throws IOException {
    String troupe = normalized(SOURCES.resolve("troupe/" + name + ".java"), "Troupe", "troupe");
    String pekko = normalized(SOURCES.resolve("pekko/" + name + ".java"), "Pekko", "pekko");

    assertThat(troupe).isNotBlank().isEqualTo(pekko);
  }

  @ParameterizedTest
  @ValueSource(strings = {"TcpEchoBenchmark", "FileCopyBenchmark", "FramingBenchmark"})
  void theIoTwinsAreTheSameProgram(String name) throws IOException {
    String troupe = normalized(SOURCES.resolve("io/troupe/" + name + ".java"), "Troupe", "troupe");
    String pekko = normalized(SOURCES.resolve("io/pekko/" + name + ".java"), "Pekko", "pekko");

    assertThat(troupe).isNotBlank().isEqualTo(pekko);
  }

  @ParameterizedTest
  @ValueSource(strings = {"OperatorBenchmark"})
  void theStreamOperatorTwinsAreTheSameProgram(String name) throws IOException {
    String troupe =
        normalized(SOURCES.resolve("stream/troupe/" + name + ".java"), "Troupe", "troupe");
    String pekko = normalized(SOURCES.resolve("stream/pekko/" + name + ".java"), "Pekko", "pekko");

    assertThat(troupe).isNotBlank().isEqualTo(pekko);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "io/", "stream/"})
  void everyTroupeClassHasATwin(String subPackage) throws IOException {
    try (var files = Files.list(SOURCES.resolve(subPackage + "troupe"))) {
      List<String> troupe =
          files.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
      for (String file : troupe) {
        assertThat(SOURCES.resolve(subPackage + "pekko/" + file.replace("Troupe", "Pekko")))
            .exists();
      }
    }
  }

  /** The code without package, imports and comments, with the side's names replaced. */
  private static String normalized(Path file, String helperPrefix, String side)
      throws IOException {
    String text = Files.readString(file);
    text = text.replaceAll("(?s)/\\*.*?\\*/", "");
    return text.lines()
        .map(line -> line.replaceAll("//.*$", "").strip())
        .filter(line -> !line.isEmpty())
        .filter(line -> !line.startsWith("package ") && !line.startsWith("import "))
        .map(line -> line.replace(helperPrefix + "Systems", "SIDE_Systems"))
        .map(line -> line.replace('"' + side + '"', "\"SIDE\""))
        .collect(Collectors.joining("\n"));
  }
}
