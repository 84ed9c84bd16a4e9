package io.troupe.actor.spi;

import com.typesafe.config.Config;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadFactory;

/**
 * Makes the executor of a configured dispatcher whose {@code executor} setting names this
 * class. Implementations need a public no-argument constructor; the system shuts the executor
 * down when it terminates.
 */
public interface ExecutorServiceFactory {
  /**
   * Creates the executor for the dispatcher {@code id}.
   *
   * @param id the dispatcher's configuration path
   * @param config the dispatcher's configuration section
   * @param threadFactory makes threads named after the system and dispatcher
   */
  ExecutorService create(String id, Config config, ThreadFactory threadFactory);
}
