package org.liangze.rectification;

import java.time.LocalDate;
import java.time.OffsetDateTime;

/**
 * One problem in the rectification ledger (整改台账): what was found, the measure, the person responsible (责任人), the
 * deadline, the evidence, and whether the commission verified it and closed it (整改销号).
 */
public record LedgerRow(long id, String unitCode, Long rectificationId, LedgerSource source, String sourceLabel,
    int position, String problem, String measure, String ownerId, String ownerName, LocalDate deadline,
    LedgerRowStatus status, String report, String evidence, String recordRefs, String verificationComment,
    int returnedCount, OffsetDateTime openedAt, OffsetDateTime reportedAt, String closedBy, OffsetDateTime closedAt) {

  /** Not closed, and its deadline is before today. */
  public boolean overdueOn(LocalDate today) {
    return status != LedgerRowStatus.CLOSED && deadline.isBefore(today);
  }
}
