package io.troupe.examples.workerpool;

import java.util.Map;

/** Hand-made flow-log lines and the directory that names their services, for the tests. */
final class FlowLines {
  private FlowLines() {}

  static final String ORDERS_DB = "10.0.2.5";
  static final String GATEWAY = "10.0.3.10";

  static final ServiceDirectory DIRECTORY =
      ServiceDirectory.of(Map.of(ORDERS_DB + ":5432", "orders-db", GATEWAY + ":443", "api-gateway"));

  static String flow(String src, String dst, int dstPort, long bytes, String action) {
    return "2 123456789010 eni-0a1b2c3d " + src + " " + dst + " 40000 " + dstPort + " 6 10 " + bytes
        + " 1700000000 1700000060 " + action + " OK";
  }

  static String toOrdersDb(String src, long bytes) {
    return flow(src, ORDERS_DB, 5432, bytes, "ACCEPT");
  }

  static String rejectedAtGateway(String src, long bytes) {
    return flow(src, GATEWAY, 443, bytes, "REJECT");
  }

  static final String NODATA =
      "2 123456789010 eni-0a1b2c3d - - - - - - - 1700000000 1700000060 - NODATA";

  /** A line whose bytes field is not a number. */
  static final String CORRUPT =
      "2 123456789010 eni-0a1b2c3d 10.0.1.1 10.0.2.5 40000 5432 6 10 12x4 1700000000 1700000060 ACCEPT OK";
}
