package io.mooring.monitor.status;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.transaction.annotation.Transactional;
import io.mooring.monitor.monitor.MonitorRepository;
import io.mooring.runtime.Ids;
import io.mooring.runtime.http.ProblemException;
import jakarta.inject.Singleton;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** Creates, changes and deletes groups and their memberships. */
@Singleton
public class GroupRegistry {
    private static final String UNIQUE_VIOLATION = "23505";

    private final MonitorGroupRepository groups;
    private final GroupMembers members;
    private final MonitorRepository monitors;
    private final Clock clock;

    public GroupRegistry(MonitorGroupRepository groups, GroupMembers members, MonitorRepository monitors, Clock clock) {
        this.groups = groups;
        this.members = members;
        this.monitors = monitors;
        this.clock = clock;
    }

    /** What a group is made of; a null {@code description} is none. */
    public record GroupDraft(String name, @Nullable String description, boolean isPublic, int position) {
        public GroupDraft {
            Objects.requireNonNull(name, "name");
        }
    }

    /** @throws ProblemException 409 when a group of that name exists */
    @Transactional
    public MonitorGroup create(GroupDraft draft) {
        if (groups.existsByName(draft.name())) {
            throw nameTaken(draft.name());
        }
        Instant now = clock.instant();
        MonitorGroup group = new MonitorGroup(Ids.next(), draft.name(), draft.description(), draft.isPublic(),
                draft.position(), now, now);
        try {
            return groups.save(group);
        } catch (DataAccessException e) {
            throw isUniqueViolation(e) ? nameTaken(draft.name()) : e;
        }
    }

    /**
     * Replaces the group's fields with {@code changed(group)}.
     *
     * @throws ProblemException 404 for an unknown group, 409 when the new name is taken
     */
    @Transactional
    public MonitorGroup update(UUID id, java.util.function.UnaryOperator<GroupDraft> changed) {
        MonitorGroup group = groups.lockById(id).orElseThrow(() -> ProblemException.notFound("group", id));
        GroupDraft before = new GroupDraft(group.name(), group.description(), group.isPublic(), group.position());
        GroupDraft after = changed.apply(before);
        if (after.equals(before)) {
            return group;
        }
        if (!after.name().equals(group.name()) && groups.existsByName(after.name())) {
            throw nameTaken(after.name());
        }
        try {
            return groups.update(new MonitorGroup(id, after.name(), after.description(), after.isPublic(),
                    after.position(), group.createdAt(), clock.instant()));
        } catch (DataAccessException e) {
            throw isUniqueViolation(e) ? nameTaken(after.name()) : e;
        }
    }

    /** Deletes the group and its memberships (not its monitors). @throws ProblemException 404 */
    @Transactional
    public void delete(UUID id) {
        if (groups.lockById(id).isEmpty()) {
            throw ProblemException.notFound("group", id);
        }
        groups.deleteById(id);
    }

    /** Adds the monitor to the group; adding a member again changes nothing. @throws ProblemException 404 */
    @Transactional
    public void addMember(UUID groupId, UUID monitorId) {
        requireGroup(groupId);
        if (monitors.lockById(monitorId).isEmpty()) {
            throw ProblemException.notFound("monitor", monitorId);
        }
        members.add(groupId, monitorId, clock.instant());
    }

    /** Removes the monitor from the group. @throws ProblemException 404 when the group is unknown or the monitor not in it */
    @Transactional
    public void removeMember(UUID groupId, UUID monitorId) {
        requireGroup(groupId);
        if (!members.remove(groupId, monitorId)) {
            throw ProblemException.notFound("member of group " + groupId + ": monitor", monitorId);
        }
    }

    private void requireGroup(UUID groupId) {
        if (groups.lockById(groupId).isEmpty()) {
            throw ProblemException.notFound("group", groupId);
        }
    }

    private static ProblemException nameTaken(String name) {
        return ProblemException.conflict("group-exists", "a group named '" + name + "' exists");
    }

    private static boolean isUniqueViolation(DataAccessException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
