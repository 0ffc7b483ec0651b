package org.liangze.tasknotice;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
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
import org.liangze.notification.NotificationDeliveryProcess;
import org.liangze.notification.NotificationKind;
import org.liangze.organisation.Groups;
import org.liangze.organisation.IdentitySync;
import org.liangze.organisation.Role;
import org.liangze.support.EmbeddedPostgresDatabase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * New-task notices on PostgreSQL, jobs run one by one as the job executor would: a letter campaign creates a
 * signing task for every unit's secretaries; the tasks are recorded with their creation and nothing is sent until
 * the task-notices timer runs; then each member of the unit's group gets one notice in Chinese naming the process,
 * the task, the unit, the due date and a link — never a code or an element id — and a second run sends nothing.
 * Two new tasks of one person are one notice, a task done before the timer is not announced, and a district body's
 * task on a unit's matter tells its people "you have a new task", naming the unit.
 *
 * <p>Each test starts letter campaigns of its own years at a moment of its own (Camunda's clock).
 */
@SpringBootTest
@ActiveProfiles("test")
class TaskNoticesPostgresTest {

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    EmbeddedPostgresDatabase.register(registry);
  }

  /** A second secretary of 区教育和体育局 for these tests: a unit group of two members. */
  static final String SECOND_SECRETARY = "d01staff";

  @Autowired org.liangze.support.LetterRun letterRun;
  @Autowired DemoDistrict district;
  @Autowired IdentitySync identitySync;
  @Autowired IdentityService identity;
  @Autowired TaskService tasks;
  @Autowired ManagementService management;
  @Autowired JdbcClient jdbc;
  @Autowired org.liangze.support.ActAs actAs;

  @BeforeEach
  void district() throws IOException {
    if (district.seedIfEmpty(2026)) {
      identitySync.sync();
    }
    if (identity.createUserQuery().userId(SECOND_SECRETARY).memberOfGroup(secretaries("D01")).count() == 0) {
      identity.createMembership(SECOND_SECRETARY, secretaries("D01"));
    }
  }

  @AfterEach
  void reset() {
    ClockUtil.reset();
    identity.clearAuthentication();
  }

  @Test
  void aUnitsNewTaskIsAnnouncedToEachMemberInWordsOnceTheTimerRuns() throws IOException {
    Instant at = Instant.parse("2060-04-01T02:00:00Z");
    String letters = startLetters(2060, at);
    Task d01 = letterRun.signingTask(letters, "D01");
    long units = tasks.createTaskQuery().processInstanceId(letters).count();

    // recorded in the tasks' own transaction, one row per task; nobody told yet
    assertThat(jdbc.sql("select count(*) from task_created_notices where task_id in (select ID_ from ACT_RU_TASK "
        + "where PROC_INST_ID_ = ?)").param(letters).query(Long.class).single()).isEqualTo(units);
    assertThat(noticesOf(d01.getId())).isEmpty();

    sendNotices(at.plus(Duration.ofMinutes(2)));

    String link = "http://localhost:8080/camunda/app/tasklist/default/#/?task=" + d01.getId();
    List<Map<String, Object>> d01Notices = noticesOf(d01.getId());
    assertThat(d01Notices).extracting(n -> n.get("recipient_user_id"))
        .containsExactlyInAnyOrder("d01sec", SECOND_SECRETARY);
    for (Map<String, Object> notice : d01Notices) {
      assertThat(notice.get("kind")).isEqualTo(NotificationKind.TASK_CREATED.name());
      assertThat(notice.get("unit_code")).isEqualTo("D01");
      assertThat(notice.get("subject"))
          .isEqualTo("【新任务】区教育和体育局有新任务：阅读并签订目标责任书（区教育和体育局）（目标责任书签订）");
      assertThat((String) notice.get("body")).isEqualTo("""
          区教育和体育局有一项新任务，请在截止日期前办理。

          流程：目标责任书签订
          任务：阅读并签订目标责任书（区教育和体育局）
          单位：区教育和体育局
          截止日期：2060年4月15日
          办理：""" + link)
          .doesNotContain("D01", "SignLetter", "letterSigning", "unitD01", "secretary");
    }
    // every unit's secretaries told of their own unit's task, one notice per person and task
    assertThat(jdbc.sql("""
            select count(*) from notifications n join ACT_RU_TASK t on t.ID_ = n.task_id
             where n.kind = 'TASK_CREATED' and t.PROC_INST_ID_ = ?""").param(letters).query(Long.class).single())
        .isEqualTo(jdbc.sql("""
            select count(*) from ACT_RU_IDENTITYLINK l join ACT_ID_MEMBERSHIP m on m.GROUP_ID_ = l.GROUP_ID_
              join ACT_RU_TASK t on t.ID_ = l.TASK_ID_
             where l.TYPE_ = 'candidate' and t.PROC_INST_ID_ = ?""").param(letters).query(Long.class).single());
    assertThat(noticesOf(letterRun.signingTask(letters, "T01").getId())).extracting(n -> n.get("recipient_user_id"))
        .containsExactly("t01sec");
    // delivered by the existing delivery job, as every notification
    assertThat(management.createJobQuery().processDefinitionKey(NotificationDeliveryProcess.KEY).count())
        .isPositive();

    // nothing left to announce: a second run tells nobody again
    assertThat(jdbc.sql("select count(*) from task_created_notices").query(Long.class).single()).isZero();
    long sent = jdbc.sql("select count(*) from notifications where kind = 'TASK_CREATED'").query(Long.class)
        .single();
    sendNotices(at.plus(Duration.ofMinutes(4)));
    assertThat(jdbc.sql("select count(*) from notifications where kind = 'TASK_CREATED'").query(Long.class)
        .single()).isEqualTo(sent);
  }

  @Test
  void twoNewTasksOfOnePersonAreOneNoticeAndATaskDoneBeforeTheTimerIsNotAnnounced() throws IOException {
    Instant at = Instant.parse("2062-05-04T02:00:00Z");
    String first = startLetters(2062, at);
    String second = startLetters(2063, at.plusSeconds(60));
    // 洪家楼街道 signs its second letter before the notices go out
    actAs.complete("t01sec", letterRun.signingTask(second, "T01"), Map.of("decision", "SIGN", "signature", "王强"));

    Instant sendAt = at.plus(Duration.ofMinutes(2));
    sendNotices(sendAt);

    List<Map<String, Object>> d01sec = noticesSince("d01sec", sendAt);
    assertThat(d01sec).singleElement().satisfies(notice -> {
      assertThat(notice.get("subject"))
          .isEqualTo("【新任务】您有2项新任务：阅读并签订目标责任书（区教育和体育局）（目标责任书签订）等");
      assertThat((String) notice.get("body")).startsWith("您（或您所在单位）有2项新任务，请在截止日期前办理。")
          .contains("1. 流程：目标责任书签订\n   任务：阅读并签订目标责任书（区教育和体育局）\n   单位：区教育和体育局\n"
              + "   截止日期：2062年5月18日\n   办理：http://localhost:8080/camunda/app/tasklist/default/#/?task="
              + letterRun.signingTask(first, "D01").getId())
          .contains("2. 流程：目标责任书签订", "截止日期：2062年5月18日\n   办理：http://localhost:8080/camunda/app/"
              + "tasklist/default/#/?task=" + letterRun.signingTask(second, "D01").getId());
      assertThat(notice.get("unit_code")).isEqualTo("D01");
    });
    assertThat(noticesSince(SECOND_SECRETARY, sendAt)).hasSize(1);
    // the signed letter is not announced: t01sec hears of the first one only
    assertThat(noticesSince("t01sec", sendAt)).singleElement().satisfies(notice ->
        assertThat(notice.get("task_id")).isEqualTo(letterRun.signingTask(first, "T01").getId()));
    // its countersigning is the district committee's task on the town's matter: "you have a new task", the town named
    assertThat(noticesSince("quwei", sendAt)).singleElement().satisfies(notice -> {
      assertThat(notice.get("subject")).isEqualTo("【新任务】您有新任务：会签目标责任书（洪家楼街道）（目标责任书签订）");
      assertThat((String) notice.get("body")).startsWith("您有一项新任务，请在截止日期前办理。\n\n流程：目标责任书签订\n"
          + "任务：会签目标责任书（洪家楼街道）\n单位：洪家楼街道\n截止日期：");
    });
  }

  /** Fires the task-notices timer at that moment and runs its pages until none is left. */
  private void sendNotices(Instant at) {
    ClockUtil.setCurrentTime(Date.from(at));
    Job timer = management.createJobQuery().processDefinitionKey(TaskNoticesProcess.KEY).timers().singleResult();
    management.executeJob(timer.getId());
    for (List<Job> due; !(due = management.createJobQuery().processDefinitionKey(TaskNoticesProcess.KEY).messages()
        .list()).isEmpty(); ) {
      due.forEach(job -> management.executeJob(job.getId()));
    }
  }

  private String startLetters(int year, Instant at) throws IOException {
    ClockUtil.setCurrentTime(Date.from(at));
    return letterRun.start(year);
  }

  private static String secretaries(String unit) {
    return Groups.of(Role.SECRETARY, unit);
  }

  private List<Map<String, Object>> noticesOf(String taskId) {
    return jdbc.sql("select * from notifications where kind = 'TASK_CREATED' and task_id = ? order by id")
        .param(taskId).query().listOfRows();
  }

  private List<Map<String, Object>> noticesSince(String userId, Instant since) {
    return jdbc.sql("""
            select * from notifications where kind = 'TASK_CREATED' and recipient_user_id = ? and created_at >= ?
             order by id""")
        .params(userId, Timestamp.from(since)).query().listOfRows();
  }
}
