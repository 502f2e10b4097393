package dev.baton.application.webhook;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The address ranges a webhook may not be sent to unless private addresses are allowed: loopback,
 * unspecified, private, shared (carrier-grade NAT), link-local, unique local and multicast. An IPv6
 * address that carries an IPv4 one (IPv4-mapped, IPv4-compatible, NAT64) is judged by the IPv4 one,
 * since that is where a connection to it ends up.
 */
final class PrivateAddresses {
  private PrivateAddresses() {}

  private record Range(byte[] network, int bits, String text, String kind) {
    boolean contains(byte[] address) {
      if (address.length != network.length) {
        return false;
      }
      for (int bit = 0; bit < bits; bit++) {
        int mask = 0x80 >>> (bit % 8);
        if ((address[bit / 8] & mask) != (network[bit / 8] & mask)) {
          return false;
        }
      }
      return true;
    }
  }

  private static final List<Range> IPV4 =
      List.of(
          ipv4(0, 8, "this network"),
          ipv4(10 << 24, 8, "private"),
          ipv4((100 << 24) | (64 << 16), 10, "shared address space"),
          ipv4(127 << 24, 8, "loopback"),
          ipv4((169 << 24) | (254 << 16), 16, "link-local"),
          ipv4((172 << 24) | (16 << 16), 12, "private"),
          ipv4((192 << 24) | (168 << 16), 16, "private"),
          ipv4(224 << 24, 4, "multicast"));

  private static final List<Range> IPV6 =
      List.of(
          ipv6("::", 128, "unspecified"),
          ipv6("::1", 128, "loopback", 0, 0, 0, 0, 0, 0, 0, 1),
          ipv6("fe80::", 10, "link-local", 0xfe80),
          ipv6("fc00::", 7, "unique local", 0xfc00),
          ipv6("ff00::", 8, "multicast", 0xff00));

  private static final List<Range> CARRYING_IPV4 =
      List.of(
          ipv6("::ffff:0:0", 96, "IPv4-mapped", 0, 0, 0, 0, 0, 0xffff),
          ipv6("::", 96, "IPv4-compatible"),
          ipv6("64:ff9b::", 96, "NAT64", 0x64, 0xff9b));

  /**
   * The refused range holding {@code address}, as {@code "127.0.0.0/8 (loopback)"}, or {@code
   * "127.0.0.0/8 (loopback) as the IPv4-mapped form of 127.0.0.1"}, if any.
   */
  static Optional<String> rangeOf(InetAddress address) {
    byte[] bytes = address.getAddress();
    Optional<String> direct = find(bytes.length == 4 ? IPV4 : IPV6, bytes);
    if (direct.isPresent() || bytes.length == 4) {
      return direct;
    }
    for (Range carrier : CARRYING_IPV4) {
      if (carrier.contains(bytes)) {
        byte[] ipv4 = Arrays.copyOfRange(bytes, 12, 16);
        return find(IPV4, ipv4)
            .map(range -> range + " as the " + carrier.kind() + " form of " + dotted(ipv4));
      }
    }
    return Optional.empty();
  }

  private static Optional<String> find(List<Range> ranges, byte[] bytes) {
    return ranges.stream()
        .filter(range -> range.contains(bytes))
        .findFirst()
        .map(range -> range.text() + " (" + range.kind() + ")");
  }

  private static String dotted(byte[] ipv4) {
    return (ipv4[0] & 0xff)
        + "."
        + (ipv4[1] & 0xff)
        + "."
        + (ipv4[2] & 0xff)
        + "."
        + (ipv4[3] & 0xff);
  }

  private static Range ipv4(int network, int bits, String kind) {
    byte[] bytes = {
      (byte) (network >>> 24), (byte) (network >>> 16), (byte) (network >>> 8), (byte) network
    };
    return new Range(bytes, bits, dotted(bytes) + "/" + bits, kind);
  }

  /** A range given by its text and its leading 16-bit groups (the rest are zero). */
  private static Range ipv6(String text, int bits, String kind, int... groups) {
    byte[] bytes = new byte[16];
    for (int i = 0; i < groups.length; i++) {
      bytes[2 * i] = (byte) (groups[i] >>> 8);
      bytes[2 * i + 1] = (byte) groups[i];
    }
    return new Range(bytes, bits, text + "/" + bits, kind);
  }
}
