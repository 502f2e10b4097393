package dev.baton.adapters.llm;

import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.util.Locale;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;

/**
 * Says in plain words what broke on the way to a provider, and with which host: a DNS failure, a
 * refused connection, a timeout, TLS, a reset. These words end up in {@code pollError} and in logs,
 * so no Java class name is part of them.
 */
final class NetworkFailures {
  /** {@code java.net.ConnectException: } and the like, as {@code Throwable.toString} prefixes. */
  private static final Pattern CLASS_NAME =
      Pattern.compile("\\b(?:[a-z_$][\\w$]*\\.)+[A-Z][\\w$]*(?:Exception|Error)\\b:?\\s*");

  private NetworkFailures() {}

  static String describe(IOException failure, URI uri) {
    String host = hostOf(uri);
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof HttpConnectTimeoutException) {
        return "timeout: no connection to " + host + " within the call's time limit";
      }
      if (cause instanceof HttpTimeoutException || cause instanceof SocketTimeoutException) {
        String detail = plain(cause.getMessage());
        return "timeout waiting for " + host + (detail.isEmpty() ? "" : ": " + detail);
      }
      if (cause instanceof UnresolvedAddressException || cause instanceof UnknownHostException) {
        return "DNS failure: " + uri.getHost() + " could not be resolved";
      }
      if (cause instanceof SSLException) {
        return "TLS failure with " + host + ": " + plain(deepestMessage(cause));
      }
      if (cause instanceof NoRouteToHostException) {
        return "no route to " + host;
      }
      String message = lower(cause.getMessage());
      if (message.contains("connection refused")) {
        return "connection refused by " + host;
      }
      if (message.contains("reset")) {
        return "connection reset by " + host;
      }
    }
    if (failure instanceof ConnectException) {
      String detail = deepestMessage(failure);
      // Java 17's client says nothing more of a refused connection than that it failed
      return detail == null
          ? "connection refused by " + host
          : "could not connect to " + host + suffix(detail);
    }
    String message = lower(deepestMessage(failure));
    if (failure instanceof EOFException
        || message.contains("closed")
        || message.contains("eof")
        || message.contains("no bytes")) {
      return "connection closed by " + host + " before the answer was complete";
    }
    return "network failure with " + host + suffix(deepestMessage(failure));
  }

  /** A message with any Java class names taken out. */
  static String plain(String message) {
    return message == null ? "" : CLASS_NAME.matcher(message).replaceAll("").trim();
  }

  private static String suffix(String message) {
    String plain = plain(message);
    return plain.isEmpty() ? "" : ": " + plain;
  }

  private static String hostOf(URI uri) {
    return uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
  }

  private static String deepestMessage(Throwable failure) {
    String message = null;
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause.getMessage() != null && !cause.getMessage().isBlank()) {
        message = cause.getMessage();
      }
    }
    return message;
  }

  private static String lower(String message) {
    return message == null ? "" : message.toLowerCase(Locale.ROOT);
  }
}
