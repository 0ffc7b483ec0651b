package org.liangze.escalation;

/**
 * The escalation ladder requested an accountability case for a unit and cause (published by
 * {@link Escalations} inside the patrol's transaction); the accountability package takes it up. The event lives
 * with its publisher so that the ladder does not depend on the processes that listen to it.
 */
public record AccountabilityRequested(String unitCode, String cause) {
}
