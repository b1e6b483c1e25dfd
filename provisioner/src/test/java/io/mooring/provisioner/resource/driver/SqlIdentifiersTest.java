package io.mooring.provisioner.resource.driver;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SqlIdentifiersTest {

    @Test
    void quotesIdentifiersKeepingCaseAndDoublingQuotes() {
        assertThat(SqlIdentifiers.identifier("acct_0a1b_main")).isEqualTo("\"acct_0a1b_main\"");
        assertThat(SqlIdentifiers.identifier("my-db")).isEqualTo("\"my-db\"");
        assertThat(SqlIdentifiers.identifier("Mixed")).isEqualTo("\"Mixed\"");
        assertThat(SqlIdentifiers.identifier("a\"; DROP ROLE postgres; --")).isEqualTo("\"a\"\"; DROP ROLE postgres; --\"");
    }

    @Test
    void refusesIdentifiersPostgresWouldTruncateOrCannotHold() {
        assertThat(SqlIdentifiers.identifier("a".repeat(63))).hasSize(65);
        assertThatThrownBy(() -> SqlIdentifiers.identifier("a".repeat(64))).hasMessageContaining("63");
        assertThatThrownBy(() -> SqlIdentifiers.identifier("é".repeat(32))).hasMessageContaining("63");
        assertThatThrownBy(() -> SqlIdentifiers.identifier("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SqlIdentifiers.identifier("a\0b")).hasMessageContaining("NUL");
    }

    @Test
    void quotesLiteralsDoublingQuotes() {
        assertThat(SqlIdentifiers.literal("mooring resource 1")).isEqualTo("'mooring resource 1'");
        assertThat(SqlIdentifiers.literal("it's")).isEqualTo("'it''s'");
        assertThat(SqlIdentifiers.literal("SCRAM-SHA-256$4096:c2FsdA==$a+b/c=:d+e/f=")).isEqualTo("'SCRAM-SHA-256$4096:c2FsdA==$a+b/c=:d+e/f='");
    }

    @Test
    void turnsLiteralsWithBackslashesIntoEscapeStrings() {
        assertThat(SqlIdentifiers.literal("a\\' OR 1=1 --")).isEqualTo("E'a\\\\'' OR 1=1 --'");
        assertThatThrownBy(() -> SqlIdentifiers.literal("a\0")).hasMessageContaining("NUL");
        assertThatThrownBy(() -> SqlIdentifiers.literal(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
