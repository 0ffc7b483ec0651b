package org.liangze.escalation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.liangze.demo.DemoDistrict;
import org.liangze.notification.NotificationDeliveryProcess;
import org.liangze.organisation.IdentitySync;
import org.liangze.platform.InvalidInputException;
import org.liangze.record.RecordEntry;
import org.liangze.record.RecordManual;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The escalation ladder, driven by moving Camunda's clock: each step happens on its configured day and not before,
 * notifications reach a real SMTP server (GreenMail) in Chinese, completing a task stops its ladder, late work is
 * accepted with a reason, and a mail server that is down fails only the delivery job, into an incident.
 */
@SpringBootTest(properties = {"liangze.notifications.channel=mail", "spring.mail.host=127.0.0.1"})
@ActiveProfiles("test")
class EscalationLadderTest {

  /** A free port of its own, so parallel builds on one machine do not collide; kept across the stop/start below. */
  static final int SMTP_PORT = freePort();

  @RegisterExtension
  static GreenMailExtension smtp = new GreenMailExtension(
      new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP)).withPerMethodLifecycle(false);

  @DynamicPropertySource
  static void mailServer(DynamicPropertyRegistry registry) {
    registry.add("spring.mail.port", () -> SMTP_PORT);
  }

  private static int freePort() {
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static final Instant T0 = Instant.parse("2031-03-01T02:00:00Z");

  @Autowired org.liangze.support.LetterRun letterRun;
  @Autowired org.liangze.support.ActAs actAs;
  @Autowired DemoDistrict district;
  @Autowired IdentitySync identitySync;
  @Autowired Escalations escalations;
  @Autowired IdentityService identity;
  @Autowired TaskService tasks;
  @Autowired RuntimeService runtime;
  @Autowired ManagementService management;
  @Autowired RecordManual manual;
  @Autowired JdbcClient jdbc;
  @Autowired org.camunda.bpm.engine.RepositoryService repository;
  @Autowired EscalationPolicy policy;

  @BeforeEach
  void district() throws IOException {
    if (district.seedIfEmpty(2026)) {
      identitySync.sync();
    }
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
    identity.clearAuthentication();
  }

  @Test
  void eachStepOnItsDayAndNotBeforeAndCompletionStopsTheLadder() throws Exception {
    String campaign = startLetters(2031); // due dates: T0 + 14 days
    Task d01 = letterRun.signingTask(campaign, "D01");
    Task t01 = letterRun.signingTask(campaign, "T01");
    Instant due = d01.getDueDate().toInstant();
    assertThat(due).isEqualTo(T0.plus(Duration.ofDays(14)));

    // the first reminder (5 days before, the reminder table of escalation-policy.dmn) goes out with the day's
    // reminder digest (RemindersPostgresTest has the reminders and the digest hour in detail)
    patrolAt(due.minus(Duration.ofDays(5)));
    assertThat(levels("D01", d01)).isEmpty();
    while (escalations.sendReminderDigests("reminders-2031")) {
      // page after page of recipients
    }
    deliverAll();
    // deliverAll also delivers what earlier tests of this class left pending (e.g. their supervision notices), in
    // job id order, which is string order: pick the reminder rather than the first mail
    MimeMessage reminder = mailTo("d01sec@demo.liangze.local").stream()
        .filter(m -> subject(m).startsWith("【提醒】")).findFirst().orElseThrow();

    patrolAt(due.minus(Duration.ofDays(2)).minusSeconds(60));
    assertThat(levels("D01", d01)).isEmpty();
    patrolAt(due.minus(Duration.ofDays(2)));
    assertThat(levels("D01", d01)).as("blue").containsExactly(EscalationLevel.REMINDED);
    assertThat(reminder.getSubject()).startsWith("【提醒】").contains("阅读并签订目标责任书");
    assertThat(GreenMailUtil.getBody(reminder)).isNotBlank();

    // T01 signs in time: its ladder stops at the reminder
    complete("t01sec", t01, Map.of("decision", "SIGN", "signature", "王强"));

    patrolAt(due.minusSeconds(60));
    assertThat(levels("D01", d01)).containsExactly(EscalationLevel.REMINDED);
    patrolAt(due);
    assertThat(levels("D01", d01)).containsExactly(EscalationLevel.REMINDED, EscalationLevel.OVERDUE);
    assertThat(runtime.getVariable(campaign, EscalationVariables.OVERDUE)).isEqualTo(true);
    assertThat(runtime.createProcessInstanceQuery().variableValueEquals(EscalationVariables.OVERDUE, true)
        .processInstanceId(campaign).count()).as("findable in Cockpit by variable").isEqualTo(1);
    deliverAll();
    assertThat(mailTo("d01sec@demo.liangze.local")).anyMatch(m -> subject(m).startsWith("【督办】"));

    patrolAt(due.plus(Duration.ofDays(5)).minusSeconds(60));
    assertThat(levels("D01", d01)).hasSize(2);
    patrolAt(due.plus(Duration.ofDays(5)));
    assertThat(levels("D01", d01)).endsWith(EscalationLevel.SUMMONED);
    assertThat(runtime.getVariable(campaign, EscalationVariables.WARNING_LEVEL)).isEqualTo("RED");
    assertThat(jdbc.sql("select count(*) from summons_request_tasks where task_id = ?").param(d01.getId())
        .query(Long.class).single()).isEqualTo(1);

    patrolAt(due.plus(Duration.ofDays(15)));
    assertThat(levels("D01", d01)).endsWith(EscalationLevel.ESCALATED);
    assertThat(jdbc.sql("select count(*) from accountability_requests where unit_code = 'D01' and period = '2031'")
        .query(Long.class).single()).isEqualTo(1);
    deliverAll();
    assertThat(mailTo("jiwei@demo.liangze.local")).anyMatch(m -> subject(m).startsWith("【问责】"));
    patrolAt(due.plus(Duration.ofDays(16)));
    assertThat(levels("D01", d01)).hasSize(4); // nothing twice

    assertThat(levels("T01", t01)).containsExactly(EscalationLevel.REMINDED);

    // late work is accepted, with a reason, which the record manual keeps
    Task late = letterRun.signingTask(campaign, "D01");
    assertThatThrownBy(() -> complete("d01sec", late, Map.of("decision", "SIGN", "signature", "张伟")))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("逾期原因");
    complete("d01sec", late, Map.of("decision", "SIGN", "signature", "张伟", "lateReason", "外出学习，返回后签订"));
    RecordEntry recorded = manual.entriesOf("D01").get(manual.entriesOf("D01").size() - 1);
    assertThat(recorded.lateReason()).isEqualTo("外出学习，返回后签订");
    assertThat(recorded.summary()).contains("逾期完成");
  }

  @Test
  void oneAccountabilityRequestPerUnitCauseAndPeriodNamedInWords() throws Exception {
    String first = startLetters(2032);
    String second = startLetters(2033);
    Instant due = letterRun.signingTask(first, "A01").getDueDate().toInstant();
    patrolAt(due.plus(Duration.ofDays(20)));
    // A01 is late with two years' letters: the same kind of work, two periods, so two requests and two cases
    // (other tests' letters of other years may have reached A01 too: this test's years only)
    List<String> causes = jdbc.sql("""
            select cause from accountability_requests where unit_code = 'A01' and period in ('2032', '2033')
             order by cause""").query(String.class).list();
    assertThat(causes).containsExactly("逾期未办：2032年度 目标责任书签订 / 阅读并签订目标责任书",
        "逾期未办：2033年度 目标责任书签订 / 阅读并签订目标责任书");
    assertThat(jdbc.sql("select count(*) from accountability_requests where cause like '%单位季度自查 / AssessItems%'")
        .query(Long.class).single()).as("never an element id").isZero();
    // each request opened its case by itself (accountability process, business key case-<request id>), whose
    // cause is the request's, in words
    assertThat(jdbc.sql("""
            select c.cause from accountability_cases c join accountability_requests r on r.id = c.request_id
             where r.unit_code = 'A01' and r.period in ('2032', '2033') and r.status = 'STARTED' order by c.cause""")
        .query(String.class).list()).isEqualTo(causes);
    assertThat(jdbc.sql("""
            select count(*) from escalation_steps
             where unit_code = 'A01' and level = 'ESCALATED' and process_instance_id in (?, ?)""")
        .params(first, second).query(Long.class).single()).isEqualTo(2);
    // a later patrol asks nothing twice
    long requests = count("accountability_requests", "A01");
    long cases = count("accountability_cases", "A01");
    patrolAt(due.plus(Duration.ofDays(21)));
    assertThat(count("accountability_requests", "A01")).isEqualTo(requests);
    assertThat(count("accountability_cases", "A01")).isEqualTo(cases);
  }

  @Test
  void aVillagesOverdueWorkGoesFirstToItsTownThenTheDistrict() throws Exception {
    String campaign = startLetters(2036);
    Task village = letterRun.signingTask(campaign, "T01V01");
    Instant due = village.getDueDate().toInstant();
    // other tests' letters share the due date (and may have patrolled later): read this patrol's digests by id
    long patrolAt = lastNotification();
    patrolAt(due.plusSeconds(60));

    // 督办: the village's overdue letter goes to its town's secretary and discipline inspector, not the district
    assertThat(digests("t01sec", patrolAt)).anySatisfy(body -> assertThat(body).contains("【督办】")
        .contains("下级单位洪家楼街道花园社区“阅读并签订目标责任书"));
    assertThat(digests("t01insp", patrolAt)).singleElement().satisfies(body -> assertThat(body)
        .contains("下级单位洪家楼街道花园社区").contains("下级单位洪家楼街道财政所").doesNotContain("区教育和体育局"));
    assertThat(digests("t01v01sec", patrolAt)).singleElement().satisfies(body -> assertThat(body)
        .contains("洪家楼街道花园社区“阅读并签订目标责任书"));
    // a unit directly under the district: its own secretary, as before; the commission hears of no 督办
    assertThat(digests("d01sec", patrolAt)).singleElement().satisfies(body -> assertThat(body)
        .contains("区教育和体育局“阅读并签订目标责任书").contains("下级单位区教育和体育局基础教育科"));
    assertThat(digests("jiwei", patrolAt)).isEmpty();

    // 约谈, then 问责: the district commission
    long summonsAt = lastNotification();
    patrolAt(due.plus(Duration.ofDays(5)));
    assertThat(digests("jiwei", summonsAt)).singleElement().satisfies(body -> assertThat(body)
        .contains("【约谈】").contains("洪家楼街道花园社区"));
    assertThat(digests("t01insp", summonsAt)).isEmpty();
    long accountabilityAt = lastNotification();
    patrolAt(due.plus(Duration.ofDays(15)));
    assertThat(digests("jiwei", accountabilityAt)).singleElement().satisfies(body -> assertThat(body)
        .contains("【问责】").contains("建议对洪家楼街道花园社区启动问责"));
    assertThat(jdbc.sql("select cause from accountability_requests where unit_code = 'T01V01' and period = '2036'")
        .query(String.class).single()).isEqualTo("逾期未办：2036年度 目标责任书签订 / 阅读并签订目标责任书");
  }

  @Test
  void aDesignerGivesVillagesALadderOfTheirOwnByDeployingTheDecisionTable() throws Exception {
    // the table as a designer deploys it from Modeler: villages are summoned after 3 days instead of 5
    String table = java.nio.file.Files.readString(java.nio.file.Path.of("processes/escalation-policy.dmn"));
    String villagesFaster = table.replace(
        "<outputEntry id=\"Rule_01_Out3\"><text>5</text></outputEntry>",
        "<outputEntry id=\"Rule_01_Out3\"><text>3</text></outputEntry>");
    assertThat(villagesFaster).isNotEqualTo(table);
    String deployment = repository.createDeployment().name("villages-faster")
        .addString("escalation-policy.dmn", villagesFaster).deploy().getId();
    try {
      assertThat(policy.ladders().of(org.liangze.organisation.UnitType.VILLAGE_OR_COMMUNITY).summonsAfter())
          .isEqualTo(Duration.ofDays(3));
      assertThat(policy.standard().summonsAfter()).isEqualTo(Duration.ofDays(5));

      String campaign = startLetters(2037);
      Task village = letterRun.signingTask(campaign, "T01V01");
      Task town = letterRun.signingTask(campaign, "T01");
      patrolAt(village.getDueDate().toInstant().plus(Duration.ofDays(3)));
      assertThat(levels("T01V01", village)).endsWith(EscalationLevel.SUMMONED);
      assertThat(levels("T01", town)).as("a town keeps the standard ladder").endsWith(EscalationLevel.OVERDUE);
    } finally {
      repository.deleteDeployment(deployment, true);
    }
    assertThat(policy.ladders().of(org.liangze.organisation.UnitType.VILLAGE_OR_COMMUNITY).summonsAfter())
        .as("the previous version is the latest again").isEqualTo(Duration.ofDays(5));
  }

  /** The bodies of the digests the person got after the notification with this id. */
  private List<String> digests(String userId, long after) {
    return jdbc.sql("select body from notifications where recipient_user_id = ? and id > ?")
        .params(userId, after).query(String.class).list();
  }

  private long lastNotification() {
    return jdbc.sql("select coalesce(max(id), 0) from notifications").query(Long.class).single();
  }

  @Test
  void aMailServerThatIsDownFailsOnlyTheDeliveryJobIntoAnIncident() throws Exception {
    String campaign = startLetters(2034);
    Task t02 = letterRun.signingTask(campaign, "T02");
    Instant due = t02.getDueDate().toInstant();
    smtp.stop();
    try {
      patrolAt(due.minus(Duration.ofDays(1)));
      assertThat(levels("T02", t02)).contains(EscalationLevel.REMINDED); // the patrol itself committed
      Job delivery = management.createJobQuery().processDefinitionKey(NotificationDeliveryProcess.KEY)
          .list().get(0);
      for (int attempt = 0; attempt < 3; attempt++) {
        assertThatThrownBy(() -> management.executeJob(delivery.getId())).isInstanceOf(Exception.class);
      }
      assertThat(runtime.createIncidentQuery().processInstanceId(delivery.getProcessInstanceId()).count())
          .isEqualTo(1);
      assertThat(letterRun.signingTask(campaign, "T02")).as("the human work is untouched").isNotNull();
    } finally {
      smtp.start();
    }
  }

  @Test
  void theHourlyPatrolTimerWalksTheLadderByItselfAndComesBack() throws Exception {
    String campaign = startLetters(2035);
    Task t02 = letterRun.signingTask(campaign, "T02");
    ClockUtil.setCurrentTime(Date.from(t02.getDueDate().toInstant().minus(Duration.ofDays(1))));

    // the model's own timer, not Escalations.patrol(): the timer job starts a patrol, whose steps are async jobs
    Job timer = management.createJobQuery().processDefinitionKey(EscalationPatrolProcess.KEY).timers()
        .singleResult();
    management.executeJob(timer.getId());
    List<String> steps = new java.util.ArrayList<>();
    for (List<Job> due; !(due = patrolJobs()).isEmpty(); ) {
      for (Job step : due) {
        steps.add(management.createJobDefinitionQuery().jobDefinitionId(step.getJobDefinitionId()).singleResult()
            .getActivityId());
        management.executeJob(step.getId());
      }
    }
    assertThat(steps).startsWith(EscalationPatrolProcess.Element.PatrolDue.name(),
            EscalationPatrolProcess.Element.PlanPatrol.name())
        .contains(UnitEscalationProcess.Element.EscalateUnitTasks.name(),
            UnitEscalationProcess.Element.StartUnitRequests.name(),
            UnitEscalationProcess.Element.ReportUnitEscalated.name())
        .endsWith(EscalationPatrolProcess.Element.SendDigests.name());

    assertThat(levels("T02", t02)).containsExactly(EscalationLevel.REMINDED);
    assertThat(runtime.createProcessInstanceQuery().processDefinitionKey(EscalationPatrolProcess.KEY).count())
        .as("the patrol ended").isZero();
    // the cycle goes on: the next patrol is due within the hour (the configured R/PT1H), not in the past
    Job next = management.createJobQuery().processDefinitionKey(EscalationPatrolProcess.KEY).timers()
        .singleResult();
    Instant now = ClockUtil.getCurrentTime().toInstant();
    assertThat(next.getDuedate().toInstant()).isAfter(now).isBeforeOrEqualTo(now.plus(Duration.ofHours(1)));
  }

  private String startLetters(int year) throws IOException {
    ClockUtil.setCurrentTime(Date.from(T0));
    return letterRun.start(year);
  }

  private void patrolAt(Instant when) {
    ClockUtil.setCurrentTime(Date.from(when));
    escalations.patrol();
  }

  /** The patrol's and its unit escalations' jobs that are due to run. */
  private List<Job> patrolJobs() {
    List<Job> jobs = new java.util.ArrayList<>(management.createJobQuery()
        .processDefinitionKey(EscalationPatrolProcess.KEY).messages().list());
    jobs.addAll(management.createJobQuery().processDefinitionKey(UnitEscalationProcess.KEY).messages().list());
    return jobs;
  }

  private void deliverAll() {
    for (Job job : management.createJobQuery().processDefinitionKey(NotificationDeliveryProcess.KEY)
        .withRetriesLeft().list()) {
      management.executeJob(job.getId());
    }
  }

  private List<MimeMessage> mailTo(String address) throws Exception {
    return java.util.Arrays.stream(smtp.getReceivedMessages())
        .filter(m -> {
          try {
            return m.getAllRecipients()[0].toString().equals(address);
          } catch (Exception e) {
            return false;
          }
        })
        .toList();
  }

  private static String subject(MimeMessage message) {
    try {
      return message.getSubject();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private List<EscalationLevel> levels(String unitCode, Task task) {
    return escalations.stepsOf(unitCode).stream()
        .filter(step -> step.taskId().equals(task.getId()))
        .map(EscalationStep::level)
        .toList();
  }

  private long count(String table, String unitCode) {
    return jdbc.sql("select count(*) from " + table + " where unit_code = ?").param(unitCode).query(Long.class)
        .single();
  }

  private void complete(String userId, Task task, Map<String, Object> variables) {
    actAs.complete(userId, task, variables);
  }
}
