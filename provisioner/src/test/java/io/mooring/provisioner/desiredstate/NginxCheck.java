package io.mooring.provisioner.desiredstate;

import io.mooring.testing.Nginx;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Runs the real {@code nginx -t} on a site configuration, included in a minimal nginx.conf in a
 * fresh temporary directory ({@link Nginx#check}). nginx binds the listen addresses during the test,
 * so sites should listen on a free port of 127.0.0.1.
 */
final class NginxCheck {
    private NginxCheck() {
    }

    static Nginx.Check test(String siteConfiguration) throws IOException, InterruptedException {
        Path prefix = Files.createTempDirectory("mooring-nginx-");
        Path sites = Files.writeString(prefix.resolve("mooring-sites.conf"), siteConfiguration);
        return Nginx.check(prefix, "include " + sites + ";");
    }
}
