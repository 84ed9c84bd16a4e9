package io.troupe.actor.testkit.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Checks that every Java block of docs/testing.md that follows {@code <!-- snippet: name -->}
 * is, verbatim up to indentation, the region between {@code // #name} lines of {@link
 * TestingDocExamplesTest}: the page shows compiled, tested code.
 */
class DocSnippetsTest {
  private static final Path PAGE = Path.of("..", "docs", "testing.md");
  private static final Path SOURCE =
      Path.of("src", "test", "java", "io", "troupe", "actor", "testkit", "docs", "TestingDocExamplesTest.java");

  @Test
  void everySnippetOfThePageIsCompiledCode() throws IOException {
    String page = Files.readString(PAGE);
    String source = Files.readString(SOURCE);
    Matcher m = Pattern.compile("<!-- snippet: ([\\w-]+) -->\\s*```java\\n(.*?)```", Pattern.DOTALL).matcher(page);
    List<String> checked = new ArrayList<>();
    while (m.find()) {
      String name = m.group(1);
      assertThat(dedent(m.group(2))).as("snippet " + name).isEqualTo(region(source, name));
      checked.add(name);
    }
    assertThat(checked).contains("echo", "async", "fishing", "parent", "sync", "reminder", "sync-timer", "manual-time", "logging");
  }

  private static String region(String source, String name) {
    String marker = "// #" + name + "\n";
    int start = source.indexOf(marker);
    assertThat(start).as("region " + name + " in the examples").isNotNegative();
    int end = source.indexOf(marker, start + marker.length());
    assertThat(end).as("end of region " + name).isPositive();
    int endLine = source.lastIndexOf('\n', end) + 1;
    return dedent(source.substring(source.indexOf('\n', start) + 1, endLine));
  }

  private static String dedent(String block) {
    List<String> lines = block.lines().toList();
    int indent = lines.stream().filter(l -> !l.isBlank())
        .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
    StringBuilder sb = new StringBuilder();
    for (String l : lines) {
      sb.append(l.isBlank() ? "" : l.substring(indent)).append('\n');
    }
    return sb.toString();
  }
}
