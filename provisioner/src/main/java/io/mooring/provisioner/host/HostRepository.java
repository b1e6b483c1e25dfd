package io.mooring.provisioner.host;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.List;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface HostRepository extends CrudRepository<Host, UUID> {
    boolean existsByName(String name);

    List<Host> findByCordonedFalseOrderByCreatedAt();

    List<Host> listOrderByCreatedAt();
}
