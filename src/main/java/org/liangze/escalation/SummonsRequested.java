package org.liangze.escalation;

/**
 * Published after the ladder has committed a unit's problem summons request ({@link Escalations#startRequested}, in
 * a transaction of its own); the talk feature starts a problem summons talk from it, so the summons happens by
 * itself rather than waiting for someone to read a table. One request per unit and month, naming all of the unit's
 * tasks that went red in it.
 *
 * @param requestId the request, which the talk takes up through {@link SummonsRequests}
 * @param unitCode the unit summoned
 * @param cause the tasks the summons is for, worded for people
 * @param taskCount how many tasks
 */
public record SummonsRequested(long requestId, String unitCode, String cause, int taskCount) {
}
