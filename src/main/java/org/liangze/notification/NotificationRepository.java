package org.liangze.notification;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

@Repository
class NotificationRepository {

  private static final RowMapper<Notification> NOTIFICATION = (rs, row) -> new Notification(rs.getLong("id"),
      rs.getString("channel"), rs.getString("recipient_user_id"), rs.getString("recipient_address"),
      rs.getString("subject"), rs.getString("body"), NotificationKind.valueOf(rs.getString("kind")),
      rs.getString("unit_code"), rs.getString("task_id"));

  private final JdbcClient jdbc;

  NotificationRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  long insert(String channel, String userId, String address, String subject, String body, NotificationKind kind,
      String unitCode, String taskId, String status, Instant at) {
    KeyHolder key = new GeneratedKeyHolder();
    jdbc.sql("""
            insert into notifications (channel, recipient_user_id, recipient_address, subject, body, kind, unit_code,
                                       task_id, status, attempts, created_at)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?)""")
        .params(channel, userId, address, subject, body, kind.name(), unitCode, taskId, status,
            at.atOffset(java.time.ZoneOffset.UTC))
        .update(key, "id");
    return key.getKey().longValue();
  }

  Optional<Notification> findPending(long id) {
    return jdbc.sql("select * from notifications where id = ? and status = 'PENDING'").param(id)
        .query(NOTIFICATION).optional();
  }

  void markSent(long id, Instant at) {
    jdbc.sql("update notifications set status = 'SENT', sent_at = ?, attempts = attempts + 1 where id = ?")
        .params(at.atOffset(java.time.ZoneOffset.UTC), id).update();
  }

  List<Notification> ofUnit(String unitCode) {
    return jdbc.sql("select * from notifications where unit_code = ? order by id").param(unitCode)
        .query(NOTIFICATION).list();
  }
}
