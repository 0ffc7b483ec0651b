package org.liangze.letter;

import java.time.OffsetDateTime;

/**
 * A unit's responsibility letter (目标责任书) of one year. {@code content} is the letter body as issued.
 *
 * @param issuerUnitCode the level that issued the letter and countersigns it (甲方): the unit directly above, or
 *     null for the district committee
 * @param countersignerId who countersigned for the issuing level, once the unit's secretary has signed
 */
public record Letter(long id, String unitCode, int year, int revision, LetterStatus status, String title,
    String content, String objection, String revisionNote, String signerId, String signature,
    OffsetDateTime signedAt, OffsetDateTime archivedAt, String archivedDocument, OffsetDateTime issuedAt,
    String issuerUnitCode, String countersignerId, String countersignature, OffsetDateTime countersignedAt) {

  /** Whether the issuing level has countersigned. */
  public boolean countersigned() {
    return countersignedAt != null;
  }
}
