package dev.baton.bootstrap.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.testsupport.postgres.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The status page in a real browser: Debian's chromium, headless, through its chromedriver, on two
 * packaged jars sharing PostgreSQL. The page is opened on the follower, so it stays up when the
 * leader is stopped, and it must show the new leader and its term without a reload. Screenshots are
 * saved under {@code bootstrap/target/status-page/}; a step that fails names what it expected to
 * see, saves a screenshot of what was there and quotes the page's text.
 */
class StatusPageBrowserIT {
  @RegisterExtension static final TestPostgres postgres = new TestPostgres();

  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  static final String INSTALL =
      "chromium and chromium-driver are not installed; install them with"
          + " 'apt-get install -y chromium chromium-driver' (.ci/run does)";

  private static final String ADMIN_TOKEN = "status-page-admin-token-0123456789";
  private static final Duration STARTUP = Duration.ofSeconds(90);
  private static final Duration ON_THE_PAGE = Duration.ofSeconds(30);
  private static final Path SCREENSHOTS = Path.of("target", "status-page");

  @TempDir Path workDir;
  private BatonJar first;
  private BatonJar second;
  private ChromeDriver browser;

  @BeforeEach
  void browserIsInstalled() throws Exception {
    assertThat(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER))
        .as(INSTALL)
        .isTrue();
    Files.createDirectories(SCREENSHOTS);
    try (var old = Files.newDirectoryStream(SCREENSHOTS, "*.png")) {
      for (Path screenshot : old) {
        Files.delete(screenshot); // so that every screenshot there is of this run
      }
    }
  }

  @AfterEach
  void stopEverything() {
    if (browser != null) {
      browser.quit();
    }
    for (BatonJar baton : new BatonJar[] {first, second}) {
      if (baton != null) {
        baton.close();
      }
    }
  }

  private Map<String, String> environment() {
    return Map.of(
        "BATON_DATABASE_URL",
        postgres.jdbcUrl(),
        "BATON_PROBE_JOB_INTERVAL_MS",
        "1000",
        "BATON_ADMIN_TOKEN",
        ADMIN_TOKEN,
        "BATON_DRAIN_TIMEOUT_SECONDS",
        "5");
  }

  @Test
  void theOperatorSeesTheClusterPausesAJobAndWatchesTheLeadershipMove() throws Exception {
    first = BatonJar.start(workDir, "first", environment());
    second = BatonJar.start(workDir, "second", environment());
    String leaderId = awaitOneLeader();
    BatonJar leader = instanceId(first).equals(leaderId) ? first : second;
    BatonJar follower = leader == first ? second : first;
    String followerId = instanceId(follower);
    long firstTerm = follower.getJson("/v1/scheduler/instances").get("term").asLong();

    BatonJar.Answer tracked =
        follower.post(
            "/v1/batches",
            "{\"provider\": \"anthropic\", \"providerBatchId\": \"msgbatch_page\","
                + " \"items\": [{\"customId\": \"a\"}, {\"customId\": \"b\"}]}",
            ADMIN_TOKEN);
    assertThat(tracked.status()).as(tracked.body().toString()).isEqualTo(201);
    browser = chromium(1280, 800);
    browser.get("http://127.0.0.1:" + follower.port() + "/");
    browser.executeScript("window.batonNotReloaded = true;");
    // The runs of a minute are one stripe in an hour: five minutes show each term and tick.
    browser.executeScript(
        "const w = document.getElementById('window'); w.value = '5';"
            + " w.dispatchEvent(new Event('change'));");

    see(
        "the page names the leader " + leaderId,
        () -> text(By.id("leader")).contains("Leader: " + leaderId));
    see(
        "both instances in the cluster table, the leader marked",
        () ->
            rowIds("#instances tbody tr", "data-instance-id").equals(Set.of(leaderId, followerId))
                && text(By.cssSelector("tr.is-leader")).contains(leaderId));
    see(
        "the jobs poll_llm_batches and probe, with their schedules",
        () ->
            rowIds("#job-table tbody tr", "data-job")
                    .containsAll(List.of("poll_llm_batches", "probe"))
                && text(By.cssSelector("tr[data-job=probe]")).contains("every 1 s"));
    see(
        "a bar for term " + firstTerm + " of " + leaderId + " and probe runs as ticks",
        () ->
            !browser.findElements(termBar(firstTerm, leaderId)).isEmpty()
                && !browser
                    .findElements(By.cssSelector("#timeline line.tick.succeeded"))
                    .isEmpty());
    // With a token configured, batch reads need one: the page asks for it in a form of its own.
    see(
        "the form asking for a token to read the batches",
        () -> browser.findElement(By.id("read-token-form")).isDisplayed());
    browser.findElement(By.id("read-token")).sendKeys(ADMIN_TOKEN, Keys.ENTER);
    see(
        "the batch msgbatch_page, its progress 0 / 2, and the counts by status",
        () ->
            text(By.cssSelector("#batch-table tbody tr")).contains("msgbatch_page")
                && text(By.cssSelector("#batch-table tbody tr")).contains("0 / 2")
                && text(By.cssSelector("#batch-counts [data-status=running]"))
                    .equals("running: 1"));
    screenshot("1-two-instances.png");

    // The table is redrawn every few seconds: a button found just before may be gone, so the key
    // is pressed again on the new one until the dialog is open.
    see(
        "the token dialog, after Enter on Pause of poll_llm_batches",
        () -> {
          if (!browser.findElement(By.id("token-dialog")).isDisplayed()) {
            browser
                .findElement(By.cssSelector("button[data-action=pause][data-job=poll_llm_batches]"))
                .sendKeys(Keys.ENTER);
          }
          return browser.findElement(By.id("token-dialog")).isDisplayed();
        });
    WebElement token = browser.findElement(By.id("admin-token"));
    token.sendKeys(ADMIN_TOKEN, Keys.ENTER);
    see(
        "poll_llm_batches shown paused, with a Resume button",
        () ->
            text(By.cssSelector("tr[data-job=poll_llm_batches] td.paused")).equals("paused")
                && !browser
                    .findElements(
                        By.cssSelector("button[data-action=resume][data-job=poll_llm_batches]"))
                    .isEmpty());
    assertThat(text(By.id("message"))).isEqualTo("Paused poll_llm_batches.");
    assertThat(paused(leader, "poll_llm_batches")).as("paused as the leader stores it").isTrue();
    assertThat(browser.executeScript("return sessionStorage.getItem('baton.adminToken')"))
        .isEqualTo(ADMIN_TOKEN);
    screenshot("2-job-paused.png");

    leader.process().destroy(); // SIGTERM: a clean release
    assertThat(leader.process().waitFor(60, TimeUnit.SECONDS)).as("the leader exits").isTrue();
    assertThat(leader.process().exitValue()).isIn(0, 143);
    see(
        "the page names the new leader " + followerId,
        () -> text(By.id("leader")).contains("Leader: " + followerId));
    long secondTerm = follower.getJson("/v1/scheduler/instances").get("term").asLong();
    assertThat(secondTerm).isGreaterThan(firstTerm);
    see(
        "a new term bar " + secondTerm + " in the lane of " + followerId + ", the old one ended",
        () ->
            !browser.findElements(termBar(secondTerm, followerId)).isEmpty()
                && browser
                    .findElement(By.cssSelector("#history tr[data-term='" + firstTerm + "']"))
                    .getDomProperty("textContent")
                    .contains("released"));
    assertThat(browser.executeScript("return window.batonNotReloaded === true"))
        .as("the page was not reloaded")
        .isEqualTo(true);
    see(
        "the new term's bar growing with time (a few seconds of it)",
        () ->
            Double.parseDouble(
                    browser.findElement(termBar(secondTerm, followerId)).getDomAttribute("width"))
                > 12);
    screenshot("3-leader-changed.png");

    browser.manage().window().setSize(new Dimension(390, 844));
    see(
        "at phone width, the page without sideways scrolling",
        () ->
            Boolean.TRUE.equals(
                browser.executeScript(
                    "return document.documentElement.scrollWidth <= window.innerWidth")));
    screenshot("4-phone-width.png");
  }

  private static ChromeDriver chromium(int width, int height) {
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--window-size=" + width + "," + height);
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build();
    return new ChromeDriver(service, options);
  }

  private static By termBar(long term, String holder) {
    return By.cssSelector(
        "#timeline rect.term[data-term='" + term + "'][data-holder='" + holder + "']");
  }

  /** Waits until {@code shown} holds on the page; else fails naming {@code expected}. */
  private void see(String expected, Callable<Boolean> shown) throws Exception {
    try {
      await(expected).atMost(ON_THE_PAGE).ignoreExceptions().until(shown);
    } catch (ConditionTimeoutException e) {
      Path failed = screenshot("failed-" + expected.replaceAll("[^A-Za-z0-9]+", "-") + ".png");
      throw new AssertionError(
          "expected to see "
              + expected
              + " within "
              + ON_THE_PAGE.toSeconds()
              + " s; screenshot "
              + failed.toAbsolutePath()
              + "; the page shows:\n"
              + browser.findElement(By.tagName("body")).getText(),
          e);
    }
  }

  private String text(By by) {
    return browser.findElement(by).getText().trim();
  }

  private Set<String> rowIds(String rows, String attribute) {
    return browser.findElements(By.cssSelector(rows)).stream()
        .map(row -> row.getDomAttribute(attribute))
        .collect(Collectors.toSet());
  }

  /** The whole page, not only the window: Chrome's own capture, through chromedriver. */
  private Path screenshot(String name) throws Exception {
    Path file = SCREENSHOTS.resolve(name);
    Map<String, Object> layout = browser.executeCdpCommand("Page.getLayoutMetrics", Map.of());
    @SuppressWarnings("unchecked")
    Map<String, Object> size = (Map<String, Object>) layout.get("cssContentSize");
    Map<String, Object> capture =
        browser.executeCdpCommand(
            "Page.captureScreenshot",
            Map.of(
                "format",
                "png",
                "captureBeyondViewport",
                true,
                "clip",
                Map.of(
                    "x",
                    0,
                    "y",
                    0,
                    "width",
                    size.get("width"),
                    "height",
                    size.get("height"),
                    "scale",
                    1)));
    Files.write(file, Base64.getDecoder().decode((String) capture.get("data")));
    return file;
  }

  private String awaitOneLeader() {
    return await("one leader among the two instances")
        .atMost(STARTUP)
        .ignoreExceptions()
        .until(
            () -> {
              JsonNode view = first.getJson("/v1/scheduler/instances");
              return view.get("instances").size() == 2
                      && BatonJar.present(view.get("leaderInstanceId"))
                  ? view.get("leaderInstanceId").asText()
                  : null;
            },
            leader -> leader != null);
  }

  private static String instanceId(BatonJar baton) throws Exception {
    return await("the instance id of a started jar")
        .atMost(STARTUP)
        .ignoreExceptions()
        .until(
            () -> baton.getJson("/v1/scheduler").get("instanceId").asText(), id -> !id.isEmpty());
  }

  private static boolean paused(BatonJar baton, String job) throws Exception {
    for (JsonNode each : baton.getJson("/v1/jobs").get("jobs")) {
      if (each.get("name").asText().equals(job)) {
        return each.get("paused").asBoolean();
      }
    }
    throw new AssertionError("no job " + job);
  }
}
