package io.mooring.provisioner.desiredstate;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.util.List;

/**
 * Settings under {@code mooring.desired-state.nginx}: the addresses every site's server block
 * listens on, as nginx's {@code listen} takes them ({@code 80}, {@code [::]:80},
 * {@code 203.0.113.7:80}).
 */
@ConfigurationProperties("mooring.desired-state.nginx")
public class NginxSettings {
    private List<String> listen = List.of("80", "[::]:80");

    public List<String> getListen() {
        return listen;
    }

    public void setListen(List<String> listen) {
        this.listen = List.copyOf(listen);
    }
}
