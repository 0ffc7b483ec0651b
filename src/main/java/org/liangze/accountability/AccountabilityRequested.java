package org.liangze.accountability;

/**
 * The escalation ladder requested an accountability case for a unit and cause (published by
 * {@link org.liangze.escalation.Escalations} inside the patrol's transaction); {@link AccountabilityCases} takes it up.
 */
public record AccountabilityRequested(String unitCode, String cause) {
}
