package dev.baton.tcpproxy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Sends back whatever it receives, and records how each of its connections ended. */
final class EchoServer implements AutoCloseable {

  /** How a connection ended, seen from the server. */
  enum Ending {
    /** The peer hung up: a FIN. */
    END_OF_STREAM,
    /** The peer reset the connection: an RST. */
    RESET
  }

  /** One accepted connection. */
  static final class Session {
    private final CompletableFuture<Ending> ending = new CompletableFuture<>();

    CompletableFuture<Ending> ending() {
      return ending;
    }
  }

  private final ServerSocket listener;
  private final BlockingQueue<Session> accepted = new LinkedBlockingQueue<>();
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private final List<Thread> threads = new CopyOnWriteArrayList<>();

  private EchoServer(ServerSocket listener) {
    this.listener = listener;
  }

  static EchoServer start() throws IOException {
    ServerSocket listener = new ServerSocket();
    listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    EchoServer server = new EchoServer(listener);
    server.startThread("echo-server-accept", server::acceptLoop);
    return server;
  }

  int port() {
    return listener.getLocalPort();
  }

  /** The next connection the server accepted, waiting for it at most {@code timeout}. */
  Session awaitSession(Duration timeout) throws InterruptedException {
    Session session = accepted.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    if (session == null) {
      throw new AssertionError("The echo server accepted no connection within " + timeout);
    }
    return session;
  }

  /** How many connections the server has accepted that no one has taken yet. */
  int sessionsWaiting() {
    return accepted.size();
  }

  @Override
  public void close() throws IOException {
    listener.close();
    for (Socket socket : sockets) {
      socket.close();
    }
    try {
      for (Thread thread : threads) {
        thread.join(TimeUnit.SECONDS.toMillis(5));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void acceptLoop() {
    while (!listener.isClosed()) {
      try {
        Socket socket = listener.accept();
        sockets.add(socket);
        Session session = new Session();
        startThread("echo-server-session", () -> echo(socket, session));
        accepted.add(session);
      } catch (IOException e) {
        // closed
      }
    }
  }

  private static void echo(Socket socket, Session session) {
    byte[] buffer = new byte[8192];
    try (socket) {
      InputStream in = socket.getInputStream();
      OutputStream out = socket.getOutputStream();
      int read;
      while ((read = in.read(buffer)) >= 0) {
        out.write(buffer, 0, read);
      }
      session.ending.complete(Ending.END_OF_STREAM);
    } catch (SocketException e) {
      if (String.valueOf(e.getMessage()).contains("reset")) {
        session.ending.complete(Ending.RESET);
      } else {
        session.ending.completeExceptionally(e);
      }
    } catch (IOException e) {
      session.ending.completeExceptionally(e);
    }
  }

  private void startThread(String name, Runnable body) {
    Thread thread = new Thread(body, name);
    thread.setDaemon(true);
    threads.add(thread);
    thread.start();
  }
}
