package dev.baton.adapters.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where the HTTP server listens.
 *
 * @param host the interface to bind, e.g. {@value #DEFAULT_HOST}
 * @param port the TCP port; 0 asks the operating system for a free one
 */
public record HttpServerSettings(String host, int port) {
  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final int DEFAULT_PORT = 8080;

  public HttpServerSettings {
    Objects.requireNonNull(host, "host");
    if (host.isBlank()) {
      throw new IllegalArgumentException("host must not be blank");
    }
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port must be between 0 and 65535: " + port);
    }
  }

  /**
   * Whether {@link #host} reaches this machine only: {@code localhost}, or an IP address of {@code
   * 127.0.0.0/8} or {@code ::1} in any spelling. No resolver is asked (the JDK only parses a
   * literal), so a name such as {@code baton.internal} never counts as local, whatever it resolves
   * to now.
   */
  public boolean isLoopback() {
    String name = host.toLowerCase(Locale.ROOT);
    if (name.equals("localhost")) {
      return true;
    }
    if (!IP_LITERAL.matcher(name).matches()) {
      return false;
    }
    try {
      return InetAddress.getByName(name).isLoopbackAddress();
    } catch (UnknownHostException notAnAddress) {
      return false;
    }
  }

  /** Digits and dots (IPv4) or hex digits and colons (IPv6): parsed, never looked up. */
  private static final Pattern IP_LITERAL =
      Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}|\\[?[0-9a-f:.]*:[0-9a-f:.]*]?");

  public static HttpServerSettings defaults() {
    return new HttpServerSettings(DEFAULT_HOST, DEFAULT_PORT);
  }
}
