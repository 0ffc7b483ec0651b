package org.liangze.escalation;

/**
 * Published (synchronously, inside the patrol's transaction) when the ladder has stored a problem summons request
 * in {@code summons_requests}; the talk feature starts a problem summons talk from it, so the summons happens by
 * itself rather than waiting for someone to read a table.
 *
 * @param unitCode the unit summoned
 * @param taskId the overdue task that caused it (unique per request)
 * @param cause the kind of failure, as the ladder words it
 * @param taskName the overdue task's name, for people
 */
public record SummonsRequested(String unitCode, String taskId, String cause, String taskName) {
}
