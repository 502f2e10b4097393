package dev.baton.simulator;

import dev.baton.domain.LlmProvider;
import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.javalin.http.Context;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntPredicate;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A SIMULATED LLM provider for {@code demo} and tests: one HTTP server that speaks both the
 * Anthropic Message Batches and the OpenAI Batch wire formats at the real APIs' paths, checks their
 * authentication headers, moves scripted batches through their states poll by poll, generates
 * results files on the fly and injects faults on demand. It never calls a real provider.
 */
public final class SimulatedProvider implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SimulatedProvider.class);
  private static final String ANTHROPIC_VERSION = "2023-06-01";
  private static final int MAX_RECORDED_REQUESTS = 10_000;
  private static final long PROMISED_BYTES_OF_A_CUT_STREAM = 1L << 40;

  private final String anthropicApiKey;
  private final String openAiApiKey;
  private final Javalin app;
  private final Map<String, SimulatedBatch> batches = new ConcurrentHashMap<>();
  private final Deque<SimulatedFault> faults = new ArrayDeque<>();
  private final Deque<RecordedRequest> requests = new ArrayDeque<>();
  private final AtomicLong requestNumbers = new AtomicLong();
  private final AtomicLong resultLinesWritten = new AtomicLong();
  private volatile boolean started;
  private volatile int port;
  private volatile Duration latency = Duration.ZERO;
  private final Map<LlmProvider, RequestsPerMinute> rateLimits = new ConcurrentHashMap<>();
  private final AtomicLong rateLimitedAnswers = new AtomicLong();

  /** A server on the loopback interface; call {@link #start()} to open its port. */
  public SimulatedProvider(String anthropicApiKey, String openAiApiKey) {
    this.anthropicApiKey = requireKey(anthropicApiKey);
    this.openAiApiKey = requireKey(openAiApiKey);
    this.app =
        Javalin.create(
            config -> {
              config.jetty.host = "127.0.0.1";
              config.jetty.port = 0;
              config.http.compressionStrategy = CompressionStrategy.NONE;
              config.startup.showJavalinBanner = false;
              config.startup.showOldJavalinVersionWarning = false;
              config.startup.startupWatcherEnabled = false;

              config.routes.get("/v1/messages/batches/{id}", this::anthropicBatch);
              config.routes.get("/v1/messages/batches/{id}/results", this::anthropicResults);
              config.routes.get("/v1/batches/{id}", this::openAiBatch);
              config.routes.get("/v1/files/{id}/content", this::openAiFileContent);
            });
  }

  /** Opens a free port on 127.0.0.1 and serves. */
  public synchronized SimulatedProvider start() {
    app.start();
    port = app.port();
    started = true;
    log.info(
        "SIMULATED LLM provider (not a real API) listening: Anthropic base URL {}, OpenAI base URL"
            + " {}",
        anthropicBaseUrl(),
        openAiBaseUrl());
    return this;
  }

  /** The port it listens on, or listened on once stopped. */
  public int port() {
    if (port == 0) {
      throw new IllegalStateException("the simulated provider was never started");
    }
    return port;
  }

  /** In the form Anthropic documents, like {@code https://api.anthropic.com}. */
  public String anthropicBaseUrl() {
    return "http://127.0.0.1:" + port();
  }

  /** In the form OpenAI documents, like {@code https://api.openai.com/v1}. */
  public String openAiBaseUrl() {
    return "http://127.0.0.1:" + port() + "/v1";
  }

  /** Makes a batch known; a batch with the same provider and id is replaced. */
  public SimulatedProvider add(SimulatedBatch batch) {
    batches.put(key(batch.provider(), batch.id()), batch);
    return this;
  }

  /** Injects {@code fault} into the next request it applies to; faults apply in order. */
  public SimulatedProvider inject(SimulatedFault fault) {
    Objects.requireNonNull(fault, "fault");
    synchronized (faults) {
      faults.addLast(fault);
    }
    return this;
  }

  /**
   * Makes every answer, errors and faults included, start only after {@code latency}, as a remote
   * provider's round trip would; a {@link SimulatedFault#slow} delay comes on top. Zero (the
   * default) answers at once.
   */
  public SimulatedProvider latency(Duration latency) {
    Objects.requireNonNull(latency, "latency");
    if (latency.isNegative()) {
      throw new IllegalArgumentException("latency must not be negative: " + latency);
    }
    this.latency = latency;
    return this;
  }

  /**
   * Limits each provider's API to {@code limit} requests a minute, as the real ones do: a bucket of
   * {@code limit} requests refilled at {@code limit} a minute. Every answer then states the budget
   * in the provider's own headers (Anthropic {@code anthropic-ratelimit-requests-limit}, {@code
   * -remaining}, {@code -reset} as an RFC 3339 instant; OpenAI {@code x-ratelimit-limit-requests},
   * {@code x-ratelimit-remaining-requests}, {@code x-ratelimit-reset-requests} as a duration such
   * as {@code 6m0s}), and a request beyond it is answered 429 with {@code retry-after} in whole
   * seconds.
   */
  public SimulatedProvider requestsPerMinute(int limit) {
    long now = System.nanoTime();
    for (LlmProvider provider : LlmProvider.values()) {
      rateLimits.put(provider, new RequestsPerMinute(limit, now));
    }
    return this;
  }

  /** How many requests were answered 429 because of {@link #requestsPerMinute}. */
  public long rateLimitedAnswers() {
    return rateLimitedAnswers.get();
  }

  /** How many requests were received, all of them. */
  public long requestCount() {
    return requestNumbers.get();
  }

  /** The requests received so far, oldest first (the last 10 000). */
  public List<RecordedRequest> requests() {
    synchronized (requests) {
      return List.copyOf(requests);
    }
  }

  /** Result lines written so far over all results requests. */
  public long resultLinesWritten() {
    return resultLinesWritten.get();
  }

  @Override
  public synchronized void close() {
    if (started) {
      started = false;
      app.stop();
      log.info("SIMULATED LLM provider stopped");
    }
  }

  private void anthropicBatch(Context ctx) throws InterruptedException {
    long number = recordRequest(ctx);
    if (!anthropicAuthorized(ctx, number) || rateLimited(ctx, LlmProvider.ANTHROPIC, number)) {
      return;
    }
    SimulatedBatch batch = batches.get(key(LlmProvider.ANTHROPIC, ctx.pathParam("id")));
    SimulatedFault fault = nextFault(SimulatedFault::appliesToBatchRetrieval);
    if (answerFault(ctx, LlmProvider.ANTHROPIC, fault, number, false) == Outcome.ANSWERED) {
      return;
    }
    if (batch == null) {
      anthropicError(ctx, 404, "batch not found: " + ctx.pathParam("id"), number);
      return;
    }
    String state = poll(batch);
    json(ctx, AnthropicWire.batch(batch, state, anthropicBaseUrl()));
  }

  private void anthropicResults(Context ctx) throws InterruptedException, IOException {
    long number = recordRequest(ctx);
    if (!anthropicAuthorized(ctx, number) || rateLimited(ctx, LlmProvider.ANTHROPIC, number)) {
      return;
    }
    SimulatedBatch batch = batches.get(key(LlmProvider.ANTHROPIC, ctx.pathParam("id")));
    SimulatedFault fault = nextFault(any -> true);
    if (answerFault(ctx, LlmProvider.ANTHROPIC, fault, number, true) == Outcome.ANSWERED) {
      return;
    }
    if (batch == null) {
      anthropicError(ctx, 404, "batch not found: " + ctx.pathParam("id"), number);
      return;
    }
    streamLines(ctx, "application/binary", batch, index -> true, AnthropicWire::resultLine, fault);
  }

  private void openAiBatch(Context ctx) throws InterruptedException {
    long number = recordRequest(ctx);
    if (!openAiAuthorized(ctx) || rateLimited(ctx, LlmProvider.OPENAI, number)) {
      return;
    }
    SimulatedBatch batch = batches.get(key(LlmProvider.OPENAI, ctx.pathParam("id")));
    SimulatedFault fault = nextFault(SimulatedFault::appliesToBatchRetrieval);
    if (answerFault(ctx, LlmProvider.OPENAI, fault, number, false) == Outcome.ANSWERED) {
      return;
    }
    if (batch == null) {
      openAiError(ctx, 404, "No batch found with id '" + ctx.pathParam("id") + "'.");
      return;
    }
    String state = poll(batch);
    json(ctx, OpenAiWire.batch(batch, state));
  }

  private void openAiFileContent(Context ctx) throws InterruptedException, IOException {
    long number = recordRequest(ctx);
    if (!openAiAuthorized(ctx) || rateLimited(ctx, LlmProvider.OPENAI, number)) {
      return;
    }
    String fileId = ctx.pathParam("id");
    SimulatedFault fault = nextFault(any -> true);
    if (answerFault(ctx, LlmProvider.OPENAI, fault, number, true) == Outcome.ANSWERED) {
      return;
    }
    boolean errorFile = fileId.startsWith(OpenAiWire.errorFileId(""));
    String batchId =
        fileId.substring(
            (errorFile ? OpenAiWire.errorFileId("") : OpenAiWire.outputFileId("")).length());
    SimulatedBatch batch = batches.get(key(LlmProvider.OPENAI, batchId));
    if (batch == null || !(errorFile || fileId.startsWith(OpenAiWire.outputFileId("")))) {
      openAiError(ctx, 404, "No such File object: " + fileId);
      return;
    }
    streamLines(
        ctx,
        "application/octet-stream",
        batch,
        index -> OpenAiWire.inErrorFile(batch.outcomeOf(index)) == errorFile,
        OpenAiWire::resultLine,
        fault);
  }

  private enum Outcome {
    ANSWERED,
    GO_ON
  }

  /**
   * Answers a status fault or a malformed batch, waits out a slow answer; faults in the body of a
   * results file are left to {@link #streamLines}.
   */
  private Outcome answerFault(
      Context ctx, LlmProvider provider, SimulatedFault fault, long number, boolean results)
      throws InterruptedException {
    if (fault == null) {
      return Outcome.GO_ON;
    }
    log.info("SIMULATED fault for {} {}: {}", ctx.method(), ctx.path(), fault);
    return switch (fault.kind()) {
      case STATUS -> {
        if (fault.retryAfter() != null) {
          ctx.header("retry-after", Long.toString(fault.retryAfter().toSeconds()));
        }
        String message = "simulated HTTP " + fault.status();
        if (provider == LlmProvider.ANTHROPIC) {
          anthropicError(ctx, fault.status(), message, number);
        } else {
          openAiError(ctx, fault.status(), message);
        }
        yield Outcome.ANSWERED;
      }
      case SLOW -> {
        Thread.sleep(fault.delay().toMillis());
        yield Outcome.GO_ON;
      }
      case MALFORMED_JSON -> {
        if (results) {
          yield Outcome.GO_ON;
        }
        json(ctx, "{\"id\": \"" + ctx.pathParam("id") + "\", \"processing_status\": \"in_pro");
        yield Outcome.ANSWERED;
      }
      case CUT_RESULTS -> Outcome.GO_ON;
    };
  }

  private SimulatedFault nextFault(Predicate<SimulatedFault> appliesHere) {
    synchronized (faults) {
      for (Iterator<SimulatedFault> pending = faults.iterator(); pending.hasNext(); ) {
        SimulatedFault fault = pending.next();
        if (appliesHere.test(fault)) {
          pending.remove();
          return fault;
        }
      }
      return null;
    }
  }

  /** Writes the batch's result lines as they are generated, applying a results fault. */
  private void streamLines(
      Context ctx,
      String contentType,
      SimulatedBatch batch,
      IntPredicate inThisFile,
      LineWriter lineOf,
      SimulatedFault fault)
      throws IOException {
    SimulatedFault.Kind faultKind = fault == null ? null : fault.kind();
    ctx.status(200).contentType(contentType);
    if (faultKind == SimulatedFault.Kind.CUT_RESULTS) {
      // Promising more bytes than are sent makes the server drop the connection when the handler
      // returns early, which is what a client sees of a connection cut in the middle.
      ctx.res().setContentLengthLong(PROMISED_BYTES_OF_A_CUT_STREAM);
    }
    Writer out =
        new BufferedWriter(
            new OutputStreamWriter(ctx.res().getOutputStream(), StandardCharsets.UTF_8));
    int written = 0;
    for (int index = 0; index < batch.itemCount(); index++) {
      if (!inThisFile.test(index)) {
        continue;
      }
      String line = lineOf.line(batch, index);
      if (faultKind == SimulatedFault.Kind.CUT_RESULTS && written == fault.linesBeforeCut()) {
        out.write(line, 0, line.length() / 2);
        out.flush();
        ctx.res().flushBuffer();
        log.info("SIMULATED results stream of {} cut after {} lines", batch.id(), written);
        return;
      }
      if (faultKind == SimulatedFault.Kind.MALFORMED_JSON && written == 2) {
        out.write(line, 0, line.length() / 2);
        out.write('\n');
      }
      out.write(line);
      out.write('\n');
      written++;
      resultLinesWritten.incrementAndGet();
    }
    out.flush();
  }

  @FunctionalInterface
  private interface LineWriter {
    String line(SimulatedBatch batch, int index);
  }

  private String poll(SimulatedBatch batch) {
    String before = batch.currentState();
    String state = batch.poll();
    if (!state.equals(before) || batch.polls() == 1) {
      log.info(
          "SIMULATED {} batch {} is {} (poll {})",
          batch.provider().wireName(),
          batch.id(),
          state,
          batch.polls());
    }
    return state;
  }

  /**
   * Takes one request from the provider's budget, when it has one, and states what is left in the
   * provider's headers; answers 429 when nothing is.
   */
  private boolean rateLimited(Context ctx, LlmProvider provider, long number) {
    RequestsPerMinute limit = rateLimits.get(provider);
    if (limit == null) {
      return false;
    }
    RequestsPerMinute.Decision decision = limit.take(System.nanoTime());
    ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
    ctx.header("date", DateTimeFormatter.RFC_1123_DATE_TIME.format(now));
    if (provider == LlmProvider.ANTHROPIC) {
      ctx.header("anthropic-ratelimit-requests-limit", Integer.toString(decision.limit()));
      ctx.header("anthropic-ratelimit-requests-remaining", Long.toString(decision.remaining()));
      ctx.header(
          "anthropic-ratelimit-requests-reset",
          now.toInstant().plus(decision.untilFull()).toString());
    } else {
      ctx.header("x-ratelimit-limit-requests", Integer.toString(decision.limit()));
      ctx.header("x-ratelimit-remaining-requests", Long.toString(decision.remaining()));
      ctx.header("x-ratelimit-reset-requests", goDuration(decision.untilFull()));
    }
    if (decision.allowed()) {
      return false;
    }
    rateLimitedAnswers.incrementAndGet();
    long seconds = Math.max(1, (decision.untilNext().toMillis() + 999) / 1000);
    ctx.header("retry-after", Long.toString(seconds));
    String message = "simulated rate limit of " + decision.limit() + " requests a minute";
    if (provider == LlmProvider.ANTHROPIC) {
      anthropicError(ctx, 429, message, number);
    } else {
      openAiError(ctx, 429, message);
    }
    return true;
  }

  /** As Go prints a duration, which OpenAI's reset headers use: {@code 6m0s}, {@code 1.5s}. */
  static String goDuration(Duration duration) {
    long millis = duration.toMillis();
    if (millis < 1000) {
      return millis + "ms";
    }
    long minutes = millis / 60_000;
    double seconds = (millis % 60_000) / 1000.0;
    String secondsText =
        seconds == Math.floor(seconds)
            ? Long.toString((long) seconds)
            : String.format(Locale.ROOT, "%.3f", seconds).replaceAll("0+$", "");
    return (minutes > 0 ? minutes + "m" : "") + secondsText + "s";
  }

  private boolean anthropicAuthorized(Context ctx, long number) {
    if (!anthropicApiKey.equals(ctx.header("x-api-key"))) {
      anthropicError(ctx, 401, "invalid x-api-key", number);
      return false;
    }
    if (!ANTHROPIC_VERSION.equals(ctx.header("anthropic-version"))) {
      anthropicError(ctx, 400, "anthropic-version: " + ANTHROPIC_VERSION + " is required", number);
      return false;
    }
    return true;
  }

  private boolean openAiAuthorized(Context ctx) {
    if (!("Bearer " + openAiApiKey).equals(ctx.header("Authorization"))) {
      openAiError(ctx, 401, "Incorrect API key provided.");
      return false;
    }
    return true;
  }

  private static void anthropicError(Context ctx, int status, String message, long number) {
    ctx.header("request-id", "req_sim_" + number);
    ctx.status(status)
        .contentType("application/json")
        .result(AnthropicWire.error(status, message, number));
  }

  private static void openAiError(Context ctx, int status, String message) {
    ctx.status(status).contentType("application/json").result(OpenAiWire.error(status, message));
  }

  private static void json(Context ctx, String body) {
    ctx.status(200).contentType("application/json").result(body);
  }

  /** Every handler starts here: the request is recorded, then the fixed latency waited out. */
  private long recordRequest(Context ctx) throws InterruptedException {
    Map<String, String> headers = new LinkedHashMap<>();
    ctx.headerMap().forEach((name, value) -> headers.put(name.toLowerCase(Locale.ROOT), value));
    RecordedRequest request = new RecordedRequest(ctx.method().name(), ctx.path(), headers);
    synchronized (requests) {
      if (requests.size() == MAX_RECORDED_REQUESTS) {
        requests.removeFirst();
      }
      requests.addLast(request);
    }
    long number = requestNumbers.incrementAndGet();
    Duration wait = latency;
    if (!wait.isZero()) {
      Thread.sleep(wait.toMillis(), wait.toNanosPart() % 1_000_000);
    }
    return number;
  }

  private static String key(LlmProvider provider, String id) {
    return provider.wireName() + "/" + id;
  }

  private static String requireKey(String key) {
    if (key == null || key.isBlank()) {
      throw new IllegalArgumentException("an API key for the simulated provider is required");
    }
    return key;
  }

  @Override
  public String toString() {
    return "SimulatedProvider[" + (started ? anthropicBaseUrl() : "not started") + "]";
  }
}
