package org.liangze.imports;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/** The kept imports (table {@code organisation_imports}, Flyway V35). */
@Repository
class ImportHistory {

  /** One kept import, as the history page lists it. */
  record Entry(long id, String importedBy, Instant importedAt, boolean dryRun, boolean applied, String fileNames,
      String sm3, int problems) {
  }

  private final JdbcClient jdbc;
  private final ObjectMapper json;

  ImportHistory(JdbcClient jdbc, ObjectMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  long add(String importedBy, Instant at, String fileNames, String sm3, ImportReport report) {
    KeyHolder key = new GeneratedKeyHolder();
    jdbc.sql("""
            insert into organisation_imports (imported_by, imported_at, dry_run, applied, file_names, sm3, problems, report)
            values (?, ?, ?, ?, ?, ?, ?, ?)""")
        .params(importedBy, Timestamp.from(at), report.dryRun(), report.applied(), fileNames, sm3,
            report.problems().size(), write(report))
        .update(key, "id");
    return key.getKeyAs(Number.class) == null ? key.getKey().longValue() : key.getKeyAs(Number.class).longValue();
  }

  List<Entry> list(int limit) {
    return jdbc.sql("""
            select id, imported_by, imported_at, dry_run, applied, file_names, sm3, problems
              from organisation_imports order by id desc limit ?""")
        .param(limit)
        .query((rs, n) -> new Entry(rs.getLong(1), rs.getString(2), rs.getTimestamp(3).toInstant(), rs.getBoolean(4),
            rs.getBoolean(5), rs.getString(6), rs.getString(7), rs.getInt(8)))
        .list();
  }

  Optional<ImportReport> report(long id) {
    return jdbc.sql("select report from organisation_imports where id = ?").param(id).query(String.class).optional()
        .map(this::read);
  }

  private String write(ImportReport report) {
    try {
      return json.writeValueAsString(report);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private ImportReport read(String text) {
    try {
      return json.readValue(text, ImportReport.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
