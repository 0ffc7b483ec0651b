package org.liangze.escalation;

/**
 * The escalation ladder requested an accountability case for a unit, cause and period (published by
 * {@link Escalations#startRequested} once the unit's climb has committed, and again by later patrols until a case
 * has taken the request up through {@link AccountabilityRequests}); the accountability package takes it up. The
 * event lives with its publisher so that the ladder does not depend on the processes that listen to it.
 *
 * @param requestId the request, taken up once through {@link AccountabilityRequests#takeUp}
 * @param unitCode the unit
 * @param cause the failure in words, naming its period, e.g. "逾期未办：2026年第四季度 单位季度自查 / 逐项自查"
 */
public record AccountabilityRequested(long requestId, String unitCode, String cause) {
}
