package io.mooring.platform;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MooringCliTest {

    @Test
    void chatTargetsNamesAReadableFileKeptAbsolute(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("targets.yml"), "targets: []\n");
        MooringCli.Options options = MooringCli.Options.parse(new String[]{"up", "--data", dir.toString(),
                "--chat-targets", file.toString()});
        assertThat(options.chatTargets()).contains(file.toAbsolutePath().normalize());
        assertThat(MooringCli.Options.parse(new String[]{"up", "--data", dir.toString()}).chatTargets()).isEmpty();
    }

    @Test
    void chatTargetsRefusesAMissingFileOrNoValue(@TempDir Path dir) {
        assertThatThrownBy(() -> MooringCli.Options.parse(new String[]{"up", "--chat-targets", dir.resolve("none.yml").toString()}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("--chat-targets: cannot read");
        assertThatThrownBy(() -> MooringCli.Options.parse(new String[]{"up", "--chat-targets"}))
                .hasMessage("--chat-targets needs a value");
    }
}
