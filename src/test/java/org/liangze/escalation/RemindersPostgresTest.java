package org.liangze.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.liangze.demo.DemoDistrict;
import org.liangze.organisation.IdentitySync;
import org.liangze.support.EmbeddedPostgresDatabase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The ladder's reminders on PostgreSQL, driven by Camunda's clock: a task is reminded exactly 5 and 1 days before
 * its due date (the reminder table of {@code escalation-policy.dmn}), once each however often the patrol runs, and
 * the reminders reach people not per task and patrol but as one daily digest at the digest hour (08:00 in the
 * district), listing every task — process, task, unit, due date — and none before that hour.
 *
 * <p>Each test starts letter campaigns of its own years at a moment of its own.
 */
@SpringBootTest
@ActiveProfiles("test")
class RemindersPostgresTest {

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    EmbeddedPostgresDatabase.register(registry);
  }

  static final ZoneId DISTRICT = ZoneId.of("Asia/Shanghai");

  @Autowired org.liangze.support.LetterRun letterRun;
  @Autowired DemoDistrict district;
  @Autowired IdentitySync identitySync;
  @Autowired Escalations escalations;
  @Autowired IdentityService identity;
  @Autowired TaskService tasks;
  @Autowired ManagementService management;
  @Autowired JdbcClient jdbc;

  @BeforeEach
  void district() throws IOException {
    if (district.seedIfEmpty(2026)) {
      identitySync.sync();
    }
  }

  @AfterEach
  void reset() {
    ClockUtil.reset();
    identity.clearAuthentication();
  }

  @Test
  void aTaskIsRemindedExactlyFiveAndOneDaysBeforeItsDueDateOnceEach() throws IOException {
    String letters = startLetters(2070, Instant.parse("2070-03-02T02:00:00Z")); // due 14 days later
    Task d01 = letterRun.signingTask(letters, "D01");
    Instant due = d01.getDueDate().toInstant();

    patrolAt(due.minus(Duration.ofDays(5)).minusSeconds(60));
    assertThat(reminders(d01)).isEmpty();
    patrolAt(due.minus(Duration.ofDays(5)));
    assertThat(reminders(d01)).containsExactly(Map.of("recipient_group", "unitD01secretary",
        "line", "区教育和体育局“阅读并签订目标责任书（区教育和体育局）”（目标责任书签订）将于2070年3月16日 10:00到期"));
    // the hourly patrols of the days between remind nobody again
    for (int hours = 1; hours < 4 * 24; hours += 7) {
      patrolAt(due.minus(Duration.ofDays(5)).plus(Duration.ofHours(hours)));
    }
    patrolAt(due.minus(Duration.ofDays(1)).minusSeconds(60));
    assertThat(reminders(d01)).hasSize(1);
    patrolAt(due.minus(Duration.ofDays(1)));
    assertThat(reminders(d01)).hasSize(2);
    patrolAt(due.minus(Duration.ofDays(1)).plus(Duration.ofHours(1)));
    patrolAt(due.minusSeconds(60));
    assertThat(reminders(d01)).hasSize(2);
    // blue at 2 days before, as the ladder's first table says; the reminders are no rung of their own
    assertThat(jdbc.sql("select level from escalation_steps where task_id = ?").param(d01.getId())
        .query(String.class).list()).containsExactly("REMINDED");
    // due: supervised, not reminded
    patrolAt(due);
    assertThat(reminders(d01)).hasSize(2);
    // the patrols' own digests carry no reminder: those wait for the daily digest
    assertThat(jdbc.sql("""
            select count(*) from notifications where recipient_user_id = 'd01sec' and kind = 'REMINDER'
               and created_at between ? and ?""")
        .params(Timestamp.from(due.minus(Duration.ofDays(6))), Timestamp.from(due)).query(Long.class)
        .single()).isZero();
  }

  @Test
  void aTaskCreatedWithinFiveDaysOfItsDueDateIsRemindedOnlyTheDayBefore() throws IOException {
    String letters = startLetters(2071, Instant.parse("2071-06-01T02:00:00Z"));
    Task d01 = letterRun.signingTask(letters, "D01");
    // moved to three days ahead, as if it had been created so: the 5-day reminder passed before it existed
    Instant due = d01.getCreateTime().toInstant().plus(Duration.ofDays(3));
    tasks.setDueDate(d01.getId(), Date.from(due));

    patrolAt(d01.getCreateTime().toInstant().plus(Duration.ofHours(1)));
    assertThat(reminders(d01)).isEmpty();
    patrolAt(due.minus(Duration.ofDays(1)));
    assertThat(reminders(d01)).singleElement().satisfies(line ->
        assertThat(line.get("line").toString()).endsWith("将于2071年6月4日 10:00到期"));
  }

  @Test
  void twoTasksDueAreOneDigestAtTheDigestHourAndNoneBefore() throws IOException {
    String first = startLetters(2072, Instant.parse("2072-09-01T02:00:00Z"));
    String second = startLetters(2073, Instant.parse("2072-09-02T02:00:00Z"));
    Task firstTask = letterRun.signingTask(first, "D01");
    Task secondTask = letterRun.signingTask(second, "D01");
    // both reach their 5-day reminder by 2072-09-11 03:00 (due 09-15 10:00 and 09-16 10:00 in the district)
    Instant patrol = Instant.parse("2072-09-11T03:00:00Z");
    patrolAt(patrol);
    assertThat(reminders(firstTask)).hasSize(1);
    assertThat(reminders(secondTask)).hasSize(1);

    // the digest hour of that day: 08:00 in the district is 00:00 UTC the next day
    Instant digestHour = ZonedDateTime.of(2072, 9, 12, 8, 0, 0, 0, DISTRICT).toInstant();
    patrolAt(digestHour.minusSeconds(60));
    assertThat(reminderDigests("d01sec", patrol)).as("nothing before the digest hour").isEmpty();

    runDigest(digestHour);
    assertThat(reminderDigests("d01sec", patrol)).singleElement().satisfies(digest -> {
      assertThat(digest.get("subject").toString()).startsWith("【提醒】区教育和体育局“阅读并签订目标责任书（区教育和体育局）”")
          .endsWith("等2项");
      assertThat(digest.get("body").toString()).startsWith("以下任务即将到期")
          .contains("【提醒】2项任务即将到期：")
          .contains("· 区教育和体育局“阅读并签订目标责任书（区教育和体育局）”（目标责任书签订）将于2072年9月15日 10:00到期")
          .contains("· 区教育和体育局“阅读并签订目标责任书（区教育和体育局）”（目标责任书签订）将于2072年9月16日 10:00到期")
          .doesNotContain("D01", "SignLetter", "unitD01");
    });
    // every secretary of a unit with the two letters: one digest each
    assertThat(jdbc.sql("""
            select recipient_user_id, count(*) from notifications where kind = 'REMINDER' and created_at >= ?
             group by recipient_user_id having count(*) > 1""").param(Timestamp.from(digestHour))
        .query().listOfRows()).isEmpty();

    // the next digest is due at the next day's digest hour, not before; it has nothing new to send
    assertThat(digestJobDueAt(digestHour.plus(Duration.ofDays(1)).minusSeconds(60))).isZero();
    assertThat(digestJobDueAt(digestHour.plus(Duration.ofDays(1)))).isEqualTo(1);
    runDigest(digestHour.plus(Duration.ofDays(1)));
    assertThat(reminderDigests("d01sec", patrol)).hasSize(1);
  }

  /** This task's reminder lines (recipient group and text), as the patrols wrote them for the digests. */
  private List<Map<String, Object>> reminders(Task task) {
    return jdbc.sql("""
            select recipient_group, line from escalation_digest_items where kind = 'REMINDER' and task_id = ?
             order by id""").param(task.getId()).query().listOfRows();
  }

  private List<Map<String, Object>> reminderDigests(String userId, Instant since) {
    return jdbc.sql("""
            select subject, body from notifications where kind = 'REMINDER' and recipient_user_id = ?
               and created_at >= ? order by id""")
        .params(userId, Timestamp.from(since)).query().listOfRows();
  }

  /** Fires the reminder digest's timer at that moment and runs its pages until none is left. */
  private void runDigest(Instant at) {
    ClockUtil.setCurrentTime(Date.from(at));
    Job timer = management.createJobQuery().processDefinitionKey(ReminderDigestProcess.KEY).timers()
        .singleResult();
    management.executeJob(timer.getId());
    for (List<Job> due; !(due = management.createJobQuery().processDefinitionKey(ReminderDigestProcess.KEY)
        .messages().list()).isEmpty(); ) {
      due.forEach(job -> management.executeJob(job.getId()));
    }
  }

  private long digestJobDueAt(Instant at) {
    ClockUtil.setCurrentTime(Date.from(at));
    return management.createJobQuery().processDefinitionKey(ReminderDigestProcess.KEY).executable().count();
  }

  private void patrolAt(Instant when) {
    ClockUtil.setCurrentTime(Date.from(when));
    escalations.patrol();
  }

  private String startLetters(int year, Instant at) throws IOException {
    ClockUtil.setCurrentTime(Date.from(at));
    return letterRun.start(year);
  }
}
