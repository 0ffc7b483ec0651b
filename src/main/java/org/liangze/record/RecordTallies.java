package org.liangze.record;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.liangze.platform.UnitsFilter;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Read-only: what the record manuals add up to per unit, for the dashboard and the unit scores — each a grouped query
 * over the district (or a page of units), not one per unit. The record feature owns its tables; other features read
 * them through here.
 */
@Component
public class RecordTallies {

  private final JdbcClient jdbc;

  RecordTallies(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** A task the manual records as completed by the unit, and the reason given if it was late (else null). */
  public record Completion(String taskId, String lateReason) {
  }

  /** A unit's entries written by its people (not completed tasks), and how many of them cite evidence. */
  public record EntriesWritten(long entries, long withEvidence) {
  }

  /**
   * What the unit's people spent on the tasks its manual records as completed in the period.
   *
   * @param tasks the tasks
   * @param millis their time from open to done (Camunda's historic task instances)
   * @param fields the fields filled: variables set on completing them (historic variable updates of the task or its
   *     activity instance), without the variables named as not a person's
   */
  public record TaskBurden(long tasks, long millis, long fields) {
  }

  /**
   * Each unit's number of entries (unit code → count), read from the chain heads: entries are append-only (the
   * database refuses deletes) and numbered 1, 2, … under a lock on the unit, so the last sequence number is the
   * count, without counting a million rows per view.
   */
  public Map<String, Integer> entryCounts() {
    Map<String, Integer> counts = new HashMap<>();
    jdbc.sql("select unit_code, last_seq from record_chain_heads")
        .query((rs, n) -> counts.put(rs.getString(1), (int) rs.getLong(2))).list();
    return counts;
  }

  /**
   * Each unit's {@link TaskBurden} of the tasks completed in [from, to) (units without any are absent). Two grouped
   * queries for the district.
   *
   * @param notByPeople variables the platform sets by itself, not counted as fields filled
   */
  public Map<String, TaskBurden> taskBurdens(Instant from, Instant to, Collection<String> notByPeople) {
    String tasksOfUnits = """
        select distinct unit_code, task_id from record_entries
         where kind = 'TASK_COMPLETED' and task_id is not null and occurred_at >= :from and occurred_at < :to""";
    Map<String, TaskBurden> burdens = new HashMap<>();
    jdbc.sql("select r.unit_code, count(*), coalesce(sum(t.DURATION_), 0) from ACT_HI_TASKINST t join ("
            + tasksOfUnits + ") r on r.task_id = t.ID_ group by r.unit_code")
        .param("from", Timestamp.from(from)).param("to", Timestamp.from(to))
        .query((rs, n) -> burdens.put(rs.getString(1), new TaskBurden(rs.getLong(2), rs.getLong(3), 0))).list();
    jdbc.sql("""
            select f.unit_code, count(*) from (
              select distinct r.unit_code, t.ID_, d.NAME_ from ACT_HI_TASKINST t
                join (""" + tasksOfUnits + """
            ) r on r.task_id = t.ID_
                join ACT_HI_DETAIL d on (d.TASK_ID_ = t.ID_ or d.ACT_INST_ID_ = t.ACT_INST_ID_)
               where d.TYPE_ = 'VariableUpdate' and d.NAME_ not in (:notByPeople)) f
             group by f.unit_code""")
        .param("from", Timestamp.from(from)).param("to", Timestamp.from(to)).param("notByPeople", notByPeople)
        .query((rs, n) -> {
          long fields = rs.getLong(2);
          return burdens.compute(rs.getString(1), (unit, time) -> time == null
              ? new TaskBurden(0, 0, fields) : new TaskBurden(time.tasks(), time.millis(), fields));
        }).list();
    return burdens;
  }

  /** Each unit's completed-task entries of [from, to) (units without any are absent). */
  public Map<String, List<Completion>> completions(Instant from, Instant to, UnitsFilter units) {
    Map<String, List<Completion>> completions = new HashMap<>();
    if (units.none()) {
      return completions;
    }
    jdbc.sql("""
            select unit_code, task_id, late_reason from record_entries
             where kind = 'TASK_COMPLETED' and occurred_at >= :from and occurred_at < :to""" + units.and("unit_code"))
        .param("from", Timestamp.from(from)).param("to", Timestamp.from(to)).params(units.params())
        .query((rs, n) -> completions.computeIfAbsent(rs.getString(1), unit -> new ArrayList<>())
            .add(new Completion(rs.getString(2), rs.getString(3)))).list();
    return completions;
  }

  /** Each unit's {@link EntriesWritten} of [from, to) (units without any are absent). */
  public Map<String, EntriesWritten> entriesWritten(Instant from, Instant to, UnitsFilter units) {
    Map<String, EntriesWritten> entries = new HashMap<>();
    if (units.none()) {
      return entries;
    }
    jdbc.sql("""
            select unit_code, count(*),
                   sum(case when evidence is not null and evidence <> '' then 1 else 0 end)
              from record_entries
             where kind <> 'TASK_COMPLETED' and occurred_at >= :from and occurred_at < :to"""
            + units.and("unit_code") + " group by unit_code")
        .param("from", Timestamp.from(from)).param("to", Timestamp.from(to)).params(units.params())
        .query((rs, n) -> entries.put(rs.getString(1), new EntriesWritten(rs.getLong(2), rs.getLong(3)))).list();
    return entries;
  }

  /** The sequence numbers of each unit's talk entries of [from, to) (units without any are absent). */
  public Map<String, List<Long>> talkEntries(Instant from, Instant to, UnitsFilter units) {
    Map<String, List<Long>> talks = new HashMap<>();
    if (units.none()) {
      return talks;
    }
    jdbc.sql("""
            select unit_code, seq from record_entries
             where kind = 'TALK' and occurred_at >= :from and occurred_at < :to""" + units.and("unit_code"))
        .param("from", Timestamp.from(from)).param("to", Timestamp.from(to)).params(units.params())
        .query((rs, n) -> talks.computeIfAbsent(rs.getString(1), unit -> new ArrayList<>()).add(rs.getLong(2)))
        .list();
    return talks;
  }

  /**
   * How many distinct evidence files each unit first cited in [from, to) that another unit cites too (units without
   * any are absent).
   */
  public Map<String, Long> evidenceSharedWithOtherUnits(Instant from, Instant to, UnitsFilter units) {
    Map<String, Long> reused = new HashMap<>();
    if (units.none()) {
      return reused;
    }
    jdbc.sql("""
            select mine.unit_code, count(distinct mine.content_hash) from evidence_uses mine
             where mine.first_used_at >= :from and mine.first_used_at < :to""" + units.and("mine.unit_code") + """

               and exists (select 1 from evidence_uses other
                            where other.content_hash = mine.content_hash and other.unit_code <> mine.unit_code)
             group by mine.unit_code""")
        .param("from", Timestamp.from(from)).param("to", Timestamp.from(to)).params(units.params())
        .query((rs, n) -> reused.put(rs.getString(1), rs.getLong(2))).list();
    return reused;
  }
}
