package org.liangze.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.liangze.accountability.AccountabilityProcess;
import org.liangze.demo.DemoDistrict;
import org.liangze.organisation.Groups;
import org.liangze.organisation.IdentitySync;
import org.liangze.organisation.Role;
import org.liangze.support.EmbeddedPostgresDatabase;
import org.liangze.talk.TalkProcess;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The escalation patrol as its timer runs it, on PostgreSQL, jobs run one by one as the job executor would: a unit
 * with seven red tasks gets one problem summons naming all seven, each person one digest per patrol, and a unit
 * whose escalation fails (a write conflict, as with an official completing a task at that moment) becomes that
 * unit's incident while every other unit's escalation commits — and is retried from Cockpit's incident.
 *
 * <p>The conflict is a trigger the schema's owner installs for the test (the application's own role may not).
 *
 * <p>Each test starts letter campaigns of its own years (a task per unit and year) and moves Camunda's clock past
 * their due date; the summons period is the calendar month, so each test patrols in a month of its own.
 */
@SpringBootTest
@ActiveProfiles("test")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class EscalationPatrolPostgresTest {

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    EmbeddedPostgresDatabase.register(registry);
  }

  @Autowired org.liangze.support.LetterRun letterRun;
  @Autowired DemoDistrict district;
  @Autowired IdentitySync identitySync;
  @Autowired IdentityService identity;
  @Autowired TaskService tasks;
  @Autowired RuntimeService runtime;
  @Autowired org.camunda.bpm.engine.HistoryService history;
  @Autowired ManagementService management;
  @Autowired JdbcClient jdbc;
  @Autowired DataSource dataSource;
  @Autowired OverdueMarks marks;
  @Autowired org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl engine;
  @Autowired Escalations escalations;

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
    asOwner("drop trigger if exists conflict_for_t01 on task_escalations");
  }

  @Test
  void aUnitWithSevenRedTasksGetsOneSummonsNamingThemAllAndEachPersonOneDigest() throws IOException {
    Instant started = Instant.parse("2040-01-05T02:00:00Z");
    List<String> letters = new ArrayList<>();
    for (int year = 2041; year <= 2047; year++) {
      // a day apart, so that the seven tasks have seven due dates
      letters.add(startLetters(year, started.plus(Duration.ofDays(year - 2041))));
    }
    List<Task> d01 = letters.stream().map(letter -> letterRun.signingTask(letter, "D01")).toList();
    Instant lastDue = d01.get(6).getDueDate().toInstant();

    Instant patrolAt = lastDue.plus(Duration.ofDays(5));
    List<String> activities = patrolByTimer(patrolAt);
    assertThat(activities).startsWith(EscalationPatrolProcess.Element.PatrolDue.name(),
            EscalationPatrolProcess.Element.PlanPatrol.name())
        .contains(UnitEscalationProcess.Element.EscalateUnitTasks.name(),
            UnitEscalationProcess.Element.StartUnitRequests.name())
        .endsWith(EscalationPatrolProcess.Element.SendDigests.name());
    // small units are climbed together: fewer unit escalations than units, some of several units
    List<String> escalations = unitEscalationsSince(patrolAt);
    assertThat(escalations).hasSizeLessThan(jdbc.sql("select count(*) from units").query(Long.class).single()
        .intValue()).anyMatch(codes -> codes.contains(","));

    // one summons request for D01 this month, naming all seven tasks
    List<Long> requests = jdbc.sql("select id from summons_requests where unit_code = 'D01' and period = ?")
        .param("2040-01").query(Long.class).list();
    assertThat(requests).hasSize(1);
    assertThat(jdbc.sql("select task_id from summons_request_tasks where request_id = ?").param(requests.get(0))
        .query(String.class).list()).containsExactlyInAnyOrderElementsOf(d01.stream().map(Task::getId).toList());
    // and one talk, started by itself, whose cause names the seven tasks
    List<String> causes = jdbc.sql("select cause from talks where summons_request_id = ?").param(requests.get(0))
        .query(String.class).list();
    assertThat(causes).hasSize(1);
    assertThat(causes.get(0)).startsWith("以下7项任务逾期未办").doesNotContain("null");
    assertThat(causes.get(0).split("阅读并签订目标责任书", -1)).hasSize(8);
    assertThat(runtime.createProcessInstanceQuery().processDefinitionKey(TalkProcess.KEY)
        .variableValueEquals(TalkProcess.Variables.SUMMONS_REQUEST_ID, requests.get(0)).count()).isEqualTo(1);
    // every unit with letters got one summons, not one per task
    assertThat(jdbc.sql("""
            select unit_code, count(*) from summons_requests where period = '2040-01' group by unit_code
            having count(*) > 1""").query().listOfRows()).isEmpty();
    assertThat(jdbc.sql("select count(*) from summons_requests where period = '2040-01'").query(Long.class)
        .single()).isEqualTo(jdbc.sql("select count(*) from units").query(Long.class).single());

    // each person one digest of this patrol: the commission's names the summons of every unit, the secretary's
    // the supervision notices of their unit's seven overdue letters and (level by level) its two sections' seven each
    assertThat(notificationsSince("jiwei", patrolAt)).singleElement().satisfies(subject ->
        assertThat(subject).startsWith("【约谈】"));
    assertThat(notificationsSince("jiwei2", patrolAt)).hasSize(1);
    assertThat(notificationsSince("d01sec", patrolAt)).singleElement().satisfies(subject ->
        assertThat(subject).startsWith("【督办】").contains("阅读并签订目标责任书").endsWith("等21项"));
    String body = jdbc.sql("""
            select body from notifications where recipient_user_id = 'jiwei' and created_at >= ? and created_at < ?""")
        .params(Timestamp.from(patrolAt), Timestamp.from(patrolAt.plus(WINDOW))).query(String.class).single();
    assertThat(body).contains("【约谈】").contains("项任务逾期较久，建议约谈").contains("另有");

    // the patrol's marks are runtime state for Cockpit and the forms, with no history of their own: every newly
    // overdue task's execution is marked, every instance overdue and red, findable by Cockpit's variable search
    Task overdueLetter = d01.get(0);
    for (Task letter : d01) {
      assertThat(runtime.getVariablesLocal(letter.getExecutionId())).as(letter.getName())
          .containsEntry(EscalationVariables.TASK_OVERDUE, true).containsEntry(EscalationVariables.LATE_REASON, "");
      assertThat(runtime.getVariablesLocal(letter.getProcessInstanceId())).as(letter.getName())
          .containsEntry(EscalationVariables.OVERDUE, true).containsEntry(EscalationVariables.WARNING_LEVEL, "RED");
    }
    assertThat(runtime.createProcessInstanceQuery().variableValueEquals(EscalationVariables.OVERDUE, true)
        .variableValueEquals(EscalationVariables.WARNING_LEVEL, "RED").processInstanceIds(new java.util.HashSet<>(
            letters)).count()).isEqualTo(letters.size());
    assertThat(history.createHistoricVariableInstanceQuery().variableNameIn(EscalationVariables.TASK_OVERDUE,
        EscalationVariables.OVERDUE, EscalationVariables.WARNING_LEVEL).count()).isZero();
    assertThat(history.createHistoricDetailQuery().variableUpdates().list())
        .noneMatch(detail -> MarksWithoutHistory.MARKS.contains(
            ((org.camunda.bpm.engine.history.HistoricVariableUpdate) detail).getVariableName()));
    assertThat(history.createHistoricVariableInstanceQuery().executionIdIn(overdueLetter.getExecutionId())
        .variableName(EscalationVariables.LATE_REASON).count()).as("a person's late reason keeps its history")
        .isEqualTo(1);

    // a second patrol at the same moment has nothing to do: no steps, no messages, no new summons
    long steps = jdbc.sql("select count(*) from escalation_steps").query(Long.class).single();
    patrolByTimer(patrolAt.plusSeconds(60));
    assertThat(jdbc.sql("select count(*) from escalation_steps").query(Long.class).single()).isEqualTo(steps);
    assertThat(notificationsSince("jiwei", patrolAt)).hasSize(1);
    assertThat(jdbc.sql("select count(*) from talks where summons_request_id = ?").param(requests.get(0))
        .query(Long.class).single()).isEqualTo(1);
  }

  /**
   * 申诉 is a right, not a duty: the appeal task is due when its boundary timer closes the window (申诉期满). A patrol
   * in the window's last days reminds the secretary to decide, as for any task; one that runs after the moment but
   * before the timer's job has closed the window (a busy job executor, a restart) does not find the task overdue,
   * supervise it or count it against the unit. An ordinary task of the same unit due before it climbs past due.
   */
  @Test
  void anAppealWindowThatItsTimerClosesIsRemindedButNeverOverdue() throws IOException {
    Instant delivered = Instant.parse("2090-03-02T02:00:00Z");
    Task letter = letterRun.signingTask(startLetters(2091, delivered), "D01");
    String appealCase = runtime.createProcessInstanceByKey(AccountabilityProcess.KEY)
        .startBeforeActivity(AccountabilityProcess.Element.LodgeAppeal.name())
        .setVariables(Map.of(AccountabilityProcess.Variables.UNIT_CODE, "D01",
            AccountabilityProcess.Variables.UNIT_NAME, "区教育和体育局"))
        .execute().getId();
    Task appeal = tasks.createTaskQuery().processInstanceId(appealCase).singleResult();
    Job windowCloses = management.createJobQuery().processInstanceId(appealCase).timers().singleResult();
    assertThat(windowCloses.getDuedate()).as("the timer closes the window when the task is due")
        .isEqualTo(appeal.getDueDate());
    assertThat(letter.getDueDate()).isBefore(appeal.getDueDate());

    Instant closes = appeal.getDueDate().toInstant();
    ClockUtil.setCurrentTime(Date.from(closes.minus(Duration.ofDays(1))));
    escalations.patrol();
    ClockUtil.setCurrentTime(Date.from(closes.plusSeconds(60)));
    escalations.patrol();

    assertThat(jdbc.sql("select level from task_escalations where task_id = ?").param(letter.getId())
        .query(String.class).single()).as("the letter, due before the window closed").isNotEqualTo("REMINDED");
    assertThat(jdbc.sql("select level from task_escalations where task_id = ?").param(appeal.getId())
        .query(String.class).single()).isEqualTo("REMINDED");
    assertThat(jdbc.sql("select count(*) from task_reminders where task_id = ?").param(appeal.getId())
        .query(Long.class).single()).as("reminded the day before").isEqualTo(1);
    assertThat(jdbc.sql("select level from escalation_steps where task_id = ?").param(appeal.getId())
        .query(String.class).list()).containsOnly("REMINDED");
    assertThat(runtime.getVariablesLocal(appeal.getExecutionId())).doesNotContainKey(EscalationVariables.TASK_OVERDUE);
    runtime.deleteProcessInstance(appealCase, "test over");
  }

  @Test
  void aPagesMarksAreSetInOneCommandAndALevelIsNeverLowered() throws IOException {
    String letters = startLetters(2061, Instant.parse("2060-06-01T02:00:00Z"));
    Task d01 = letterRun.signingTask(letters, "D01");
    Task d02 = letterRun.signingTask(letters, "D02");
    Task t01 = letterRun.signingTask(letters, "T01");
    Map<String, Object> overdue = Map.of(EscalationVariables.TASK_OVERDUE, true, EscalationVariables.LATE_REASON, "");

    marks.markPage(Map.of(d01.getExecutionId(), overdue, d02.getExecutionId(), overdue),
        Map.of(letters, WarningLevel.YELLOW));
    assertThat(runtime.getVariablesLocal(d01.getExecutionId())).containsAllEntriesOf(overdue);
    assertThat(runtime.getVariablesLocal(d02.getExecutionId())).containsAllEntriesOf(overdue);
    assertThat(runtime.getVariableLocal(t01.getExecutionId(), EscalationVariables.TASK_OVERDUE)).isNull();
    assertThat(runtime.createProcessInstanceQuery().variableValueEquals(EscalationVariables.OVERDUE, true)
        .variableValueEquals(EscalationVariables.WARNING_LEVEL, "YELLOW").processInstanceId(letters).count())
        .as("findable in Cockpit by variable").isEqualTo(1);

    marks.markEach(Map.of(letters, WarningLevel.RED));
    assertThat(runtime.getVariable(letters, EscalationVariables.WARNING_LEVEL)).as("raised").isEqualTo("RED");
    // a later page whose task is only yellow: the task is marked, its instance stays red
    marks.markPage(Map.of(t01.getExecutionId(), overdue), Map.of(letters, WarningLevel.YELLOW));
    assertThat(runtime.getVariableLocal(t01.getExecutionId(), EscalationVariables.TASK_OVERDUE)).isEqualTo(true);
    assertThat(runtime.getVariable(letters, EscalationVariables.WARNING_LEVEL)).as("never lowered").isEqualTo("RED");
    assertThat(runtime.getVariable(letters, EscalationVariables.OVERDUE)).isEqualTo(true);

    // a page naming an execution that has gone (its task completed meanwhile) writes nothing: its job is retried
    Task t02 = letterRun.signingTask(letters, "T02");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> marks.markPage(Map.of(t02.getExecutionId(), overdue,
        "no-such-execution", overdue), Map.of())).isInstanceOf(org.camunda.bpm.engine.ProcessEngineException.class);
    assertThat(runtime.getVariableLocal(t02.getExecutionId(), EscalationVariables.TASK_OVERDUE)).isNull();
  }

  @Test
  void aConflictInOneUnitsEscalationLeavesEveryOtherUnitsEscalationCommitted() throws IOException {
    Instant started = Instant.parse("2050-03-02T02:00:00Z");
    String letters = startLetters(2051, started);
    Instant due = letterRun.signingTask(letters, "D01").getDueDate().toInstant();
    // T01's escalation meets a write conflict every time it tries, as when another transaction changes its rows
    asOwner("""
        create or replace function conflict_for_t01() returns trigger language plpgsql as $$
        begin
          if new.unit_code = 'T01' then
            raise exception 'could not serialize access due to concurrent update' using errcode = '40001';
          end if;
          return new;
        end $$""");
    asOwner("""
        create trigger conflict_for_t01 before insert or update on task_escalations
        for each row execute function conflict_for_t01()""");

    Instant patrolAt = due.plus(Duration.ofDays(5));
    patrolByTimer(patrolAt);

    // T01: an incident on its own job, nothing of its escalation committed
    List<Incident> incidents = runtime.createIncidentQuery().processDefinitionKeyIn(UnitEscalationProcess.KEY,
        EscalationPatrolProcess.KEY).list();
    assertThat(incidents).singleElement().satisfies(incident -> {
      assertThat(incident.getActivityId()).isEqualTo(UnitEscalationProcess.Element.EscalateUnitTasks.name());
      assertThat(runtime.getVariable(incident.getProcessInstanceId(), UnitEscalationProcess.Variables.UNIT_CODE))
          .isEqualTo("T01");
    });
    assertThat(stepsOf(letters, "T01")).isZero();
    // T01 was climbed in a batch with other small units; the batch failed, and its retry handed each of its units on
    // to an escalation of its own (the batch left with none): only T01's fails
    List<String> escalations = unitEscalationsSince(patrolAt);
    assertThat(escalations).contains("", "T01", "T01S01", "T01V01");
    assertThat(summonsTalks("T01")).isZero();
    // every other unit: its steps, its summons and its talk committed
    for (String unit : List.of("D01", "D01S01", "D02", "T01S01", "T01V01", "T02", "T02V01", "A01")) {
      assertThat(stepsOf(letters, unit)).as(unit).isEqualTo(2); // overdue, then summoned
      assertThat(summonsTalks(unit)).as(unit).isEqualTo(1);
    }
    // the patrol waits for T01 (its digests too), which is visible in Cockpit as an incident of T01's escalation
    assertThat(runtime.createProcessInstanceQuery().processDefinitionKey(EscalationPatrolProcess.KEY)
        .activityIdIn(EscalationPatrolProcess.Element.UnitsEscalated.name()).count()).isEqualTo(1);

    // the conflict is gone: the administrator retries the job from Cockpit's incident, and T01 catches up
    asOwner("drop trigger conflict_for_t01 on task_escalations");
    Job failed = management.createJobQuery().processDefinitionKey(UnitEscalationProcess.KEY).noRetriesLeft()
        .singleResult();
    management.setJobRetries(failed.getId(), 1);
    runPatrolJobs();
    assertThat(stepsOf(letters, "T01")).isEqualTo(2);
    assertThat(summonsTalks("T01")).isEqualTo(1);
    assertThat(runtime.createProcessInstanceQuery().processDefinitionKey(EscalationPatrolProcess.KEY).count())
        .as("the patrol ended, digests sent").isZero();
    assertThat(notificationsSince("t01sec", patrolAt)).singleElement().satisfies(subject ->
        assertThat(subject).startsWith("【督办】"));
  }

  @Test
  void aPatrolsUnitsWriteTheirLinesAsItsOwnAndItsDigestsTakeUpWhatAnEarlierPatrolLeft() throws IOException {
    Instant started = Instant.parse("2070-02-01T02:00:00Z");
    String letters = startLetters(2071, started);
    Instant due = letterRun.signingTask(letters, "D01").getDueDate().toInstant();
    // a line an earlier patrol left unclaimed (its digests never ran), for the secretary of a unit with no new line
    jdbc.sql("""
            insert into escalation_digest_items (recipient_group, kind, unit_code, task_id, line, created_at)
            values (?, 'SUPERVISION_NOTICE', 'T02', 'left-over-task', '一条上次巡查留下的督办', ?)""")
        .params(Groups.of(Role.SECRETARY, "T02"), Timestamp.from(started)).update();

    Instant patrolAt = due.plus(Duration.ofDays(1));
    // other tests of this class patrol at later moments: this patrol's rows are those of its hour
    Instant patrolEnd = patrolAt.plus(Duration.ofHours(1));
    patrolByTimer(patrolAt);
    String run = history.createHistoricProcessInstanceQuery().processDefinitionKey(EscalationPatrolProcess.KEY)
        .startedAfter(Date.from(patrolAt.minusMillis(1))).startedBefore(Date.from(patrolAt.plusSeconds(1)))
        .singleResult().getId();

    // the units wrote the patrol's lines as its own (no claim of every line afterwards); the reminders wait for the
    // daily reminder digest
    assertThat(jdbc.sql("""
            select count(*) from escalation_digest_items where created_at between ? and ? and kind <> 'REMINDER'
               and (digest_run is null or digest_run <> ?)""")
        .params(Timestamp.from(patrolAt), Timestamp.from(patrolEnd), run).query(Long.class).single()).isZero();
    assertThat(jdbc.sql("select count(*) from escalation_digest_items where digest_run = ?").param(run)
        .query(Long.class).single()).isPositive();
    assertThat(jdbc.sql("""
            select count(*) from escalation_digest_items where kind = 'REMINDER' and digest_run is not null
               and created_at between ? and ?""")
        .params(Timestamp.from(patrolAt), Timestamp.from(patrolEnd)).query(Long.class).single()).isZero();
    // the line left before is claimed by this patrol and told, in the one digest of its secretary
    assertThat(jdbc.sql("select digest_run from escalation_digest_items where task_id = 'left-over-task'")
        .query(String.class).single()).isEqualTo(run);
    assertThat(jdbc.sql("""
            select body from notifications where recipient_user_id = 't02sec' and created_at between ? and ?""")
        .params(Timestamp.from(patrolAt), Timestamp.from(patrolEnd)).query(String.class).single())
        .contains("一条上次巡查留下的督办");
    assertThat(jdbc.sql("""
            select subject from notifications where recipient_user_id = 'd01sec' and created_at between ? and ?""")
        .params(Timestamp.from(patrolAt), Timestamp.from(patrolEnd)).query(String.class).list())
        .singleElement().satisfies(subject -> assertThat(subject).startsWith("【督办】"));
    assertThat(jdbc.sql("select count(*) from escalation_digests where run_id = ? and sent_at is null").param(run)
        .query(Long.class).single()).as("every recipient of the run sent").isZero();
  }

  @Test
  void thePatrolsJobsGoBeforeTheBackgroundJobsItsStartsLeave() throws IOException {
    // the job executor acquires by priority; background work (a case's evidence, deliveries, scores) carries -10,
    // the patrol the default 0 of people's work
    assertThat(engine.isJobExecutorAcquireByPriority()).isTrue();
    String letters = startLetters(2081, Instant.parse("2080-02-01T02:00:00Z"));
    Instant due = letterRun.signingTask(letters, "D01").getDueDate().toInstant();
    ClockUtil.setCurrentTime(Date.from(due.plus(Duration.ofDays(30))));
    management.executeJob(management.createJobQuery().processDefinitionKey(EscalationPatrolProcess.KEY).timers()
        .singleResult().getId());
    assertThat(management.createJobQuery().processDefinitionKey(EscalationPatrolProcess.KEY).messages().list())
        .isNotEmpty().allMatch(job -> job.getPriority() == 0);
    runPatrolJobs();
    assertThat(management.createJobQuery().processDefinitionKey(
            AccountabilityProcess.KEY).list())
        .as("the cases' evidence jobs the patrol left").isNotEmpty().allMatch(job -> job.getPriority() == -10);
    assertThat(management.createJobQuery().processDefinitionKey(org.liangze.notification.NotificationDeliveryProcess.KEY).list())
        .as("the digests' deliveries").isNotEmpty().allMatch(job -> job.getPriority() == -10);
    assertThat(history.createHistoricJobLogQuery().processDefinitionKey(UnitEscalationProcess.KEY).list())
        .isNotEmpty().allMatch(log -> log.getJobPriority() == 0);
  }

  /** Fires the patrol's timer at that moment and runs its jobs until none is left that can run. */
  private List<String> patrolByTimer(Instant at) {
    ClockUtil.setCurrentTime(Date.from(at));
    Job timer = management.createJobQuery().processDefinitionKey(EscalationPatrolProcess.KEY).timers()
        .singleResult();
    management.executeJob(timer.getId());
    return runPatrolJobs();
  }

  private List<String> runPatrolJobs() {
    List<String> activities = new ArrayList<>();
    for (List<Job> due; !(due = patrolJobs()).isEmpty(); ) {
      for (Job job : due) {
        activities.add(management.createJobDefinitionQuery().jobDefinitionId(job.getJobDefinitionId())
            .singleResult().getActivityId());
        try {
          management.executeJob(job.getId());
        } catch (RuntimeException failed) {
          // the engine has counted the failure down; at no retries left it is an incident
        }
      }
    }
    return activities;
  }

  /** The units (comma-separated codes) of each unit escalation started since then; "" for a batch handed on. */
  private List<String> unitEscalationsSince(Instant since) {
    String[] instances = history.createHistoricProcessInstanceQuery().processDefinitionKey(UnitEscalationProcess.KEY)
        .startedAfter(Date.from(since.minusMillis(1))).startedBefore(Date.from(since.plus(WINDOW))).list().stream()
        .map(org.camunda.bpm.engine.history.HistoricProcessInstance::getId).toArray(String[]::new);
    return history.createHistoricVariableInstanceQuery().processInstanceIdIn(instances)
        .variableName(UnitEscalationProcess.Variables.UNIT_CODE).list().stream()
        .map(variable -> (String) variable.getValue()).toList();
  }

  /** DDL the application's own role may not run: as the schema's owner (the test plays the outside world). */
  private void asOwner(String sql) {
    try (Connection owner = EmbeddedPostgresDatabase.asOwner(EmbeddedPostgresDatabase.urlOf(dataSource));
        Statement statement = owner.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The patrol's and its unit escalations' jobs that can run. */
  private List<Job> patrolJobs() {
    List<Job> jobs = new ArrayList<>(management.createJobQuery().processDefinitionKey(EscalationPatrolProcess.KEY)
        .messages().withRetriesLeft().list());
    jobs.addAll(management.createJobQuery().processDefinitionKey(UnitEscalationProcess.KEY).messages()
        .withRetriesLeft().list());
    return jobs;
  }

  private String startLetters(int year, Instant at) throws IOException {
    ClockUtil.setCurrentTime(Date.from(at));
    return letterRun.start(year);
  }

  /**
   * How far after its moment a test looks for what it caused: the tests live ten years apart on the engine's clock,
   * so what one leaves is not counted by another, whatever their order.
   */
  private static final Duration WINDOW = Duration.ofDays(5 * 365);

  private List<String> notificationsSince(String userId, Instant since) {
    return jdbc.sql("""
            select subject from notifications where recipient_user_id = ? and created_at >= ? and created_at < ?""")
        .params(userId, Timestamp.from(since), Timestamp.from(since.plus(WINDOW))).query(String.class).list();
  }

  private long stepsOf(String processInstanceId, String unit) {
    return jdbc.sql("select count(*) from escalation_steps where process_instance_id = ? and unit_code = ?")
        .params(processInstanceId, unit).query(Long.class).single();
  }

  private long summonsTalks(String unit) {
    return jdbc.sql("""
            select count(*) from talks t join summons_requests r on r.id = t.summons_request_id
             where r.unit_code = ? and r.period = '2050-03'""")
        .param(unit).query(Long.class).single();
  }
}
