package org.liangze.record;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class EvidenceRepository {

  private static final RowMapper<EvidenceFile> FILE = (rs, row) -> new EvidenceFile(rs.getString("content_hash"),
      rs.getString("hash_algorithm"), rs.getLong("size_bytes"), rs.getString("media_type"),
      rs.getString("original_name"), rs.getString("uploaded_by"),
      rs.getObject("uploaded_at", OffsetDateTime.class).toInstant());

  private static final String DESCRIPTION = """
      content_hash, hash_algorithm, size_bytes, media_type, original_name, uploaded_by, uploaded_at""";

  private final JdbcClient jdbc;

  EvidenceRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  Optional<EvidenceFile> find(String hash) {
    return jdbc.sql("select " + DESCRIPTION + " from evidence_files where content_hash = ?").param(hash)
        .query(FILE).optional();
  }

  Optional<byte[]> content(String hash) {
    return jdbc.sql("select content from evidence_files where content_hash = ?").param(hash)
        .query((rs, row) -> rs.getBytes(1)).optional();
  }

  void insert(EvidenceFile file, byte[] content) {
    jdbc.sql("""
            insert into evidence_files (content_hash, hash_algorithm, size_bytes, media_type, original_name, content,
                                        uploaded_by, uploaded_at)
            values (?, ?, ?, ?, ?, ?, ?, ?)""")
        .params(file.contentHash(), file.hashAlgorithm(), file.sizeBytes(), file.mediaType(), file.originalName(),
            content, file.uploadedBy(), RecordRepository.utc(file.uploadedAt()))
        .update();
  }

  long countExisting(Collection<String> hashes) {
    return jdbc.sql("select count(*) from evidence_files where content_hash in (:hashes)")
        .param("hashes", hashes).query(Long.class).single();
  }

  void recordUse(String hash, String unitCode, Instant at) {
    if (jdbc.sql("select count(*) from evidence_uses where content_hash = ? and unit_code = ?")
        .params(hash, unitCode).query(Long.class).single() == 0) {
      jdbc.sql("insert into evidence_uses (content_hash, unit_code, first_used_at) values (?, ?, ?)")
          .params(hash, unitCode, RecordRepository.utc(at)).update();
    }
  }

  void recordUpload(String hash, String unitCode, String name, Instant at) {
    if (jdbc.sql("select count(*) from evidence_uploads where content_hash = ? and unit_code = ?")
        .params(hash, unitCode).query(Long.class).single() == 0) {
      jdbc.sql("""
              insert into evidence_uploads (content_hash, unit_code, first_uploaded_at, original_name)
              values (?, ?, ?, ?)""")
          .params(hash, unitCode, RecordRepository.utc(at), name).update();
    }
  }

  /** How many of these files the unit uploaded. */
  long countUploadedBy(Collection<String> hashes, String unitCode) {
    return jdbc.sql("select count(*) from evidence_uploads where unit_code = :unit and content_hash in (:hashes)")
        .param("unit", unitCode).param("hashes", hashes).query(Long.class).single();
  }

  /** The files a unit uploaded, newest first (at most {@code limit}). */
  List<EvidenceFile> uploadedBy(String unitCode, int limit) {
    return jdbc.sql("select f.content_hash, f.hash_algorithm, f.size_bytes, f.media_type,"
            + " coalesce(u.original_name, f.original_name) as original_name,"
            + " f.uploaded_by, u.first_uploaded_at as uploaded_at"
            + " from evidence_uploads u join evidence_files f on f.content_hash = u.content_hash"
            + " where u.unit_code = ? order by u.first_uploaded_at desc, f.content_hash limit ?")
        .params(unitCode, limit)
        .query(FILE).list();
  }

  /** Descriptions of these files, those that exist, named as the unit named them when it uploaded them. */
  List<EvidenceFile> findAll(Collection<String> hashes, String unitCode) {
    if (hashes.isEmpty()) {
      return List.of();
    }
    return jdbc.sql("""
            select f.content_hash, f.hash_algorithm, f.size_bytes, f.media_type,
                   coalesce(u.original_name, f.original_name) as original_name, f.uploaded_by, f.uploaded_at
              from evidence_files f
              left join evidence_uploads u on u.content_hash = f.content_hash and u.unit_code = :unit
             where f.content_hash in (:hashes)""")
        .param("hashes", hashes).param("unit", unitCode).query(FILE).list();
  }

  List<String> unitsUploading(String hash) {
    return jdbc.sql("select unit_code from evidence_uploads where content_hash = ? order by unit_code").param(hash)
        .query(String.class).list();
  }

  /** Files of this unit's that other units attached too, with those units. */
  Map<String, List<String>> sharedWithOtherUnits(String unitCode) {
    Map<String, List<String>> shared = new java.util.TreeMap<>();
    jdbc.sql("""
            select mine.content_hash, other.unit_code
              from evidence_uses mine join evidence_uses other
                on other.content_hash = mine.content_hash and other.unit_code <> mine.unit_code
             where mine.unit_code = ?
             order by mine.content_hash, other.unit_code""")
        .param(unitCode)
        .query(rs -> {
          shared.computeIfAbsent(rs.getString(1), hash -> new java.util.ArrayList<>()).add(rs.getString(2));
        });
    return shared;
  }

  List<String> unitsUsing(String hash) {
    return jdbc.sql("select unit_code from evidence_uses where content_hash = ? order by unit_code").param(hash)
        .query(String.class).list();
  }
}
