package org.liangze.selfcheck;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class SelfCheckCampaignRepository {

  record Campaign(String quarter, int unitCount, String processInstanceId, String startedBy,
      OffsetDateTime startedAt) {
  }

  private final JdbcClient jdbc;

  SelfCheckCampaignRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Fails with a duplicate-key error if the quarter already has a campaign. */
  void insert(Quarter quarter, int unitCount, String processInstanceId, String startedBy, OffsetDateTime at) {
    jdbc.sql("""
            insert into self_check_campaigns (check_quarter, check_year, quarter_number, unit_count,
                                              process_instance_id, started_by, started_at)
            values (?, ?, ?, ?, ?, ?, ?)""")
        .params(quarter.toString(), quarter.year(), quarter.number(), unitCount, processInstanceId, startedBy, at)
        .update();
  }

  Optional<Campaign> find(Quarter quarter) {
    return jdbc.sql("select * from self_check_campaigns where check_quarter = ?")
        .param(quarter.toString())
        .query((rs, row) -> new Campaign(rs.getString("check_quarter"), rs.getInt("unit_count"),
            rs.getString("process_instance_id"), rs.getString("started_by"),
            rs.getObject("started_at", OffsetDateTime.class)))
        .optional();
  }

  /** The quarter's self-check status of each of these units that has one. */
  Map<String, SelfCheckStatus> statusOf(Quarter quarter, Collection<String> unitCodes) {
    Map<String, SelfCheckStatus> statuses = new TreeMap<>();
    if (!unitCodes.isEmpty()) {
      jdbc.sql("select unit_code, status from self_checks where check_quarter = :quarter and unit_code in (:units)")
          .param("quarter", quarter.toString()).param("units", unitCodes)
          .query(rs -> {
            statuses.put(rs.getString("unit_code"), SelfCheckStatus.valueOf(rs.getString("status")));
          });
    }
    return statuses;
  }

  Map<SelfCheckStatus, Integer> countByStatus(Quarter quarter) {
    Map<SelfCheckStatus, Integer> counts = new EnumMap<>(SelfCheckStatus.class);
    for (SelfCheckStatus status : SelfCheckStatus.values()) {
      counts.put(status, 0);
    }
    jdbc.sql("select status, count(*) as n from self_checks where check_quarter = ? group by status")
        .param(quarter.toString())
        .query(rs -> {
          counts.put(SelfCheckStatus.valueOf(rs.getString("status")), rs.getInt("n"));
        });
    return counts;
  }
}
