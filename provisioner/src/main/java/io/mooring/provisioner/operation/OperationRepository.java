package io.mooring.provisioner.operation;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface OperationRepository extends CrudRepository<Operation, UUID> {

    /**
     * Running operations of these kinds that are due, locked for the caller's transaction; rows another
     * transaction holds are skipped, so replicas polling together never take the same one.
     */
    @Query("""
            SELECT * FROM operation
            WHERE state = 'RUNNING' AND kind IN (:kinds) AND next_attempt_at <= :now
            ORDER BY next_attempt_at LIMIT :limit
            FOR UPDATE SKIP LOCKED""")
    List<Operation> lockDue(Collection<String> kinds, Instant now, int limit);

    /**
     * The next due operation of these kinds whose target has no older running operation of these
     * kinds, locked; so each target's operations run one at a time, in the order they were made
     * (ids are UUIDv7), even when an older one is held by another worker or waits for a retry.
     */
    @Query("""
            SELECT * FROM operation o
            WHERE o.state = 'RUNNING' AND o.kind IN (:kinds) AND o.next_attempt_at <= :now
              AND NOT EXISTS (SELECT 1 FROM operation p
                              WHERE p.target_id = o.target_id AND p.state = 'RUNNING' AND p.kind IN (:kinds) AND p.id < o.id)
            ORDER BY o.next_attempt_at LIMIT 1
            FOR UPDATE SKIP LOCKED""")
    Optional<Operation> lockNextInTargetOrder(Collection<String> kinds, Instant now);

    /** The operation, locked for the caller's transaction. */
    @Query("SELECT * FROM operation WHERE id = :id FOR UPDATE")
    Optional<Operation> lockById(UUID id);

    /** The latest operation of {@code kind} on {@code targetId}. */
    Optional<Operation> findFirstByTargetIdAndKindOrderByCreatedAtDesc(UUID targetId, String kind);
}
