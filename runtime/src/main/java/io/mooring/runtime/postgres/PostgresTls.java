package io.mooring.runtime.postgres;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * How one Postgres connection is encrypted: {@code sslmode} as libpq and pgjdbc define it, up to
 * {@code verify-full} (TLS, the server certificate signed by {@code sslrootcert} and naming the host
 * connected to). {@code setting} is where the two values came from ({@code mooring.pg}), so that a
 * refusal names what to fix. Used for the services' own datasources ({@link PostgresTlsSettings}) and
 * for any other cluster a service connects to, e.g. the provisioner's tenant target.
 */
public record PostgresTls(String setting, String sslmode, String sslrootcert) {
    static final List<String> MODES = List.of("disable", "allow", "prefer", "require", "verify-ca", "verify-full");

    /**
     * The pgjdbc connection properties for these settings (none when no mode is set: the driver's
     * default {@code prefer}); refuses an unknown mode, a verifying mode without a readable CA file and
     * a CA file with a mode that would not use it.
     */
    public Map<String, String> connectionProperties() {
        Map<String, String> properties = new TreeMap<>();
        boolean caSet = sslrootcert != null && !sslrootcert.isBlank();
        if (sslmode == null || sslmode.isBlank()) {
            if (caSet) {
                throw new IllegalArgumentException(setting + ".sslrootcert is set but " + setting + ".sslmode is not: "
                        + "set it to verify-full (or verify-ca)");
            }
            return properties;
        }
        String mode = sslmode.strip().toLowerCase(Locale.ROOT);
        if (!MODES.contains(mode)) {
            throw new IllegalArgumentException(setting + ".sslmode must be one of " + MODES + ", was '" + sslmode + "'");
        }
        properties.put("sslmode", mode);
        if (mode.startsWith("verify-")) {
            if (!caSet) {
                throw new IllegalArgumentException(setting + ".sslmode=" + mode + " needs " + setting + ".sslrootcert ("
                        + variable(setting) + "_SSLROOTCERT), the PEM file of the CA that signed the server certificate");
            }
            if (!Files.isReadable(Path.of(sslrootcert))) {
                throw new IllegalArgumentException(setting + ".sslrootcert=" + sslrootcert + " is not a readable file");
            }
            properties.put("sslrootcert", sslrootcert);
        } else if (caSet) {
            throw new IllegalArgumentException(setting + ".sslrootcert is only used with sslmode verify-ca or verify-full, "
                    + "not " + mode);
        }
        return properties;
    }

    /** {@code mooring.provisioner.targets.postgres} becomes {@code MOORING_PROVISIONER_TARGETS_POSTGRES}. */
    private static String variable(String setting) {
        return setting.replace('.', '_').replace('-', '_').toUpperCase(Locale.ROOT);
    }
}
