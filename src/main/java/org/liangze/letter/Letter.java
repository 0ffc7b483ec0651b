package org.liangze.letter;

import java.time.OffsetDateTime;

/**
 * A unit's responsibility letter (目标责任书) of one year. {@code content} is the letter body as issued.
 *
 * @param issuerUnitCode the level that issued the letter and countersigns it (甲方): the unit directly above, or
 *     null for the district committee
 * @param countersignerId who countersigned for the issuing level, once the unit's secretary has signed
 * @param signingEntrySeq the entry of the unit's record manual that recorded the secretary's signature (its place
 *     in the unit's chain), null before signing or if the letter was signed before it was kept
 * @param paperCopy the scanned signed letter uploaded back as evidence, null until one is
 */
public record Letter(long id, String unitCode, int year, int revision, LetterStatus status, String title,
    String content, String objection, String revisionNote, String signerId, String signature,
    OffsetDateTime signedAt, OffsetDateTime archivedAt, String archivedDocument, OffsetDateTime issuedAt,
    String issuerUnitCode, String countersignerId, String countersignature, OffsetDateTime countersignedAt,
    Long signingEntrySeq, PaperCopy paperCopy) {

  /**
   * The scanned signed letter (纸质签字件): the evidence file, and the entry of the unit's record manual citing it.
   */
  public record PaperCopy(String fileHash, String fileName, long entrySeq, String uploadedBy,
      OffsetDateTime uploadedAt) {
  }

  /** Whether the unit's secretary has signed (the letter may have been countersigned and archived since). */
  public boolean signed() {
    return status == LetterStatus.SIGNED || status == LetterStatus.ARCHIVED;
  }

  /** Whether the issuing level has countersigned. */
  public boolean countersigned() {
    return countersignedAt != null;
  }
}
