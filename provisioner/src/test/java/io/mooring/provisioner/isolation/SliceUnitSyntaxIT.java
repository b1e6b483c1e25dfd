package io.mooring.provisioner.isolation;

import io.mooring.testing.SystemTools;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The rendered slice units against systemd's own parser ({@code systemd-analyze verify}), which
 * exits 0 even for unknown keys or bad values but reports each of them: a unit passes only when
 * systemd has nothing to say about it.
 */
class SliceUnitSyntaxIT {

    @Test
    void systemdAcceptsEverySliceTheCalculatorWrites() throws Exception {
        List<Tenant> tenants = List.of(
                new Tenant(UUID.randomUUID(), "acme", false, 384, 512, 256),
                new Tenant(UUID.randomUUID(), "big-co", false, 1536, 8192, 4096),
                new Tenant(UUID.randomUUID(), "100%-paused", true, 384, 512, 256));
        List<SliceUnit> slices = new SliceCalculator().slices(4096, tenants);

        Verification verification = verify(slices.stream().map(s -> new UnitFile(s.unit(), s.text())).toList());

        assertThat(verification.exitCode()).as(verification.output()).isZero();
        assertThat(verification.output()).isEmpty();
    }

    @Test
    void theCheckCatchesAnUnknownKeyAndABadValue() throws Exception {
        String name = SliceUnit.unitName(UUID.randomUUID());
        Verification verification = verify(List.of(new UnitFile(name, """
                [Unit]
                Description=broken

                [Slice]
                CPUWeight=lots
                MemoryCeiling=512M
                """)));

        assertThat(verification.output()).contains("Invalid CPU weight").contains("MemoryCeiling");
    }

    private record UnitFile(String name, String text) {
    }

    private record Verification(int exitCode, String output) {
    }

    private static Verification verify(List<UnitFile> units) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("mooring-slices-");
        List<String> command = new ArrayList<>(List.of(binary().toString(), "verify", "--man=no"));
        for (UnitFile unit : units) {
            command.add(Files.writeString(dir.resolve(unit.name()), unit.text()).toString());
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("systemd-analyze verify did not finish within 60 s");
        }
        return new Verification(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    private static Path binary() {
        return SystemTools.find("systemd-analyze", "the generated slice units cannot be checked without it: "
                + "install the Debian package 'systemd' (apt-get install -y systemd)");
    }
}
