package dev.baton.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HttpServerSettingsTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "127.0.0.1",
        "127.1.2.3",
        "localhost",
        "LOCALHOST",
        "::1",
        "0:0:0:0:0:0:0:1",
        "[::1]"
      })
  void loopbackAddressesAreLocal(String host) {
    assertThat(new HttpServerSettings(host, 0).isLoopback()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "0.0.0.0",
        "::",
        "192.168.1.10",
        "10.0.0.1",
        "128.0.0.1",
        "fe80::1",
        "::2",
        "baton.internal",
        "localhost.example.com",
        "127.0.0.1.nip.io"
      })
  void everyOtherAddressOrNameIsNot(String host) {
    assertThat(new HttpServerSettings(host, 0).isLoopback()).isFalse();
  }
}
