package io.troupe.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openrewrite.ExecutionContext;
import org.openrewrite.InMemoryExecutionContext;
import org.openrewrite.Result;
import org.openrewrite.SourceFile;
import org.openrewrite.internal.InMemoryLargeSourceSet;
import org.openrewrite.maven.MavenParser;
import org.openrewrite.text.PlainTextParser;
import org.openrewrite.xml.XmlParser;

/**
 * Runs {@link FromPekko} over the Pekko sample project under {@code examples/pekko-sample} (after
 * checking that it compiles against Pekko), then builds and tests the migrated copy on Troupe with
 * Maven, offline, against the Troupe artifacts in the local repository.
 */
class PekkoSampleMigrationTest {

  private static final Path SAMPLE = Path.of(System.getProperty("basedir", ".")).resolve("../examples/pekko-sample").normalize();

  @Test
  void sampleMigratesAndItsTestsPassOnTroupe(@TempDir Path work) throws Exception {
    TroupeSnapshots.assumeInstalled();
    Path mvn = findOnPath("mvn");
    Assumptions.assumeTrue(mvn != null, "no mvn on the PATH: cannot build the migrated sample");
    assertThat(SAMPLE.resolve("pom.xml")).as("the sample project").isRegularFile();

    Path project = work.resolve("pekko-sample");
    copy(SAMPLE, project);
    compilesAgainstTheClasspath(project, work.resolve("pekko-classes"));

    migrate(project);

    List<String> leftovers = new ArrayList<>();
    for (Path f : files(project)) {
      String text = Files.readString(f);
      if (text.contains("org.apache.pekko") || Pattern.compile("(?m)^\\s*pekko[.{ ]").matcher(text).find()) {
        leftovers.add(project.relativize(f).toString());
      }
    }
    assertThat(leftovers).as("files that still name Pekko after the migration").isEmpty();
    assertThat(Files.readString(project.resolve("pom.xml")))
        .contains("<groupId>io.troupe</groupId>")
        .contains("<artifactId>troupe-actor-testkit</artifactId>")
        .doesNotContain("pekko-slf4j");

    Path log = work.resolve("mvn.log");
    ProcessBuilder build = new ProcessBuilder(mvn.toString(), "-o", "-B", "-ntp", "test")
        .directory(project.toFile())
        .redirectErrorStream(true)
        .redirectOutput(log.toFile());
    // Maven runs on the JDK running this test (>= 21), which the sample compiles for.
    build.environment().put("JAVA_HOME", System.getProperty("java.home"));
    Process p = build.start();
    boolean finished = p.waitFor(5, TimeUnit.MINUTES);
    if (!finished) p.destroyForcibly();
    String output = Files.readString(log);
    assertThat(finished).as("the sample's Maven build finished within 5 minutes; output:%n%s", output).isTrue();
    assertThat(p.exitValue()).as("the migrated sample's `mvn -o test` exit code; output:%n%s", output).isZero();

    Map<String, int[]> reports = surefireReports(project.resolve("target/surefire-reports"));
    assertThat(reports)
        .as("tests run per class (tests, failures, errors, skipped)")
        .containsOnlyKeys("com.example.sample.CounterTest", "com.example.sample.WordLengthsTest");
    assertThat(reports.get("com.example.sample.CounterTest")).containsExactly(3, 0, 0, 0);
    assertThat(reports.get("com.example.sample.WordLengthsTest")).containsExactly(2, 0, 0, 0);
  }

