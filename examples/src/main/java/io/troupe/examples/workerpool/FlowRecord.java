package io.troupe.examples.workerpool;

import java.util.Optional;

/**
 * One accepted or rejected network flow, as read from a VPC flow-log line in the default
 * (version 2) format.
 *
 * <p>A line has 14 space-separated fields: {@code version account-id interface-id srcaddr dstaddr
 * srcport dstport protocol packets bytes start end action log-status}, for example
 * {@code 2 123456789010 eni-0a1b2c3d 10.0.1.12 10.0.2.5 49152 5432 6 20 4249 1700000000 1700000060
 * ACCEPT OK}. Lines whose status is {@code NODATA} or {@code SKIPDATA} carry no flow.
 *
 * @param srcAddr the source IPv4 address
 * @param dstAddr the destination IPv4 address
 * @param srcPort the source port
 * @param dstPort the destination port
 * @param protocol the IANA protocol number (6 = TCP, 17 = UDP)
 * @param packets the packets in the flow
 * @param bytes the bytes in the flow
 * @param accepted whether the traffic was accepted (else rejected)
 */
public record FlowRecord(
    String srcAddr,
    String dstAddr,
    int srcPort,
    int dstPort,
    int protocol,
    long packets,
    long bytes,
    boolean accepted) {

  private static final int FIELDS = 14;

  /**
   * Parses one line; empty for a line that carries no flow.
   *
   * @throws MalformedRecordException naming the field and value that are wrong
   */
  public static Optional<FlowRecord> parse(String line) {
    if (line == null) {
      throw new MalformedRecordException("line is null");
    }
    String[] f = line.trim().split(" +");
    if (f.length != FIELDS) {
      throw new MalformedRecordException(
          "expected " + FIELDS + " fields but found " + f.length + ": '" + line + "'");
    }
    String status = f[13];
    switch (status) {
      case "NODATA", "SKIPDATA" -> {
        return Optional.empty();
      }
      case "OK" -> { }
      default -> throw new MalformedRecordException("field 'log-status' is not OK, NODATA or SKIPDATA: '" + status + "'");
    }
    boolean accepted = switch (f[12]) {
      case "ACCEPT" -> true;
      case "REJECT" -> false;
      default -> throw new MalformedRecordException("field 'action' is not ACCEPT or REJECT: '" + f[12] + "'");
    };
    return Optional.of(new FlowRecord(
        ipv4("srcaddr", f[3]),
        ipv4("dstaddr", f[4]),
        (int) number("srcport", f[5], 65_535),
        (int) number("dstport", f[6], 65_535),
        (int) number("protocol", f[7], 255),
        number("packets", f[8], Long.MAX_VALUE),
        number("bytes", f[9], Long.MAX_VALUE),
        accepted));
  }

  private static long number(String field, String text, long max) {
    long value;
    try {
      value = Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new MalformedRecordException("field '" + field + "' is not a number: '" + text + "'");
    }
    if (value < 0 || value > max) {
      throw new MalformedRecordException("field '" + field + "' is out of range [0, " + max + "]: " + value);
    }
    return value;
  }

  private static String ipv4(String field, String text) {
    String[] octets = text.split("\\.", -1);
    if (octets.length != 4) {
      throw new MalformedRecordException("field '" + field + "' is not an IPv4 address: '" + text + "'");
    }
    for (String octet : octets) {
      if (octet.isEmpty() || octet.length() > 3 || !octet.chars().allMatch(Character::isDigit)
          || Integer.parseInt(octet) > 255) {
        throw new MalformedRecordException("field '" + field + "' is not an IPv4 address: '" + text + "'");
      }
    }
    return text;
  }
}
