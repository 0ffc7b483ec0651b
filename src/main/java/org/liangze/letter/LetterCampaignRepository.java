package org.liangze.letter;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class LetterCampaignRepository {

  private final JdbcClient jdbc;

  LetterCampaignRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Fails with a duplicate-key error if the year already has a campaign. */
  void insert(int year, String processInstanceId, String startedBy, OffsetDateTime at) {
    jdbc.sql("insert into letter_campaigns (campaign_year, process_instance_id, started_by, started_at) values (?, ?, ?, ?)")
        .params(year, processInstanceId, startedBy, at)
        .update();
  }

  Optional<String> processInstanceOf(int year) {
    return jdbc.sql("select process_instance_id from letter_campaigns where campaign_year = ?")
        .param(year).query(String.class).optional();
  }

  /** The year's letter of each of these units that has one. */
  List<LetterCampaigns.UnitLetter> lettersOf(int year, Collection<String> unitCodes) {
    if (unitCodes.isEmpty()) {
      return List.of();
    }
    return jdbc.sql("""
            select unit_code, id, status from letters
             where letter_year = :year and unit_code in (:units) order by unit_code""")
        .param("year", year).param("units", unitCodes)
        .query((rs, row) -> new LetterCampaigns.UnitLetter(rs.getString("unit_code"), rs.getLong("id"),
            LetterStatus.valueOf(rs.getString("status"))))
        .list();
  }

  Map<LetterStatus, Integer> countByStatus(int year) {
    Map<LetterStatus, Integer> counts = new TreeMap<>();
    for (LetterStatus status : LetterStatus.values()) {
      counts.put(status, 0);
    }
    jdbc.sql("select status, count(*) as n from letters where letter_year = ? group by status")
        .param(year)
        .query(rs -> {
          counts.put(LetterStatus.valueOf(rs.getString("status")), rs.getInt("n"));
        });
    return counts;
  }
}
