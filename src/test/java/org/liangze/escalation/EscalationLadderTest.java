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
import org.liangze.letter.LetterCampaigns;
import org.liangze.notification.NotificationDeliveryProcess;
import org.liangze.organisation.Groups;
import org.liangze.organisation.IdentitySync;
import org.liangze.organisation.Role;
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

  @Autowired org.liangze.support.ActAs actAs;
  @Autowired DemoDistrict district;
  @Autowired IdentitySync identitySync;
  @Autowired LetterCampaigns campaigns;
  @Autowired Escalations escalations;
  @Autowired IdentityService identity;
  @Autowired TaskService tasks;
  @Autowired RuntimeService runtime;
  @Autowired ManagementService management;
  @Autowired RecordManual manual;
  @Autowired JdbcClient jdbc;

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
    Task d01 = signingTask(campaign, "D01");
    Task t01 = signingTask(campaign, "T01");
    Instant due = d01.getDueDate().toInstant();
    assertThat(due).isEqualTo(T0.plus(Duration.ofDays(14)));

    patrolAt(due.minus(Duration.ofDays(2)).minusSeconds(60));
    assertThat(levels("D01", d01)).isEmpty();

    patrolAt(due.minus(Duration.ofDays(2)));
    assertThat(levels("D01", d01)).containsExactly(EscalationLevel.REMINDED);
    deliverAll();
    // deliverAll also delivers what earlier tests of this class left pending (e.g. their supervision notices), in
    // job id order, which is string order: pick the reminder rather than the first mail
    MimeMessage reminder = mailTo("d01sec@demo.liangze.local").stream()
        .filter(m -> subject(m).startsWith("【提醒】")).findFirst().orElseThrow();
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
    assertThat(count("accountability_requests", "D01")).isEqualTo(1);
    deliverAll();
    assertThat(mailTo("jiwei@demo.liangze.local")).anyMatch(m -> subject(m).startsWith("【问责】"));
    patrolAt(due.plus(Duration.ofDays(16)));
    assertThat(levels("D01", d01)).hasSize(4); // nothing twice

    assertThat(levels("T01", t01)).containsExactly(EscalationLevel.REMINDED);

    // late work is accepted, with a reason, which the record manual keeps
    Task late = signingTask(campaign, "D01");
    assertThatThrownBy(() -> complete("d01sec", late, Map.of("decision", "SIGN", "signature", "张伟")))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("逾期原因");
    complete("d01sec", late, Map.of("decision", "SIGN", "signature", "张伟", "lateReason", "外出学习，返回后签订"));
    RecordEntry recorded = manual.entriesOf("D01").get(manual.entriesOf("D01").size() - 1);
    assertThat(recorded.lateReason()).isEqualTo("外出学习，返回后签订");
    assertThat(recorded.summary()).contains("逾期完成");
  }

  @Test
  void oneAccountabilityCasePerUnitAndCause() throws Exception {
    String first = startLetters(2032);
    String second = startLetters(2033);
    Instant due = signingTask(first, "A01").getDueDate().toInstant();
    patrolAt(due.plus(Duration.ofDays(20)));
    // two overdue tasks of the same kind for A01 (two years' letters), one case
    assertThat(count("accountability_requests", "A01")).isEqualTo(1);
    // the request opened the case by itself (accountability process, business key case-<request id>)
    assertThat(count("accountability_cases", "A01")).isEqualTo(1);
    assertThat(jdbc.sql("select status from accountability_requests where unit_code = 'A01'").query(String.class)
        .single()).isEqualTo("STARTED");
    assertThat(jdbc.sql("""
            select count(*) from escalation_steps
             where unit_code = 'A01' and level = 'ESCALATED' and process_instance_id in (?, ?)""")
        .params(first, second).query(Long.class).single()).isEqualTo(2);
    assertThat(second).isNotEqualTo(first);
  }

  @Test
  void aMailServerThatIsDownFailsOnlyTheDeliveryJobIntoAnIncident() throws Exception {
    String campaign = startLetters(2034);
    Task t02 = signingTask(campaign, "T02");
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
      assertThat(signingTask(campaign, "T02")).as("the human work is untouched").isNotNull();
    } finally {
      smtp.start();
    }
  }

  @Test
  void theHourlyPatrolTimerWalksTheLadderByItselfAndComesBack() throws Exception {
    String campaign = startLetters(2035);
    Task t02 = signingTask(campaign, "T02");
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
    district.publishLists(year);
    identity.setAuthentication("quwei", List.of(Groups.DISTRICT_COMMITTEE));
    String id = campaigns.start(String.valueOf(year)).processInstanceId();
    identity.clearAuthentication();
    management.executeJob(management.createJobQuery().processInstanceId(id).singleResult().getId());
    return id;
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

  private Task signingTask(String processInstanceId, String unit) {
    return tasks.createTaskQuery().processInstanceId(processInstanceId)
        .taskCandidateGroup(Groups.of(Role.SECRETARY, unit)).singleResult();
  }

  private void complete(String userId, Task task, Map<String, Object> variables) {
    actAs.complete(userId, task, variables);
  }
}
