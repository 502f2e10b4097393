package dev.baton.adapters.llm;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.baton.domain.LlmProvider;
import dev.baton.domain.LlmProviderRetryableException;
import dev.baton.domain.ProviderItemResult;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/** Reads a results file line by line, so only one line is in memory at a time. */
final class JsonLines {
  private static final ObjectMapper JSON =
      JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

  private final LlmProvider provider;

  JsonLines(LlmProvider provider) {
    this.provider = provider;
  }

  /**
   * Hands each line of {@code body} to {@code sink}, mapped by {@code toResult}, and returns how
   * many were handed over. Failures of {@code sink} pass through unchanged.
   *
   * @throws LlmProviderRetryableException when the stream breaks, a line is malformed, or the
   *     thread is interrupted
   */
  long read(
      String what,
      URI source,
      InputStream body,
      BiFunction<JsonNode, String, ProviderItemResult> toResult,
      Consumer<ProviderItemResult> sink) {
    long count = 0;
    try (BufferedReader lines =
        new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8), 64 * 1024)) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        if (Thread.currentThread().isInterrupted()) {
          throw failure(what + " abandoned after " + count + " results: interrupted", null);
        }
        if (line.isBlank()) {
          continue;
        }
        sink.accept(parse(what, count + 1, line, toResult));
        count++;
      }
    } catch (IOException e) {
      if (Thread.currentThread().isInterrupted()) {
        throw failure(what + " abandoned after " + count + " results: interrupted", null);
      }
      throw failure(
          what + " broke off after " + count + " results: " + NetworkFailures.describe(e, source),
          null);
    }
    return count;
  }

  /**
   * Checks that a batch's results are all there: a stream that ended cleanly but early (a proxy
   * that closed it, a truncated file) must not pass for a complete one.
   */
  void requireAtLeast(String what, long read, long expected) {
    if (read < expected) {
      throw failure(
          what + " ended after " + read + " results; the provider counts " + expected, null);
    }
  }

  private ProviderItemResult parse(
      String what,
      long lineNumber,
      String line,
      BiFunction<JsonNode, String, ProviderItemResult> toResult) {
    try {
      JsonNode node = JSON.readTree(line);
      if (node == null || !node.isObject()) {
        throw new MalformedAnswerException("not a JSON object");
      }
      return toResult.apply(node, line);
    } catch (JsonProcessingException e) {
      throw failure("line " + lineNumber + " of " + what + " is malformed: " + notJson(e), null);
    } catch (MalformedAnswerException e) {
      throw failure(
          "line " + lineNumber + " of " + what + " is malformed: " + e.getMessage(), null);
    }
  }

  private LlmProviderRetryableException failure(String message, Throwable cause) {
    return new LlmProviderRetryableException(
        provider, 0, provider.wireName() + " " + message, cause);
  }

  /**
   * A whole answer as a JSON object.
   *
   * @param what what it should be, for the error
   */
  static JsonNode object(String rawJson, String what) {
    JsonNode node;
    try {
      node = JSON.readTree(rawJson);
    } catch (JsonProcessingException e) {
      throw new MalformedAnswerException("not " + what + ": " + notJson(e));
    }
    if (node == null || !node.isObject()) {
      throw new MalformedAnswerException("not " + what + ": not a JSON object");
    }
    return node;
  }

  /** A count: a whole number, not negative; absent or null counts as zero. */
  static long count(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return 0;
    }
    if (!value.canConvertToLong() || !value.isIntegralNumber() || value.asLong() < 0) {
      throw new MalformedAnswerException("'" + field + "' is not a count");
    }
    return value.asLong();
  }

  /** The text of a required string field. */
  static String requiredText(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || !value.isTextual()) {
      throw new MalformedAnswerException("'" + field + "' is missing or not a string");
    }
    return value.asText();
  }

  /** The object in {@code field}, or null when it is absent or JSON null. */
  static JsonNode optionalObject(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isObject()) {
      throw new MalformedAnswerException("'" + field + "' is not an object");
    }
    return value;
  }

  /**
   * Where the JSON broke, without Jackson's own words: they quote the offending text, which is the
   * provider's and might echo a secret.
   */
  static String notJson(JsonProcessingException e) {
    JsonLocation at = e.getLocation();
    return at == null
        ? "not valid JSON"
        : "not valid JSON at line " + at.getLineNr() + ", column " + at.getColumnNr();
  }
}
