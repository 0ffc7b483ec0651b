package org.liangze.accountability;

/**
 * One subject of an investigation: a Party organisation or a leading cadre, with the facts the measures depend on.
 * Enumerations are stored by name: kind ORGANISATION|LEADER, responsibility MAIN|SUPERVISORY, tier
 * PRINCIPAL|IMPORTANT for a leader only (a Party organisation's leadership team bears overall responsibility: no
 * tier), severity MINOR|SERIOUS|GRAVE, grounds a {@link Grounds} name. The finding is the investigators' statement of
 * the subject's responsibility.
 */
public record CaseSubject(Long id, String responsibility, String name, String userId, String kind, String tier,
    String severity, String grounds, boolean suspectedCrime, String finding) {

  public boolean leader() {
    return "LEADER".equals(kind);
  }
}
