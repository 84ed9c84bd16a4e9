package io.troupe.examples.docs;

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
 * Checks that every Java block in {@code docs/actors.md} is a copy of a region of a test in this
 * package, so that the docs show only code that compiles and runs.
 *
 * <p>A block is announced by {@code <!-- snippet: FileName.java#tag -->} on the line before its
 * fence; the region sits between two {@code // #tag} lines in that file. Indentation is compared
 * after removing the region's common indent.
 */
class DocSnippetsTest {
  private static final Path DOC = Path.of("..", "docs", "actors.md");
  private static final Path SOURCES = Path.of("src", "test", "java", "io", "troupe", "examples", "docs");
  private static final Pattern BLOCK =
      Pattern.compile("<!-- snippet: (\\w+\\.java)#([\\w-]+) -->\\n```java\\n(.*?)```", Pattern.DOTALL);

  @Test
  void everyJavaBlockInTheDocsIsCompiledAndRunByATest() throws IOException {
    String doc = Files.readString(DOC);
    List<String> checked = new ArrayList<>();
    Matcher m = BLOCK.matcher(doc);
    while (m.find()) {
      String file = m.group(1);
      String tag = m.group(2);
      assertThat(m.group(3)).as("%s#%s in docs/actors.md", file, tag).isEqualTo(region(file, tag));
      checked.add(file + "#" + tag);
    }
    long fences = doc.lines().filter(l -> l.equals("```java")).count();
    assertThat(checked).as("every ```java block is announced by a snippet comment").hasSize((int) fences);
    assertThat(checked).as("snippets checked").hasSizeGreaterThan(10);
  }

  private static String region(String file, String tag) throws IOException {
    List<String> lines = Files.readAllLines(SOURCES.resolve(file));
    String marker = "// #" + tag;
    int start = -1;
    int end = -1;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).trim().equals(marker)) {
        if (start < 0) {
          start = i + 1;
        } else {
          end = i;
          break;
        }
      }
    }
    assertThat(end).as("region %s in %s", marker, file).isGreaterThan(start);
    List<String> body = lines.subList(start, end);
    int indent = body.stream().filter(l -> !l.isBlank())
        .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
    StringBuilder sb = new StringBuilder();
    for (String l : body) {
      sb.append(l.isBlank() ? "" : l.substring(indent)).append('\n');
    }
    return sb.toString();
  }
}
