package io.mooring.provisioner.resource;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface ResourceRepository extends CrudRepository<Resource, UUID> {

    List<Resource> findByAccountIdAndStateNotEqualOrderByCreatedAt(UUID accountId, Resource.State state);

    List<Resource> findByAccountIdAndKindAndStateNotEqualOrderByCreatedAt(UUID accountId, String kind, Resource.State state);

    Optional<Resource> findByIdAndAccountId(UUID id, UUID accountId);

    long countByAccountIdAndKindAndStateInList(UUID accountId, String kind, Collection<Resource.State> states);

    boolean existsByAccountIdAndKindAndNameAndStateNotEqual(UUID accountId, String kind, String name, Resource.State state);

    /** Whether a live site already serves {@code domain}. */
    @Query("SELECT EXISTS (SELECT 1 FROM resource WHERE kind = 'site' AND state <> 'DELETED' AND spec ->> 'domain' = :domain)")
    boolean siteDomainTaken(String domain);

    /** The resource, locked for the caller's transaction. */
    @Query("SELECT * FROM resource WHERE id = :id FOR UPDATE")
    Optional<Resource> lockById(UUID id);
}
