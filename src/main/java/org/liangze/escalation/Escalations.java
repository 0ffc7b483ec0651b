package org.liangze.escalation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.camunda.bpm.engine.RuntimeService;
import org.liangze.escalation.EscalationRepository.ClimbingTask;
import org.liangze.escalation.EscalationRepository.DigestItem;
import org.liangze.escalation.EscalationRepository.Move;
import org.liangze.escalation.EscalationRepository.Reminded;
import org.liangze.escalation.EscalationRepository.SummonsTask;
import org.liangze.notification.Notifications;
import org.liangze.organisation.Groups;
import org.liangze.organisation.Role;
import org.liangze.organisation.Unit;
import org.liangze.organisation.UnitRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The escalation ladder (督责) for every user task with a due date, in every process: a reminder before it is due,
 * a supervision notice when it is overdue to the unit's secretary and, level by level, to its parent unit's secretary
 * and discipline inspector (and the instance marked overdue for Cockpit), a problem summons later — one per unit and
 * month, naming all of its tasks that went red — and an accountability case later still, at most one per unit, cause
 * and period, the cause in words. How many days each rung takes is the unit type's row of the decision table
 * {@code escalation-policy.dmn} ({@link EscalationPolicy}). Nothing is overdue silently.
 *
 * <p>A patrol (the escalation-patrol process, or {@link #patrol()} in one thread) works in small transactions that
 * never depend on each other: it finds by SQL only the units that have a task whose level changes now
 * ({@link #plan}, which starts a unit escalation process for each unit, or for each batch of small units whose
 * tasks fit in a page, so that no unit waits for another; a batch that failed is handed on unit by unit, and a
 * failed unit is that unit's incident); climbs each unit's tasks a page at a time ({@link #escalateUnit}: at most
 * {@link EscalationProperties#pageSize()} tasks per transaction); once a unit's tasks are climbed and committed,
 * starts the summons and cases they requested ({@link #startRequested}); and at the end sends each person one digest
 * of everything the patrol has to tell them ({@link #sendDigests}). A failure in one unit stays that unit's (an
 * incident of its job); memory does not grow with the number of overdue tasks. Every step is idempotent: a level is
 * only ever raised, each step is taken once per task, a digest once per person and patrol.
 */
@Service
public class Escalations {

  private static final Logger log = LoggerFactory.getLogger(Escalations.class);
  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy年M月d日 HH:mm");
  private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyy年M月");
  /** People per digest transaction. */
  static final int DIGEST_PAGE = 100;
  /** Lines of each kind a digest lists; the rest are counted. */
  static final int DIGEST_LINES = 8;
  /** Tasks a daily reminder digest lists; the rest are counted. */
  static final int REMINDER_DIGEST_LINES = 30;
  /** The talk's cause is at most 1,000 characters; the summons lists tasks up to this many. */
  static final int SUMMONS_CAUSE_LENGTH = 900;

  private final RuntimeService runtime;
  private final EscalationRepository escalations;
  private final Notifications notifications;
  private final UnitRepository units;
  private final EscalationProperties properties;
  private final EscalationPolicy policy;
  private final OverdueMarks overdueMarks;
  private final Clock clock;
  private final ApplicationEventPublisher events;
  private final TransactionTemplate transaction;

  Escalations(RuntimeService runtime, EscalationRepository escalations, Notifications notifications,
      UnitRepository units, EscalationProperties properties, EscalationPolicy policy, OverdueMarks overdueMarks,
      Clock clock, ApplicationEventPublisher events, PlatformTransactionManager transactions) {
    this.policy = policy;
    this.runtime = runtime;
    this.escalations = escalations;
    this.notifications = notifications;
    this.units = units;
    this.properties = properties;
    this.overdueMarks = overdueMarks;
    this.clock = clock;
    this.events = events;
    this.transaction = new TransactionTemplate(transactions);
  }

  /**
   * A whole patrol in this thread, each unit page, each unit's requests and each page of digests in a transaction
   * of its own, as the escalation-patrol process runs them as jobs; a unit that fails is logged and left for the
   * next patrol, the others go on. Returns the number of steps taken. For the demo's start-up and for tests.
   */
  public int patrol() {
    int steps = 0;
    String run = "patrol-" + UUID.randomUUID();
    for (String batch : inTransaction(this::batchesToPatrol)) {
      try {
        steps += escalateInThisThread(batch, run);
      } catch (RuntimeException failed) {
        if (codesOf(batch).size() == 1) {
          log.error("Escalation of {} failed; the next patrol tries again", batch, failed);
          continue;
        }
        // as the process does: a failed batch is tried again unit by unit
        for (String unit : codesOf(batch)) {
          try {
            steps += escalateInThisThread(unit, run);
          } catch (RuntimeException unitFailed) {
            log.error("Escalation of {} failed; the next patrol tries again", unit, unitFailed);
          }
        }
      }
    }
    while (Boolean.TRUE.equals(inTransaction(() -> sendDigests(run)))) {
      // page after page of recipients
    }
    if (steps > 0) {
      log.info("Escalation patrol took {} step(s)", steps);
    }
    return steps;
  }

  private int escalateInThisThread(String unitCodes, String run) {
    int steps = 0;
    do {
      steps += inTransaction(() -> escalateUnit(unitCodes, run));
    } while (inTransaction(() -> hasMore(unitCodes)));
    transaction.executeWithoutResult(status -> startRequested(unitCodes));
    return steps;
  }

  /**
   * The patrol's first step: starts a unit escalation (its own process instance, {@link UnitEscalationProcess}) for
   * every unit that has a task whose level changes now — small units together, a batch of units whose tasks fit in
   * one page ({@link #batchesToPatrol}) — and records how many; returns that number. The last of them to finish
   * wakes the patrol ({@link #unitEscalated}).
   */
  @Transactional
  public int plan(String run) {
    List<String> batches = batchesToPatrol();
    escalations.startRun(run, batches.size(), clock.instant());
    for (String batch : batches) {
      startUnitEscalation(run, batch);
    }
    log.info("Escalation patrol {}: {} unit escalation(s) with tasks to climb", run, batches.size());
    return batches.size();
  }

  private void startUnitEscalation(String run, String unitCodes) {
    runtime.startProcessInstanceByKey(UnitEscalationProcess.KEY, Map.of(
        UnitEscalationProcess.Variables.UNIT_CODE, unitCodes, UnitEscalationProcess.Variables.PATROL_RUN, run));
  }

  /**
   * A batch of units escalated together failed (a conflict or an error in one of them): hands each of its units on
   * to a unit escalation of its own, counted in the run, so that the failure stays the one unit's incident and
   * every other unit's escalation commits. Returns how many were started.
   */
  @Transactional
  public int escalateEachAlone(String run, String unitCodes) {
    List<String> codes = codesOf(unitCodes);
    escalations.addToRun(run, codes.size());
    codes.forEach(code -> startUnitEscalation(run, code));
    log.warn("Escalation patrol {}: the batch of units {} failed; each unit is escalated alone", run, unitCodes);
    return codes.size();
  }

  /** The units of a unit escalation: one code, or several joined by commas (a batch of small units). */
  public static List<String> codesOf(String unitCodes) {
    return unitCodes == null || unitCodes.isBlank() ? List.of() : List.of(unitCodes.split(","));
  }

  /** Whether this unit escalation is of several units, which are handed on one by one if they fail together. */
  public static boolean isBatch(String unitCodes) {
    return codesOf(unitCodes).size() > 1;
  }

  /**
   * The unit escalations a patrol starts now, each the code of one unit or the codes of several joined by commas:
   * the units with a task whose level changes now ({@link #unitsToPatrol}), those of a ladder together in code
   * order as long as their tasks fit in one page ({@link EscalationProperties#pageSize()}); a unit with a page or
   * more alone. At city shape (16 tasks a unit) a job climbs a dozen units, not one.
   */
  public List<String> batchesToPatrol() {
    List<EscalationRepository.LadderGroup> groups = ladderGroups();
    List<java.util.SortedMap<String, Integer>> counts = escalations.unitsWithClimbingTasks(clock.instant(), groups);
    List<String> batches = new ArrayList<>();
    for (int g = 0; g < groups.size(); g++) {
      List<String> batch = new ArrayList<>();
      int tasks = 0;
      for (Map.Entry<String, Integer> unit : counts.get(g).entrySet()) {
        // a unit with a page or more is alone; so is a code holding a comma (no unit's: Unit refuses one), which
        // codesOf would otherwise merge into its neighbours' batch
        boolean alone = unit.getKey().contains(",") || unit.getValue() >= properties.pageSize();
        if (!batch.isEmpty() && (alone || tasks + unit.getValue() > properties.pageSize())) {
          batches.add(String.join(",", batch));
          batch.clear();
          tasks = 0;
        }
        if (alone) {
          batches.add(unit.getKey());
        } else {
          batch.add(unit.getKey());
          tasks += unit.getValue();
        }
      }
      if (!batch.isEmpty()) {
        batches.add(String.join(",", batch));
      }
    }
    return batches;
  }

  /** A unit's escalation of this patrol is done; the last one wakes the patrol, which then sends the digests. */
  @Transactional
  public void unitEscalated(String run) {
    if (escalations.unitDone(run)) {
      runtime.createMessageCorrelation(EscalationPatrolProcess.UNITS_DONE_MESSAGE).processInstanceId(run)
          .correlate();
    }
  }

  /**
   * The units (or district bodies, for their own tasks) that have a task whose level changes now, each unit by the
   * ladder of its type ({@link EscalationPolicy}): one query per distinct ladder, the district bodies' with the
   * units that share theirs.
   */
  public List<String> unitsToPatrol() {
    List<EscalationRepository.LadderGroup> groups = ladderGroups();
    java.util.TreeSet<String> found = new java.util.TreeSet<>();
    escalations.unitsWithClimbingTasks(clock.instant(), groups).forEach(counts -> found.addAll(counts.keySet()));
    return List.copyOf(found);
  }

  private List<EscalationRepository.LadderGroup> ladderGroups() {
    EscalationPolicy.Ladders ladders = policy.ladders();
    Map<EscalationPolicy.Ladder, List<String>> byLadder = new LinkedHashMap<>();
    for (Unit unit : units.findAll()) {
      EscalationPolicy.Ladder ladder = ladders.of(unit.type());
      if (!ladder.equals(ladders.districtBodies())) {
        byLadder.computeIfAbsent(ladder, l -> new ArrayList<>()).add(unit.code());
      }
    }
    List<EscalationRepository.LadderGroup> groups = new ArrayList<>();
    byLadder.forEach((ladder, codes) -> groups.add(new EscalationRepository.LadderGroup(ladder, codes, false)));
    groups.add(new EscalationRepository.LadderGroup(ladders.districtBodies(), List.of(), true));
    return groups;
  }

  /**
   * Whether the unit (or a unit of the batch) still has a task whose level changes now (the patrol's loop over a
   * unit escalation's pages).
   */
  public boolean hasMore(String unitCodes) {
    Instant now = clock.instant();
    for (Map.Entry<EscalationPolicy.Ladder, List<String>> ladder : byLadder(unitsOf(unitCodes)).entrySet()) {
      if (!escalations.climbingTasks(ladder.getValue(), now, ladder.getKey(), 1).isEmpty()) {
        return true;
      }
    }
    return false;
  }

  /** The parent units of these units (null entries skipped), by code, in one query. */
  private Map<String, Unit> parentsOf(java.util.Collection<Unit> children) {
    return byCode(children.stream().filter(java.util.Objects::nonNull).map(Unit::parentCode)
        .filter(java.util.Objects::nonNull).distinct().toList());
  }

  /** The units of these codes (null for a code that is no unit: a district body's own tasks), in code order. */
  private Map<String, Unit> unitsOf(String unitCodes) {
    List<String> codes = codesOf(unitCodes);
    Map<String, Unit> byCode = byCode(codes);
    Map<String, Unit> found = new LinkedHashMap<>();
    codes.forEach(code -> found.put(code, byCode.get(code)));
    return found;
  }

  /** The units of these codes that exist, by code, in one query. */
  private Map<String, Unit> byCode(List<String> codes) {
    Map<String, Unit> byCode = new HashMap<>();
    units.findByCodes(codes).forEach(unit -> byCode.put(unit.code(), unit));
    return byCode;
  }

  /** These units' codes by their ladder (a batch's units share one: {@link #batchesToPatrol}). */
  private Map<EscalationPolicy.Ladder, List<String>> byLadder(Map<String, Unit> unitsByCode) {
    EscalationPolicy.Ladders ladders = policy.ladders();
    Map<EscalationPolicy.Ladder, List<String>> byLadder = new LinkedHashMap<>();
    unitsByCode.forEach((code, unit) -> byLadder.computeIfAbsent(ladders.of(unit == null ? null : unit.type()),
        l -> new ArrayList<>()).add(code));
    return byLadder;
  }

  /**
   * Climbs one page of the unit's tasks whose level changes now, as far as the clock says; returns the steps taken.
   * Writes the steps, the unit's summons and accountability requests and the digest lines; starts nothing (that is
   * {@link #startRequested}, after this has committed) and sends nothing (that is {@link #sendDigests}). The lines
   * for the patrol's digest are written as that patrol's ({@code run}; null: left for the next patrol to claim),
   * so that its digests need not claim them afterwards; reminder lines wait for the daily reminder digest.
   */
  @Transactional
  public int escalateUnit(String unitCodes, String run) {
    Instant now = clock.instant();
    // district bodies' own tasks are theirs: no unit is summoned for them
    Map<String, Unit> unitsByCode = unitsOf(unitCodes);
    Map<String, Unit> parents = parentsOf(unitsByCode.values());
    Map<String, EscalationPolicy.Ladder> ladderOf = new HashMap<>();
    List<ClimbingTask> page = new ArrayList<>();
    for (Map.Entry<EscalationPolicy.Ladder, List<String>> ladder : byLadder(unitsByCode).entrySet()) {
      ladder.getValue().forEach(code -> ladderOf.put(code, ladder.getKey()));
      if (page.size() < properties.pageSize()) {
        page.addAll(escalations.climbingTasks(ladder.getValue(), now, ladder.getKey(),
            properties.pageSize() - page.size()));
      }
    }
    Map<String, List<String>> candidates = escalations.candidateGroups(page.stream().map(ClimbingTask::taskId)
        .toList());
    PageWrites writes = new PageWrites();
    Map<String, Climb> climbs = new HashMap<>();
    int taken = 0;
    for (ClimbingTask task : page) {
      Climb climb = climbs.computeIfAbsent(task.unitCode(),
          code -> new Climb(unitsByCode.get(code), ladderOf.get(code), now, writes, parents));
      taken += climb.task(task, candidates.getOrDefault(task.taskId(), List.of()));
    }
    writes.write(run, now);
    return taken;
  }

  /**
   * Starts what the unit's climbed tasks requested and no process has taken up yet: the unit's problem summons
   * (the talk feature starts a talk from {@link SummonsRequested}) and its accountability cases
   * ({@link AccountabilityRequested}). Runs after the climb has committed, in a transaction of its own.
   */
  @Transactional
  public void startRequested(String unitCodes) {
    List<String> codes = codesOf(unitCodes);
    for (EscalationRepository.OpenSummonsRequest request : escalations.openSummonsRequests(codes)) {
      List<String> tasks = request.taskLabels();
      events.publishEvent(new SummonsRequested(request.id(), request.unitCode(), summonsCause(tasks), tasks.size()));
    }
    for (EscalationRepository.OpenAccountabilityRequest request : escalations.openAccountabilityRequests(codes)) {
      events.publishEvent(new AccountabilityRequested(request.id(), request.unitCode(), request.cause()));
    }
  }

  /**
   * Sends the next page of this patrol's digests: one notification per person, naming what the patrol has to tell
   * them (its worst kind in the subject). The first call claims every line not yet sent. Returns whether people
   * are left.
   */
  @Transactional
  public boolean sendDigests(String run) {
    return sendDigests(run, false);
  }

  /**
   * Sends the next page of the day's reminder digests (the reminder-digest process, at the digest hour): one
   * notification per person listing the tasks whose reminders the patrols have reached since the last one — process,
   * task, unit and due date — instead of one per task and patrol. The first call claims every reminder line not yet
   * sent, of tasks still open and not yet due. Returns whether people are left.
   */
  @Transactional
  public boolean sendReminderDigests(String run) {
    return sendDigests(run, true);
  }

  private boolean sendDigests(String run, boolean reminders) {
    Instant now = clock.instant();
    if (reminders) {
      if (!escalations.hasClaimedDigestItems(run) && escalations.claimDigestItems(run, true, now) == 0) {
        return false;
      }
    } else if (!escalations.hasDigestRecipients(run)) {
      // the first page: the patrol's lines are its own since its units wrote them (escalateUnit); claim any left
      // unclaimed by an earlier patrol, then write who gets a digest
      escalations.claimDigestItems(run, false, now);
      escalations.addDigestRecipients(run);
    }
    List<String> recipients = escalations.digestRecipients(run, DIGEST_PAGE);
    if (recipients.isEmpty()) {
      return false;
    }
    List<String> groups = escalations.groupsOf(recipients);
    Map<String, Map<DigestKind, Integer>> countsOf = escalations.digestCounts(run, recipients, groups);
    Map<String, Map<DigestKind, List<String>>> linesOf = escalations.digestLines(run, recipients, groups,
        reminders ? REMINDER_DIGEST_LINES : DIGEST_LINES);
    for (String userId : recipients) {
      Map<DigestKind, Integer> counts = countsOf.getOrDefault(userId, Map.of());
      if (counts.isEmpty()) {
        continue; // a member whose group's lines went since: nothing to tell
      }
      List<DigestKind> kinds = new ArrayList<>(counts.keySet());
      kinds.sort((a, b) -> b.compareTo(a));
      DigestKind worst = kinds.get(0);
      StringBuilder body = new StringBuilder(reminders ? "以下任务即将到期，请在截止时间前办理（可在待办任务中查看）。\n"
          : "本次督责巡查的结果如下，请及时处理。\n");
      String firstLine = null;
      for (DigestKind kind : kinds) {
        List<String> lines = linesOf.getOrDefault(userId, Map.of()).getOrDefault(kind, List.of());
        firstLine = firstLine == null && !lines.isEmpty() ? lines.get(0) : firstLine;
        body.append("\n【").append(kind.label()).append("】").append(kind.count(counts.get(kind))).append("：\n");
        lines.forEach(line -> body.append("· ").append(line).append("\n"));
        if (counts.get(kind) > lines.size()) {
          body.append("……另有").append(counts.get(kind) - lines.size()).append("项，详见监督看板。\n");
        }
      }
      int total = counts.values().stream().mapToInt(Integer::intValue).sum();
      String subject = "【" + worst.label() + "】" + shorten(firstLine == null ? "" : firstLine, 80)
          + (total > 1 ? " 等" + total + "项" : "");
      notifications.notifyUser(userId, worst.notification(), subject, shorten(body.toString(), 3900), null, null);
    }
    escalations.digestsSent(run, recipients, now);
    return recipients.size() == DIGEST_PAGE;
  }

  /** Where on this ladder a task with this due date stands at this moment. */
  static EscalationLevel levelAt(Instant due, Instant now, EscalationPolicy.Ladder ladder) {
    if (!now.isBefore(due.plus(ladder.accountabilityAfter()))) {
      return EscalationLevel.ESCALATED;
    }
    if (!now.isBefore(due.plus(ladder.summonsAfter()))) {
      return EscalationLevel.SUMMONED;
    }
    if (!now.isBefore(due.plus(ladder.superviseAfter()))) {
      return EscalationLevel.OVERDUE;
    }
    return now.isBefore(due.minus(ladder.remindBefore())) ? EscalationLevel.NONE : EscalationLevel.REMINDED;
  }

  public List<EscalationStep> stepsOf(String unitCode) {
    return escalations.stepsOf(unitCode);
  }

  /** What a page's climbs (of one unit, or of a batch's units) write, in a few batches at its end. */
  private final class PageWrites {

    private final Map<String, WarningLevel> marks = new LinkedHashMap<>();
    /** Newly overdue tasks' execution locals ({@code taskOverdue}, {@code lateReason}), by execution. */
    private final Map<String, Map<String, Object>> overdueLocals = new LinkedHashMap<>();
    private final List<EscalationStep> steps = new ArrayList<>();
    private final Map<String, String> processInstances = new HashMap<>();
    private final List<Move> moves = new ArrayList<>();
    private final List<Reminded> reminded = new ArrayList<>();
    private final List<SummonsTask> summonsTasks = new ArrayList<>();
    private final List<DigestItem> lines = new ArrayList<>();

    /** Writes what the page's climbs took, in a few batches, and marks the instances for Cockpit. */
    void write(String run, Instant now) {
      escalations.recordSteps(steps, processInstances);
      escalations.moveAll(moves, now);
      escalations.remindedAll(reminded, now);
      escalations.addSummonsTasks(summonsTasks, now);
      escalations.addDigestItems(lines, run, now);
      // the tasks' locals and the instances' marks in one engine command, not one per task and instance
      overdueMarks.markPage(overdueLocals, marks);
    }
  }

  /** One unit's climb in a page: the unit (null for a district body's own tasks), the moment, where it writes. */
  private final class Climb {

    private final Unit unit;
    private final EscalationPolicy.Ladder ladder;
    /** Who supervises the unit first (督办): its parent's secretary and inspector, else none (the district). */
    private final List<String> supervisors;
    private final Instant now;
    private final Map<String, WarningLevel> marks;
    private final Map<String, Map<String, Object>> overdueLocals;
    private final List<EscalationStep> steps;
    private final Map<String, String> processInstances;
    private final List<Move> moves;
    private final List<Reminded> reminded;
    private final List<SummonsTask> summonsTasks;
    private final List<DigestItem> lines;
    private final java.util.Set<String> causes = new java.util.HashSet<>();
    private Long summonsRequest;

    Climb(Unit unit, EscalationPolicy.Ladder ladder, Instant now, PageWrites writes, Map<String, Unit> parents) {
      this.unit = unit;
      this.ladder = ladder;
      this.supervisors = supervisorsOf(unit, parents);
      this.now = now;
      this.marks = writes.marks;
      this.overdueLocals = writes.overdueLocals;
      this.steps = writes.steps;
      this.processInstances = writes.processInstances;
      this.moves = writes.moves;
      this.reminded = writes.reminded;
      this.summonsTasks = writes.summonsTasks;
      this.lines = writes.lines;
    }

    int task(ClimbingTask task, List<String> candidateGroups) {
      int taken = remind(task, candidateGroups);
      EscalationLevel target = levelAt(task.due(), now, ladder);
      if (target.compareTo(task.current()) <= 0) {
        return taken;
      }
      for (EscalationLevel level : EscalationLevel.values()) {
        // a task first seen already overdue gets no "due soon" reminder
        boolean skipReminder = level == EscalationLevel.REMINDED && target.compareTo(EscalationLevel.REMINDED) > 0;
        if (level.compareTo(task.current()) <= 0 || level.compareTo(target) > 0 || skipReminder) {
          continue;
        }
        if (unit == null && level.compareTo(EscalationLevel.OVERDUE) > 0) {
          break; // summons and accountability concern a unit
        }
        take(level, task, candidateGroups);
        taken++;
      }
      moves.add(new Move(task.taskId(), unitCode(), task.processInstanceId(), target, task.known()));
      return taken;
    }

    /**
     * The reminder of the ladder ({@link EscalationPolicy#REMINDER_DECISION_KEY}) the task has reached now and not
     * had: a reminder line to its candidates for the next daily reminder digest, once per reminder and task. A
     * reminder whose moment passed before the task was created is kept as had but not sent (the new-task notice
     * named the due date); a task already due is not reminded (it is supervised).
     */
    private int remind(ClimbingTask task, List<String> candidateGroups) {
      Duration reached = ladder.reminderAt(task.due(), now);
      if (reached == null || task.reminded() != null && reached.compareTo(task.reminded()) >= 0) {
        return 0;
      }
      reminded.add(new Reminded(task.taskId(), reached, task.reminded() != null));
      if (task.created() != null && !task.due().minus(reached).isAfter(task.created())) {
        return 0;
      }
      String due = DATE.format(task.due().atZone(clock.getZone()));
      candidateGroups.forEach(group -> line(group, DigestKind.REMINDER, task,
          unitName() + label(task) + "将于" + due + "到期"));
      return 1;
    }

    private void take(EscalationLevel level, ClimbingTask task, List<String> candidateGroups) {
      steps.add(new EscalationStep(task.taskId(), task.name(), unitCode(), level, task.due(), now));
      processInstances.put(task.taskId(), task.processInstanceId());
      String due = DATE.format(task.due().atZone(clock.getZone()));
      String label = label(task);
      switch (level) {
        case REMINDED -> {
          // blue (due soon) only: the reminders are the reminder table's, each once (remind())
        }
        case OVERDUE -> {
          mark(task, WarningLevel.YELLOW);
          overdueLocals.put(task.executionId(), Map.of(EscalationVariables.TASK_OVERDUE, true,
              EscalationVariables.LATE_REASON, ""));
          for (String group : unit == null ? candidateGroups : List.of(Groups.of(Role.SECRETARY, unit.code()))) {
            line(group, DigestKind.SUPERVISION_NOTICE, task, unitName() + label + "已于" + due + "到期，仍未办结，"
                + "请督促尽快办理（逾期办理须说明原因）");
          }
          // level by level: a village's or section's overdue work goes first to its parent unit
          for (String group : supervisors) {
            line(group, DigestKind.SUPERVISION_NOTICE, task, "下级单位" + unitName() + label + "已于" + due
                + "到期，仍未办结，请督促其尽快办理");
          }
        }
        case SUMMONED -> {
          mark(task, WarningLevel.RED);
          if (summonsRequest == null) {
            summonsRequest = escalations.summonsRequestOf(unit.code(), YearMonth.now(clock).toString(),
                task.taskId(), MONTH.format(now.atZone(clock.getZone())) + "任务逾期超过"
                    + ladder.summonsAfter().toDays() + "天", now);
          }
          summonsTasks.add(new SummonsTask(summonsRequest, task.taskId(), label + "（截止" + due + "）", task.due()));
          line(Groups.DISCIPLINE_COMMISSION, DigestKind.SUMMONS, task, unitName() + label + "逾期超过"
              + ladder.summonsAfter().toDays() + "天（截止" + due + "），已列入本月问题约谈");
        }
        case ESCALATED -> {
          WorkPeriod period = WorkPeriod.of(task.period(), task.due(), clock.getZone());
          String cause = causeOf(task, period);
          // one request per unit, cause and period: asked once per page
          if (causes.add(cause)
              && escalations.requestAccountability(unit.code(), cause, period.key(), task.taskId(), now)) {
            line(Groups.DISCIPLINE_COMMISSION, DigestKind.ACCOUNTABILITY, task, "建议对" + unit.name() + "启动问责："
                + label + "逾期超过" + ladder.accountabilityAfter().toDays() + "天仍未办结");
          }
        }
        default -> throw new IllegalStateException("No step for " + level);
      }
    }

    private void mark(ClimbingTask task, WarningLevel level) {
      marks.merge(task.processInstanceId(), level, (a, b) -> a.compareTo(b) >= 0 ? a : b);
    }

    private void line(String group, DigestKind kind, ClimbingTask task, String text) {
      lines.add(new DigestItem(group, kind, unitCode(), task.taskId(), shorten(text, 500)));
    }

    private String unitCode() {
      return unit == null ? null : unit.code();
    }

    private String unitName() {
      return unit == null ? "" : unit.name();
    }
  }

  /**
   * The groups that supervise a unit first: its parent unit's secretary and discipline inspector (a village's town,
   * a section's department); none for a unit directly under the district (or a district body), whose supervisor is
   * the district commission through the later rungs.
   */
  private static List<String> supervisorsOf(Unit unit, Map<String, Unit> parents) {
    if (unit == null || unit.parentCode() == null) {
      return List.of();
    }
    return java.util.Optional.ofNullable(parents.get(unit.parentCode())).filter(Unit::active)
        .map(parent -> List.of(Groups.of(Role.SECRETARY, parent.code()), Groups.of(Role.INSPECTOR, parent.code())))
        // a parent that has left the organisation: the district commission supervises in its place
        .orElse(List.of(Groups.DISCIPLINE_COMMISSION));
  }

  /** "“task name”（process name）": what people call a task; never an element id. */
  private static String label(ClimbingTask task) {
    return "“" + nameOf(task.name(), "未命名任务") + "”（" + nameOf(task.processName(), "未命名流程") + "）";
  }

  /** A trailing "（…）" of a task's name: the unit and period it names, which the cause states on its own. */
  private static final java.util.regex.Pattern NAMED_FOR = java.util.regex.Pattern.compile("\\s*（[^（）]*）$");

  /**
   * The kind of failure, in words: which step of which process ran late, for which period — e.g. "逾期未办：2026年第四季度
   * 单位季度自查 / 逐项自查". One accountability request per unit, cause and period; never an element id.
   */
  static String causeOf(ClimbingTask task, WorkPeriod period) {
    String taskName = NAMED_FOR.matcher(nameOf(task.name(), "未命名任务")).replaceFirst("");
    return "逾期未办：" + period.label() + " " + nameOf(task.processName(), "未命名流程") + " / "
        + nameOf(taskName, "未命名任务");
  }

  /** The summons' cause, naming every task it is for (as many as fit, then how many more). */
  static String summonsCause(List<String> tasks) {
    StringBuilder cause = new StringBuilder("以下").append(tasks.size()).append("项任务逾期未办：");
    for (int i = 0; i < tasks.size(); i++) {
      String next = (i == 0 ? "" : "；") + (i + 1) + ". " + tasks.get(i);
      if (cause.length() + next.length() > SUMMONS_CAUSE_LENGTH) {
        cause.append("；等共").append(tasks.size()).append("项");
        break;
      }
      cause.append(next);
    }
    return cause.toString();
  }

  private static String nameOf(String name, String fallback) {
    return name == null || name.isBlank() ? fallback : name;
  }

  private static String shorten(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max - 1) + "…";
  }

  private <T> T inTransaction(Supplier<T> work) {
    return transaction.execute(status -> work.get());
  }
}
