package dev.baton.adapters.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.util.RawValue;
import java.io.IOException;

/**
 * JSON kept as text (a provider's poll response, an item's result) put into an answer as a JSON
 * value rather than as a string that a client would have to parse again.
 *
 * <p>The text is written as it is stored, not parsed and written again, so that numbers and key
 * order reach the client exactly as the provider sent them. It is checked first, so that stored
 * text that is not one JSON value cannot break the answer around it: such text is written as a
 * string instead.
 */
final class EmbeddedJson {
  private static final JsonFactory JSON = new JsonFactory();

  private EmbeddedJson() {}

  /**
   * A value Jackson writes as the JSON {@code text} holds, as a string if it holds none, or null.
   */
  static Object of(String text) {
    if (text == null) {
      return null;
    }
    return isOneJsonValue(text) ? new RawValue(text) : text;
  }

  private static boolean isOneJsonValue(String text) {
    try (JsonParser parser = JSON.createParser(text)) {
      if (parser.nextToken() == null) {
        return false;
      }
      parser.skipChildren();
      return parser.nextToken() == null;
    } catch (IOException e) {
      return false;
    }
  }
}
