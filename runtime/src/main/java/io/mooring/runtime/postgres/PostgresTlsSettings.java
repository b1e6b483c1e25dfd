package io.mooring.runtime.postgres;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * How the services' Postgres connections are encrypted, under {@code mooring.pg}: {@code sslmode}
 * as libpq and pgjdbc define it, up to {@code verify-full} (TLS, the server certificate signed by
 * {@code sslrootcert} and naming the host connected to).
 */
@ConfigurationProperties("mooring.pg")
public class PostgresTlsSettings {
    static final List<String> MODES = List.of("disable", "allow", "prefer", "require", "verify-ca", "verify-full");

    private String sslmode;
    private String sslrootcert;

    /** Empty means the driver's default ({@code prefer}: TLS when the server offers it, unverified). */
    public String getSslmode() {
        return sslmode;
    }

    public void setSslmode(String sslmode) {
        this.sslmode = sslmode;
    }

    /** PEM file of the CA that signed the server certificate; needed by {@code verify-ca} and {@code verify-full}. */
    public String getSslrootcert() {
        return sslrootcert;
    }

    public void setSslrootcert(String sslrootcert) {
        this.sslrootcert = sslrootcert;
    }

    /**
     * The pgjdbc connection properties for these settings; refuses an unknown mode, a verifying mode
     * without a readable CA file and a CA file with a mode that would not use it.
     */
    public Map<String, String> connectionProperties() {
        Map<String, String> properties = new TreeMap<>();
        boolean caSet = sslrootcert != null && !sslrootcert.isBlank();
        if (sslmode == null || sslmode.isBlank()) {
            if (caSet) {
                throw new IllegalArgumentException("mooring.pg.sslrootcert is set but mooring.pg.sslmode is not: "
                        + "set it to verify-full (or verify-ca)");
            }
            return properties;
        }
        String mode = sslmode.strip().toLowerCase(Locale.ROOT);
        if (!MODES.contains(mode)) {
            throw new IllegalArgumentException("mooring.pg.sslmode must be one of " + MODES + ", was '" + sslmode + "'");
        }
        properties.put("sslmode", mode);
        if (mode.startsWith("verify-")) {
            if (!caSet) {
                throw new IllegalArgumentException("mooring.pg.sslmode=" + mode + " needs mooring.pg.sslrootcert "
                        + "(MOORING_PG_SSLROOTCERT), the PEM file of the CA that signed the server certificate");
            }
            if (!Files.isReadable(Path.of(sslrootcert))) {
                throw new IllegalArgumentException("mooring.pg.sslrootcert=" + sslrootcert + " is not a readable file");
            }
            properties.put("sslrootcert", sslrootcert);
        } else if (caSet) {
            throw new IllegalArgumentException("mooring.pg.sslrootcert is only used with sslmode verify-ca or verify-full, "
                    + "not " + mode);
        }
        return properties;
    }

    @Override
    public String toString() {
        return "PostgresTlsSettings[sslmode=" + sslmode + ", sslrootcert=" + sslrootcert + "]";
    }
}
