package dev.baton.adapters.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Answers the requests Jetty refuses before Javalin sees them (a malformed request line, an
 * ambiguous path, a URI or headers over Jetty's limits) with a problem document instead of Jetty's
 * HTML error page.
 */
final class JettyProblemErrorHandler extends ErrorHandler {
  private final ObjectMapper json;

  JettyProblemErrorHandler(ObjectMapper json) {
    this.json = json;
  }

  @Override
  protected void generateResponse(
      Request request,
      Response response,
      int code,
      String message,
      Throwable cause,
      Callback callback)
      throws IOException {
    // Jetty's messages for refused requests ("No Host", "URI Too Long") are meant for clients; a
    // server-side failure's message is not.
    String detail =
        code < 500 && message != null && !message.isBlank()
            ? message
            : ProblemResponses.INTERNAL_ERROR_DETAIL;
    byte[] body = json.writeValueAsBytes(Problem.ofStatus(code, detail));
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, Problem.CONTENT_TYPE);
    response.write(true, ByteBuffer.wrap(body), callback);
  }
}
