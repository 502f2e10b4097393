package dev.baton.adapters.postgres;

import dev.baton.domain.SchedulerInstance;
import dev.baton.domain.SchedulerRole;
import dev.baton.domain.WireEnum;
import dev.baton.domain.port.InstanceRegistryPort;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jdbi.v3.core.Jdbi;

/** The instances that run Baton on one PostgreSQL database ({@code scheduler_instance}). */
public final class PostgresInstanceRegistry implements InstanceRegistryPort {
  private final Jdbi jdbi;

  public PostgresInstanceRegistry(PostgresDatabase database) {
    this.jdbi = database.jdbi();
  }

  @Override
  public void register(SchedulerInstance instance) {
    Objects.requireNonNull(instance, "instance");
    jdbi.useHandle(
        handle ->
            handle
                .createUpdate(
                    """
                    INSERT INTO scheduler_instance
                        (instance_id, host, pid, version, role, started_at, heartbeat_at)
                    VALUES (:instanceId, :host, :pid, :version, :role, :startedAt, :heartbeatAt)
                    ON CONFLICT (instance_id) DO UPDATE SET
                        host = excluded.host,
                        pid = excluded.pid,
                        version = excluded.version,
                        role = excluded.role,
                        started_at = excluded.started_at,
                        heartbeat_at = excluded.heartbeat_at
                    """)
                .bind("instanceId", instance.instanceId())
                .bind("host", instance.host())
                .bind("pid", instance.pid())
                .bind("version", instance.version())
                .bind("role", WireEnum.wireName(instance.role()))
                .bind("startedAt", Timestamp.from(instance.startedAt()))
                .bind("heartbeatAt", Timestamp.from(instance.heartbeatAt()))
                .execute());
  }

  @Override
  public void heartbeat(String instanceId, SchedulerRole role, Instant at) {
    jdbi.useHandle(
        handle ->
            handle
                .createUpdate(
                    "UPDATE scheduler_instance SET role = :role, heartbeat_at = :heartbeatAt"
                        + " WHERE instance_id = :instanceId")
                .bind("role", WireEnum.wireName(role))
                .bind("heartbeatAt", Timestamp.from(at))
                .bind("instanceId", instanceId)
                .execute());
  }

  @Override
  public List<SchedulerInstance> listInstances() {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery(
                    "SELECT instance_id, host, pid, version, role, started_at, heartbeat_at"
                        + " FROM scheduler_instance ORDER BY started_at, instance_id")
                .map(
                    (row, context) ->
                        new SchedulerInstance(
                            row.getString("instance_id"),
                            row.getString("host"),
                            row.getLong("pid"),
                            row.getString("version"),
                            WireEnum.fromWire(SchedulerRole.class, row.getString("role")),
                            row.getTimestamp("started_at").toInstant(),
                            row.getTimestamp("heartbeat_at").toInstant()))
                .list());
  }

  @Override
  public int pruneNotSeenSince(Instant cutoff) {
    return jdbi.withHandle(
        handle ->
            handle
                .createUpdate("DELETE FROM scheduler_instance WHERE heartbeat_at < :cutoff")
                .bind("cutoff", Timestamp.from(cutoff))
                .execute());
  }
}
