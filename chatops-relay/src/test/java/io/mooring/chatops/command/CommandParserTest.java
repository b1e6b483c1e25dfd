package io.mooring.chatops.command;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CommandParserTest {
    @Test
    void backupRunNamesAnAccountAndOptionallyOneResource() {
        assertThat(CommandParser.parse("backup run acme")).isEqualTo(
                new CommandParser.Command("backup.run", "acme", Map.of(), "back up account acme"));
        assertThat(CommandParser.parse("  Backup   RUN acme main ")).isEqualTo(
                new CommandParser.Command("backup.run", "acme", Map.of("resource", "main"), "back up main of account acme"));
        assertThat(CommandParser.parse("backup run")).isInstanceOf(CommandParser.Invalid.class);
        assertThat(CommandParser.parse("backup run acme main extra")).isInstanceOf(CommandParser.Invalid.class);
    }

    @Test
    void accountSuspendTakesTheRestAsTheReasonAndResumeNothingMore() {
        assertThat(CommandParser.parse("account suspend acme unpaid since March")).isEqualTo(new CommandParser.Command(
                "account.suspend", "acme", Map.of("reason", "unpaid since March"), "suspend account acme"));
        assertThat(CommandParser.parse("account suspend acme")).isEqualTo(
                new CommandParser.Command("account.suspend", "acme", Map.of(), "suspend account acme"));
        assertThat(CommandParser.parse("account resume acme")).isEqualTo(
                new CommandParser.Command("account.resume", "acme", Map.of(), "resume account acme"));
        assertThat(CommandParser.parse("account resume")).isInstanceOf(CommandParser.Invalid.class);
        assertThat(CommandParser.parse("account resume acme now")).isInstanceOf(CommandParser.Invalid.class);
    }

    @Test
    void helpEmptyTextUnknownCommandsAndHostileText() {
        assertThat(CommandParser.parse("")).isInstanceOf(CommandParser.Help.class);
        assertThat(CommandParser.parse("help")).isInstanceOf(CommandParser.Help.class);
        assertThat(CommandParser.parse("reboot everything")).isInstanceOfSatisfying(CommandParser.Invalid.class,
                i -> assertThat(i.reason()).contains("unknown command 'reboot everything'").contains("/mooring backup run"));
        assertThat(CommandParser.parse("backup run ac\u0000me")).isInstanceOfSatisfying(CommandParser.Invalid.class,
                i -> assertThat(i.reason()).contains("control characters"));
        assertThat(CommandParser.parse("backup run " + "a".repeat(600))).isInstanceOfSatisfying(CommandParser.Invalid.class,
                i -> assertThat(i.reason()).contains("longer than"));
    }
}
