package org.liangze.accountability;

/**
 * One subject of an investigation: a Party organisation or a leading cadre, with the facts the measures depend on.
 * Enumerations are stored by name: kind ORGANISATION|LEADER, responsibility MAIN|SUPERVISORY, tier
 * OVERALL|PRINCIPAL|IMPORTANT, severity MINOR|SERIOUS|GRAVE.
 */
public record CaseSubject(Long id, String responsibility, String name, String userId, String kind, String tier,
    String severity, boolean lightening, boolean aggravating, boolean repeat) {
}
