package org.liangze.accountability;

import java.time.Instant;

/** One accountability case of a unit and cause. */
public record AccountabilityCase(long id, String unitCode, String cause, CaseSource source, Long requestId,
    String status, String processInstanceId, String dossier, String verificationNote, String startedBy,
    Instant registeredAt) {
}
