package io.mooring.provisioner.resource.work;

/**
 * Work of another package that the resource workers' threads also take, woken by the same
 * {@link WorkSignal}: each item is done in one database transaction, without outside calls.
 */
public interface BackgroundWork {

    /** Does the next due item, if any; true when it did one. */
    boolean runNext();
}
