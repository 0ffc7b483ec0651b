package org.liangze.selfcheck;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.liangze.lists.ItemOfList;
import org.liangze.lists.ListService;
import org.liangze.platform.InsertsAtCommit;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class SelfCheckRepository {

  /** One stored assessment row before it is shown. */
  record NewResult(long listItemId, int position, AssessmentStatus status, String note, String evidence,
      String recordRefs) {
  }

  private static final String INSERT = """
      insert into self_checks (unit_code, check_quarter, status, process_instance_id, opened_at)
      values (?, ?, 'ASSESSING', ?, ?)""";

  private final JdbcClient jdbc;
  private final InsertsAtCommit inserts;
  private final ListService lists;

  SelfCheckRepository(JdbcClient jdbc, InsertsAtCommit inserts, ListService lists) {
    this.jdbc = jdbc;
    this.inserts = inserts;
    this.lists = lists;
  }

  boolean campaignExists(Quarter quarter) {
    return jdbc.sql("select count(*) from self_check_campaigns where check_quarter = ?").param(quarter.toString())
        .query(Long.class).single() > 0;
  }

  /**
   * Opens the unit's self-check of the quarter, written as the transaction commits with its other new rows
   * ({@link InsertsAtCommit}: a campaign's batch opens some tens); the commit fails with a duplicate-key error if the
   * unit's quarter was opened meanwhile ({@link #opened} first tells the usual case apart).
   */
  void insert(String unitCode, Quarter quarter, String processInstanceId, OffsetDateTime now) {
    inserts.insert(INSERT, unitCode + "/" + quarter, unitCode, quarter.toString(), processInstanceId, now);
  }

  /** Which of these units have their self-check of the quarter open already, or opened in this transaction. */
  Set<String> opened(Collection<String> unitCodes, Quarter quarter) {
    Set<String> opened = new HashSet<>(jdbc.sql(
            "select unit_code from self_checks where check_quarter = :quarter and unit_code in (:units)")
        .param("quarter", quarter.toString()).param("units", unitCodes).query(String.class).list());
    unitCodes.stream().filter(unit -> inserts.pending(INSERT, unit + "/" + quarter)).forEach(opened::add);
    return opened;
  }

  /** Replaces the results of one share's items (an earlier submission of a returned self-check included). */
  void replaceResults(String unitCode, Quarter quarter, List<NewResult> results, String by, OffsetDateTime at) {
    if (results.isEmpty()) {
      return;
    }
    jdbc.sql("""
            delete from self_check_results
             where unit_code = :unit and check_quarter = :quarter and list_item_id in (:items)""")
        .param("unit", unitCode).param("quarter", quarter.toString())
        .param("items", results.stream().map(NewResult::listItemId).toList()).update();
    for (NewResult result : results) {
      jdbc.sql("""
              insert into self_check_results (unit_code, check_quarter, list_item_id, position, status, note, evidence,
                                              record_refs, assessed_by, assessed_at)
              values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
          .params(unitCode, quarter.toString(), result.listItemId(), result.position(), result.status().name(),
              result.note(), result.evidence(), result.recordRefs(), by, at)
          .update();
    }
  }

  /** Every share is in: the self-check goes to the inspector ({@code INSPECTING}) or to the secretary. */
  void submitted(String unitCode, Quarter quarter, SelfCheckStatus next, String by, OffsetDateTime at) {
    jdbc.sql("""
            update self_checks set status = ?, submitted_by = ?, submitted_at = ?
             where unit_code = ? and check_quarter = ?""")
        .params(next.name(), by, at, unitCode, quarter.toString()).update();
  }

  void inspected(String unitCode, Quarter quarter, String by, OffsetDateTime at, String comment) {
    jdbc.sql("""
            update self_checks set status = 'SIGNING_OFF', inspected_by = ?, inspected_at = ?, last_comment = ?
             where unit_code = ? and check_quarter = ?""")
        .params(by, at, comment, unitCode, quarter.toString()).update();
  }

  void signedOff(String unitCode, Quarter quarter, String by, OffsetDateTime at, String comment) {
    jdbc.sql("""
            update self_checks set status = 'REVIEWING', signed_off_by = ?, signed_off_at = ?, last_comment = ?
             where unit_code = ? and check_quarter = ?""")
        .params(by, at, comment, unitCode, quarter.toString()).update();
  }

  void reviewed(String unitCode, Quarter quarter, SelfCheckStatus status, String by, OffsetDateTime at,
      String comment) {
    jdbc.sql("""
            update self_checks set status = ?, reviewed_by = ?, reviewed_at = ?, last_comment = ?
             where unit_code = ? and check_quarter = ?""")
        .params(status.name(), by, at, comment, unitCode, quarter.toString()).update();
  }

  void returned(String unitCode, Quarter quarter, String comment) {
    jdbc.sql("update self_checks set status = 'ASSESSING', last_comment = ? where unit_code = ? and check_quarter = ?")
        .params(comment, unitCode, quarter.toString()).update();
  }

  void rectified(String unitCode, Quarter quarter, Long rectificationId) {
    jdbc.sql("""
            update self_checks set status = 'RECTIFIED', rectification_id = ?
             where unit_code = ? and check_quarter = ?""")
        .params(rectificationId, unitCode, quarter.toString()).update();
  }

  /** The unit's self-checks, newest quarter first, or only the given quarter's. */
  List<SelfCheck> find(String unitCode, Quarter quarter) {
    List<SelfCheck> checks = quarter == null
        ? jdbc.sql("select * from self_checks where unit_code = ? order by check_quarter desc")
            .param(unitCode).query(SelfCheckRepository::selfCheck).list()
        : jdbc.sql("select * from self_checks where unit_code = ? and check_quarter = ?")
            .params(unitCode, quarter.toString()).query(SelfCheckRepository::selfCheck).list();
    return checks.stream().map(check -> check.withResults(results(check.unitCode(), check.quarter()))).toList();
  }

  Optional<SelfCheck> find(String unitCode, String quarter) {
    return find(unitCode, Quarter.parse(quarter)).stream().findFirst();
  }

  /** The unit's assessed rows of the quarter, each named by its list item (read from the lists feature). */
  private List<SelfCheck.Result> results(String unitCode, String quarter) {
    List<SelfCheck.Result> rows = jdbc.sql("""
            select * from self_check_results
             where unit_code = ? and check_quarter = ?
             order by position""")
        .params(unitCode, quarter)
        .query((rs, row) -> new SelfCheck.Result(rs.getLong("list_item_id"), rs.getInt("position"), null,
            AssessmentStatus.valueOf(rs.getString("status")), rs.getString("note"), words(rs.getString("evidence")),
            words(rs.getString("record_refs")).stream().map(Long::valueOf).toList(), rs.getString("assessed_by"),
            rs.getObject("assessed_at", OffsetDateTime.class)))
        .list();
    if (rows.isEmpty()) {
      return rows;
    }
    Map<Long, ItemOfList> items = lists.items(rows.stream().map(SelfCheck.Result::listItemId).distinct().toList());
    // a result always names an item of a list (a foreign key): lists are never deleted, only superseded
    return rows.stream().map(row -> row.withLabel(items.get(row.listItemId()).label())).toList();
  }

  private static SelfCheck selfCheck(ResultSet rs, int row) throws SQLException {
    return new SelfCheck(rs.getString("unit_code"), rs.getString("check_quarter"),
        SelfCheckStatus.valueOf(rs.getString("status")), rs.getString("process_instance_id"),
        rs.getObject("opened_at", OffsetDateTime.class), rs.getString("submitted_by"),
        rs.getObject("submitted_at", OffsetDateTime.class), rs.getString("inspected_by"),
        rs.getObject("inspected_at", OffsetDateTime.class), rs.getString("signed_off_by"),
        rs.getObject("signed_off_at", OffsetDateTime.class), rs.getString("reviewed_by"),
        rs.getObject("reviewed_at", OffsetDateTime.class), rs.getString("last_comment"),
        rs.getObject("rectification_id", Long.class), List.of());
  }

  private static List<String> words(String text) {
    return text == null || text.isBlank() ? List.of() : Arrays.asList(text.strip().split(" "));
  }
}
