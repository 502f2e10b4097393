package dev.baton.bootstrap.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.application.AcquireMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
                    "BATON_OPENAI_API_KEY", "sk-live",
                    "BATON_DATABASE_URL",
                        "jdbc:postgresql://db:5432/baton?user=baton&password=hunter2"))
            .load();

    assertThat(loaded.effectiveLine())
        .contains("BATON_ADMIN_TOKEN=****", "BATON_OPENAI_API_KEY=****", "password=****")
        .contains("BATON_ANTHROPIC_API_KEY=<unset>")
        .doesNotContain("s3cret-token", "sk-live", "hunter2");
    assertThat(loaded.config().adminToken().orElseThrow()).hasToString("****");
  }

  @Test
  void unknownBatonEnvironmentVariablesAreReported() {
    ConfigLoader.Loaded loaded =
        new ConfigLoader(
                Map.of("BATON_HTTP_PROT", "1", "BATON_TEST_POSTGRES_URL", "x", "HOME", "/"))
            .load();

    assertThat(loaded.unknownKeys()).containsExactly("BATON_HTTP_PROT");
  }
}
