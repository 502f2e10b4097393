package dev.baton.adapters.http;

import java.util.Objects;

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

  public static HttpServerSettings defaults() {
    return new HttpServerSettings(DEFAULT_HOST, DEFAULT_PORT);
  }
}
