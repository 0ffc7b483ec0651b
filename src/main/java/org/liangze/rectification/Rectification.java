package org.liangze.rectification;

import java.time.LocalDate;
import java.time.OffsetDateTime;

/**
 * One rectification: what a unit must put right, by when, how it planned and did it, and whether it was verified; its
 * problems are rows of the ledger ({@link LedgerRow}).
 */
public record Rectification(long id, String unitCode, String subject, String cause, String sourceKey,
    LocalDate deadline, RectificationStatus status, String plan, String report, String evidence, String recordRefs,
    String verificationComment, String processInstanceId, OffsetDateTime openedAt, OffsetDateTime plannedAt,
    OffsetDateTime reportedAt, String verifiedBy, OffsetDateTime verifiedAt, LedgerSource source) {
}
