package io.mooring.provisioner.account;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.List;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface AccountRepository extends CrudRepository<Account, UUID> {
    boolean existsByName(String name);

    List<Account> findByHostId(UUID hostId);

    List<Account> listOrderByCreatedAt();
}
