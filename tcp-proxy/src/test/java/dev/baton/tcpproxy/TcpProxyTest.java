package dev.baton.tcpproxy;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.tcpproxy.EchoServer.Ending;
import dev.baton.tcpproxy.EchoServer.Session;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class TcpProxyTest {

  /** Bound on anything that should happen at once; only a hang gets near it. */
  private static final Duration PROMPTLY = Duration.ofSeconds(5);

  /** How long a socket must stay silent to count as hearing nothing. */
  private static final int QUIET_MILLIS = 300;

  private final List<Socket> clients = new ArrayList<>();
  private final ExecutorService background = Executors.newCachedThreadPool();
  private EchoServer echo;
  private TcpProxy proxy;

  @BeforeEach
  void start() throws IOException {
    echo = EchoServer.start();
    proxy = TcpProxy.start("127.0.0.1", echo.port());
  }

  @AfterEach
  void stop() throws Exception {
    for (Socket client : clients) {
      client.close();
    }
    background.shutdownNow();
    proxy.close();
    echo.close();
  }

  @Test
  void bytesPassBothWays() throws Exception {
    Socket client = connectedThrough("hello");

    byte[] payload = new byte[1024 * 1024];
    new Random(42).nextBytes(payload);
    Future<?> writing =
        background.submit(
            () -> {
              client.getOutputStream().write(payload);
              return null;
            });
    assertThat(client.getInputStream().readNBytes(payload.length)).isEqualTo(payload);
    writing.get(PROMPTLY.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Test
  void hangUpsArePassedOnInBothDirections() throws Exception {
    Socket client = connectedThrough("bye");
    Session session = echo.awaitSession(PROMPTLY);

    client.shutdownOutput();

    assertThat(endingOf(session)).isEqualTo(Ending.END_OF_STREAM);
    assertThat(client.getInputStream().read()).as("the echo server's hang-up").isEqualTo(-1);
    assertThat(proxy.awaitActiveConnections(0, PROMPTLY)).isTrue();
  }

  @Test
  void blackholeSilencesOpenConnectionsWithoutClosingThem() throws Exception {
    Socket client = connectedThrough("before");

    proxy.blackhole();
    send(client, "during");

    assertHearsNothing(client);
    assertThat(proxy.activeConnections()).isEqualTo(1);
  }

  @Test
  void passDeliversWhatTheBlackholeHeld() throws Exception {
    Socket client = connectedThrough("before");
    proxy.blackhole();
    send(client, "held");
    assertHearsNothing(client);

    proxy.pass();

    assertThat(receive(client, "held".length())).isEqualTo("held");
  }

  @Test
  void aConnectionOpenedDuringABlackholeIsAcceptedButNotForwarded() throws Exception {
    proxy.blackhole();

    Socket client = connect();
    send(client, "early");

    // connect() returns when the kernel has the connection, which may be before the proxy has.
    assertThat(proxy.awaitActiveConnections(1, PROMPTLY)).isTrue();
    assertHearsNothing(client);
    assertThat(echo.sessionsWaiting()).as("connections that reached the server").isZero();

    proxy.pass();

    assertThat(receive(client, "early".length())).isEqualTo("early");
    echo.awaitSession(PROMPTLY);
  }

  @Test
  void closeServerSidesMakesTheServerSeeAHangUpWhileTheClientSeesNothing() throws Exception {
    Socket client = connectedThrough("hello");
    Session session = echo.awaitSession(PROMPTLY);

    proxy.closeServerSides();

    assertThat(endingOf(session)).isEqualTo(Ending.END_OF_STREAM);
    send(client, "anyone there?");
    assertHearsNothing(client);
    assertThat(proxy.activeConnections()).as("the client side is still held").isEqualTo(1);

    client.close();
    assertThat(proxy.awaitActiveConnections(0, PROMPTLY)).isTrue();
  }

  @Test
  void connectionsOpenedAfterCloseServerSidesReachTheServer() throws Exception {
    Socket orphan = connectedThrough("first");
    proxy.closeServerSides();

    Socket client = connect();

    assertThat(roundTrip(client, "second")).isEqualTo("second");
    assertThat(proxy.activeConnections()).isEqualTo(2);
  }

  @Test
  void resetAllResetsABlockedClientReadAndTheServer() throws Exception {
    Socket client = connectedThrough("hello");
    Session session = echo.awaitSession(PROMPTLY);
    Future<Integer> blockedRead = background.submit(() -> client.getInputStream().read());

    proxy.resetAll();

    assertThatThrownBy(() -> blockedRead.get(PROMPTLY.toMillis(), TimeUnit.MILLISECONDS))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOf(SocketException.class)
        .hasMessageContaining("Connection reset");
    assertThat(endingOf(session)).isEqualTo(Ending.RESET);
    assertThat(proxy.activeConnections()).isZero();
  }

  @Test
  void refusingMakesANewConnectFailAtOnce() {
    proxy.refuseNewConnections(true);

    // A hang would end in a SocketTimeoutException, which is no ConnectException.
    assertThatThrownBy(this::connect)
        .isInstanceOf(ConnectException.class)
        .hasMessageContaining("refused");
  }

  @Test
  void acceptingAgainAfterRefusingWorksOnTheSamePort() throws Exception {
    int port = proxy.port();
    proxy.refuseNewConnections(true);
    assertThatThrownBy(this::connect).isInstanceOf(ConnectException.class);

    proxy.refuseNewConnections(false);

    Socket client = connect();
    assertThat(client.getPort()).isEqualTo(port);
    assertThat(roundTrip(client, "back")).isEqualTo("back");
  }

  @Test
  void refusingLeavesOpenConnectionsAlone() throws Exception {
    Socket client = connectedThrough("before");

    proxy.refuseNewConnections(true);

    assertThat(roundTrip(client, "during")).isEqualTo("during");
  }

  @Test
  void aJdbcClientGetsAConnectionErrorAtOnceWhileRefusing() {
    proxy.refuseNewConnections(true);
    String url =
        "jdbc:postgresql://"
            + proxy.host()
            + ":"
            + proxy.port()
            + "/postgres?user=postgres&connectTimeout="
            + PROMPTLY.toSeconds();

    assertThatThrownBy(() -> DriverManager.getConnection(url).close())
        .isInstanceOf(SQLException.class)
        .cause()
        .as("a refusal, not a connect timeout")
        .isInstanceOf(ConnectException.class);
  }

  @Test
  void closeStopsEveryProxyThread() throws Exception {
    Socket orphan = connectedThrough("orphan");
    proxy.closeServerSides();
    Socket passing = connectedThrough("passing");
    proxy.blackhole();
    connect();
    assertThat(proxy.awaitActiveConnections(3, PROMPTLY)).isTrue();
    proxy.refuseNewConnections(true);
    assertThat(proxyThreads()).isNotEmpty();

    proxy.close();

    assertThat(proxyThreads()).isEmpty();
    assertThat(proxy.activeConnections()).isZero();
  }

  @Test
  void closingTwiceIsHarmless() {
    proxy.close();
    proxy.close();

    assertThat(proxyThreads()).isEmpty();
  }

  /** A client whose {@code word} went through the proxy to the echo server and back. */
  private Socket connectedThrough(String word) throws IOException {
    Socket client = connect();
    assertThat(roundTrip(client, word)).isEqualTo(word);
    return client;
  }

  private Socket connect() throws IOException {
    Socket socket = new Socket();
    clients.add(socket);
    socket.connect(new InetSocketAddress(proxy.host(), proxy.port()), (int) PROMPTLY.toMillis());
    socket.setSoTimeout((int) PROMPTLY.toMillis());
    return socket;
  }

  private List<Thread> proxyThreads() {
    String prefix = "tcp-proxy-" + proxy.port() + "-";
    return Thread.getAllStackTraces().keySet().stream()
        .filter(thread -> thread.getName().startsWith(prefix))
        .toList();
  }

  private static String roundTrip(Socket client, String text) throws IOException {
    send(client, text);
    return receive(client, text.getBytes(UTF_8).length);
  }

  private static void send(Socket client, String text) throws IOException {
    client.getOutputStream().write(text.getBytes(UTF_8));
  }

  private static String receive(Socket client, int length) throws IOException {
    byte[] bytes = client.getInputStream().readNBytes(length);
    if (bytes.length < length) {
      throw new EOFException("Got " + bytes.length + " of " + length + " bytes");
    }
    return new String(bytes, UTF_8);
  }

  /** Neither data nor a hang-up nor a reset: the read times out. */
  private static void assertHearsNothing(Socket client) throws IOException {
    int timeout = client.getSoTimeout();
    client.setSoTimeout(QUIET_MILLIS);
    try {
      InputStream in = client.getInputStream();
      assertThatThrownBy(in::read).isInstanceOf(SocketTimeoutException.class);
    } finally {
      client.setSoTimeout(timeout);
    }
  }

  private static Ending endingOf(Session session) throws Exception {
    return session.ending().get(PROMPTLY.toMillis(), TimeUnit.MILLISECONDS);
  }
}
