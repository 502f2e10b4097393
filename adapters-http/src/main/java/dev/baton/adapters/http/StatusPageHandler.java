package dev.baton.adapters.http;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * {@code GET /}: the status page, one self-contained HTML document that reads the JSON API. Its
 * style and script are kept as resources of their own and inlined once here, so the page is a
 * single response that loads nothing else; the Content-Security-Policy allows exactly those two by
 * their hashes and lets the script call only this origin.
 */
final class StatusPageHandler implements Handler {
  private static final String RESOURCES = "/dev/baton/adapters/http/status/";

  private final byte[] page;
  private final String contentSecurityPolicy;

  StatusPageHandler() {
    String style = resource("page.css");
    String script = resource("page.js");
    this.page =
        resource("page.html")
            .replace("/*STYLE*/", style)
            .replace("/*SCRIPT*/", script)
            .getBytes(StandardCharsets.UTF_8);
    this.contentSecurityPolicy =
        "default-src 'none'; connect-src 'self'; img-src 'self'; form-action 'none';"
            + " frame-ancestors 'none'; base-uri 'none'; style-src '"
            + sha256(style)
            + "'; script-src '"
            + sha256(script)
            + "'";
  }

  @Override
  public void handle(Context ctx) {
    ctx.header("Content-Security-Policy", contentSecurityPolicy);
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("Referrer-Policy", "no-referrer");
    ctx.header("Cache-Control", "no-store");
    ctx.contentType("text/html; charset=utf-8");
    ctx.result(page);
  }

  private static String resource(String name) {
    try (InputStream in = StatusPageHandler.class.getResourceAsStream(RESOURCES + name)) {
      if (in == null) {
        throw new IllegalStateException("the status page's " + name + " is missing from the jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the status page's " + name, e);
    }
  }

  private static String sha256(String inline) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(inline.getBytes(StandardCharsets.UTF_8));
      return "sha256-" + Base64.getEncoder().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
