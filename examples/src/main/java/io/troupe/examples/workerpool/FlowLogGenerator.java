package io.troupe.examples.workerpool;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * An endless, reproducible supply of flow-log batches from a small made-up network: clients in two
 * subnets calling a dozen services, with a given share of corrupt lines among them.
 *
 * <p>Not thread-safe: one consumer (the coordinator) pulls batches.
 */
public final class FlowLogGenerator implements Iterator<List<String>> {

  /** A service endpoint with its share of flows and the size of its flows. */
  private record Endpoint(String address, int port, String service, int weight, int maxPackets, int packetBytes) {}

  private static final List<Endpoint> ENDPOINT_LIST = List.of(
      new Endpoint("10.0.3.10", 443, "api-gateway", 30, 120, 900),
      new Endpoint("10.0.3.11", 8080, "orders-service", 12, 60, 700),
      new Endpoint("10.0.3.12", 8080, "payments-service", 5, 40, 600),
      new Endpoint("10.0.3.13", 8080, "catalog-service", 14, 80, 1200),
      new Endpoint("10.0.3.14", 8080, "search-service", 8, 60, 1000),
      new Endpoint("10.0.2.5", 5432, "orders-db", 9, 150, 800),
      new Endpoint("10.0.2.6", 5432, "users-db", 4, 100, 600),
      new Endpoint("10.0.2.20", 6379, "session-cache", 20, 20, 200),
      new Endpoint("10.0.4.2", 9092, "kafka", 7, 400, 1400),
      new Endpoint("10.0.4.3", 9092, "kafka", 7, 400, 1400),
      new Endpoint("10.0.0.2", 53, "dns", 25, 2, 90),
      new Endpoint("10.0.5.9", 9200, "log-store", 3, 800, 1450));

  /** The services of the made-up network by endpoint, as the generator addresses them. */
  public static final Map<String, String> SERVICES = services();

  private static final int TOTAL_WEIGHT = ENDPOINT_LIST.stream().mapToInt(Endpoint::weight).sum();

  private final SplittableRandom random;
  private final int batchSize;
  private final double corruptShare;
  private long time = 1_700_000_000L;

  private FlowLogGenerator(long seed, int batchSize, double corruptShare) {
    this.random = new SplittableRandom(seed);
    this.batchSize = batchSize;
    this.corruptShare = corruptShare;
  }

  /**
   * A generator of batches of {@code batchSize} lines, of which about {@code corruptShare} are
   * corrupt, the same for the same {@code seed}.
   *
   * @throws IllegalArgumentException if {@code batchSize} is not positive or {@code corruptShare}
   *     is outside [0, 1]
   */
  public static FlowLogGenerator create(long seed, int batchSize, double corruptShare) {
    if (batchSize <= 0) {
      throw new IllegalArgumentException("batchSize must be positive, was " + batchSize);
    }
    if (!(corruptShare >= 0.0 && corruptShare <= 1.0)) {
      throw new IllegalArgumentException("corruptShare must be within [0, 1], was " + corruptShare);
    }
    return new FlowLogGenerator(seed, batchSize, corruptShare);
  }

  /** The directory that names this network's services. */
  public static ServiceDirectory directory() {
    return ServiceDirectory.of(SERVICES);
  }

  @Override
  public boolean hasNext() {
    return true;
  }

  @Override
  public List<String> next() {
    List<String> batch = new ArrayList<>(batchSize);
    for (int i = 0; i < batchSize; i++) {
      batch.add(random.nextDouble() < corruptShare ? corruptLine() : line());
    }
    return batch;
  }

  /** One well-formed line: a flow, or now and then a NODATA line. */
  String line() {
    time += random.nextInt(3);
    if (random.nextInt(500) == 0) {
      return "2 123456789010 eni-0f1e2d3c - - - - - - - " + time + " " + (time + 60) + " - NODATA";
    }
    return String.join(" ", flowFields());
  }

  private String[] flowFields() {
    Endpoint e = pickEndpoint();
    int packets = 1 + random.nextInt(e.maxPackets());
    long bytes = packets * (long) (e.packetBytes() * (0.5 + random.nextDouble()));
    return new String[] {
      "2", "123456789010", "eni-0a1b2c3d",
      "10.0." + (1 + random.nextInt(2)) + "." + (10 + random.nextInt(90)),
      e.address(),
      Integer.toString(32_768 + random.nextInt(28_000)),
      Integer.toString(e.port()),
      e.port() == 53 ? "17" : "6",
      Integer.toString(packets),
      Long.toString(bytes),
      Long.toString(time),
      Long.toString(time + 60),
      random.nextInt(40) == 0 ? "REJECT" : "ACCEPT",
      "OK"
    };
  }

  private Endpoint pickEndpoint() {
    int ticket = random.nextInt(TOTAL_WEIGHT);
    for (Endpoint e : ENDPOINT_LIST) {
      ticket -= e.weight();
      if (ticket < 0) {
        return e;
      }
    }
    throw new AssertionError("weights add up to " + TOTAL_WEIGHT);
  }

  /** One line that {@link FlowRecord#parse} rejects, damaged the way real shippers damage lines. */
  String corruptLine() {
    String[] f = flowFields();
    switch (random.nextInt(3)) {
      case 0 -> {
        String whole = String.join(" ", f);
        return whole.substring(0, whole.length() / 2); // a truncated write
      }
      case 1 -> f[8] = f[8] + "#"; // a stray byte in the packets field
      default -> f[3] = "10.0.300." + f[3].substring(f[3].lastIndexOf('.') + 1); // a mangled address
    }
    return String.join(" ", f);
  }

  private static Map<String, String> services() {
    Map<String, String> m = new LinkedHashMap<>();
    for (Endpoint e : ENDPOINT_LIST) {
      m.put(e.address() + ":" + e.port(), e.service());
    }
    return Collections.unmodifiableMap(m);
  }

}
