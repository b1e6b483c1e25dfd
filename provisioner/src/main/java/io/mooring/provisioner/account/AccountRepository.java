package io.mooring.provisioner.account;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface AccountRepository extends CrudRepository<Account, UUID> {

    /** Whether a live (not purged) account has this name. */
    @Query("SELECT EXISTS (SELECT 1 FROM account WHERE name = :name AND state <> 'PURGED')")
    boolean liveNameExists(String name);

    /** Live (not purged) accounts on a host. */
    @Query("SELECT * FROM account WHERE host_id = :hostId AND state <> 'PURGED' ORDER BY id")
    List<Account> findLiveByHostId(UUID hostId);

    @Query("SELECT * FROM account WHERE id = :id FOR UPDATE")
    Optional<Account> findByIdForUpdate(UUID id);

    /** The first live account on a host, locked; drains move them one at a time. */
    @Query("SELECT * FROM account WHERE host_id = :hostId AND state <> 'PURGED' ORDER BY id LIMIT 1 FOR UPDATE")
    Optional<Account> findFirstLiveOnHostForUpdate(UUID hostId);

    /** Deleted accounts whose grace period is over, locked; rows another transaction holds are skipped. */
    @Query("""
            SELECT * FROM account WHERE state = 'DELETED' AND purge_after <= :now
            ORDER BY purge_after LIMIT :limit FOR UPDATE SKIP LOCKED
            """)
    List<Account> findDueForPurge(Instant now, int limit);

    /** The live (not purged) account with this name: names are unique among them. */
    @Query("SELECT * FROM account WHERE name = :name AND state <> 'PURGED'")
    Optional<Account> findLiveByName(String name);

    /**
     * Up to {@code limit} accounts with an id after {@code after}, in id order; null filters match
     * all, and without a state filter purged accounts are left out.
     *
     * @param name       exact name
     * @param namePrefix the name starts with it
     */
    @Query("""
            SELECT * FROM account
            WHERE (CASE WHEN CAST(:state AS text) IS NULL THEN state <> 'PURGED' ELSE state = :state END)
              AND (CAST(:hostId AS uuid) IS NULL OR host_id = :hostId)
              AND (CAST(:plan AS text) IS NULL OR plan = :plan)
              AND (CAST(:name AS text) IS NULL OR name = :name)
              AND (CAST(:namePrefix AS text) IS NULL OR starts_with(name, :namePrefix))
              AND (CAST(:after AS uuid) IS NULL OR id > :after)
            ORDER BY id
            LIMIT :limit
            """)
    List<Account> page(@Nullable String state, @Nullable UUID hostId, @Nullable String plan, @Nullable String name,
                       @Nullable String namePrefix, @Nullable UUID after, int limit);
}
