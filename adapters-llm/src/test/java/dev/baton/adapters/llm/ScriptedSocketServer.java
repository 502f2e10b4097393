package dev.baton.adapters.llm;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP server on the loopback interface that treats every connection as a script says: answer part
 * of a response and stall, reset the connection, speak something that is not TLS. For the network
 * failures a provider client must name.
 */
final class ScriptedSocketServer implements AutoCloseable {
  @FunctionalInterface
  interface Script {
    void run(Socket connection) throws IOException, InterruptedException;
  }

  private final ServerSocket server;
  private final List<Socket> connections = new CopyOnWriteArrayList<>();
  private final Thread acceptor;

  ScriptedSocketServer(Script script) throws IOException {
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.acceptor =
        new Thread(
            () -> {
              while (!server.isClosed()) {
                try {
                  Socket connection = server.accept();
                  connections.add(connection);
                  Thread handler =
                      new Thread(
                          () -> {
                            try {
                              script.run(connection);
                            } catch (IOException | InterruptedException e) {
                              // the client went away or the test ended
                            }
                          },
                          "scripted-connection");
                  handler.setDaemon(true);
                  handler.start();
                } catch (IOException closed) {
                  return;
                }
              }
            },
            "scripted-server");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  int port() {
    return server.getLocalPort();
  }

  /** Reads the request's head, up to the blank line. */
  static void readRequestHead(Socket connection) throws IOException {
    InputStream in = connection.getInputStream();
    int matched = 0;
    byte[] end = {'\r', '\n', '\r', '\n'};
    while (matched < end.length) {
      int b = in.read();
      if (b < 0) {
        return;
      }
      matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    for (Socket connection : connections) {
      connection.close();
    }
  }
}
