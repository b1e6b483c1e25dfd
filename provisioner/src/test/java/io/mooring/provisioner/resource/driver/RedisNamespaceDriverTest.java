package io.mooring.provisioner.resource.driver;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisConnectionException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RedisNamespaceDriverTest {
    private static final String PREFIX = "acct:01890a5d-ac96-774b-bcce-b302099a8057:";

    @Test
    void recognisesItsUserInRedis62Replies() {
        List<Object> user = List.of("flags", List.of("on"), "passwords", List.of("x"), "commands", "+@all -@dangerous",
                "keys", List.of(PREFIX + "*"), "channels", List.of(PREFIX + "*"));
        assertThat(RedisNamespaceDriver.belongsTo(user, PREFIX)).isTrue();
    }

    @Test
    void recognisesItsUserInRedis7Replies() {
        List<Object> user = List.of("flags", List.of("on"), "passwords", List.of("x"), "commands", "+@all",
                "keys", "~" + PREFIX + "*", "channels", "&" + PREFIX + "*", "selectors", List.of());
        assertThat(RedisNamespaceDriver.belongsTo(user, PREFIX)).isTrue();
    }

    @Test
    void doesNotClaimSomeoneElsesUser() {
        assertThat(RedisNamespaceDriver.belongsTo(List.of("keys", List.of("acct:other:*")), PREFIX)).isFalse();
        assertThat(RedisNamespaceDriver.belongsTo(List.of("keys", List.of("*")), PREFIX)).isFalse();
        assertThat(RedisNamespaceDriver.belongsTo(List.of("keys", List.of(PREFIX + "*", "*")), PREFIX)).isFalse();
        assertThat(RedisNamespaceDriver.belongsTo(List.of("keys", ""), PREFIX)).isFalse();
        assertThat(RedisNamespaceDriver.belongsTo(List.of("flags", List.of("off")), PREFIX)).isFalse();
    }

    @Test
    void readsANilReplyAsNoUser() {
        assertThat(RedisNamespaceDriver.exists(null)).isFalse();
        assertThat(RedisNamespaceDriver.exists(java.util.Arrays.asList((Object) null))).isFalse();
        assertThat(RedisNamespaceDriver.exists(List.of())).isFalse();
        assertThat(RedisNamespaceDriver.exists(List.of("flags", List.of("on")))).isTrue();
    }

    @Test
    void deniesCommandsThatReachBeyondTheAccount() {
        assertThat(RedisNamespaceDriver.COMMAND_RULES).containsExactly("+@all", "-@dangerous", "-@admin", "-scan", "-randomkey", "-pubsub");
    }

    @Test
    void retriesUnreachableOrBusyServersOnly() {
        assertThat(RedisNamespaceDriver.classify("x", new RedisConnectionException("refused")).retriable()).isTrue();
        assertThat(RedisNamespaceDriver.classify("x", new RedisCommandExecutionException("LOADING Redis is loading")).retriable()).isTrue();
        assertThat(RedisNamespaceDriver.classify("x", new RedisCommandExecutionException("NOPERM this user has no permissions"))
                .retriable()).isFalse();
        assertThat(RedisNamespaceDriver.classify("x", new RedisCommandExecutionException("ERR Error in ACL SETUSER modifier"))
                .retriable()).isFalse();
    }
}
