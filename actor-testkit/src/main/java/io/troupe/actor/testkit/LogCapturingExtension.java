package io.troupe.actor.testkit;

import io.troupe.actor.testkit.internal.CapturingAppender;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A JUnit 5 extension that prints the log events of a test only if it fails:
 * {@code @ExtendWith(LogCapturingExtension.class)}. Needs the {@link CapturingAppender} in
 * {@code logback-test.xml} (see there).
 */
public final class LogCapturingExtension implements BeforeTestExecutionCallback, AfterTestExecutionCallback {

  /** Creates the extension; JUnit does this for {@code @ExtendWith}. */
  public LogCapturingExtension() {}

  @Override
  public void beforeTestExecution(ExtensionContext context) {
    CapturingAppender.get().clear();
  }

  @Override
  public void afterTestExecution(ExtensionContext context) {
    CapturingAppender capturing = CapturingAppender.get();
    try {
      context.getExecutionException().ifPresent(t -> {
        String test = context.getRequiredTestClass().getName() + ": " + context.getDisplayName();
        capturing.announce("--> [" + test + "] Start of log messages of the test that failed");
        capturing.flush();
        capturing.announce("<-- [" + test + "] End of log messages of the test that failed with " + t);
      });
    } finally {
      capturing.clear();
    }
  }
}
