package org.liangze.lists;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.liangze.platform.UnitsFilter;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Read-only: the tailored lists the quality check flagged as copied, per unit, for the unit scores. */
@Component
public class CopyingFlags {

  private final JdbcClient jdbc;

  CopyingFlags(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * The ids of each unit's lists of the year with a {@link QualityFlagKind#COPYING} flag, one per flag, in list
   * order (units without any are absent).
   */
  public Map<String, List<Long>> flaggedLists(int year, UnitsFilter units) {
    Map<String, List<Long>> flagged = new HashMap<>();
    if (units.none()) {
      return flagged;
    }
    jdbc.sql("""
            select l.unit_code, l.id from list_quality_flags f join responsibility_lists l on l.id = f.list_id
             where l.list_year = :year and f.kind = :kind and l.unit_code is not null"""
            + units.and("l.unit_code") + " order by l.id")
        .param("year", year).param("kind", QualityFlagKind.COPYING.name()).params(units.params())
        .query((rs, n) -> flagged.computeIfAbsent(rs.getString(1), unit -> new ArrayList<>()).add(rs.getLong(2)))
        .list();
    return flagged;
  }
}
