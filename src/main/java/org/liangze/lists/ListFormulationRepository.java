package org.liangze.lists;

import java.time.OffsetDateTime;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class ListFormulationRepository {

  private final JdbcClient jdbc;

  ListFormulationRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Fails with a duplicate-key error if the unit already has a formulation of the year. */
  void insert(String unitCode, int year, String processInstanceId, String startedBy, OffsetDateTime at) {
    jdbc.sql("""
            insert into list_formulations (unit_code, formulation_year, process_instance_id, started_by, started_at)
            values (?, ?, ?, ?, ?)""")
        .params(unitCode, year, processInstanceId, startedBy, at)
        .update();
  }

  void setList(String unitCode, int year, long listId) {
    jdbc.sql("update list_formulations set list_id = ? where unit_code = ? and formulation_year = ?")
        .params(listId, unitCode, year).update();
  }

  Optional<String> processInstanceOf(String unitCode, int year) {
    return jdbc.sql("select process_instance_id from list_formulations where unit_code = ? and formulation_year = ?")
        .params(unitCode, year).query(String.class).optional();
  }
}
