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

    /** The operation, locked for the caller's transaction. */
    @Query("SELECT * FROM operation WHERE id = :id FOR UPDATE")
    Optional<Operation> lockById(UUID id);

    /** The latest operation of {@code kind} on {@code targetId}. */
    Optional<Operation> findFirstByTargetIdAndKindOrderByCreatedAtDesc(UUID targetId, String kind);
}
