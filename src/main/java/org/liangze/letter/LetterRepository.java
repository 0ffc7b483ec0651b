package org.liangze.letter;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class LetterRepository {

  private static final RowMapper<Letter> LETTER = (rs, row) -> new Letter(rs.getLong("id"),
      rs.getString("unit_code"), rs.getInt("letter_year"), rs.getInt("revision"),
      LetterStatus.valueOf(rs.getString("status")), rs.getString("title"), rs.getString("content"),
      rs.getString("objection"), rs.getString("revision_note"), rs.getString("signer_id"),
      rs.getString("signature"), rs.getObject("signed_at", OffsetDateTime.class),
      rs.getObject("archived_at", OffsetDateTime.class), rs.getString("archived_document"),
      rs.getObject("issued_at", OffsetDateTime.class), rs.getString("issuer_unit_code"),
      rs.getString("countersigner_id"), rs.getString("countersignature"),
      rs.getObject("countersigned_at", OffsetDateTime.class), rs.getObject("signing_entry_seq", Long.class),
      rs.getString("paper_copy_hash") == null ? null : new Letter.PaperCopy(rs.getString("paper_copy_hash"),
          rs.getString("paper_copy_name"), rs.getLong("paper_copy_entry_seq"), rs.getString("paper_copy_uploaded_by"),
          rs.getObject("paper_copy_uploaded_at", OffsetDateTime.class)));

  private static final String SUMMARY_COLUMNS = """
      id, unit_code, letter_year, revision, status, title, '' as content, objection, revision_note, signer_id, signature,
      signed_at, archived_at, null as archived_document, issued_at, issuer_unit_code, countersigner_id,
      countersignature, countersigned_at, signing_entry_seq, paper_copy_hash, paper_copy_name, paper_copy_entry_seq,
      paper_copy_uploaded_by, paper_copy_uploaded_at""";

  private final JdbcClient jdbc;

  LetterRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  Optional<Letter> findById(long id) {
    return jdbc.sql("select * from letters where id = ?").param(id).query(LETTER).optional();
  }

  /** The letters of a year without their (large) bodies, for listings. */
  List<Letter> summariesOfYear(int year) {
    return jdbc.sql("select " + SUMMARY_COLUMNS + " from letters where letter_year = ? order by unit_code")
        .param(year).query(LETTER).list();
  }

  List<Long> idsOfYear(int year) {
    return jdbc.sql("select id from letters where letter_year = ? order by unit_code").param(year).query(Long.class).list();
  }

  boolean exists(String unitCode, int year) {
    return jdbc.sql("select count(*) from letters where unit_code = ? and letter_year = ?")
        .params(unitCode, year).query(Long.class).single() > 0;
  }

  void insert(String unitCode, int year, String title, String content, Long commonListId, Long tailoredListId,
      String issuerUnitCode, OffsetDateTime issuedAt) {
    jdbc.sql("""
            insert into letters (unit_code, letter_year, revision, status, title, content, common_list_id, tailored_list_id,
                                 issuer_unit_code, issued_at)
            values (?, ?, 1, 'ISSUED', ?, ?, ?, ?, ?, ?)""")
        .params(unitCode, year, title, content, commonListId, tailoredListId, issuerUnitCode, issuedAt)
        .update();
  }

  /** Moves a letter on only from the expected status, so a repeated call changes nothing. */
  boolean sign(long id, String signerId, String signature, OffsetDateTime at) {
    return jdbc.sql("""
            update letters set status = 'SIGNED', signer_id = ?, signature = ?, signed_at = ?
             where id = ? and status = 'ISSUED'""")
        .params(signerId, signature, at, id).update() == 1;
  }

  /** The issuing level's countersignature, once: only on a signed letter not countersigned yet. */
  boolean countersign(long id, String countersignerId, String countersignature, OffsetDateTime at) {
    return jdbc.sql("""
            update letters set countersigner_id = ?, countersignature = ?, countersigned_at = ?
             where id = ? and status = 'SIGNED' and countersigned_at is null""")
        .params(countersignerId, countersignature, at, id).update() == 1;
  }

  boolean object(long id, String reason) {
    return jdbc.sql("update letters set status = 'OBJECTED', objection = ? where id = ? and status = 'ISSUED'")
        .params(reason, id).update() == 1;
  }

  boolean reissue(long id, String revisionNote, String content, OffsetDateTime at) {
    return jdbc.sql("""
            update letters set status = 'ISSUED', revision = revision + 1, revision_note = ?, content = ?,
                               issued_at = ?
             where id = ? and status = 'OBJECTED'""")
        .params(revisionNote, content, at, id).update() == 1;
  }

  /** Notes which record entry recorded the secretary's signature. */
  void recordSigningEntry(long id, long seq) {
    jdbc.sql("update letters set signing_entry_seq = ? where id = ?").params(seq, id).update();
  }

  /** The scanned signed letter, uploaded back: the newest upload replaces the one shown (each stays in the record). */
  boolean recordPaperCopy(long id, Letter.PaperCopy copy) {
    return jdbc.sql("""
            update letters set paper_copy_hash = ?, paper_copy_name = ?, paper_copy_entry_seq = ?,
                               paper_copy_uploaded_by = ?, paper_copy_uploaded_at = ?
             where id = ? and status in ('SIGNED', 'ARCHIVED')""")
        .params(copy.fileHash(), copy.fileName(), copy.entrySeq(), copy.uploadedBy(), copy.uploadedAt(), id)
        .update() == 1;
  }

  boolean archive(long id, String document, OffsetDateTime at) {
    return jdbc.sql("""
            update letters set status = 'ARCHIVED', archived_document = ?, archived_at = ?
             where id = ? and status = 'SIGNED'""")
        .params(document, at, id).update() == 1;
  }
}
