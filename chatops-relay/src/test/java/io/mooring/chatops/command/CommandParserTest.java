package io.mooring.chatops.command;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.mooring.chatops.command.CommandParser.Subject.ACCOUNT;
import static io.mooring.chatops.command.CommandParser.Subject.MONITOR;
import static io.mooring.chatops.command.CommandParser.Subject.PLATFORM;
import static org.assertj.core.api.Assertions.assertThat;

class CommandParserTest {
    @Test
    void backupRunNamesAnAccountAndOptionallyOneResource() {
        assertThat(CommandParser.parse("backup run acme")).isEqualTo(
                new CommandParser.Command("backup.run", ACCOUNT, "acme", Map.of(), "back up account acme"));
        assertThat(CommandParser.parse("  Backup   RUN acme main ")).isEqualTo(
                new CommandParser.Command("backup.run", ACCOUNT, "acme", Map.of("resource", "main"), "back up main of account acme"));
        assertThat(CommandParser.parse("backup run")).isInstanceOf(CommandParser.Invalid.class);
        assertThat(CommandParser.parse("backup run acme main extra")).isInstanceOf(CommandParser.Invalid.class);
    }

    @Test
    void accountSuspendTakesTheRestAsTheReasonAndResumeNothingMore() {
        assertThat(CommandParser.parse("account suspend acme unpaid since March")).isEqualTo(new CommandParser.Command(
                "account.suspend", ACCOUNT, "acme", Map.of("reason", "unpaid since March"), "suspend account acme"));
        assertThat(CommandParser.parse("account suspend acme")).isEqualTo(
                new CommandParser.Command("account.suspend", ACCOUNT, "acme", Map.of(), "suspend account acme"));
        assertThat(CommandParser.parse("account resume acme")).isEqualTo(
                new CommandParser.Command("account.resume", ACCOUNT, "acme", Map.of(), "resume account acme"));
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

    @Test
    void statusIsAboutThePlatformAndChangesNothing() {
        assertThat(CommandParser.parse(" Status ")).isEqualTo(new CommandParser.Command("status.show", PLATFORM, "platform",
                Map.of(), "show the platform's status"));
        assertThat(((CommandParser.Command) CommandParser.parse("status")).changesSomething()).isFalse();
        assertThat(((CommandParser.Command) CommandParser.parse("account resume acme")).changesSomething()).isTrue();
        assertThat(CommandParser.parse("status now")).isInstanceOf(CommandParser.Invalid.class);
    }

    @Test
    void monitorPauseTakesAnOptionalDurationInMinutesHoursOrDays() {
        assertThat(CommandParser.parse("monitor pause acme/web")).isEqualTo(new CommandParser.Command("monitor.pause",
                MONITOR, "acme/web", Map.of(), "pause monitor acme/web"));
        assertThat(CommandParser.parse("monitor PAUSE web 30M")).isEqualTo(new CommandParser.Command("monitor.pause",
                MONITOR, "web", Map.of("duration", "30m"), "pause monitor web for 30m"));
        assertThat(CommandParser.parse("monitor pause web 2h")).isInstanceOfSatisfying(CommandParser.Command.class,
                c -> assertThat(c.arguments()).containsExactly(Map.entry("duration", "2h")));
        assertThat(CommandParser.parse("monitor pause web 30d")).isInstanceOfSatisfying(CommandParser.Command.class,
                c -> assertThat(c.changesSomething()).isTrue());
        for (String bad : new String[]{"0m", "1w", "1.5h", "-2h", "2hours", "31d", "721h", "43201m", "1d2h"}) {
            assertThat(CommandParser.parse("monitor pause web " + bad)).as(bad).isInstanceOfSatisfying(
                    CommandParser.Invalid.class, i -> assertThat(i.reason()).containsAnyOf("not a duration", "at most"));
        }
        assertThat(CommandParser.parse("monitor pause")).isInstanceOf(CommandParser.Invalid.class);
    }

    @Test
    void aMonitorsNameMayHoldSpaces() {
        assertThat(CommandParser.parse("monitor pause demo/site www 30m")).isEqualTo(new CommandParser.Command(
                "monitor.pause", MONITOR, "demo/site www", Map.of("duration", "30m"), "pause monitor demo/site www for 30m"));
        assertThat(CommandParser.parse("monitor pause demo/site  www")).isEqualTo(new CommandParser.Command(
                "monitor.pause", MONITOR, "demo/site www", Map.of(), "pause monitor demo/site www"));
        assertThat(CommandParser.parse("monitor pause site www 2hrs")).isInstanceOfSatisfying(CommandParser.Invalid.class,
                i -> assertThat(i.reason()).contains("'2hrs' is not a duration"));
        assertThat(CommandParser.parse("monitor resume demo/site www")).isEqualTo(new CommandParser.Command(
                "monitor.resume", MONITOR, "demo/site www", Map.of(), "resume monitor demo/site www"));
    }

    @Test
    void monitorResumeNamesOneMonitor() {
        assertThat(CommandParser.parse("monitor resume acme/web")).isEqualTo(new CommandParser.Command("monitor.resume",
                MONITOR, "acme/web", Map.of(), "resume monitor acme/web"));
        assertThat(CommandParser.parse("monitor resume")).isInstanceOf(CommandParser.Invalid.class);
        assertThat(CommandParser.parse("monitor delete web")).isInstanceOfSatisfying(CommandParser.Invalid.class,
                i -> assertThat(i.reason()).contains("unknown command 'monitor delete'"));
    }

    @Test
    void theUsageListsEveryCommand() {
        assertThat(CommandParser.USAGE).contains("/mooring status", "/mooring backup run", "/mooring account suspend",
                "/mooring account resume", "/mooring monitor pause <monitor> [duration]", "/mooring monitor resume",
                "/mooring help", "<account>/<name>");
    }
}
