package dev.baton.bootstrap.process;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A real {@code java -jar baton.jar} process whose output goes to files the test reads. */
final class BatonJar implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final Process process;
  private final Path stdout;
  private final Path stderr;
  private final int port;

  private BatonJar(Process process, Path stdout, Path stderr, int port) {
    this.process = process;
    this.stdout = stdout;
    this.stderr = stderr;
    this.port = port;
  }

  static Path jar() {
    String location = System.getProperty("baton.jar");
    if (location == null) {
      throw new IllegalStateException("system property baton.jar is not set (run with failsafe)");
    }
    return Path.of(location);
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** Starts {@code baton.jar args} with {@code env} on top of a clean environment. */
  static BatonJar start(Path workDir, String name, Map<String, String> env, String... args)
      throws IOException {
    int port = freePort();
    Map<String, String> environment = new HashMap<>(env);
    environment.putIfAbsent("BATON_HTTP_PORT", String.valueOf(port));
    Path stdout = workDir.resolve(name + ".out");
    Path stderr = workDir.resolve(name + ".err");
    List<String> command =
        new java.util.ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-jar",
                jar().toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(workDir.toFile())
            .redirectOutput(stdout.toFile())
            .redirectError(stderr.toFile());
    builder.environment().keySet().removeIf(key -> key.startsWith("BATON_"));
    builder.environment().putAll(environment);
    return new BatonJar(
        builder.start(), stdout, stderr, Integer.parseInt(environment.get("BATON_HTTP_PORT")));
  }

  Process process() {
    return process;
  }

  int port() {
    return port;
  }

  String stdout() throws IOException {
    return Files.exists(stdout) ? Files.readString(stdout, StandardCharsets.UTF_8) : "";
  }

  String stderr() throws IOException {
    return Files.exists(stderr) ? Files.readString(stderr, StandardCharsets.UTF_8) : "";
  }

  /** Whether a JSON value is there and not null (a problem document has no such field at all). */
  /**
   * The environment of a Baton on {@code databaseUrl} with an admin token, polling Anthropic at
   * {@code anthropicBaseUrl} once at its start and then only when asked (the interval is a day).
   * Mutable, for a test to add its own keys.
   */
  static Map<String, String> pollingWhenAsked(
      String databaseUrl, String adminToken, String anthropicKey, String anthropicBaseUrl) {
    Map<String, String> environment = new HashMap<>();
    environment.put("BATON_DATABASE_URL", databaseUrl);
    environment.put("BATON_ADMIN_TOKEN", adminToken);
    environment.put("BATON_ANTHROPIC_API_KEY", anthropicKey);
    environment.put("BATON_ANTHROPIC_BASE_URL", anthropicBaseUrl);
    environment.put("BATON_POLL_RUNNING_LLM_BATCHES_INTERVAL_SECONDS", "86400");
    environment.put("BATON_POLL_JITTER_SECONDS", "0");
    return environment;
  }

  static boolean present(JsonNode value) {
    return !value.isMissingNode() && !value.isNull();
  }

  /** The last lines the process logged, to explain a failed assertion. */
  String logTail() {
    try {
      List<String> lines = stdout().lines().filter(line -> !line.startsWith("\t")).toList();
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    } catch (IOException e) {
      return "(log unreadable: " + e + ")";
    }
  }

  /** The HTTP status of {@code GET path}, or -1 while nothing listens. */
  int status(String path) {
    try {
      return HTTP.send(request(path), HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  JsonNode getJson(String path) throws IOException, InterruptedException {
    HttpResponse<String> response = HTTP.send(request(path), HttpResponse.BodyHandlers.ofString());
    return JSON.readTree(response.body());
  }

  /** {@code GET path} with a bearer token, as the batch reads need it: the status and the JSON. */
  Answer getJson(String path, String token) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(5))
            .header("Authorization", "Bearer " + token)
            .GET()
            .build();
    HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    return new Answer(response.statusCode(), JSON.readTree(response.body()));
  }

  /** {@code POST path} with a JSON body and the admin token; the status and the JSON answer. */
  Answer post(String path, String json, String token) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(120))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build();
    HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    return new Answer(response.statusCode(), JSON.readTree(response.body()));
  }

  record Answer(int status, JsonNode body) {}

  /** Hands a batch to Baton ({@code POST /v1/batches}); Baton's id of it. */
  long track(String provider, String providerBatchId, List<String> customIds, String token)
      throws IOException, InterruptedException {
    Map<String, Object> batch = new LinkedHashMap<>();
    batch.put("provider", provider);
    batch.put("providerBatchId", providerBatchId);
    batch.put("items", customIds.stream().map(id -> Map.of("customId", id)).toList());
    Answer created = post("/v1/batches", JSON.writeValueAsString(batch), token);
    assertThat(created.status()).as(() -> created.body() + "\n" + logTail()).isEqualTo(201);
    return created.body().get("id").asLong();
  }

  /** The body of {@code GET path} as text, or empty while nothing listens. */
  String text(String path) {
    try {
      return HTTP.send(request(path), HttpResponse.BodyHandlers.ofString()).body();
    } catch (IOException e) {
      return "";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    }
  }

  private HttpRequest request(String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(5))
        .GET()
        .build();
  }

  @Override
  public void close() {
    process.destroyForcibly();
  }
}
