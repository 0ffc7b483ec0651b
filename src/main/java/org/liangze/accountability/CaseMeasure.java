package org.liangze.accountability;

import java.time.LocalDate;

/**
 * What the decision table proposed for a subject (a measure, a referral to the supervisory organs, or not holding
 * accountable / exempting: {@link Measures.Category}), and what the committee decided. The period of consequences
 * comes from the decision table {@code accountabilityConsequencePeriod} for the final measure and form.
 */
public record CaseMeasure(long id, long subjectId, String subjectName, String subjectKind, String responsibility,
    String category, String proposedMeasure, Integer proposedForm, String note, Integer consequenceMonths,
    String decision, String finalMeasure, Integer finalForm, String reason, String decidedBy,
    LocalDate consequenceEndsOn, String appealOutcome) {

  /** Whether the measure still stands (not revoked on appeal). */
  public boolean inForce() {
    return decision != null && !"REVOKED".equals(appealOutcome);
  }
}
