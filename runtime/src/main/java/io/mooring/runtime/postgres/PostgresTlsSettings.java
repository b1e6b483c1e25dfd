package io.mooring.runtime.postgres;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.util.Map;

/**
 * How the services' own Postgres connections are encrypted, under {@code mooring.pg}: {@code sslmode}
 * up to {@code verify-full} and the CA file {@code sslrootcert}, checked as {@link PostgresTls} says.
 */
@ConfigurationProperties("mooring.pg")
public class PostgresTlsSettings {
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

    /** These settings as a {@link PostgresTls} named {@code mooring.pg}. */
    public PostgresTls tls() {
        return new PostgresTls("mooring.pg", sslmode, sslrootcert);
    }

    /** See {@link PostgresTls#connectionProperties()}. */
    public Map<String, String> connectionProperties() {
        return tls().connectionProperties();
    }

    @Override
    public String toString() {
        return "PostgresTlsSettings[sslmode=" + sslmode + ", sslrootcert=" + sslrootcert + "]";
    }
}
