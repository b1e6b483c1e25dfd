package io.mooring.events.chatops;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CommandIssuedTest {

    @Test
    void rejectsBlankIds() {
        assertThatThrownBy(() -> new CommandIssued(" ", "account.suspend", "acct-1", Map.of(), "href", "#ops"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("commandId must not be blank");
        assertThatThrownBy(() -> new CommandIssued("cmd-1", "account.suspend", "", Map.of(), "href", "#ops"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("target must not be blank");
    }

    @Test
    void isKeyedByItsTargetAndNamesCommandsInDottedLowercase() {
        CommandIssued command = new CommandIssued("cmd-1", "backup.run", "bpol-1", null, "href", "#ops");

        assertThat(command.subject()).isEqualTo("bpol-1");
        assertThat(command.arguments()).isEmpty();
        assertThatThrownBy(() -> new CommandIssued("cmd-1", "run backup", "bpol-1", null, "href", "#ops"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dotted lowercase name");
    }
}
