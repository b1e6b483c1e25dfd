package io.mooring.backup.artifact;

/** A pg_dump archive that {@link ArchiveRowCounter} cannot count the rows of; the message says why. */
final class UnreadableArchive extends RuntimeException {
    UnreadableArchive(String message) {
        super(message, null, false, false);
    }
}
