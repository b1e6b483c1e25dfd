package io.mooring.provisioner.placement;

import java.util.Locale;

/** How placement chooses among the hosts that fit. */
public enum PlacementStrategy {
    /** The host with the most memory left: accounts spread evenly, a host failure hits few. */
    SPREAD,
    /** The host with the least memory left that still fits: hosts fill up one after another. */
    PACK;

    public static PlacementStrategy parse(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("mooring.provisioner.placement.policy must be spread or pack, was '" + value + "'");
        }
    }
}
