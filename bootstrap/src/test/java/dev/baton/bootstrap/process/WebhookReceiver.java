package dev.baton.bootstrap.process;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.baton.application.webhook.StandardWebhooks;
import dev.baton.application.webhook.WebhookSecret;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;

/**
 * A webhook receiver as a caller of Baton writes one: it verifies each request's signature, refuses
 * the first attempt of every event with 503, and accepts the next ones, recording what it saw.
 */
final class WebhookReceiver implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One request as received. */
  record Received(String webhookId, long batchId, String type, boolean verified, int answered) {}

  private final StandardWebhooks webhooks;
  private final HttpServer server;
  private final List<Received> received = new ArrayList<>();

  WebhookReceiver(WebhookSecret secret) throws IOException {
    this.webhooks = new StandardWebhooks(secret);
    this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext("/hook", this::receive);
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
  }

  private void receive(HttpExchange exchange) throws IOException {
    byte[] body = exchange.getRequestBody().readAllBytes();
    boolean verified =
        webhooks
            .verify(name -> exchange.getRequestHeaders().getFirst(name), body, Instant.now())
            .verified();
    String id = exchange.getRequestHeaders().getFirst("webhook-id");
    int status;
    long batchId = -1;
    String type = null;
    synchronized (this) {
      if (!verified) {
        status = 401;
      } else {
        Map<?, ?> event = JSON.readValue(body, Map.class);
        type = (String) event.get("type");
        batchId = ((Number) ((Map<?, ?>) event.get("data")).get("id")).longValue();
        String eventId = id;
        boolean seenBefore = received.stream().anyMatch(r -> r.webhookId().equals(eventId));
        status = seenBefore ? 204 : 503;
      }
      received.add(new Received(id, batchId, type, verified, status));
    }
    exchange.sendResponseHeaders(status, -1);
    exchange.close();
  }

  synchronized List<Received> received() {
    return List.copyOf(received);
  }

  /** The batches whose event was accepted (answered 204). */
  synchronized Set<Long> acceptedBatches() {
    Set<Long> batches = new LinkedHashSet<>();
    received.stream().filter(r -> r.answered() == 204).forEach(r -> batches.add(r.batchId()));
    return batches;
  }

  /** The batches whose first attempt came (and was refused). */
  synchronized Set<Long> attemptedBatches() {
    Set<Long> batches = new LinkedHashSet<>();
    received.forEach(r -> batches.add(r.batchId()));
    return batches;
  }

  /** Each batch's {@code webhook-id}s, over every attempt. */
  synchronized Map<Long, Set<String>> webhookIdsByBatch() {
    Map<Long, Set<String>> ids = new LinkedHashMap<>();
    received.forEach(
        r -> ids.computeIfAbsent(r.batchId(), b -> new LinkedHashSet<>()).add(r.webhookId()));
    return ids;
  }

  synchronized Map<Long, Integer> attemptsByBatch() {
    Map<Long, Integer> attempts = new HashMap<>();
    received.forEach(r -> attempts.merge(r.batchId(), 1, Integer::sum));
    return attempts;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
