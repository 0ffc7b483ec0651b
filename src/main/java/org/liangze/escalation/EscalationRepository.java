package org.liangze.escalation;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class EscalationRepository {

  private final JdbcClient jdbc;

  EscalationRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  EscalationLevel levelOf(String taskId) {
    return jdbc.sql("select level from task_escalations where task_id = ?").param(taskId).query(String.class)
        .optional().map(EscalationLevel::valueOf).orElse(EscalationLevel.NONE);
  }

  void moveTo(String taskId, String unitCode, String processInstanceId, EscalationLevel level, boolean exists,
      Instant at) {
    if (exists) {
      jdbc.sql("update task_escalations set level = ?, updated_at = ? where task_id = ?")
          .params(level.name(), at.atOffset(ZoneOffset.UTC), taskId).update();
    } else {
      jdbc.sql("""
              insert into task_escalations (task_id, unit_code, process_instance_id, level, updated_at)
              values (?, ?, ?, ?, ?)""")
          .params(taskId, unitCode, processInstanceId, level.name(), at.atOffset(ZoneOffset.UTC)).update();
    }
  }

  void recordStep(EscalationStep step, String processInstanceId) {
    jdbc.sql("""
            insert into escalation_steps (task_id, task_name, unit_code, process_instance_id, level, due_at, taken_at)
            values (?, ?, ?, ?, ?, ?, ?)""")
        .params(step.taskId(), step.taskName(), step.unitCode(), processInstanceId, step.level().name(),
            step.dueAt().atOffset(ZoneOffset.UTC), step.takenAt().atOffset(ZoneOffset.UTC))
        .update();
  }

  List<EscalationStep> stepsOf(String unitCode) {
    return jdbc.sql("select * from escalation_steps where unit_code = ? order by taken_at, id").param(unitCode)
        .query((rs, row) -> new EscalationStep(rs.getString("task_id"), rs.getString("task_name"), rs.getString("unit_code"),
            EscalationLevel.valueOf(rs.getString("level")),
            rs.getObject("due_at", java.time.OffsetDateTime.class).toInstant(),
            rs.getObject("taken_at", java.time.OffsetDateTime.class).toInstant()))
        .list();
  }

  void requestSummons(String unitCode, String taskId, String cause, Instant at) {
    jdbc.sql("""
            insert into summons_requests (unit_code, task_id, cause, requested_at, status)
            values (?, ?, ?, ?, 'OPEN')""")
        .params(unitCode, taskId, cause, at.atOffset(ZoneOffset.UTC)).update();
  }

  /** Returns false if the unit already has an accountability request for this cause. */
  boolean requestAccountability(String unitCode, String cause, String taskId, Instant at) {
    if (jdbc.sql("select count(*) from accountability_requests where unit_code = ? and cause = ?")
        .params(unitCode, cause).query(Long.class).single() > 0) {
      return false;
    }
    try {
      jdbc.sql("""
              insert into accountability_requests (unit_code, cause, first_task_id, requested_at, status)
              values (?, ?, ?, ?, 'OPEN')""")
          .params(unitCode, cause, taskId, at.atOffset(ZoneOffset.UTC)).update();
      return true;
    } catch (DuplicateKeyException raced) {
      return false;
    }
  }

  long countAccountabilityRequests(String unitCode) {
    return jdbc.sql("select count(*) from accountability_requests where unit_code = ?").param(unitCode)
        .query(Long.class).single();
  }

  long countSummonsRequests(String unitCode) {
    return jdbc.sql("select count(*) from summons_requests where unit_code = ?").param(unitCode)
        .query(Long.class).single();
  }
}
