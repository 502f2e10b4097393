package dev.baton.tcpproxy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A TCP proxy on 127.0.0.1 that a test puts between a client and a server, to break the network
 * between them on cue.
 *
 * <pre>{@code
 * try (TcpProxy proxy = TcpProxy.start("127.0.0.1", 5432)) {
 *   String url = "jdbc:postgresql://" + proxy.host() + ":" + proxy.port() + "/baton";
 *   // ... start Baton against url, let it lead ...
 *   proxy.blackhole();          // partition: both ends keep their sockets, nothing arrives
 *   proxy.closeServerSides();   // PostgreSQL gives up on the client and frees its locks
 *   proxy.pass();               // the network heals; the old client sockets stay dead
 *   proxy.resetAll();           // a restart: every connection reset
 *   proxy.refuseNewConnections(true);   // the server is down
 * }
 * }</pre>
 *
 * <p>What each end sees:
 *
 * <table>
 *   <caption>Effect of each fault on the two ends</caption>
 *   <tr><th>call</th><th>open connections</th><th>new connections</th></tr>
 *   <tr><td>{@link #pass()}</td><td>bytes flow, including any held by a blackhole</td>
 *       <td>connected to the server</td></tr>
 *   <tr><td>{@link #blackhole()}</td><td>sockets stay open; bytes, hang-ups and resets are held
 *       until {@code pass()}</td><td>accepted, but not connected to the server until
 *       {@code pass()}</td></tr>
 *   <tr><td>{@link #closeServerSides()}</td><td>the server sees the client hang up (FIN); the
 *       client is told nothing, and what it sends is dropped</td><td>unaffected</td></tr>
 *   <tr><td>{@link #resetAll()}</td><td>both ends see a connection reset (RST)</td>
 *       <td>unaffected</td></tr>
 *   <tr><td>{@link #refuseNewConnections(boolean) refuseNewConnections(true)}</td>
 *       <td>unaffected</td><td>refused at once ({@code ConnectException}), on the same port
 *       as before</td></tr>
 * </table>
 *
 * <p>{@code blackhole()} and {@code pass()} switch a mode that holds until switched back; {@code
 * closeServerSides()} and {@code resetAll()} act once on the connections open at that moment.
 *
 * <p>Outside faults, a hang-up or reset by one end is passed on to the other, as it would be
 * without the proxy. Threads are daemons named {@code tcp-proxy-<port>-...}; {@link #close()} stops
 * them all before it returns.
 */
public final class TcpProxy implements AutoCloseable {

  /** How long a new connection may take to reach the server before its client is reset. */
  public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

  /** How long {@link #close()} waits for the proxy's threads to end. */
  public static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

  private static final Logger log = LoggerFactory.getLogger(TcpProxy.class);
  private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
  private static final int BUFFER_SIZE = 16 * 1024;

  private final InetSocketAddress target;
  private final int port;
  private final String threadPrefix;
  private final Object lock = new Object();

  // Everything below is guarded by lock. Threads wait on lock for the mode or a connection's
  // state to change, so every change notifies.
  private final Set<Connection> connections = new LinkedHashSet<>();
  private final List<Thread> threads = new ArrayList<>();
  private boolean forwarding = true;
  private boolean closed;
  private int lastConnectionId;

  /** Null while refusing, or once closed. */
  private ServerSocket listener;

  /** The listener the accept thread is blocked on, if any (guarded by {@code lock}). */
  private ServerSocket inAccept;

  /** Bound, never listening, only while refusing: see {@link #refuseNewConnections}. */
  private Socket portHolder;

  private TcpProxy(InetSocketAddress target, ServerSocket listener) {
    this.target = target;
    this.listener = listener;
    this.port = listener.getLocalPort();
    this.threadPrefix = "tcp-proxy-" + port + "-";
  }

  /**
   * Listens on an ephemeral port of 127.0.0.1 and forwards every connection to {@code targetHost}:
   * {@code targetPort}, connecting there only when a client connects.
   */
  public static TcpProxy start(String targetHost, int targetPort) throws IOException {
    Objects.requireNonNull(targetHost, "targetHost");
    InetSocketAddress target = new InetSocketAddress(targetHost, targetPort);
    if (target.isUnresolved()) {
      throw new IOException("Cannot resolve " + targetHost);
    }
    TcpProxy proxy = new TcpProxy(target, listen(0));
    synchronized (proxy.lock) {
      proxy.startThread("accept", proxy::acceptLoop);
    }
    log.info("{} forwarding to {}", proxy, target);
    return proxy;
  }

  /** Always {@code 127.0.0.1}: the proxy is for tests on one machine. */
  public String host() {
    return LOOPBACK.getHostAddress();
  }

  /** The port clients connect to; it stays the same through refusals. */
  public int port() {
    return port;
  }

  /** Forwards bytes both ways again, starting with those a blackhole held back. */
  public void pass() {
    setForwarding(true);
  }

  /**
   * Stops forwarding in both directions, as a network partition does: no socket is closed, no byte,
   * hang-up or reset gets through, and new connections are accepted but not passed on. Nothing is
   * lost: {@link #pass()} delivers what was held, in order.
   */
  public void blackhole() {
    setForwarding(false);
  }

  /**
   * Hangs up on the server for every open connection, as a server's TCP keepalive giving up on a
   * vanished client would end it. The clients are not told: their sockets stay open, what they send
   * is read and dropped, and they receive nothing more. A client's own hang-up still ends its
   * connection; {@link #resetAll()} ends them all.
   */
  public void closeServerSides() {
    synchronized (lock) {
      int cut = 0;
      for (Connection connection : connections) {
        if (connection.state == State.OPEN) {
          connection.state = State.ORPHANED;
          closeQuietly(connection.server);
          cut++;
        }
      }
      lock.notifyAll();
      log.info("{} closed the server side of {} connection(s)", this, cut);
    }
  }

  /** Resets every open connection on both sides (RST), as a server restart looks to its clients. */
  public void resetAll() {
    synchronized (lock) {
      int reset = connections.size();
      for (Connection connection : connections) {
        connection.state = State.CLOSED;
        abort(connection.client);
        abort(connection.server);
      }
      connections.clear();
      lock.notifyAll();
      log.info("{} reset {} connection(s)", this, reset);
    }
  }

  /**
   * While {@code refuse} is true, new connections are refused at once, as by a host with nothing
   * listening on the port; open connections are unaffected.
   *
   * @throws UncheckedIOException if listening again fails
   * @throws IllegalStateException once closed
   */
  public void refuseNewConnections(boolean refuse) {
    synchronized (lock) {
      if (closed) {
        throw new IllegalStateException(this + " is closed");
      }
      if (refuse && listener != null) {
        ServerSocket closing = listener;
        closeQuietly(closing);
        listener = null;
        awaitAcceptReturned(closing);
        portHolder = holdPort();
        log.info("{} refusing new connections", this);
      } else if (!refuse && listener == null) {
        try {
          listener = listen(port);
        } catch (IOException e) {
          throw new UncheckedIOException(this + " cannot listen again", e);
        }
        closeQuietly(portHolder);
        portHolder = null;
        lock.notifyAll();
        log.info("{} accepting new connections", this);
      }
    }
  }

  /**
   * Connections the proxy still holds a socket of: from the moment it accepts one until both ends
   * have hung up, or a reset or {@link #close()} ends it. A connection whose server side was closed
   * counts until its client hangs up.
   */
  public int activeConnections() {
    synchronized (lock) {
      return connections.size();
    }
  }

  /**
   * Waits until {@link #activeConnections()} is {@code expected}, at most {@code timeout}.
   *
   * @return whether it got there in time
   */
  public boolean awaitActiveConnections(int expected, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (lock) {
      while (connections.size() != expected) {
        long remaining = deadline - System.nanoTime();
        if (remaining <= 0) {
          return false;
        }
        TimeUnit.NANOSECONDS.timedWait(lock, remaining);
      }
      return true;
    }
  }

  /**
   * Stops listening, closes every socket and waits for the proxy's threads to end. Calling it again
   * does nothing.
   *
   * @throws IllegalStateException if a thread is still running after {@link #CLOSE_TIMEOUT}
   */
  @Override
  public void close() {
    List<Thread> running;
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
      closeQuietly(listener);
      listener = null;
      closeQuietly(portHolder);
      portHolder = null;
      for (Connection connection : connections) {
        connection.state = State.CLOSED;
        closeQuietly(connection.client);
        closeQuietly(connection.server);
      }
      connections.clear();
      running = new ArrayList<>(threads);
      threads.clear();
      lock.notifyAll();
    }
    joinAll(running);
    log.info("{} closed", this);
  }

  @Override
  public String toString() {
    return "TcpProxy[" + port + " -> " + target.getHostString() + ":" + target.getPort() + "]";
  }

  private void setForwarding(boolean forward) {
    synchronized (lock) {
      forwarding = forward;
      lock.notifyAll();
      log.info("{} {}", this, forward ? "passing traffic" : "blackholing traffic");
    }
  }

  /**
   * A listener closed while a thread is blocked in its {@code accept()} keeps its socket open until
   * that thread wakes up, and the kernel goes on completing connections meanwhile; refusing is only
   * true once it has.
   */
  private void awaitAcceptReturned(ServerSocket closing) {
    long deadline = System.nanoTime() + 2_000_000_000L;
    while (inAccept == closing && System.nanoTime() < deadline) {
      try {
        lock.wait(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private void acceptLoop() {
    while (true) {
      ServerSocket current;
      synchronized (lock) {
        while (!closed && listener == null) {
          if (!waitOnLock()) {
            return;
          }
        }
        if (closed) {
          return;
        }
        current = listener;
        inAccept = current;
      }
      Socket client;
      try {
        client = current.accept();
      } catch (IOException e) {
        acceptReturned();
        // Closing the listener to refuse or to close ends accept() this way.
        if (!current.isClosed()) {
          log.warn("{} failed to accept a connection", this, e);
        }
        continue;
      }
      acceptReturned();
      admit(client, current);
    }
  }

  private void acceptReturned() {
    synchronized (lock) {
      inAccept = null;
      lock.notifyAll();
    }
  }

  private void admit(Socket client, ServerSocket acceptedBy) {
    setNoDelay(client);
    synchronized (lock) {
      // A client that got through just as refusing began must not get a working connection.
      if (closed || listener != acceptedBy) {
        abort(client);
        return;
      }
      Connection connection = new Connection(++lastConnectionId, client);
      connections.add(connection);
      lock.notifyAll();
      startThread(connection.id + "-up", () -> runUpstream(connection));
    }
  }

  /** Client to server, after connecting to the server; once orphaned, drains the client. */
  private void runUpstream(Connection connection) {
    State state = awaitForwarding(connection);
    if (state == State.OPEN) {
      state = connectServer(connection);
    }
    if (state == State.OPEN) {
      state = relay(connection, connection.client, connection.server, true);
    }
    if (state == State.ORPHANED) {
      drainOrphanedClient(connection);
    }
  }

  private State connectServer(Connection connection) {
    Socket server = new Socket();
    synchronized (lock) {
      if (connection.state != State.OPEN) {
        return connection.state;
      }
      // Registered before connecting so that a fault or close() can cut a connect in progress.
      connection.server = server;
    }
    try {
      setNoDelay(server);
      server.connect(target, (int) CONNECT_TIMEOUT.toMillis());
    } catch (IOException e) {
      synchronized (lock) {
        if (connection.state != State.OPEN) {
          return connection.state;
        }
      }
      // A server that cannot be reached looks to the client like one that reset it.
      log.debug("{} could not reach the server for connection {}", this, connection.id, e);
      abortConnection(connection);
      return State.CLOSED;
    }
    synchronized (lock) {
      if (connection.state == State.OPEN) {
        startThread(
            connection.id + "-down",
            () -> relay(connection, connection.server, connection.client, false));
      }
      return connection.state;
    }
  }

  /**
   * Copies {@code from} to {@code to} until one end hangs up or fails, or a fault takes the
   * connection out of {@link State#OPEN}, which it returns.
   */
  private State relay(Connection connection, Socket from, Socket to, boolean upstream) {
    byte[] buffer = new byte[BUFFER_SIZE];
    while (true) {
      // Not reading while blackholed lets the sender's buffers fill, as in a partition.
      State state = awaitForwarding(connection);
      if (state != State.OPEN) {
        return state;
      }
      int read;
      IOException readFailure = null;
      try {
        InputStream in = from.getInputStream();
        read = in.read(buffer);
      } catch (IOException e) {
        read = -1;
        readFailure = e;
      }
      // What arrived before a blackhole is held like the rest, hang-ups and resets included.
      state = awaitForwarding(connection);
      if (state != State.OPEN) {
        return state;
      }
      if (readFailure != null) {
        log.debug("{} connection {} failed", this, connection.id, readFailure);
        abortConnection(connection);
        return State.CLOSED;
      }
      if (read < 0) {
        return endDirection(connection, to, upstream);
      }
      try {
        OutputStream out = to.getOutputStream();
        out.write(buffer, 0, read);
      } catch (IOException e) {
        State now = stateOf(connection);
        if (now != State.OPEN) {
          return now;
        }
        log.debug("{} connection {} failed", this, connection.id, e);
        abortConnection(connection);
        return State.CLOSED;
      }
    }
  }

  /** Passes a hang-up on as a half close; the connection ends once both ends have hung up. */
  private State endDirection(Connection connection, Socket to, boolean upstream) {
    synchronized (lock) {
      if (connection.state != State.OPEN) {
        return connection.state;
      }
      try {
        to.shutdownOutput();
      } catch (IOException e) {
        log.debug("{} connection {} failed", this, connection.id, e);
        abortConnection(connection);
        return State.CLOSED;
      }
      if (upstream) {
        connection.upstreamEnded = true;
      } else {
        connection.downstreamEnded = true;
      }
      if (connection.upstreamEnded && connection.downstreamEnded) {
        connection.state = State.CLOSED;
        closeQuietly(connection.client);
        closeQuietly(connection.server);
        connections.remove(connection);
        lock.notifyAll();
      }
      return connection.state;
    }
  }

  /** Reads and drops what an orphaned client sends, so that its hang-up is noticed. */
  private void drainOrphanedClient(Connection connection) {
    byte[] buffer = new byte[BUFFER_SIZE];
    try {
      InputStream in = connection.client.getInputStream();
      while (in.read(buffer) >= 0) {
        // dropped: the server side is gone
      }
    } catch (IOException e) {
      // a reset or close() ends the drain just as a hang-up does
    }
    synchronized (lock) {
      if (connection.state == State.ORPHANED) {
        connection.state = State.CLOSED;
        closeQuietly(connection.client);
        connections.remove(connection);
        lock.notifyAll();
      }
    }
  }

  /** Blocks while blackholed and the connection is open; returns its state when it may go on. */
  private State awaitForwarding(Connection connection) {
    synchronized (lock) {
      while (!forwarding && connection.state == State.OPEN) {
        if (!waitOnLock()) {
          abortConnection(connection);
        }
      }
      return connection.state;
    }
  }

  private State stateOf(Connection connection) {
    synchronized (lock) {
      return connection.state;
    }
  }

  private void abortConnection(Connection connection) {
    synchronized (lock) {
      if (connection.state == State.CLOSED) {
        return;
      }
      connection.state = State.CLOSED;
      abort(connection.client);
      abort(connection.server);
      connections.remove(connection);
      lock.notifyAll();
    }
  }

  /** Waits on the lock, which the caller holds; false if interrupted, which no one here does. */
  private boolean waitOnLock() {
    try {
      lock.wait();
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Starts a daemon thread named after this proxy; the caller holds the lock. */
  private void startThread(String name, Runnable body) {
    if (closed) {
      return;
    }
    threads.removeIf(thread -> !thread.isAlive());
    Thread thread = new Thread(body, threadPrefix + name);
    thread.setDaemon(true);
    threads.add(thread);
    thread.start();
  }

  private void joinAll(List<Thread> running) {
    long deadline = System.nanoTime() + CLOSE_TIMEOUT.toNanos();
    List<String> stuck = new ArrayList<>();
    for (Thread thread : running) {
      long remainingMillis = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
      try {
        thread.join(Math.max(1, remainingMillis));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      if (thread.isAlive()) {
        stuck.add(thread.getName());
      }
    }
    if (!stuck.isEmpty()) {
      throw new IllegalStateException(this + " threads still running after close: " + stuck);
    }
  }

  /**
   * Keeps the port bound while nothing listens on it. Incoming connections are refused all the
   * same, but no outgoing connection can be given the port meanwhile, which would block listening
   * again, or connect a client retrying this very port to itself (TCP simultaneous open).
   */
  private Socket holdPort() {
    Socket holder = new Socket();
    try {
      holder.setReuseAddress(true);
      holder.bind(new InetSocketAddress(LOOPBACK, port));
      return holder;
    } catch (IOException e) {
      closeQuietly(holder);
      log.warn("{} cannot hold its port while refusing; listening again may fail", this, e);
      return null;
    }
  }

  private static ServerSocket listen(int port) throws IOException {
    ServerSocket socket = new ServerSocket();
    try {
      // Needed to listen again beside the held port and the connections accepted before.
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(LOOPBACK, port));
      return socket;
    } catch (IOException e) {
      closeQuietly(socket);
      throw e;
    }
  }

  private static void setNoDelay(Socket socket) {
    try {
      // The proxy writes what it just read; Nagle would only add latency to small messages.
      socket.setTcpNoDelay(true);
    } catch (IOException e) {
      log.debug("Cannot set TCP_NODELAY", e);
    }
  }

  /** Closes with an RST rather than a FIN: a zero linger discards unsent data and resets. */
  private static void abort(Socket socket) {
    if (socket == null) {
      return;
    }
    try {
      socket.setSoLinger(true, 0);
    } catch (IOException e) {
      // not connected or already closed: a plain close is all there is to do
    }
    closeQuietly(socket);
  }

  private static void closeQuietly(AutoCloseable closeable) {
    if (closeable == null) {
      return;
    }
    try {
      closeable.close();
    } catch (Exception e) {
      log.debug("Ignoring a failed close", e);
    }
  }

  private enum State {
    /** Both sides are forwarded, subject to the mode. */
    OPEN,
    /** The server side was closed by a fault; the client side is kept open and told nothing. */
    ORPHANED,
    /** Both sides are closed. */
    CLOSED
  }

  private static final class Connection {
    final int id;
    final Socket client;

    // Guarded by the proxy's lock.
    Socket server;
    State state = State.OPEN;
    boolean upstreamEnded;
    boolean downstreamEnded;

    Connection(int id, Socket client) {
      this.id = id;
      this.client = client;
    }
  }
}
