package org.liangze.selfcheck;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * A unit's self-check of a quarter, with its assessment of every item (each row stored when its 责任人 or the staff
 * submit their share; {@code assessedBy} is who did).
 */
public record SelfCheck(String unitCode, String quarter, SelfCheckStatus status, String processInstanceId,
    OffsetDateTime openedAt, String submittedBy, OffsetDateTime submittedAt, String inspectedBy,
    OffsetDateTime inspectedAt, String signedOffBy,
    OffsetDateTime signedOffAt, String reviewedBy, OffsetDateTime reviewedAt, String lastComment,
    Long rectificationId, List<Result> results) {

  /** The assessment of one list item. */
  public record Result(long listItemId, int position, String item, AssessmentStatus status, String note,
      List<String> evidence, List<Long> recordEntries, String assessedBy, OffsetDateTime assessedAt) {

    Result withLabel(String itemLabel) {
      return new Result(listItemId, position, itemLabel, status, note, evidence, recordEntries, assessedBy,
          assessedAt);
    }
  }

  SelfCheck withResults(List<Result> results) {
    return new SelfCheck(unitCode, quarter, status, processInstanceId, openedAt, submittedBy, submittedAt,
        inspectedBy, inspectedAt, signedOffBy, signedOffAt, reviewedBy, reviewedAt, lastComment, rectificationId, List.copyOf(results));
  }
}
