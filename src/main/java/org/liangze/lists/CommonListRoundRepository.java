package org.liangze.lists;

import java.time.OffsetDateTime;
import java.util.Optional;
import org.liangze.organisation.UnitType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The drafting rounds of common lists ({@code common_list_rounds}): at most one open per unit type and year. */
@Repository
class CommonListRoundRepository {

  enum Source {
    COMMISSION,
    IMPORT
  }

  private final JdbcClient jdbc;

  CommonListRoundRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Opens a round; the unique open key refuses a second open round of the type and year (DuplicateKeyException). */
  void open(UnitType type, int year, String processInstanceId, Source source, String startedBy, OffsetDateTime now) {
    jdbc.sql("""
            insert into common_list_rounds (unit_type, list_year, process_instance_id, source, started_by, started_at,
                                            open_key)
            values (?, ?, ?, ?, ?, ?, ?)""")
        .params(type.name(), year, processInstanceId, source.name(), startedBy, now,
            CommonListProcess.businessKey(type, year))
        .update();
  }

  void setList(String processInstanceId, long listId) {
    jdbc.sql("update common_list_rounds set list_id = ? where process_instance_id = ?")
        .params(listId, processInstanceId).update();
  }

  /** The process instance of the type's open round of the year, if one is open. */
  Optional<String> openRound(UnitType type, int year) {
    return jdbc.sql("select process_instance_id from common_list_rounds where open_key = ?")
        .param(CommonListProcess.businessKey(type, year))
        .query(String.class)
        .optional();
  }

  /** Ends the instance's round (published or cancelled); a second call changes nothing. */
  void close(String processInstanceId, OffsetDateTime now) {
    jdbc.sql("""
            update common_list_rounds set open_key = null, ended_at = ?
             where process_instance_id = ? and open_key is not null""")
        .params(now, processInstanceId).update();
  }
}
