package dev.baton.adapters.http;

import dev.baton.application.InvalidRequestException;
import dev.baton.application.port.in.BatchTrackingUseCase;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The query and path parameters of a request, read strictly: a parameter the route does not take or
 * one given twice is refused, since a misspelt filter that was ignored would answer a different
 * question than the one asked.
 */
final class QueryParameters {
  static final String LIMIT = "limit";
  static final String AFTER = "after";
  static final int DEFAULT_LIMIT = 100;

  /** At most four digits: anything longer is over the largest page, however it would parse. */
  private static final Pattern LIMIT_DIGITS = Pattern.compile("[0-9]{1,4}");

  /** Digits only: {@link Long#parseLong} would also take a sign. */
  private static final Pattern ID_DIGITS = Pattern.compile("[0-9]{1,19}");

  private final Map<String, List<String>> parameters;

  private QueryParameters(Map<String, List<String>> parameters) {
    this.parameters = parameters;
  }

  /**
   * @throws InvalidRequestException naming the first parameter not in {@code accepted}
   */
  static QueryParameters of(Context ctx, Set<String> accepted) {
    Map<String, List<String>> parameters = ctx.queryParamMap();
    for (String name : parameters.keySet()) {
      if (!accepted.contains(name)) {
        throw new InvalidRequestException(
            TrackBatchRequest.echoed(name),
            "unknown query parameter; accepted: "
                + String.join(", ", accepted.stream().sorted().toList()));
      }
    }
    return new QueryParameters(parameters);
  }

  /** The parameter's value when it is given, which must be once and not empty. */
  Optional<String> optional(String name) {
    List<String> values = parameters.getOrDefault(name, List.of());
    if (values.isEmpty()) {
      return Optional.empty();
    }
    if (values.size() > 1) {
      throw new InvalidRequestException(name, "given " + values.size() + " times; give it once");
    }
    String value = values.get(0);
    if (value.isEmpty()) {
      throw new InvalidRequestException(name, "must not be empty; leave it out instead");
    }
    return Optional.of(value);
  }

  /**
   * {@code limit}: 1 to {@link BatchTrackingUseCase#MAX_PAGE_SIZE}, {@link #DEFAULT_LIMIT} if left
   * out.
   */
  int limit() {
    Optional<String> given = optional(LIMIT);
    if (given.isEmpty()) {
      return DEFAULT_LIMIT;
    }
    String value = given.get();
    int limit = LIMIT_DIGITS.matcher(value).matches() ? Integer.parseInt(value) : -1;
    if (limit < 1 || limit > BatchTrackingUseCase.MAX_PAGE_SIZE) {
      throw new InvalidRequestException(
          LIMIT,
          "must be a whole number from 1 to "
              + BatchTrackingUseCase.MAX_PAGE_SIZE
              + ", not '"
              + TrackBatchRequest.echoed(value)
              + "'");
    }
    return limit;
  }

  /** {@code after}: the {@code nextCursor} of the page before, passed on as it came. */
  Optional<String> after() {
    return optional(AFTER);
  }

  /**
   * A numeric id in the path.
   *
   * @throws InvalidRequestException naming the parameter when it is not a non-negative integer
   */
  static long pathId(Context ctx, String name) {
    String value = ctx.pathParam(name);
    if (ID_DIGITS.matcher(value).matches()) {
      try {
        return Long.parseLong(value);
      } catch (NumberFormatException e) {
        // Nineteen digits may still be over Long.MAX_VALUE; refused below like any other.
      }
    }
    throw new InvalidRequestException(
        name, "must be a batch id (a whole number), not '" + TrackBatchRequest.echoed(value) + "'");
  }
}
