package io.troupe.examples.workerpool;

/** A flow-log line that is not a valid record; the batch holding it can never succeed. */
public final class MalformedRecordException extends EnrichmentException {

  /** Creates the exception with a message that names the bad field and its value. */
  public MalformedRecordException(String message) {
    super(message);
  }

  @Override
  public boolean retryable() {
    return false;
  }
}
