package dev.baton.simulator;

import java.util.Map;

/**
 * A request the simulated provider received.
 *
 * @param path the path from the host, e.g. {@code /v1/batches/batch_1}
 * @param headers by lowercase name
 */
public record RecordedRequest(String method, String path, Map<String, String> headers) {

  public RecordedRequest {
    headers = Map.copyOf(headers);
  }

  /** The header's value, or null; names are case-insensitive as in HTTP. */
  public String header(String name) {
    return headers.get(name.toLowerCase(java.util.Locale.ROOT));
  }
}
