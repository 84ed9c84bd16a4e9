package io.troupe.examples.workerpool;

import java.util.Map;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/** Names the service behind a destination address and port, such as {@code orders-db}. */
public interface ServiceDirectory {

  /**
   * The service listening on {@code address}:{@code port}; {@code "port-<n>"} for an endpoint the
   * directory does not know.
   *
   * @throws DirectoryUnavailableException if the directory cannot answer now
   */
  String serviceFor(String address, int port);

  /** A directory that knows the endpoints in {@code servicesByEndpoint} ({@code "10.0.2.5:5432"}). */
  static ServiceDirectory of(Map<String, String> servicesByEndpoint) {
    Map<String, String> copy = Map.copyOf(servicesByEndpoint);
    return (address, port) -> {
      String service = copy.get(address + ":" + port);
      return service != null ? service : "port-" + port;
    };
  }

  /**
   * A directory that fails each lookup for which {@code failNow} says true, like a remote registry
   * with an unreliable network, and asks {@code delegate} otherwise.
   */
  static ServiceDirectory unreliable(ServiceDirectory delegate, BooleanSupplier failNow) {
    Objects.requireNonNull(delegate, "delegate");
    Objects.requireNonNull(failNow, "failNow");
    return (address, port) -> {
      if (failNow.getAsBoolean()) {
        throw new DirectoryUnavailableException(
            "service directory did not answer for " + address + ":" + port);
      }
      return delegate.serviceFor(address, port);
    };
  }
}
