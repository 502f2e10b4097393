package dev.baton.bootstrap.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.application.AcquireMode;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigLoaderTest {

  private static BatonConfig load(Map<String, String> environment) {
    return new ConfigLoader(environment).load().config();
  }

  @Test
  void withoutAnyConfigurationTheDesignDefaultsApply() {
    BatonConfig config = load(Map.of());

    assertThat(config.pollingEnabled()).isTrue();
    assertThat(config.pollInterval()).isEqualTo(Duration.ofSeconds(300));
    assertThat(config.pollLockRetryInterval()).isEqualTo(Duration.ofSeconds(480));
    assertThat(config.lookbackWeeks()).isEqualTo(2);
    assertThat(config.batchSize()).isEmpty();
    assertThat(config.databaseUrl()).isEqualTo("jdbc:sqlite:./baton-data/baton.db");
    assertThat(config.backend()).isEqualTo(BatonConfig.Backend.SQLITE);
    assertThat(config.leaderLockKey()).isEqualTo(1311768467750121216L);
    assertThat(config.acquireMode()).isEqualTo(AcquireMode.WAIT);
    assertThat(config.heartbeatInterval()).isEqualTo(Duration.ofMillis(1000));
    assertThat(config.heartbeatTimeout()).isEqualTo(Duration.ofMillis(2000));
    assertThat(config.takeoverGrace()).isEqualTo(Duration.ofMillis(4000));
    assertThat(config.lockWaitSlice()).isEqualTo(Duration.ofMillis(5000));
    assertThat(config.drainTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(config.stepDownCooldown()).isEqualTo(Duration.ofSeconds(30));
    assertThat(config.pollJitter()).isEqualTo(Duration.ofSeconds(10));
    assertThat(config.providerConcurrency()).isEqualTo(16);
    assertThat(config.probeJobEnabled()).isFalse();
    assertThat(config.httpHost()).isEqualTo("127.0.0.1");
    assertThat(config.httpPort()).isEqualTo(8080);
    assertThat(config.adminToken()).isEmpty();
    assertThat(config.readToken()).isEmpty();
    assertThat(config.anthropicBaseUrl()).hasToString("https://api.anthropic.com");
    assertThat(config.openAiBaseUrl()).hasToString("https://api.openai.com/v1");
    assertThat(config.logFormat()).isEqualTo(BatonConfig.LogFormat.TEXT);
  }

  @Test
  void theLockKeyIsAcceptedInHexAndInDecimal() {
    assertThat(load(Map.of("BATON_LEADER_LOCK_KEY", "1311768467750121216")).leaderLockKey())
        .isEqualTo(0x12345678ABCDEF00L);
    assertThat(load(Map.of("BATON_LEADER_LOCK_KEY", "0xFFFFFFFFFFFFFFFF")).leaderLockKey())
        .isEqualTo(-1L);
  }

  @Test
  void theTakeoverGraceIsDerivedFromTheHeartbeatUnlessSet() {
    assertThat(
            load(Map.of("BATON_HEARTBEAT_INTERVAL_MS", "500", "BATON_HEARTBEAT_TIMEOUT_MS", "700"))
                .takeoverGrace())
        .isEqualTo(Duration.ofMillis(2200));
    assertThat(load(Map.of("BATON_TAKEOVER_GRACE_MS", "0")).takeoverGrace()).isZero();
  }

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource({
    "BATON_POLL_RUNNING_LLM_BATCHES_INTERVAL_SECONDS, -5, a whole number at least 1",
    "BATON_POLL_RUNNING_LLM_BATCHES_INTERVAL_SECONDS, soon, a whole number at least 1",
    "BATON_ENABLE_BATCH_JOB_POLLING, yes, true or false",
    "BATON_BATCH_JOB_POLLING_LOOKBACK_WEEKS, 0, a whole number from 1 to 520",
    "BATON_BATCH_JOB_POLLING_BATCH_SIZE, 0, a whole number at least 1",
    "BATON_LEADER_ACQUIRE_MODE, sleep, wait or poll",
    "BATON_LEADER_LOCK_KEY, 0xZZ, a 64-bit key",
    "BATON_HTTP_PORT, 70000, a whole number from 0 to 65535",
    "BATON_PROVIDER_CONCURRENCY, 0, a whole number from 1 to 256",
    "BATON_PROBE_JOB_INTERVAL_MS, 5, 0 (off) or a whole number at least 10",
    "BATON_LOG_FORMAT, xml, text or json",
    "BATON_LOG_LEVEL, loud, 'TRACE, DEBUG, INFO, WARN or ERROR'",
    "BATON_HTTP_HOST, 999.1.1.1, an IPv4 address",
    "BATON_HTTP_HOST, 10.0.0, an IPv4 address",
    "BATON_HTTP_HOST, my_host!, an IP address or a host name",
    "BATON_ANTHROPIC_BASE_URL, ftp://x, an http(s) URL",
    "BATON_DATABASE_URL, jdbc:mysql://db/baton, jdbc:sqlite:FILE or jdbc:postgresql",
  })
  void anInvalidValueIsRejectedWithOneLineNamingTheKeyAndWhatIsAccepted(
      String key, String value, String accepted) {
    assertThatThrownBy(() -> load(Map.of(key, value)))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(key + ": ")
        .hasMessageContaining(accepted)
        .hasMessageNotContaining("\n");
  }

  @Test
  void environmentWinsOverThePropertiesFileWhichWinsOverDefaults(@TempDir Path dir)
      throws IOException {
    Path file = dir.resolve("baton.properties");
    Files.writeString(file, "BATON_HTTP_PORT=9090\nBATON_POLL_JITTER_SECONDS=3\n");

    BatonConfig config =
        load(Map.of("BATON_CONFIG_FILE", file.toString(), "BATON_HTTP_PORT", "9191"));

    assertThat(config.httpPort()).isEqualTo(9191);
    assertThat(config.pollJitter()).isEqualTo(Duration.ofSeconds(3));
    assertThat(config.drainTimeout()).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void anUnknownKeyInThePropertiesFileStopsStartup(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("baton.properties");
    Files.writeString(file, "BATON_HTTP_PROT=9090\n");

    assertThatThrownBy(() -> load(Map.of("BATON_CONFIG_FILE", file.toString())))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("BATON_CONFIG_FILE: ")
        .hasMessageContaining("BATON_HTTP_PROT");
  }

  @Test
  void aMissingPropertiesFileStopsStartupNamingIt(@TempDir Path dir) {
    assertThatThrownBy(
            () -> load(Map.of("BATON_CONFIG_FILE", dir.resolve("missing.properties").toString())))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("BATON_CONFIG_FILE: cannot read");
  }

  @Test
  void theEffectiveLineMasksSecretsAndDatabasePasswords() {
    ConfigLoader.Loaded loaded =
        new ConfigLoader(
                Map.of(
                    "BATON_ADMIN_TOKEN", "s3cret-token",
                    "BATON_READ_TOKEN", "r3ad-token",
                    "BATON_OPENAI_API_KEY", "sk-live",
                    "BATON_DATABASE_URL",
                        "jdbc:postgresql://db:5432/baton?user=baton&password=hunter2"))
            .load();

    assertThat(loaded.effectiveLine())
        .contains("BATON_ADMIN_TOKEN=****", "BATON_OPENAI_API_KEY=****", "password=****")
        .contains("BATON_READ_TOKEN=****", "BATON_ANTHROPIC_API_KEY=<unset>")
        .doesNotContain("s3cret-token", "r3ad-token", "sk-live", "hunter2");
    assertThat(loaded.config().adminToken().orElseThrow()).hasToString("****");
    assertThat(loaded.config().readToken().orElseThrow()).hasToString("****");
  }

  @Test
  void unknownBatonEnvironmentVariablesAreReported() {
    ConfigLoader.Loaded loaded =
        new ConfigLoader(
                Map.of("BATON_HTTP_PROT", "1", "BATON_TEST_POSTGRES_URL", "x", "HOME", "/"))
            .load();

    assertThat(loaded.unknownKeys()).containsExactly("BATON_HTTP_PROT");
  }

  @Test
  void theLogFormatAndLevelAreAcceptedInAnyCase() {
    BatonConfig config = load(Map.of("BATON_LOG_FORMAT", "JSON", "BATON_LOG_LEVEL", "debug"));

    assertThat(config.logFormat()).isEqualTo(BatonConfig.LogFormat.JSON);
    assertThat(config.logLevel()).isEqualTo(BatonConfig.LogLevel.DEBUG);
    assertThat(load(Map.of()).logLevel()).isEqualTo(BatonConfig.LogLevel.INFO);
  }

  @ParameterizedTest
  @CsvSource({"0.0.0.0", "127.0.0.1", "::1", "localhost", "baton-1.internal.example"})
  void anIpAddressOrAHostNameIsAValidHttpHost(String host) {
    assertThat(load(Map.of("BATON_HTTP_HOST", host)).httpHost()).isEqualTo(host);
  }

  @Test
  void everySecretCanBeReadFromTheFileItsFileVariantNames(@TempDir Path dir) throws IOException {
    Path token = Files.writeString(dir.resolve("token"), "s3cret-token\n");
    Path readToken = Files.writeString(dir.resolve("read-token"), "r3ad-token\n");
    Path password = Files.writeString(dir.resolve("password"), "hunter2\n");
    Path anthropic = Files.writeString(dir.resolve("anthropic"), "sk-ant-x");
    Path openAi = Files.writeString(dir.resolve("openai"), "sk-x");

    ConfigLoader.Loaded loaded =
        new ConfigLoader(
                Map.of(
                    "BATON_ADMIN_TOKEN_FILE", token.toString(),
                    "BATON_READ_TOKEN_FILE", readToken.toString(),
                    "BATON_DATABASE_URL", "jdbc:postgresql://db:5432/baton",
                    "BATON_DATABASE_USER", "baton",
                    "BATON_DATABASE_PASSWORD_FILE", password.toString(),
                    "BATON_ANTHROPIC_API_KEY_FILE", anthropic.toString(),
                    "BATON_OPENAI_API_KEY_FILE", openAi.toString()))
            .load();

    BatonConfig config = loaded.config();
    assertThat(config.adminToken().orElseThrow().value()).isEqualTo("s3cret-token");
    assertThat(config.readToken().orElseThrow().value()).isEqualTo("r3ad-token");
    assertThat(config.databasePassword().orElseThrow().value()).isEqualTo("hunter2");
    assertThat(config.anthropicApiKey().orElseThrow().value()).isEqualTo("sk-ant-x");
    assertThat(config.openAiApiKey().orElseThrow().value()).isEqualTo("sk-x");
    assertThat(loaded.effectiveLine())
        .contains("BATON_ADMIN_TOKEN=****", "BATON_READ_TOKEN=****", "BATON_DATABASE_PASSWORD=****")
        .doesNotContain("s3cret-token", "r3ad-token", "hunter2", "sk-ant-x", "sk-x ");
    assertThat(loaded.unknownKeys()).isEmpty();
  }

  @Test
  void everyConfiguredSecretIsListedForMaskingWhateverItsKey() {
    // A valid value of every secret key: a secret key added without a line here fails this test.
    Map<ConfigKey, String> secrets = new EnumMap<>(ConfigKey.class);
    secrets.put(ConfigKey.BATON_DATABASE_PASSWORD, "hunter2");
    secrets.put(ConfigKey.BATON_ADMIN_TOKEN, "s3cret-token");
    secrets.put(ConfigKey.BATON_READ_TOKEN, "r3ad-token");
    secrets.put(ConfigKey.BATON_ANTHROPIC_API_KEY, "sk-ant-x");
    secrets.put(ConfigKey.BATON_OPENAI_API_KEY, "sk-x");
    secrets.put(ConfigKey.BATON_WEBHOOK_SECRET, "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
    secrets.put(
        ConfigKey.BATON_OPENAI_WEBHOOK_SECRET, "whsec_c2VjcmV0LW9mLW9wZW5haS13ZWJob29rcw==");
    assertThat(secrets.keySet())
        .containsExactlyInAnyOrderElementsOf(
            Arrays.stream(ConfigKey.values()).filter(ConfigKey::isSecret).toList());
    Map<String, String> environment = new HashMap<>();
    secrets.forEach((key, value) -> environment.put(key.name(), value));
    environment.put("BATON_DATABASE_URL", "jdbc:postgresql://db:5432/baton");

    assertThat(load(environment).secretValues())
        .containsExactlyInAnyOrderElementsOf(secrets.values());
    assertThat(load(Map.of()).secretValues()).isEmpty();
  }

  @Test
  void theFileVariantsAreExactlyThoseOfTheSecretKeys() {
    assertThat(ConfigKey.namesWithFileVariants())
        .filteredOn(name -> name.endsWith("_FILE"))
        .containsExactly(
            "BATON_DATABASE_PASSWORD_FILE",
            "BATON_ADMIN_TOKEN_FILE",
            "BATON_READ_TOKEN_FILE",
            "BATON_ANTHROPIC_API_KEY_FILE",
            "BATON_OPENAI_API_KEY_FILE",
            "BATON_WEBHOOK_SECRET_FILE",
            "BATON_OPENAI_WEBHOOK_SECRET_FILE");
  }

  @Test
  void openAisWebhookSecretIsReadFromItsFileAndNeverShown(@TempDir Path dir) throws IOException {
    String secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    Path file = Files.writeString(dir.resolve("openai-webhook"), secret + "\n");

    ConfigLoader.Loaded loaded =
        new ConfigLoader(Map.of("BATON_OPENAI_WEBHOOK_SECRET_FILE", file.toString())).load();

    assertThat(loaded.config().openAiWebhookSecret().orElseThrow().encoded()).isEqualTo(secret);
    assertThat(loaded.effectiveLine())
        .contains("BATON_OPENAI_WEBHOOK_SECRET=****")
        .doesNotContain("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
    assertThat(load(Map.of()).openAiWebhookSecret()).isEmpty();
  }

  @Test
  void aMalformedOpenAiWebhookSecretStopsStartupNamingTheKeyNotTheValue() {
    assertThatThrownBy(() -> load(Map.of("BATON_OPENAI_WEBHOOK_SECRET", "sk-not-a-signing-secret")))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("BATON_OPENAI_WEBHOOK_SECRET")
        .hasMessageContaining("whsec_")
        .hasMessageNotContaining("sk-not-a-signing-secret");
  }

  @Test
  void aSecretGivenTwiceOrInAFileThatCannotBeReadStopsStartupNamingTheFileKey(@TempDir Path dir)
      throws IOException {
    Path token = Files.writeString(dir.resolve("token"), "t");
    Path empty = Files.writeString(dir.resolve("empty"), "\n");

    assertThatThrownBy(
            () ->
                load(Map.of("BATON_ADMIN_TOKEN", "t", "BATON_ADMIN_TOKEN_FILE", token.toString())))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "BATON_ADMIN_TOKEN_FILE: set either BATON_ADMIN_TOKEN or BATON_ADMIN_TOKEN_FILE, not"
                + " both");
    assertThatThrownBy(
            () -> load(Map.of("BATON_ADMIN_TOKEN_FILE", dir.resolve("missing").toString())))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("BATON_ADMIN_TOKEN_FILE: cannot read ")
        .hasMessageNotContaining("\n");
    assertThatThrownBy(() -> load(Map.of("BATON_OPENAI_API_KEY_FILE", empty.toString())))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("BATON_OPENAI_API_KEY_FILE: ")
        .hasMessageContaining("is empty");
  }

  @Test
  void theDatabaseUserAndPasswordGoBesideAPostgresUrlThatNamesNeither() {
    assertThat(
            load(Map.of(
                    "BATON_DATABASE_URL", "jdbc:postgresql://db/baton",
                    "BATON_DATABASE_USER", "baton",
                    "BATON_DATABASE_PASSWORD", "p w&d"))
                .databasePassword()
                .orElseThrow()
                .value())
        .isEqualTo("p w&d");
    assertThatThrownBy(() -> load(Map.of("BATON_DATABASE_USER", "baton")))
        .isInstanceOf(ConfigException.class)
        .hasMessage("BATON_DATABASE_USER: is for PostgreSQL; BATON_DATABASE_URL names SQLite");
    assertThatThrownBy(
            () ->
                load(
                    Map.of(
                        "BATON_DATABASE_URL", "jdbc:postgresql://db/baton?user=a",
                        "BATON_DATABASE_USER", "baton")))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "BATON_DATABASE_USER: BATON_DATABASE_URL names a user too; give it in one place");
    assertThatThrownBy(
            () ->
                load(
                    Map.of(
                        "BATON_DATABASE_URL", "jdbc:postgresql://db/baton?user=a&password=b",
                        "BATON_DATABASE_PASSWORD", "c")))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("BATON_DATABASE_PASSWORD: ")
        .hasMessageNotContaining("=b");
  }

  @Test
  void theDefaultsThatSettingsRecordsHoldAreTakenFromThem() {
    BatonConfig config = load(Map.of());

    assertThat(config.heartbeatInterval())
        .isEqualTo(dev.baton.application.SchedulerSettings.DEFAULT_HEARTBEAT_INTERVAL);
    assertThat(config.drainTimeout())
        .isEqualTo(dev.baton.application.SchedulerSettings.DEFAULT_DRAIN_TIMEOUT);
    assertThat(config.databaseUrl())
        .isEqualTo(dev.baton.adapters.sqlite.SqliteDatabase.DEFAULT_URL);
  }

  private static final String WEBHOOK_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

  @Test
  void webhooksAreOffUntilASecretIsSet() {
    BatonConfig.WebhookConfig webhooks = load(Map.of()).webhooks();

    assertThat(webhooks.url()).isEmpty();
    assertThat(webhooks.secret()).isEmpty();
    assertThat(webhooks.concurrency()).isEqualTo(8);
    assertThat(webhooks.allowPrivateAddresses()).isFalse();
    assertThat(webhooks.publicBaseUrl()).isEmpty();
  }

  @Test
  void aWebhookUrlWithoutASecretStopsStartupNamingTheUrlKey() {
    assertThatThrownBy(() -> load(Map.of("BATON_WEBHOOK_URL", "https://hooks.example.com/b")))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("BATON_WEBHOOK_URL: needs BATON_WEBHOOK_SECRET");
  }

  @Test
  void theWebhookSettingsAreReadAndTheSecretFromAFile(@TempDir Path dir) throws IOException {
    Path secret = dir.resolve("webhook-secret");
    Files.writeString(secret, WEBHOOK_SECRET + "\n");

    ConfigLoader.Loaded loaded =
        new ConfigLoader(
                Map.of(
                    "BATON_WEBHOOK_URL", "https://hooks.example.com/baton",
                    "BATON_WEBHOOK_SECRET_FILE", secret.toString(),
                    "BATON_WEBHOOK_CONCURRENCY", "3",
                    "BATON_PUBLIC_BASE_URL", "https://baton.example.com"))
            .load();

    BatonConfig.WebhookConfig webhooks = loaded.config().webhooks();
    assertThat(webhooks.url()).contains("https://hooks.example.com/baton");
    assertThat(webhooks.secret().orElseThrow().value()).isEqualTo(WEBHOOK_SECRET);
    assertThat(webhooks.concurrency()).isEqualTo(3);
    assertThat(webhooks.publicBaseUrl()).contains(URI.create("https://baton.example.com"));
    assertThat(loaded.effectiveLine())
        .contains("BATON_WEBHOOK_SECRET=****")
        .doesNotContain(WEBHOOK_SECRET.substring(6));
  }

  @Test
  void aBadSecretOrARefusedUrlStopsStartupNamingItsKey() {
    assertThatThrownBy(() -> load(Map.of("BATON_WEBHOOK_SECRET", "whsec_c2hvcnQ=")))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("BATON_WEBHOOK_SECRET: holds a key of 5 bytes, too short")
        .hasMessageNotContaining("c2hvcnQ");
    assertThatThrownBy(
            () ->
                load(
                    Map.of(
                        "BATON_WEBHOOK_SECRET",
                        WEBHOOK_SECRET,
                        "BATON_WEBHOOK_URL",
                        "http://127.0.0.1:9000/hook")))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("BATON_WEBHOOK_URL: the URL has host 127.0.0.1, in 127.0.0.0/8");
    assertThat(
            load(Map.of(
                    "BATON_WEBHOOK_SECRET", WEBHOOK_SECRET,
                    "BATON_WEBHOOK_URL", "http://127.0.0.1:9000/hook",
                    "BATON_WEBHOOK_ALLOW_PRIVATE_ADDRESSES", "true"))
                .webhooks()
                .url())
        .contains("http://127.0.0.1:9000/hook");
    assertThatThrownBy(() -> load(Map.of("BATON_WEBHOOK_CONCURRENCY", "0")))
        .hasMessageStartingWith("BATON_WEBHOOK_CONCURRENCY: ");
    assertThatThrownBy(() -> load(Map.of("BATON_PUBLIC_BASE_URL", "baton.example.com")))
        .hasMessageStartingWith("BATON_PUBLIC_BASE_URL: ");
  }
}
