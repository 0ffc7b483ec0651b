package org.liangze.tasknotice;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * {@code task_created_notices} (Flyway V136): the tasks created and not yet announced. Candidates and memberships
 * are read from the engine's tables in one query per page each, as the escalation patrol does.
 */
@Repository
class TaskNoticeRepository {

  private final JdbcClient jdbc;

  TaskNoticeRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** The next tasks to announce, oldest first. */
  List<String> pending(int limit) {
    return jdbc.sql("""
            select task_id from task_created_notices order by created_at, task_id fetch first :limit rows only""")
        .param("limit", limit).query(String.class).list();
  }

  /** These tasks are announced (or gone): a page that is retried announces nothing twice. */
  void done(Collection<String> taskIds) {
    jdbc.sql("delete from task_created_notices where task_id in (:tasks)").param("tasks", taskIds).update();
  }

  /** A candidate of a task: a group or a user. */
  record Candidate(String groupId, String userId) {
  }

  /** The candidates of each of these tasks, in one query. */
  Map<String, List<Candidate>> candidates(Collection<String> taskIds) {
    Map<String, List<Candidate>> candidates = new LinkedHashMap<>();
    if (taskIds.isEmpty()) {
      return candidates;
    }
    jdbc.sql("""
            select TASK_ID_, GROUP_ID_, USER_ID_ from ACT_RU_IDENTITYLINK
             where TYPE_ = 'candidate' and TASK_ID_ in (:tasks)
             order by GROUP_ID_, USER_ID_""")
        .param("tasks", taskIds)
        .query(rs -> {
          candidates.computeIfAbsent(rs.getString(1), id -> new java.util.ArrayList<>())
              .add(new Candidate(rs.getString(2), rs.getString(3)));
        });
    return candidates;
  }

  /** The members (logins, in order) of each of these groups, in one query. */
  Map<String, TreeSet<String>> members(Collection<String> groupIds) {
    Map<String, TreeSet<String>> members = new LinkedHashMap<>();
    if (groupIds.isEmpty()) {
      return members;
    }
    jdbc.sql("select GROUP_ID_, USER_ID_ from ACT_ID_MEMBERSHIP where GROUP_ID_ in (:groups)")
        .param("groups", groupIds)
        .query(rs -> {
          members.computeIfAbsent(rs.getString(1), id -> new TreeSet<>()).add(rs.getString(2));
        });
    return members;
  }
}
