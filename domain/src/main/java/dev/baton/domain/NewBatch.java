package dev.baton.domain;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A batch already submitted to its provider, to be tracked from now on. The rules of a new batch
 * live here and nowhere else: a provider batch id and at least one item, at most {@link
 * #MAX_ITEMS}, each custom id given once; every id not blank, at most {@link #MAX_ID_LENGTH}
 * characters, free of control characters (PostgreSQL refuses NUL in text, and no provider puts one
 * in an id).
 *
 * @param webhookUrl where this batch's completion webhook goes instead of the configured URL, if
 *     anywhere (checked by the application, which knows the destination rules)
 * @throws InvalidBatchException naming the first field that breaks a rule
 */
public record NewBatch(
    LlmProvider provider,
    String providerBatchId,
    List<String> customIds,
    Optional<String> webhookUrl) {

  /** The most items one batch may track (a provider batch holds at most 100 000 requests). */
  public static final int MAX_ITEMS = 100_000;

  public static final int MAX_ID_LENGTH = 512;

  /** How much of an id a problem quotes, so that a message never grows with the input. */
  private static final int QUOTED_LENGTH = 64;

  /** A batch whose completion webhook, if any, goes to the configured URL. */
  public NewBatch(LlmProvider provider, String providerBatchId, List<String> customIds) {
    this(provider, providerBatchId, customIds, Optional.empty());
  }

  public NewBatch {
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(webhookUrl, "webhookUrl");
    Objects.requireNonNull(providerBatchId, "providerBatchId");
    customIds = List.copyOf(customIds);
    requireId("providerBatchId", providerBatchId);
    if (customIds.isEmpty()) {
      throw new InvalidBatchException("items", "must hold at least one item");
    }
    if (customIds.size() > MAX_ITEMS) {
      throw new InvalidBatchException(
          "items", "at most " + MAX_ITEMS + " items per batch; this one has " + customIds.size());
    }
    Map<String, Integer> firstIndex = new HashMap<>(customIds.size() * 2);
    for (int i = 0; i < customIds.size(); i++) {
      String field = "items[" + i + "].customId";
      String customId = customIds.get(i);
      requireId(field, customId);
      Integer earlier = firstIndex.putIfAbsent(customId, i);
      if (earlier != null) {
        throw new InvalidBatchException(
            field, quoted(customId) + " is the custom id of items[" + earlier + "] already");
      }
    }
  }

  private static void requireId(String field, String value) {
    if (value.isBlank()) {
      throw new InvalidBatchException(field, "must not be empty or blank");
    }
    if (value.length() > MAX_ID_LENGTH) {
      throw new InvalidBatchException(
          field, "at most " + MAX_ID_LENGTH + " characters; this one has " + value.length());
    }
    if (value.chars().anyMatch(Character::isISOControl)) {
      throw new InvalidBatchException(field, "must not contain control characters");
    }
  }

  /** An id quoted in a problem, cut so that the message stays short. */
  public static String quoted(String id) {
    return "'" + (id.length() <= QUOTED_LENGTH ? id : id.substring(0, QUOTED_LENGTH) + "…") + "'";
  }
}
