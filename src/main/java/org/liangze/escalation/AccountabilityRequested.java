package org.liangze.escalation;

/**
 * The escalation ladder requested an accountability case for a unit and cause (published by
 * {@link Escalations#startRequested} once the unit's climb has committed, and again by later patrols until a case
 * has taken the request up); the accountability package takes it up. The event lives with its publisher so that the
 * ladder does not depend on the processes that listen to it.
 */
public record AccountabilityRequested(String unitCode, String cause) {
}
