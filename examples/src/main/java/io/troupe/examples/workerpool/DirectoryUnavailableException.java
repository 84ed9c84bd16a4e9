package io.troupe.examples.workerpool;

/** The service directory did not answer a lookup; a later attempt may succeed. */
public final class DirectoryUnavailableException extends EnrichmentException {

  /** Creates the exception. */
  public DirectoryUnavailableException(String message) {
    super(message);
  }

  @Override
  public boolean retryable() {
    return true;
  }
}