  private static void migrate(Path project) throws IOException {
    ExecutionContext ctx = new InMemoryExecutionContext(t -> {
      throw new AssertionError("OpenRewrite failed while migrating the sample", t);
    });
    List<Path> java = new ArrayList<>();
    List<Path> conf = new ArrayList<>();
    List<Path> xml = new ArrayList<>();
    for (Path f : files(project)) {
      String name = f.getFileName().toString();
      if (name.endsWith(".java")) java.add(f);
      else if (name.endsWith(".conf")) conf.add(f);
      else if (name.endsWith(".xml") && !name.equals("pom.xml")) xml.add(f);
    }
    List<SourceFile> sources = new ArrayList<>();
    Parsers.pekko().build().parse(java, project, ctx).forEach(sources::add);
    MavenParser.builder().build().parse(List.of(project.resolve("pom.xml")), project, ctx).forEach(sources::add);
    new PlainTextParser().parse(conf, project, ctx).forEach(sources::add);
    new XmlParser().parse(xml, project, ctx).forEach(sources::add);
    assertThat(sources).hasSize(java.size() + conf.size() + xml.size() + 1);

    List<Result> results = new FromPekko().run(new InMemoryLargeSourceSet(sources), ctx).getChangeset().getAllResults();
    for (Result r : results) {
      assertThat(r.getAfter()).as("the recipe deletes no file").isNotNull();
      Files.writeString(project.resolve(r.getAfter().getSourcePath()), r.getAfter().printAll(), StandardCharsets.UTF_8);
    }
    assertThat(results).as("changed files").hasSize(java.size() + conf.size() + xml.size() + 1);
  }

  /** Compiles the sample's sources as they are, so that the "before" is known to be real Pekko code. */
  private static void compilesAgainstTheClasspath(Path project, Path out) throws IOException {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    Files.createDirectories(out);
    List<Path> sources = files(project).stream().filter(f -> f.toString().endsWith(".java")).toList();
    StringWriter diagnostics = new StringWriter();
    try (StandardJavaFileManager fm = javac.getStandardFileManager(null, null, StandardCharsets.UTF_8)) {
      boolean ok = javac
          .getTask(diagnostics, fm, null,
              List.of("-classpath", System.getProperty("java.class.path"), "-d", out.toString(), "-proc:none"),
              null, fm.getJavaFileObjectsFromPaths(sources))
          .call();
      assertThat(ok).as("the Pekko sample compiles against Pekko:%n%s", diagnostics).isTrue();
    }
  }

  private static Map<String, int[]> surefireReports(Path dir) throws IOException {
    Map<String, int[]> byClass = new TreeMap<>();
    Pattern suite = Pattern.compile("<testsuite [^>]*?name=\"([^\"]+)\"[^>]*>");
    assertThat(dir).as("surefire reports of the migrated sample").isDirectory();
    try (Stream<Path> s = Files.list(dir)) {
      for (Path f : s.filter(x -> x.getFileName().toString().matches("TEST-.*\\.xml")).toList()) {
        Matcher m = suite.matcher(Files.readString(f));
        if (!m.find()) continue;
        String tag = m.group();
        byClass.put(m.group(1), new int[] {attr(tag, "tests"), attr(tag, "failures"), attr(tag, "errors"), attr(tag, "skipped")});
      }
    }
    return byClass;
  }

  private static int attr(String tag, String name) {
    Matcher m = Pattern.compile("\\s" + name + "=\"(\\d+)\"").matcher(tag);
    return m.find() ? Integer.parseInt(m.group(1)) : -1;
  }

  private static List<Path> files(Path root) throws IOException {
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(Files::isRegularFile).sorted().toList();
    }
  }

  private static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path src : s.toList()) {
        Path rel = from.relativize(src);
        if (!rel.toString().isEmpty() && rel.getName(0).toString().equals("target")) continue;
        Path dst = to.resolve(rel.toString());
        if (Files.isDirectory(src)) Files.createDirectories(dst);
        else Files.copy(src, dst);
      }
    }
  }

  private static Path findOnPath(String command) {
    String path = System.getenv("PATH");
    if (path == null) return null;
    for (String dir : path.split(java.io.File.pathSeparator)) {
      Path candidate = Path.of(dir, command);
      if (Files.isExecutable(candidate)) return candidate;
    }
    return null;
  }
}
