package org.liangze.notification;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

@Repository
class NotificationRepository {

  private static final RowMapper<Notification> NOTIFICATION = (rs, row) -> new Notification(rs.getLong("id"),
      rs.getString("channel"), rs.getString("recipient_user_id"), rs.getString("recipient_address"),
      rs.getString("subject"), rs.getString("body"), NotificationKind.valueOf(rs.getString("kind")),
      rs.getString("unit_code"), rs.getString("task_id"));

  /** One notification with its delivery, as the notification centre lists it. */
  record Sent(long id, String channel, String recipientUserId, String subject, NotificationKind kind,
      DeliveryStatus status, int attempts, Instant createdAt, Instant sentAt, Instant lastAttemptAt,
      String failureReason, Instant deliverAfter) {
  }

  private static final RowMapper<Sent> SENT = (rs, row) -> new Sent(rs.getLong("id"), rs.getString("channel"),
      rs.getString("recipient_user_id"), rs.getString("subject"), NotificationKind.valueOf(rs.getString("kind")),
      DeliveryStatus.valueOf(rs.getString("status")), rs.getInt("attempts"), instant(rs, "created_at"),
      instant(rs, "sent_at"), instant(rs, "last_attempt_at"), rs.getString("failure_reason"),
      instant(rs, "deliver_after"));

  private final JdbcClient jdbc;
  private final TransactionTemplate ownTransaction;

  NotificationRepository(JdbcClient jdbc, PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.ownTransaction = new TransactionTemplate(transactions);
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  long insert(String channel, String userId, String address, String subject, String body, NotificationKind kind,
      String unitCode, String taskId, String status, Instant at, Instant deliverAfter) {
    KeyHolder key = new GeneratedKeyHolder();
    jdbc.sql("""
            insert into notifications (channel, recipient_user_id, recipient_address, subject, body, kind, unit_code,
                                       task_id, status, attempts, created_at, deliver_after)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)""")
        .params(channel, userId, address, subject, body, kind.name(), unitCode, taskId, status, utc(at),
            deliverAfter == null ? null : utc(deliverAfter))
        .update(key, "id");
    return key.getKey().longValue();
  }

  /** The notification unless it was delivered already (or has no address): pending, or failed before. */
  Optional<Notification> findDeliverable(long id) {
    return jdbc.sql("select * from notifications where id = ? and status in ('PENDING', 'FAILED')").param(id)
        .query(NOTIFICATION).optional();
  }

  void markSent(long id, Instant at) {
    jdbc.sql("""
            update notifications set status = 'SENT', sent_at = ?, last_attempt_at = ?, attempts = attempts + 1,
                                     failure_reason = null
            where id = ?""")
        .params(utc(at), utc(at), id).update();
  }

  /**
   * Records a failed try in a transaction of its own: the job's transaction rolls back when the channel throws
   * (so the engine counts the retry), and the failure must stay.
   */
  void markFailed(long id, Instant at, String reason, String error) {
    ownTransaction.executeWithoutResult(status -> jdbc.sql("""
            update notifications set status = 'FAILED', last_attempt_at = ?, attempts = attempts + 1,
                                     failure_reason = ?, last_error = ?
            where id = ? and status <> 'SENT'""")
        .params(utc(at), reason, error, id).update());
  }

  List<Notification> ofUnit(String unitCode) {
    return jdbc.sql("select * from notifications where unit_code = ? order by id").param(unitCode)
        .query(NOTIFICATION).list();
  }

  /** What the centre's filters select, as SQL: only values from the parsed filter go in, all as parameters. */
  private record Where(String sql, List<Object> params) {

    static Where of(NotificationFilter filter, String onlyRecipient) {
      StringBuilder sql = new StringBuilder(" where 1 = 1");
      List<Object> params = new ArrayList<>();
      String recipient = onlyRecipient != null ? onlyRecipient : filter.recipient();
      if (recipient != null) {
        sql.append(" and recipient_user_id = ?");
        params.add(recipient);
      }
      if (filter.kind() != null) {
        sql.append(" and kind = ?");
        params.add(filter.kind().name());
      }
      if (filter.channel() != null) {
        sql.append(" and channel = ?");
        params.add(filter.channel());
      }
      if (filter.status() != null) {
        sql.append(" and status = ?");
        params.add(filter.status().name());
      }
      if (filter.fromInclusive() != null) {
        sql.append(" and created_at >= ?");
        params.add(utc(filter.fromInclusive()));
      }
      if (filter.toExclusive() != null) {
        sql.append(" and created_at < ?");
        params.add(utc(filter.toExclusive()));
      }
      return new Where(sql.toString(), params);
    }
  }

  long count(NotificationFilter filter, String onlyRecipient) {
    Where where = Where.of(filter, onlyRecipient);
    return jdbc.sql("select count(*) from notifications" + where.sql()).params(where.params())
        .query(Long.class).single();
  }

  List<Sent> page(NotificationFilter filter, String onlyRecipient, int offset, int limit) {
    Where where = Where.of(filter, onlyRecipient);
    List<Object> params = new ArrayList<>(where.params());
    params.add(limit);
    params.add(offset);
    return jdbc.sql("""
            select id, channel, recipient_user_id, subject, kind, status, attempts, created_at, sent_at,
                   last_attempt_at, failure_reason, deliver_after
            from notifications""" + where.sql() + " order by created_at desc, id desc limit ? offset ?")
        .params(params).query(SENT).list();
  }

  /** Everyone who was ever sent something: the recipient picker's choices. */
  List<String> recipients() {
    return jdbc.sql("select distinct recipient_user_id from notifications").query(String.class).list();
  }

  boolean wasNotified(String userId) {
    return jdbc.sql("select count(*) from notifications where recipient_user_id = ?").param(userId)
        .query(Long.class).single() > 0;
  }

  private static OffsetDateTime utc(Instant at) {
    return at.atOffset(ZoneOffset.UTC);
  }

  private static Instant instant(java.sql.ResultSet rs, String column) throws java.sql.SQLException {
    OffsetDateTime at = rs.getObject(column, OffsetDateTime.class);
    return at == null ? null : at.toInstant();
  }
}
