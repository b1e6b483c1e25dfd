package io.mooring.monitor.monitor;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.List;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface MonitorRepository extends CrudRepository<Monitor, UUID> {

    List<Monitor> findByAccountIdOrderByCreatedAt(String accountId);

    List<Monitor> findByIdIn(java.util.Collection<UUID> ids);

    /** The monitor, its row locked until the transaction ends: changes to one monitor happen one after another. */
    @Query("SELECT * FROM monitor WHERE id = :id FOR UPDATE")
    java.util.Optional<Monitor> lockById(UUID id);

    /** The monitors of those ids that exist, their rows locked in id order (so two lockers never deadlock). */
    @Query("SELECT * FROM monitor WHERE id IN (:ids) ORDER BY id FOR UPDATE")
    List<Monitor> lockAllById(java.util.Collection<UUID> ids);

    /** The heartbeat monitor whose token has this SHA-256 (see {@link HeartbeatToken}). */
    java.util.Optional<Monitor> findByHeartbeatTokenSha256(String heartbeatTokenSha256);

    boolean existsByAccountIdAndName(String accountId, String name);

    boolean existsByAccountIdIsNullAndName(String name);

    /** Whether the account (or the platform, for a null account) already has a monitor of that name. */
    default boolean nameTaken(@Nullable String accountId, String name) {
        return accountId == null ? existsByAccountIdIsNullAndName(name) : existsByAccountIdAndName(accountId, name);
    }

    /**
     * Up to {@code limit} monitors after id {@code after} (null: from the start), in id order, each filter null for
     * any; {@code groupFilter}: members of that group; {@code hostFilter}: the monitor made for that provisioning host
     * and the monitors of the accounts placed on it.
     */
    @Query("""
            SELECT * FROM monitor
            WHERE (CAST(:accountFilter AS TEXT) IS NULL OR account_id = :accountFilter)
              AND (CAST(:kindFilter AS TEXT) IS NULL OR kind = :kindFilter)
              AND (CAST(:stateFilter AS TEXT) IS NULL OR state = :stateFilter)
              AND (CAST(:groupFilter AS UUID) IS NULL OR EXISTS (SELECT 1 FROM monitor_group_member gm
                   WHERE gm.monitor_id = monitor.id AND gm.group_id = :groupFilter))
              AND (CAST(:hostFilter AS TEXT) IS NULL OR provisioned_for = 'host:' || :hostFilter
                   OR account_id IN (SELECT ah.account_id FROM account_host ah WHERE ah.host_id = :hostFilter))
              AND (CAST(:after AS UUID) IS NULL OR id > :after)
            ORDER BY id
            LIMIT :limit""")
    // parameters are not named after columns: Micronaut Data would convert them as the column's type
    List<Monitor> page(@Nullable String accountFilter, @Nullable String kindFilter, @Nullable String stateFilter,
                       @Nullable UUID groupFilter, @Nullable String hostFilter, @Nullable UUID after, int limit);
}
