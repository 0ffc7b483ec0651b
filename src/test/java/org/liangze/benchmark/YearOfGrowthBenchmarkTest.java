package org.liangze.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Year;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.camunda.spin.plugin.variable.SpinValues;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.liangze.dashboard.ScoreComputationProcess;
import org.liangze.demo.DemoDistrict;
import org.liangze.escalation.EscalationPatrolProcess;
import org.liangze.escalation.ReminderDigestProcess;
import org.liangze.letter.LetterCampaigns;
import org.liangze.letter.LetterSigningProcess;
import org.liangze.lists.ListItem;
import org.liangze.lists.ListService;
import org.liangze.lists.Responsibility;
import org.liangze.organisation.Groups;
import org.liangze.organisation.IdentitySync;
import org.liangze.organisation.Official;
import org.liangze.organisation.Person;
import org.liangze.organisation.PersonRepository;
import org.liangze.organisation.Post;
import org.liangze.organisation.Role;
import org.liangze.organisation.Unit;
import org.liangze.organisation.UnitRepository;
import org.liangze.organisation.UnitType;
import org.liangze.record.CheckpointTestKeys;
import org.liangze.record.EntryKind;
import org.liangze.record.EvidenceFile;
import org.liangze.record.EvidenceFiles;
import org.liangze.record.ManualEntries;
import org.liangze.record.RecordCheckpointProcess;
import org.liangze.record.RecordManual;
import org.liangze.rectification.RectificationProcess;
import org.liangze.report.HalfYearReportProcess;
import org.liangze.report.ReportCampaigns;
import org.liangze.selfcheck.QuarterlySelfCheckProcess;
import org.liangze.selfcheck.SelfCheckCampaigns;
import org.liangze.selfcheck.UnitSelfCheckProcess;
import org.liangze.support.BenchmarkPostgresDatabase;
import org.liangze.support.GeneratedTree;
import org.liangze.talk.TalkProcess;
import org.liangze.talk.Talks;
import org.liangze.tasknotice.TaskNoticesProcess;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * "Growth" (issue 18 part 6): one simulated year of a district of {@code benchmark.units} units (default 1,000) as a
 * tree, on a PostgreSQL of its own with durable commits, with Camunda's history cleanup on: the year's letter
 * campaign signed level by level, four quarterly self-checks with every unit's tasks completed through the engine as
 * its officials would (about one unit in ten ordered to rectify, the rectification carried out and verified), two
 * half-year reports, integrity talks with their commitments followed up, and the units' own record-manual entries
 * with small evidence files. The engine's clock (ClockUtil) moves through the year a day at a time while work is
 * open; the test runs every asynchronous job itself, and at each step fires the due timers of the technical
 * processes (escalation patrol, reminder digest, task notices, score computation, record checkpoint) once. At the
 * year's end Camunda's history cleanup job runs to completion. Prints the database size, the largest tables and the
 * disk per unit per year to {@code target/benchmark-growth.md}.
 *
 * <p>{@code mvn -B verify -Pbenchmark -Dbenchmark.groups=growth [-Dbenchmark.units=50]}
 */
