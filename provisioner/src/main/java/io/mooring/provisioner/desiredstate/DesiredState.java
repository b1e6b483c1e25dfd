package io.mooring.provisioner.desiredstate;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.mooring.provisioner.isolation.SliceUnit;

import java.util.List;
import java.util.UUID;

/**
 * What a host should run, as its agent applies it: a slice unit per account and the web server's
 * site configuration. {@code etag} is a strong entity tag of everything else in the document.
 *
 * @param hostId        the host
 * @param etag          SHA-256 of the document's JSON with this field null (the {@code ETag}
 *                      header carries it quoted)
 * @param slices        one slice unit per account, ordered by unit name
 * @param sites         the sites the web server serves, ordered by domain
 * @param rejectedSites ready sites left out of the configuration, and why
 * @param nginx         the site configuration file for nginx's {@code http} block
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record DesiredState(UUID hostId, @Nullable String etag, List<SliceUnit> slices, List<Site> sites,
                           List<RejectedSite> rejectedSites, String nginx) {

    public DesiredState {
        slices = List.copyOf(slices);
        sites = List.copyOf(sites);
        rejectedSites = List.copyOf(rejectedSites);
    }

    /** The same document with another entity tag. */
    DesiredState withEtag(String tag) {
        return new DesiredState(hostId, tag, slices, sites, rejectedSites, nginx);
    }
}
