package org.liangze.accountability;

import java.time.LocalDate;

/** A measure the decision table proposed for a subject, and what the committee decided. */
public record CaseMeasure(long id, long subjectId, String subjectName, String subjectKind, String responsibility,
    String proposedMeasure, int proposedForm, String note, Integer consequenceMonths, String decision,
    String finalMeasure, String reason, String decidedBy, LocalDate consequenceEndsOn) {
}
