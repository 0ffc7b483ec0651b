package org.liangze.letter;

import java.time.OffsetDateTime;

/** A unit's responsibility letter (目标责任书) of one year. {@code content} is the letter body as issued. */
public record Letter(long id, String unitCode, int year, int revision, LetterStatus status, String title,
    String content, String objection, String revisionNote, String signerId, String signature,
    OffsetDateTime signedAt, OffsetDateTime archivedAt, String archivedDocument, OffsetDateTime issuedAt) {
}
