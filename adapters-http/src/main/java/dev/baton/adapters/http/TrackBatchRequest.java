package dev.baton.adapters.http;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.baton.application.InvalidRequestException;
import dev.baton.domain.InvalidBatchException;
import dev.baton.domain.LlmProvider;
import dev.baton.domain.NewBatch;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The body of {@code POST /v1/batches}, read strictly: a field the API does not know is refused
 * rather than ignored, so that a misspelt field cannot silently track a batch other than the one
 * the client meant.
 *
 * <p>Walks a JSON tree instead of binding a class, because every refusal must name the field at
 * fault as a path into the body ({@code items[3].customId}), which binding errors do not do in a
 * form fit for clients.
 */
final class TrackBatchRequest {
  static final String PROVIDER = "provider";
  static final String PROVIDER_BATCH_ID = "providerBatchId";
  static final String ITEMS = "items";
  static final String CUSTOM_ID = "customId";
  static final String WEBHOOK_URL = "webhookUrl";

  /**
   * Ids are keys of unique indexes: PostgreSQL refuses an index entry over about 2.7 kB, and 512
   * characters stay under that in any encoding, far above any id a provider hands out.
   */
  private static final int ECHO_LENGTH = 64;

  private static final Pattern DUPLICATE_FIELD = Pattern.compile("Duplicate field '.*'");

  private static final Set<String> BATCH_FIELDS =
      Set.of(PROVIDER, PROVIDER_BATCH_ID, ITEMS, WEBHOOK_URL);
  private static final Set<String> ITEM_FIELDS = Set.of(CUSTOM_ID);

  private static final ObjectMapper STRICT_JSON =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private TrackBatchRequest() {}

  /**
   * @throws ProblemException 400, naming the field at fault, when the body is not such a batch
   */
  static NewBatch parse(byte[] body) {
    JsonNode root = readJson(body);
    if (!root.isObject()) {
      throw ProblemResponses.invalidRequest(
          null,
          "The body must be a JSON object with the fields provider, providerBatchId and items, not "
              + describe(root)
              + ".");
    }
    rejectUnknownFields(root, "", BATCH_FIELDS);
    LlmProvider provider = provider(root);
    String providerBatchId = requiredString(root, "", PROVIDER_BATCH_ID);
    try {
      return new NewBatch(provider, providerBatchId, customIds(root), webhookUrl(root));
    } catch (InvalidBatchException e) {
      throw new InvalidRequestException(e.field(), e.problem());
    }
  }

  private static JsonNode readJson(byte[] body) {
    JsonNode root;
    try {
      root = STRICT_JSON.readTree(body);
    } catch (StreamConstraintsException e) {
      throw ProblemResponses.invalidRequest(
          null, "The body is not a batch: it nests too deeply or holds a value too long.");
    } catch (JsonProcessingException e) {
      throw notJson(e);
    } catch (IOException e) {
      throw new IllegalStateException("reading a JSON tree from memory failed", e);
    }
    if (root == null || root.isMissingNode()) {
      throw ProblemResponses.invalidRequest(null, "The body is empty; it must be a JSON object.");
    }
    return root;
  }

  /**
   * Jackson's messages name its own classes and settings; a client is told only where the body
   * breaks, and which field when it is one given twice.
   */
  private static ProblemException notJson(JsonProcessingException e) {
    if (DUPLICATE_FIELD.matcher(String.valueOf(e.getOriginalMessage())).matches()
        && e.getProcessor() instanceof JsonParser parser) {
      String field = echoed(path(parser.getParsingContext()));
      return ProblemResponses.invalidRequest(
          field, field + ": given twice; of two values, either would be a guess");
    }
    JsonLocation where = e.getLocation();
    String at =
        where == null
            ? ""
            : " (line " + where.getLineNr() + ", column " + where.getColumnNr() + ")";
    return ProblemResponses.invalidRequest(null, "The body is not valid JSON" + at + ".");
  }

  /** Where a parser stands, as the API names fields: {@code items[3].customId}. */
  private static String path(JsonStreamContext context) {
    Deque<String> segments = new ArrayDeque<>();
    for (JsonStreamContext at = context; at != null && !at.inRoot(); at = at.getParent()) {
      if (at.inArray()) {
        segments.push("[" + at.getCurrentIndex() + "]");
      } else {
        segments.push("." + at.getCurrentName());
      }
    }
    String path = String.join("", segments);
    return path.startsWith(".") ? path.substring(1) : path;
  }

  private static void rejectUnknownFields(JsonNode object, String path, Set<String> accepted) {
    Iterator<String> names = object.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      if (!accepted.contains(name)) {
        throw new InvalidRequestException(
            path + echoed(name),
            "unknown field; accepted: " + String.join(", ", accepted.stream().sorted().toList()));
      }
    }
  }

  private static LlmProvider provider(JsonNode root) {
    String wire = requiredString(root, "", PROVIDER);
    for (LlmProvider provider : LlmProvider.values()) {
      if (provider.wireName().equals(wire)) {
        return provider;
      }
    }
    List<String> accepted = new ArrayList<>();
    for (LlmProvider provider : LlmProvider.values()) {
      accepted.add(provider.wireName());
    }
    throw new InvalidRequestException(
        PROVIDER,
        "unknown provider '" + echoed(wire) + "'; accepted: " + String.join(", ", accepted));
  }

  private static List<String> customIds(JsonNode root) {
    JsonNode items = root.get(ITEMS);
    if (items == null) {
      throw new InvalidRequestException(ITEMS, "required");
    }
    if (!items.isArray()) {
      throw new InvalidRequestException(
          ITEMS, "must be an array of {\"customId\": \"…\"}, not " + describe(items));
    }
    List<String> customIds = new ArrayList<>(items.size());
    for (int i = 0; i < items.size(); i++) {
      String path = ITEMS + "[" + i + "]";
      JsonNode item = items.get(i);
      if (!item.isObject()) {
        throw new InvalidRequestException(
            path, "must be an object {\"customId\": \"…\"}, not " + describe(item));
      }
      rejectUnknownFields(item, path + ".", ITEM_FIELDS);
      customIds.add(requiredString(item, path + ".", CUSTOM_ID));
    }
    return customIds;
  }

  /** The batch's own webhook destination; checked by the application, which knows the rules. */
  private static Optional<String> webhookUrl(JsonNode root) {
    JsonNode value = root.get(WEBHOOK_URL);
    if (value == null || value.isNull()) {
      return Optional.empty();
    }
    if (!value.isTextual()) {
      throw new InvalidRequestException(WEBHOOK_URL, "must be a string, not " + describe(value));
    }
    return Optional.of(value.textValue());
  }

  private static String requiredString(JsonNode object, String path, String name) {
    JsonNode value = object.get(name);
    String field = path + name;
    if (value == null) {
      throw new InvalidRequestException(field, "required");
    }
    if (!value.isTextual()) {
      throw new InvalidRequestException(field, "must be a string, not " + describe(value));
    }
    return value.textValue();
  }

  private static String describe(JsonNode node) {
    return switch (node.getNodeType()) {
      case ARRAY -> "an array";
      case OBJECT, POJO -> "an object";
      case NUMBER -> "a number";
      case BOOLEAN -> "a boolean";
      case NULL -> "null";
      case STRING -> "a string";
      case BINARY, MISSING -> "nothing";
    };
  }

  /** Input echoed in a detail, cut so that an answer never grows with what the client sent. */
  static String echoed(String input) {
    return input.length() <= ECHO_LENGTH ? input : input.substring(0, ECHO_LENGTH) + "…";
  }
}
