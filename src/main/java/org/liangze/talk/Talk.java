package org.liangze.talk;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/** A talk as the API shows it, with its commitments. */
public record Talk(long id, String unitCode, TalkKind kind, String kindLabel, String subjectUserId, String cause,
    Long summonsRequestId, TalkStatus status, String processInstanceId, String startedBy, OffsetDateTime startedAt,
    OffsetDateTime talkAt, String place, String participants, String minutes, String heldBy,
    OffsetDateTime heldAt, Long recordSeq, OffsetDateTime closedAt, List<Commitment> commitments) {

  /** One commitment made in the talk. */
  public record Commitment(long id, int position, String content, LocalDate dueDate, String status, String report,
      String reportedBy, OffsetDateTime reportedAt, String verificationComment, String verifiedBy,
      OffsetDateTime verifiedAt) {
  }

  Talk withCommitments(List<Commitment> list) {
    return new Talk(id, unitCode, kind, kindLabel, subjectUserId, cause, summonsRequestId, status,
        processInstanceId, startedBy, startedAt, talkAt, place, participants, minutes, heldBy, heldAt, recordSeq,
        closedAt, list);
  }
}
