package io.mooring.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(RealServersExtension.class)
class PostgresIT {

    @Test
    void createsADatabaseOnceAndRunsQueriesInIt(PostgresServer postgres) throws Exception {
        postgres.createDatabase("mooring_it");
        postgres.createDatabase("mooring_it");

        try (Connection c = DriverManager.getConnection(postgres.jdbcUrl("mooring_it"), postgres.user(),
                postgres.password()); Statement s = c.createStatement()) {
            s.execute("create table orders(id serial primary key, doc jsonb not null)");
            s.execute("insert into orders(doc) values ('{\"amount\": 2}'), ('{\"amount\": 5}')");
            ResultSet rs = s.executeQuery("select current_database(), current_setting('server_version_num')::int,"
                    + " sum((doc->>'amount')::int) from orders");
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("mooring_it");
            assertThat(rs.getInt(2) / 10000).isEqualTo(15);
            assertThat(rs.getInt(3)).isEqualTo(7);
        }
    }
}
