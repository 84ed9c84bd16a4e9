package io.troupe.examples.workerpool;

/**
 * A failure to enrich a batch of flow-log records; the worker's supervisor restarts the worker
 * after it, and {@link #retryable()} tells the coordinator whether trying the batch again can help.
 */
public abstract sealed class EnrichmentException extends RuntimeException
    permits MalformedRecordException, DirectoryUnavailableException {

  EnrichmentException(String message) {
    super(message);
  }

  /** Whether the same batch may succeed on another attempt. */
  public abstract boolean retryable();
}
