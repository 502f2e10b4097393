package dev.baton.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import javax.management.MBeanServerFactory;
import org.junit.jupiter.api.Test;

class BatonHttpServerLifecycleTest {
  private final BatonHttpServer server =
      new BatonHttpServer(
          new HttpServerSettings("127.0.0.1", 0), new RunningServer().api(), ApiTokens.none());

  @Test
  void portZeroBindsAnEphemeralPort() {
    server.start();
    try {
      assertThat(server.port()).isPositive();
      assertThat(accepts(server.port())).isTrue();
    } finally {
      server.stop();
    }
  }

  @Test
  void startingCreatesNoPlatformMBeanServer() {
    server.start();
    try {
      // Jetty creates one to learn a single VM flag unless told; its creation slows every start
      assertThat(MBeanServerFactory.findMBeanServer(null)).isEmpty();
    } finally {
      server.stop();
    }
  }

  @Test
  void stopReleasesThePortAndIsIdempotent() {
    server.start();
    int port = server.port();

    server.stop();
    server.stop();

    assertThat(accepts(port)).isFalse();
  }

  @Test
  void stopBeforeStartIsHarmless() {
    server.stop();

    assertThatThrownBy(server::start).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aServerRunsOnlyOnce() {
    server.start();
    try {
      assertThatThrownBy(server::start).isInstanceOf(IllegalStateException.class);
    } finally {
      server.stop();
    }
    assertThatThrownBy(server::start).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void portIsRefusedWhileNotRunning() {
    assertThatThrownBy(server::port).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void settingsRejectAPortOutOfRangeAndABlankHost() {
    assertThatThrownBy(() -> new HttpServerSettings("127.0.0.1", 65_536))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new HttpServerSettings("127.0.0.1", -1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new HttpServerSettings(" ", 8080))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void defaultSettingsListenOnLoopbackPort8080() {
    assertThat(HttpServerSettings.defaults()).isEqualTo(new HttpServerSettings("127.0.0.1", 8080));
  }

  private static boolean accepts(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
