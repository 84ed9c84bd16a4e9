package io.troupe.actor.testkit;

import io.troupe.actor.testkit.internal.CapturingAppender;
import org.junit.rules.TestRule;
import org.junit.runner.Description;
import org.junit.runners.model.Statement;

/**
 * A JUnit 4 rule that prints the log events of a test only if it fails:
 * {@code @Rule public final LogCapturing logCapturing = new LogCapturing();}. Needs the {@link
 * CapturingAppender} in {@code logback-test.xml} (see there).
 */
public final class LogCapturing implements TestRule {

  /** Creates the rule. */
  public LogCapturing() {}

  @Override
  public Statement apply(Statement base, Description description) {
    return new Statement() {
      @Override
      public void evaluate() throws Throwable {
        CapturingAppender capturing = CapturingAppender.get();
        capturing.clear();
        String test = description.getClassName() + ": " + description.getMethodName();
        try {
          base.evaluate();
        } catch (Throwable t) {
          capturing.announce("--> [" + test + "] Start of log messages of the test that failed");
          capturing.flush();
          capturing.announce("<-- [" + test + "] End of log messages of the test that failed with " + t);
          throw t;
        } finally {
          capturing.clear();
        }
      }
    };
  }
}