@Tag("growth")
@SpringBootTest
@ActiveProfiles("test")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class YearOfGrowthBenchmarkTest {

  static final int UNITS = Integer.getInteger("benchmark.units", 1000);
  /** Threads completing tasks (tasks of one process instance always on one thread). */
  static final int THREADS = Integer.getInteger("benchmark.threads", 2);
  /** The units' own record-manual entries over the year (meetings, study, inspections …), per unit. */
  static final int ENTRIES_PER_UNIT = Integer.getInteger("benchmark.entriesPerUnit", 20);
  /** One entry in this many carries a small evidence file. */
  static final int EVIDENCE_EVERY = 4;
  static final int EVIDENCE_BYTES = 2048;
  /** Talks the commission holds over the year: three for every ten units ("a few hundred" in a district). */
  static final int TALKS = Integer.getInteger("benchmark.talks", Math.max(12, UNITS * 3 / 10));
  /** One unit in this many is ordered to rectify at each quarter's review. */
  static final int RECTIFY_EVERY = 10;
  /** The simulated year: the next one, so that every timer deployed at start-up (real time) is due in it. */
  static final int YEAR = Year.now(ZoneId.of("Asia/Shanghai")).getValue() + 1;
  static final ZoneId DISTRICT = ZoneId.of("Asia/Shanghai");
  static final long DAY = 24L * 3600 * 1000;
  static final String COMMISSION = "jiwei";
  static final String COMMITTEE = "quwei";
  /** The technical processes whose timers fire once at every step of the simulation. */
  static final Set<String> TECHNICAL_TIMERS = Set.of(EscalationPatrolProcess.KEY, ReminderDigestProcess.KEY,
      TaskNoticesProcess.KEY, ScoreComputationProcess.KEY, RecordCheckpointProcess.KEY);
  static final String COMMAND = "mvn -B verify -Pbenchmark -Dbenchmark.groups=growth -Dbenchmark.units=" + UNITS;

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    BenchmarkPostgresDatabase.register(registry);
    registry.add("liangze.identity.initial-password", () -> "benchmark-pw");
    // signed checkpoints need a key outside the database
    Path key = CheckpointTestKeys.newKey();
    registry.add("liangze.record.checkpoint.key-file", key::toString);
  }

  @Autowired DemoDistrict district;
  @Autowired IdentitySync identitySync;
  @Autowired UnitRepository units;
  @Autowired PersonRepository people;
  @Autowired ListService lists;
  @Autowired LetterCampaigns letterCampaigns;
  @Autowired SelfCheckCampaigns selfCheckCampaigns;
  @Autowired ReportCampaigns reportCampaigns;
  @Autowired Talks talks;
  @Autowired ManualEntries manualEntries;
  @Autowired EvidenceFiles evidenceFiles;
  @Autowired RecordManual recordManual;
  @Autowired IdentityService identity;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired ManagementService management;
  @Autowired HistoryService history;
  @Autowired ProcessEngineConfigurationImpl engineConfiguration;
  @Autowired JdbcTemplate jdbc;
  @Autowired TransactionTemplate transaction;

  final ObjectMapper json = new ObjectMapper();
  final List<String[]> rows = new ArrayList<>();
  final Map<String, String> userOfGroup = new ConcurrentHashMap<>();
  final Map<String, List<String>> groupsOfUser = new ConcurrentHashMap<>();
  final AtomicInteger completed = new AtomicInteger();
  final AtomicInteger conflicts = new AtomicInteger();
  /** Task completions retried after an optimistic-locking conflict, by task definition key. */
  final Map<String, Integer> taskConflicts = new ConcurrentHashMap<>();
  final AtomicInteger jobsRun = new AtomicInteger();
  final AtomicInteger timersFired = new AtomicInteger();
  Map<String, String> names = Map.of();
  /** Unit code → its position among the district's units (which units rectify in which quarter). */
  Map<String, Integer> unitIndex = Map.of();
  /** The quarter under review (0–3), for the choice of the units ordered to rectify. */
  volatile int quarterIndex;
  /** Time and days spent moving the clock between the year's events (the days inside a phase are the phase's). */
  long betweenNanos;
  int daysBetween;

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
    identity.clearAuthentication();
  }

  @Test
  void aYearOfTheDistrict() throws Exception {
    assertThat(setting("fsync")).isEqualTo("on");
    assertThat(setting("synchronous_commit")).isEqualTo("on");
    assertThat(engineConfiguration.isHistoryCleanupEnabled()).isTrue();
    engineConfiguration.getJobExecutor().shutdown();

    // ---- the district as it starts the year
    ClockUtil.setCurrentTime(at(LocalDate.of(YEAR - 1, 12, 20)));
    long seedStart = System.nanoTime();
    List<String> unitCodes = seed();
    System.out.printf("Seeded %d units in %d ms%n", unitCodes.size(), millisSince(seedStart));
    // compacted, so that what the year adds is measured from the data itself
    long baseline = databaseSize(true, true);
    Map<String, long[]> tablesAtStart = tableSizes();

    // ---- the year
    long yearStart = System.nanoTime();
    Map<String, Long> phases = new LinkedHashMap<>();

    advanceTo(LocalDate.of(YEAR, 1, 5));
    long phase = System.nanoTime();
    as(COMMITTEE, () -> letterCampaigns.start(String.valueOf(YEAR)));
    drive(Set.of(LetterSigningProcess.KEY));
    phases.put("Letter campaign " + YEAR + " (signed by every unit, countersigned by the level above)",
        millisSince(phase));

    String[] quarters = {(YEAR - 1) + "Q4", YEAR + "Q1", YEAR + "Q2", YEAR + "Q3"};
    LocalDate[] quarterStarts = {LocalDate.of(YEAR, 1, 8), LocalDate.of(YEAR, 4, 7), LocalDate.of(YEAR, 7, 6),
        LocalDate.of(YEAR, 10, 12)};
    String[] periods = {(YEAR - 1) + "H2", YEAR + "H1"};
    LocalDate[] reportStarts = {LocalDate.of(YEAR, 2, 16), LocalDate.of(YEAR, 7, 16)};
    int talksStarted = 0;
    for (int month = 1; month <= 12; month++) {
      int q = (month - 1) / 3;
      if (month % 3 == 1) {
        quarterIndex = q;
        advanceTo(quarterStarts[q]);
        phase = System.nanoTime();
        String quarter = quarters[q];
        as(COMMISSION, () -> selfCheckCampaigns.start(quarter));
        drive(Set.of(QuarterlySelfCheckProcess.KEY, UnitSelfCheckProcess.KEY, RectificationProcess.KEY));
        phases.put("Quarterly self-check " + quarter + " (every unit; " + expectedRectifications(unitCodes, q)
            + " ordered to rectify)", millisSince(phase));
      }
      // the month's talks, from the 15th
      advanceTo(LocalDate.of(YEAR, month, 15));
      phase = System.nanoTime();
      int due = TALKS * month / 12;
      for (; talksStarted < due; talksStarted++) {
        String unit = unitCodes.get((talksStarted * 7) % unitCodes.size());
        String kind = talksStarted % 5 == 4 ? "DUTY_REPORT" : "INTEGRITY_TALK";
        String subject = kind.equals("INTEGRITY_TALK") ? secretaryOf(unit) : null;
        as(COMMISSION, () -> talks.start(new Talks.StartRequest(unit, kind, subject, "年度廉政谈话")));
      }
      drive(Set.of(TalkProcess.KEY));
      phases.merge("Talks (" + TALKS + ", held, recorded, commitments followed up)", millisSince(phase), Long::sum);
      if (month == 2 || month == 7) {
        String period = periods[month == 2 ? 0 : 1];
        advanceTo(reportStarts[month == 2 ? 0 : 1]);
        phase = System.nanoTime();
        as(COMMISSION, () -> reportCampaigns.start(period));
        drive(Set.of(HalfYearReportProcess.KEY, HalfYearReportProcess.UNIT_KEY));
        phases.merge("Half-year reports " + periods[0] + " and " + periods[1], millisSince(phase), Long::sum);
      }
      // the units' own entries of the month, on the 25th
      advanceTo(LocalDate.of(YEAR, month, 25));
      phase = System.nanoTime();
      manualEntries(unitCodes, month);
      step();
      phases.merge("Record-manual entries (" + ENTRIES_PER_UNIT + " per unit, one in " + EVIDENCE_EVERY
          + " with a " + EVIDENCE_BYTES / 1024 + " KB evidence file)", millisSince(phase), Long::sum);
    }
    // whatever the year left open (a summons the ladder started, a commitment due later)
    advanceTo(LocalDate.of(YEAR, 12, 28));
    drive(Set.of(TalkProcess.KEY, UnitSelfCheckProcess.KEY, RectificationProcess.KEY,
        HalfYearReportProcess.UNIT_KEY, LetterSigningProcess.KEY));
    advanceTo(LocalDate.of(YEAR, 12, 31));
    long yearMillis = millisSince(yearStart);
    phases.put("The days between those (" + daysBetween + " days, each with its technical timers and jobs)",
        betweenNanos / 1_000_000);

    // ---- the year really happened
    verifyTheYear(unitCodes, quarters, periods);
    long beforeCleanup = databaseSize(true, false);
    long historyRowsBefore = historyRows();

    // ---- history cleanup at the year's end, in the nightly window (the server's time zone, as the engine reads it)
    long cleanupStart = System.nanoTime();
    ClockUtil.setCurrentTime(Date.from(LocalDate.of(YEAR + 1, 1, 1).atTime(2, 0).atZone(ZoneId.systemDefault())
        .toInstant()));
    int cleanupRuns = cleanUpHistory();
    long cleanupMillis = millisSince(cleanupStart);
    long historyRowsAfter = historyRows();
    long afterCleanup = databaseSize(true, false);
    Map<String, long[]> tablesAtEnd = tableSizes();
    String historyByProcess = historyByProcess();
    long compacted = databaseSize(true, true);
    Map<String, long[]> tablesCompacted = tableSizes();

    // ---- the report
    row("Simulated year " + YEAR + " of " + UNITS + " units (wall time: seeding excluded; " + completed.get()
        + " tasks completed on " + THREADS + " threads; " + conflicts.get() + " job runs and completions retried "
        + "after an optimistic-locking conflict, completions by task: " + new java.util.TreeMap<>(taskConflicts)
        + "; " + jobsRun.get() + " jobs run; " + timersFired.get() + " technical timer firings)",
        "%,d ms".formatted(yearMillis));
    phases.forEach((what, millis) -> row("… " + what, "%,d ms".formatted(millis)));
    System.gc();
    row("Heap used after GC at the year's end (max heap " + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MB)",
        java.lang.management.ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024 * 1024)
            + " MB");
    row("History cleanup at the year's end (Camunda's cleanup job, immediately due, run " + cleanupRuns
        + " times until it had nothing left; ACT_HI_* rows " + historyRowsBefore + " → " + historyRowsAfter + ")",
        "%,d ms".formatted(cleanupMillis));
    row("Database size right after seeding (pg_database_size, after VACUUM FULL ANALYZE)", mb(baseline));
    row("Database size at the year's end, before the history cleanup (after VACUUM ANALYZE)", mb(beforeCleanup));
    row("Database size after the history cleanup (after VACUUM ANALYZE: the files as the year left them, dead "
        + "rows' space reusable but not given back)", mb(afterCleanup));
    row("Database size after the history cleanup and VACUUM FULL (the year's live data, compacted)", mb(compacted));
    row("**Disk per unit per year** ((after cleanup − after seeding) ÷ " + UNITS + " units): as the files stand / "
        + "compacted", "**%.1f KB / %.1f KB**".formatted((afterCleanup - baseline) / 1024.0 / UNITS,
            (compacted - baseline) / 1024.0 / UNITS));
    Map<String, long[]> groups = groupSums(tablesAtStart, tablesAtEnd);
    Map<String, long[]> groupsCompacted = groupSums(tablesAtStart, tablesCompacted);
    groups.forEach((group, sums) -> row("… of which " + group + ": growth (rows at the end), as the files stand / "
        + "compacted", "%s / %s (%,d rows), %.1f / %.1f KB per unit".formatted(mb(sums[0]),
            mb(groupsCompacted.get(group)[0]), sums[1], sums[0] / 1024.0 / UNITS,
            groupsCompacted.get(group)[0] / 1024.0 / UNITS)));
    List<Map.Entry<String, long[]>> largest = tablesAtEnd.entrySet().stream()
        .sorted((a, b) -> Long.compare(b.getValue()[1], a.getValue()[1])).limit(25).toList();
    StringBuilder tables = new StringBuilder("| Table | Rows | Total size (pg_total_relation_size) | … after "
        + "VACUUM FULL | Growth in the year (compacted) |\n|---|---|---|---|---|\n");
    for (Map.Entry<String, long[]> table : largest) {
      long[] start = tablesAtStart.getOrDefault(table.getKey(), new long[] {0, 0});
      long full = tablesCompacted.getOrDefault(table.getKey(), new long[] {0, 0})[1];
      tables.append("| ").append(table.getKey()).append(" | ").append("%,d".formatted(exactRows(table.getKey())))
          .append(" | ").append(mb(table.getValue()[1])).append(" | ").append(mb(full)).append(" | ")
          .append(mb(full - start[1])).append(" |\n");
    }
    report(tables + "\nCamunda history rows left after the cleanup, by process (ACT_HI_ACTINST, _DETAIL, _VARINST, "
        + "_TASKINST, _IDENTITYLINK, _OP_LOG, _JOB_LOG, _PROCINST):\n\n" + historyByProcess);
  }

  // ---- seeding

  /**
   * The demo district, grown to {@link #UNITS} units as a tree, with a secretary, a 纪检委员 and a staff member in
   * every generated unit, common lists of both years the year's work touches, and identity synced.
   */
  private List<String> seed() throws IOException {
    assertThat(district.seedIfEmpty(YEAR - 1)).as("a fresh database").isTrue();
    district.publishLists(YEAR);
    List<Unit> tree = GeneratedTree.units("B", UNITS - units.findAllActive().size());
    tree.forEach(units::insert);
    List<Person> staff = new ArrayList<>();
    for (Unit unit : tree) {
      String code = unit.code();
      staff.add(new Person(secretaryOf(code), unit.name() + "书记", null, null,
          List.of(new Post(code, Role.SECRETARY))));
      staff.add(new Person(code.toLowerCase() + "insp", unit.name() + "纪检委员", null, null,
          List.of(new Post(code, Role.INSPECTOR))));
      staff.add(new Person(code.toLowerCase() + "staff", unit.name() + "干事", null, null,
          List.of(new Post(code, Role.STAFF))));
    }
    transaction.executeWithoutResult(status -> people.upsertAll(staff));
    List<ListItem> common = List.of(
        new ListItem(Responsibility.MAIN, "党风廉政建设", "研究部署党风廉政建设工作", "党组织会议专题研究", "重部署轻落实", "每季度", "会议纪要"),
        new ListItem(Responsibility.SUPERVISORY, "日常监督", "开展廉政谈话", "对重点岗位人员谈话提醒", "监督缺位", "每季度", "谈话记录"));
    for (int year : new int[] {YEAR - 1, YEAR}) {
      for (UnitType type : UnitType.values()) {
        if (lists.commonList(type, year).isEmpty()) {
          lists.publishCommon(type, year, common);
        }
      }
    }
    identitySync.sync();
    names = people.names();
    List<String> codes = units.findAllActive().stream().map(Unit::code).sorted().toList();
    assertThat(codes).hasSize(UNITS);
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < codes.size(); i++) {
      index.put(codes.get(i), i);
    }
    unitIndex = index;
    return codes;
  }

  private static String secretaryOf(String unitCode) {
    return GeneratedTree.secretaryOf(unitCode);
  }

  // ---- moving through the year

  /** 10:00 in the district on that day. */
  private static Date at(LocalDate day) {
    return Date.from(day.atTime(10, 0).atZone(DISTRICT).toInstant());
  }

  /**
   * Day by day (10:00 in the district) up to that day, at most: each day the technical timers fire and the jobs run,
   * so the daily ones (record checkpoint, reminder digest) keep their cadence. A day already passed is not gone back
   * to: the work is then done a little later.
   */
  private void advanceTo(LocalDate day) {
    long start = System.nanoTime();
    Date target = at(day);
    while (ClockUtil.getCurrentTime().getTime() + DAY <= target.getTime()) {
      advanceDays(1);
      step();
      daysBetween++;
    }
    if (target.after(ClockUtil.getCurrentTime())) {
      ClockUtil.setCurrentTime(target);
      step();
    }
    betweenNanos += System.nanoTime() - start;
  }

  private void advanceDays(int days) {
    ClockUtil.setCurrentTime(new Date(ClockUtil.getCurrentTime().getTime() + days * DAY));
  }

  /**
   * Works the processes of {@code keys} to their end, a day at a time: each day the technical timers fire and the
   * jobs run, then every open task of those processes is done by whoever's it is. The tasks are done the day after
   * they appear, within their due dates.
   */
  private void drive(Set<String> keys) throws Exception {
    step();
    for (int day = 0; ; day++) {
      assertThat(day).as("days to finish " + keys).isLessThan(120);
      List<Task> open = tasks.createTaskQuery().processDefinitionKeyIn(keys.toArray(String[]::new)).list();
      if (open.isEmpty() && management.createJobQuery().messages().executable().count() == 0) {
        return;
      }
      advanceDays(1);
      step();
      completeAll(open);
      runJobs();
    }
  }

  /** The day's technical timers (each once), then every executable message job. */
  private void step() {
    for (Job timer : management.createJobQuery().timers().executable().list()) {
      if (timer.getProcessDefinitionKey() != null && TECHNICAL_TIMERS.contains(timer.getProcessDefinitionKey())) {
        execute(timer);
        timersFired.incrementAndGet();
      }
    }
    runJobs();
  }

  /** Every executable asynchronous continuation and delivery, on this thread, until none is left. */
  private void runJobs() {
    for (int round = 0; round < 1000; round++) {
      List<Job> jobs = management.createJobQuery().messages().executable().listPage(0, 500);
      if (jobs.isEmpty()) {
        assertThat(management.createJobQuery().withException().count()).as("failed jobs").isZero();
        return;
      }
      jobs.forEach(this::execute);
    }
    throw new AssertionError("jobs keep coming");
  }

  private void execute(Job job) {
    try {
      management.executeJob(job.getId());
      jobsRun.incrementAndGet();
    } catch (OptimisticLockingException e) {
      conflicts.incrementAndGet(); // left for the next round, as the job executor retries it
    } catch (org.camunda.bpm.engine.exception.NullValueException gone) {
      // run meanwhile by another job's transaction
    }
  }

  /** The tasks on {@link #THREADS} threads, those of one process instance on one thread, in order. */
  private void completeAll(List<Task> open) throws Exception {
    List<List<Task>> byInstance = new ArrayList<>(open.stream()
        .collect(Collectors.groupingBy(Task::getProcessInstanceId, LinkedHashMap::new, Collectors.toList()))
        .values());
    Date now = ClockUtil.getCurrentTime();
    // ClockUtil is shared by every thread; the workers only read it
    Workers.onThreads(byInstance.size(), THREADS, i -> byInstance.get(i).forEach(task -> complete(task, now)));
  }

  /** Does one task as its official would: the assignee, or a member of its first candidate group. */
  private void complete(Task task, Date now) {
    for (int attempt = 1; ; attempt++) {
      if (tasks.createTaskQuery().taskId(task.getId()).count() == 0) {
        return; // gone with its scope (a return, a multi-instance completed meanwhile)
      }
      String user = task.getAssignee() != null ? task.getAssignee() : candidate(task);
      Map<String, Object> variables = new HashMap<>(variablesFor(task, user));
      if (task.getDueDate() != null && task.getDueDate().before(now)) {
        variables.put("lateReason", "工作任务集中，已抓紧办理");
      }
      identity.setAuthentication(user, groupsOf(user));
      try {
        tasks.complete(task.getId(), variables);
        completed.incrementAndGet();
        return;
      } catch (OptimisticLockingException e) {
        // another official's completion in the same process instance got there first: try again shortly, as
        // Tasklist's user would (two threads retrying in step would otherwise collide again)
        conflicts.incrementAndGet();
        taskConflicts.merge(task.getTaskDefinitionKey(), 1, Integer::sum);
        assertThat(attempt).as("attempts at " + task.getName()).isLessThan(50);
        sleep(java.util.concurrent.ThreadLocalRandom.current().nextInt(5, 50 * Math.min(attempt, 10)));
      } finally {
        identity.clearAuthentication();
      }
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private String candidate(Task task) {
    for (IdentityLink link : tasks.getIdentityLinksForTask(task.getId())) {
      if (IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null) {
        String user = userOfGroup.computeIfAbsent(link.getGroupId(), group -> identity.createUserQuery()
            .memberOfGroup(group).orderByUserId().asc().listPage(0, 1).stream().map(User::getId).findFirst()
            .orElse(""));
        if (!user.isEmpty()) {
          return user;
        }
      }
      if (IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getUserId() != null) {
        return link.getUserId();
      }
    }
    throw new AssertionError("nobody to do " + task.getName());
  }

  private List<String> groupsOf(String user) {
    return groupsOfUser.computeIfAbsent(user, id -> identity.createGroupQuery().groupMember(id).list().stream()
        .map(Group::getId).toList());
  }

  /** What the task's form is filled in with. */
  private Map<String, Object> variablesFor(Task task, String user) {
    String name = names.getOrDefault(user, user);
    LocalDate today = LocalDate.ofInstant(ClockUtil.getCurrentTime().toInstant(), DISTRICT);
    return switch (task.getTaskDefinitionKey()) {
      // letters
      case "SignLetter" -> Map.of(LetterSigningProcess.Variables.DECISION, "SIGN",
          LetterSigningProcess.Variables.SIGNATURE, name);
      case "CountersignLetter" -> Map.of(LetterSigningProcess.Variables.COUNTERSIGNATURE, name);
      // the self-check
      case "AssessItems" -> Map.of(UnitSelfCheckProcess.Variables.ITEMS, assessed(task));
      case "InspectSelfCheck" -> Map.of(UnitSelfCheckProcess.Variables.DECISION, "PASS");
      case "SignOff" -> Map.of(UnitSelfCheckProcess.Variables.DECISION, "SIGN_OFF");
      case "Review" -> orderedToRectify((String) tasks.getVariable(task.getId(), "unitCode"))
          ? Map.of(UnitSelfCheckProcess.Variables.DECISION, "RECTIFY",
              UnitSelfCheckProcess.Variables.REVIEW_COMMENT, "部分事项落实不到位",
              UnitSelfCheckProcess.Variables.RECTIFICATION_REQUIREMENT, "健全谈话提醒台账，按季度开展廉政谈话",
              UnitSelfCheckProcess.Variables.RECTIFICATION_DEADLINE, today.plusDays(20).toString())
          : Map.of(UnitSelfCheckProcess.Variables.DECISION, "ACCEPT");
      // rectification
      case "PlanRectification" -> Map.of(RectificationProcess.Variables.PLAN, "书记牵头，一月内补齐谈话提醒台账");
      case "CarryOut" -> Map.of(RectificationProcess.Variables.REPORT, "已补齐台账并开展谈话",
          RectificationProcess.Variables.RECORDS, String.valueOf(recordManual.latestEntry(
              (String) tasks.getVariable(task.getId(), "unitCode")).orElseThrow().seq()));
      case "VerifyRectification" -> Map.of("decision", "VERIFIED", "verificationComment", "整改到位");
      // the half-year report
      case "EditReport" -> Map.of(HalfYearReportProcess.Variables.REPORT_TEXT, reportText(task));
      case "SignReport" -> Map.of(HalfYearReportProcess.Variables.DECISION, "SIGN");
      case "ReviewReport" -> Map.of(HalfYearReportProcess.Variables.DECISION, "ACCEPT");
      // talks
      case "ArrangeTalk" -> Map.of(TalkProcess.Variables.TALK_TIME, LocalDateTime.ofInstant(
              ClockUtil.getCurrentTime().toInstant(), DISTRICT).plusHours(2).withSecond(0).withNano(0).toString(),
          TalkProcess.Variables.PLACE, "区纪委谈话室", TalkProcess.Variables.PARTICIPANTS, "区纪委监委：谈话组；单位：书记");
      case "HoldTalk" -> "DUTY_REPORT".equals(tasks.getVariable(task.getId(), TalkProcess.Variables.KIND))
          ? Map.of(TalkProcess.Variables.MINUTES, "听取述责述廉，无整改承诺。")
          : Map.of(TalkProcess.Variables.MINUTES, "谈话对象表示将认真落实主体责任。",
              TalkProcess.Variables.COMMITMENTS, SpinValues.jsonValue("[{\"content\":\"每月开展一次警示教育\","
                  + "\"dueDate\":\"" + today.plusDays(14) + "\"}]").create());
      case "FulfilCommitment" -> Map.of(TalkProcess.Variables.REPORT, "已开展警示教育");
      case "VerifyCommitment" -> Map.of(TalkProcess.Variables.DECISION, "VERIFIED");
      default -> throw new AssertionError("no official's answer for " + task.getTaskDefinitionKey());
    };
  }

  private boolean orderedToRectify(String unitCode) {
    return (unitIndex.get(unitCode) + 3 * quarterIndex) % RECTIFY_EVERY == 0;
  }

  private int expectedRectifications(List<String> unitCodes, int quarter) {
    return (int) unitCodes.stream().filter(code -> (unitIndex.get(code) + 3 * quarter) % RECTIFY_EVERY == 0)
        .count();
  }

  private Object assessed(Task task) {
    try {
      List<Map<String, Object>> items = json.readValue(
          String.valueOf(tasks.getVariable(task.getId(), UnitSelfCheckProcess.Variables.ITEMS)),
          new TypeReference<List<Map<String, Object>>>() { });
      items.forEach(row -> {
        row.put("status", "DONE");
        row.put("note", "已按清单要求落实，会议纪要和谈话记录已归档");
      });
      return SpinValues.jsonValue(json.writeValueAsString(items)).create();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String reportText(Task task) {
    Object draft = tasks.getVariable(task.getId(), HalfYearReportProcess.Variables.REPORT_TEXT);
    return (draft == null || draft.toString().isBlank() ? "本单位半年履责情况报告。" : draft.toString())
        + "\n\n补充：本半年度各项工作均按清单推进，存在问题已明确整改措施和时限。";
  }

  /**
   * The month's share of every unit's {@link #ENTRIES_PER_UNIT} entries, through the record page's service, by the
   * unit's staff member (the demo units' first person), one in {@link #EVIDENCE_EVERY} with a small PDF.
   */
  private void manualEntries(List<String> unitCodes, int month) throws Exception {
    EntryKind[] kinds = {EntryKind.MEETING, EntryKind.STUDY, EntryKind.INSPECTION, EntryKind.OTHER};
    int from = ENTRIES_PER_UNIT * (month - 1) / 12;
    int to = ENTRIES_PER_UNIT * month / 12;
    Instant occurred = ClockUtil.getCurrentTime().toInstant().minusSeconds(3 * 24 * 3600);
    List<String> codes = unitCodes;
    AtomicInteger next = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      List<Future<?>> workers = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        workers.add(pool.submit(() -> {
          for (int i = next.getAndIncrement(); i < codes.size(); i = next.getAndIncrement()) {
            String unit = codes.get(i);
            String user = candidate(unit);
            Official official = Official.of(user, groupsOf(user));
            for (int n = from; n < to; n++) {
              List<String> evidence = List.of();
              if (n % EVIDENCE_EVERY == 0) {
                EvidenceFile file = evidenceFiles.store("会议纪要" + (n + 1) + ".pdf", pdf(unit, n), user,
                    List.of(unit));
                evidence = List.of(file.contentHash());
              }
              EntryKind kind = kinds[n % kinds.length];
              manualEntries.add(official, unit, new ManualEntries.Request(kind, null, occurred,
                  "%d月%s：%s第%d次，研究落实党风廉政建设责任清单事项".formatted(month, kind.label(),
                      kind.label(), n + 1), null, evidence));
            }
          }
          return null;
        }));
      }
      for (Future<?> worker : workers) {
        worker.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /** Who keeps a unit's manual: its staff member, else anyone of it. */
  private String candidate(String unitCode) {
    for (Role role : List.of(Role.STAFF, Role.SECRETARY, Role.INSPECTOR, Role.TEAM_MEMBER)) {
      String group = Groups.of(role, unitCode);
      String user = userOfGroup.computeIfAbsent(group, g -> identity.createUserQuery().memberOfGroup(g)
          .orderByUserId().asc().listPage(0, 1).stream().map(User::getId).findFirst().orElse(""));
      if (!user.isEmpty()) {
        return user;
      }
    }
    throw new AssertionError("nobody in unit " + unitCode);
  }

  /** A small PDF of its own (a scanned page would be larger: this measures the platform, not the scans). */
  private static byte[] pdf(String unit, int n) {
    StringBuilder text = new StringBuilder("%PDF-1.4\n% ").append(unit).append(" entry ").append(n).append('\n');
    while (text.length() < EVIDENCE_BYTES - 7) {
      text.append("% evidence of the record manual\n");
    }
    return text.append("%%EOF\n").toString().getBytes(StandardCharsets.US_ASCII);
  }

  private <T> T as(String user, java.util.function.Supplier<T> work) {
    identity.setAuthentication(user, groupsOf(user));
    try {
      return work.get();
    } finally {
      identity.clearAuthentication();
    }
  }

  // ---- the year really happened

  private void verifyTheYear(List<String> unitCodes, String[] quarters, String[] periods) {
    assertThat(tasks.createTaskQuery().count()).as("open tasks at the year's end").isZero();
    assertThat(runtime.createIncidentQuery().count()).as("incidents").isZero();
    assertThat(count("select count(*) from letters where letter_year = ? and status = 'ARCHIVED'", YEAR))
        .as("letters signed, countersigned and archived").isEqualTo(UNITS);
    int ordered = 0;
    for (int q = 0; q < quarters.length; q++) {
      int expected = expectedRectifications(unitCodes, q);
      ordered += expected;
      assertThat(count("select count(*) from self_checks where check_quarter = ? and status in ('ACCEPTED', "
          + "'RECTIFIED')", quarters[q])).as("self-checks of " + quarters[q] + " done").isEqualTo(UNITS);
      assertThat(count("select count(*) from self_checks where check_quarter = ? and status = 'RECTIFIED'",
          quarters[q])).as("rectified self-checks of " + quarters[q]).isEqualTo(expected);
    }
    assertThat(ordered).isPositive();
    assertThat(count("select count(*) from rectifications where status = 'VERIFIED'"))
        .as("rectifications verified").isEqualTo(ordered);
    for (String period : periods) {
      assertThat(count("select count(*) from half_year_reports where period = ? and status = 'ACCEPTED'", period))
          .as("half-year reports of " + period).isEqualTo(UNITS);
    }
    assertThat(count("select count(*) from talks where status = 'CLOSED'")).as("talks held and closed")
        .isGreaterThanOrEqualTo(TALKS);
    assertThat(count("select count(*) from record_entries where kind in ('MEETING', 'STUDY', 'INSPECTION', "
        + "'OTHER') and actor <> 'demo'")).as("the units' own entries")
        .isGreaterThanOrEqualTo((long) UNITS * ENTRIES_PER_UNIT);
    // every unit worked all year: four self-checks, two reports, a letter, its entries
    assertThat(count("""
        select count(*) from units u where u.active
           and (select count(*) from self_checks s where s.unit_code = u.code
                   and s.status in ('ACCEPTED', 'RECTIFIED')) = 4
           and (select count(*) from half_year_reports r where r.unit_code = u.code and r.status = 'ACCEPTED') = 2
           and exists (select 1 from letters l where l.unit_code = u.code and l.letter_year = ?
                          and l.status = 'ARCHIVED')""", YEAR)).as("units with the whole year done")
        .isEqualTo(UNITS);
    row("The year's work (asserted): letters archived / self-checks accepted or rectified / rectifications "
        + "verified / half-year reports accepted / talks closed / record entries (all kinds)",
        "%d / %d / %d / %d / %d / %d".formatted(
            count("select count(*) from letters where letter_year = ? and status = 'ARCHIVED'", YEAR),
            count("select count(*) from self_checks where status in ('ACCEPTED', 'RECTIFIED')"), ordered,
            count("select count(*) from half_year_reports where status = 'ACCEPTED'"),
            count("select count(*) from talks where status = 'CLOSED'"),
            count("select count(*) from record_entries")));
  }

  private long count(String sql, Object... args) {
    return jdbc.queryForObject(sql, Long.class, args);
  }

  // ---- history cleanup

  /**
   * Camunda's history cleanup as its nightly job does it: the cleanup job made immediately due and run again while
   * it reschedules itself as due (a full batch deleted), until it has nothing left to delete.
   */
  private int cleanUpHistory() {
    Job cleanup = history.cleanUpHistoryAsync(true);
    int runs = 0;
    for (Job job = cleanup; job != null && !job.getDuedate().after(ClockUtil.getCurrentTime());
        job = management.createJobQuery().jobId(cleanup.getId()).singleResult()) {
      management.executeJob(job.getId());
      runs++;
      assertThat(runs).as("history cleanup runs").isLessThan(100_000);
    }
    assertThat(management.createJobQuery().withException().count()).isZero();
    return runs;
  }

  private long historyRows() {
    return BenchmarkPostgresDatabase.superuser().queryForList("""
        select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
         where c.relkind = 'r' and n.nspname = 'public' and c.relname like 'act\\_hi\\_%'""", String.class).stream()
        .mapToLong(this::exactRows).sum();
  }

  // ---- sizes

  /**
   * The database's size after VACUUM ANALYZE (dead rows' space made reusable, statistics fresh), or after VACUUM FULL
   * (every table rewritten without its dead rows' space).
   */
  private long databaseSize(boolean vacuum, boolean full) {
    JdbcTemplate superuser = BenchmarkPostgresDatabase.superuser();
    if (vacuum) {
      superuser.execute(full ? "vacuum full analyze" : "vacuum analyze");
      superuser.execute("checkpoint");
    }
    return superuser.queryForObject("select pg_database_size(current_database())", Long.class);
  }

  /** Every table: {estimated rows, total size in bytes}. */
  private Map<String, long[]> tableSizes() {
    Map<String, long[]> sizes = new LinkedHashMap<>();
    BenchmarkPostgresDatabase.superuser().query("""
        select c.relname, greatest(c.reltuples, 0)::bigint, pg_total_relation_size(c.oid)
          from pg_class c join pg_namespace n on n.oid = c.relnamespace
         where c.relkind = 'r' and n.nspname = 'public'""",
        rs -> {
          sizes.put(rs.getString(1), new long[] {rs.getLong(2), rs.getLong(3)});
        });
    return sizes;
  }

  /** History rows by process definition key, largest first. */
  private String historyByProcess() {
    StringBuilder table = new StringBuilder("| Process | History rows |\n|---|---|\n");
    BenchmarkPostgresDatabase.superuser().query("""
        select coalesce(key, '(none)'), count(*) from (
          select proc_def_key_ as key from act_hi_actinst union all
          select proc_def_key_ from act_hi_detail union all
          select proc_def_key_ from act_hi_varinst union all
          select proc_def_key_ from act_hi_taskinst union all
          select proc_def_key_ from act_hi_identitylink union all
          select proc_def_key_ from act_hi_op_log union all
          select process_def_key_ from act_hi_job_log union all
          select proc_def_key_ from act_hi_procinst) history
         group by key order by count(*) desc""",
        rs -> {
          table.append("| ").append(rs.getString(1)).append(" | ").append("%,d".formatted(rs.getLong(2)))
              .append(" |\n");
        });
    return table.toString();
  }

  private long exactRows(String table) {
    return BenchmarkPostgresDatabase.superuser().queryForObject("select count(*) from \"" + table + "\"", Long.class);
  }

  /** Growth in size and rows at the end, by Camunda's history, runtime, other Camunda tables and the platform's. */
  private Map<String, long[]> groupSums(Map<String, long[]> start, Map<String, long[]> end) {
    Map<String, long[]> sums = new LinkedHashMap<>();
    for (String group : List.of("Camunda history (ACT_HI_*)", "Camunda runtime (ACT_RU_*)",
        "Camunda's other tables (ACT_GE_*: byte arrays of variables and history; ACT_RE_*, ACT_ID_*)",
        "the platform's tables (record manual, evidence, self-checks, letters, notifications …)")) {
      sums.put(group, new long[2]);
    }
    List<String> keys = new ArrayList<>(sums.keySet());
    end.forEach((table, size) -> {
      String group = table.startsWith("act_hi_") ? keys.get(0) : table.startsWith("act_ru_") ? keys.get(1)
          : table.startsWith("act_") ? keys.get(2) : keys.get(3);
      long[] sum = sums.get(group);
      sum[0] += size[1] - start.getOrDefault(table, new long[] {0, 0})[1];
      sum[1] += exactRows(table);
    });
    return sums;
  }

  // ---- output

  private static long millisSince(long nanoStart) {
    return (System.nanoTime() - nanoStart) / 1_000_000;
  }

  private static String mb(long bytes) {
    return "%.1f MB".formatted(bytes / (1024.0 * 1024.0));
  }

  private void row(String what, String result) {
    rows.add(new String[] {what, result});
    System.out.println("| " + what + " | " + result + " |");
  }

  private String setting(String name) {
    return jdbc.queryForObject("select current_setting(?)", String.class, name);
  }

  private void report(String tables) throws IOException {
    StringBuilder out = new StringBuilder()
        .append("Reproduce: `").append(COMMAND).append("`\n\n")
        .append("Units: ").append(UNITS).append(" (a tree: towns with villages, departments with sections; a secretary, ")
        .append("a 纪检委员 and a staff member each), simulated year ").append(YEAR).append(", max heap: ")
        .append(Runtime.getRuntime().maxMemory() / (1024 * 1024)).append(" MB, CPUs: ")
        .append(Runtime.getRuntime().availableProcessors()).append(", PostgreSQL 15 (embedded), fsync=")
        .append(setting("fsync")).append(", synchronous_commit=").append(setting("synchronous_commit"))
        .append(", shared_buffers=").append(setting("shared_buffers"))
        .append(", history level ").append(engineConfiguration.getHistory()).append(", history cleanup ")
        .append(engineConfiguration.getHistoryCleanupStrategy()).append(" (removal time: ")
        .append(engineConfiguration.getHistoryRemovalTimeStrategy()).append(")\n\n")
        .append("| Measurement (`").append(COMMAND).append("`) | Result |\n|---|---|\n");
    for (String[] row : rows) {
      out.append("| ").append(row[0]).append(" | ").append(row[1]).append(" |\n");
    }
    out.append("\nThe 25 largest tables at the year's end (after the history cleanup):\n\n").append(tables);
    System.out.println("\n" + out);
    Path file = Path.of("target", "benchmark-growth.md");
    Files.createDirectories(file.getParent());
    Files.writeString(file, "# Liangze: a year of growth\n\n" + out, StandardCharsets.UTF_8);
  }
}
