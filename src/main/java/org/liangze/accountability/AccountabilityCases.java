package org.liangze.accountability;

import static org.liangze.platform.FormInputs.required;
import static org.liangze.platform.FormInputs.text;

import org.liangze.escalation.AccountabilityRequested;
import org.liangze.escalation.AccountabilityRequests;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.liangze.accountability.AccountabilityProcess.Variables;
import org.liangze.escalation.EscalationStep;
import org.liangze.escalation.Escalations;
import org.liangze.notification.NotificationKind;
import org.liangze.notification.Notifications;
import org.liangze.organisation.Groups;
import org.liangze.organisation.Official;
import org.liangze.organisation.Role;
import org.liangze.organisation.Unit;
import org.liangze.organisation.UnitRepository;
import org.liangze.platform.ConflictException;
import org.liangze.platform.FormInputs;
import org.liangze.platform.InvalidInputException;
import org.liangze.platform.NotFoundException;
import org.liangze.record.RecordEntry;
import org.liangze.record.RecordManual;
import org.liangze.selfcheck.SelfCheck;
import org.liangze.selfcheck.SelfCheckService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Accountability cases (问责): the one place that starts them (a supervisor's request, or the escalation ladder's),
 * and the domain work of every step. One case per unit and cause: the case's start event claims the pair in
 * {@code accountability_cases}, whose unique key refuses a second however it arrives. Models reach this bean as
 * {@code accountabilityCases} for the consequence periods.
 */
@Service("accountabilityCases")
public class AccountabilityCases {

  private static final Logger log = LoggerFactory.getLogger(AccountabilityCases.class);
  static final int MAX_CAUSE = 500;
  static final int MAX_TEXT = 2000;
  /** Camunda keeps a String variable in a 4,000-character column. */
  static final int MAX_DOSSIER_VARIABLE = 3500;
  static final int EVIDENCE_MONTHS = 6;
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd");
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

  private final RuntimeService runtime;
  private final AccountabilityRepository cases;
  private final UnitRepository units;
  private final RecordManual manual;
  private final Escalations escalations;
  private final SelfCheckService selfChecks;
  private final Notifications notifications;
  private final ProcedureRepository procedure;
  private final Clock clock;
  private final AccountabilityRequests requests;

  // the repository comes first: resolving it runs the Flyway migrations before the engine (created for the
  // runtime service) lays out its own tables; this package is the first one Spring scans
  AccountabilityCases(AccountabilityRepository cases, RuntimeService runtime,
      UnitRepository units, RecordManual manual, Escalations escalations, SelfCheckService selfChecks,
      Notifications notifications, ProcedureRepository procedure, Clock clock, AccountabilityRequests requests) {
    this.requests = requests;
    this.procedure = procedure;
    this.runtime = runtime;
    this.cases = cases;
    this.units = units;
    this.manual = manual;
    this.escalations = escalations;
    this.selfChecks = selfChecks;
    this.notifications = notifications;
    this.clock = clock;
  }

  public record Started(long caseId, String processInstanceId) {
  }

  // --- starting a case

  /** A supervisor opens a case, as the engine's current user (only the discipline commission may). */
  @Transactional
  public Started start(String unitCode, String cause, String source) {
    CaseSource kind = source(source);
    if (kind == CaseSource.ESCALATION) {
      throw new InvalidInputException("逾期问责由督责程序自动启动，请选择投诉举报、检查发现或审核未通过");
    }
    String text = cause(cause);
    Unit unit = unit(unitCode);
    if (cases.caseExists(unit.code(), text)) {
      throw alreadyOpen(unit, text);
    }
    Map<String, Object> variables = new HashMap<>();
    variables.put(Variables.UNIT_CODE, unit.code());
    variables.put(Variables.CAUSE, text);
    variables.put(Variables.SOURCE, kind.name());
    try {
      String id = runtime.startProcessInstanceByKey(AccountabilityProcess.KEY, variables).getId();
      return new Started((Long) runtime.getVariable(id, Variables.CASE_ID), id);
    } catch (CaseAlreadyOpen | DuplicateKeyException e) {
      throw alreadyOpen(unit, text);
    }
  }

  /** The escalation ladder requested a case: it starts at once, and the request is marked as taken up. */
  @EventListener
  @Transactional
  public void onRequested(AccountabilityRequested requested) {
    long requestId = requested.requestId();
    // taken up first, in the case's transaction: a start that fails leaves the request open for the next patrol
    if (!requests.takeUp(requestId)) {
      return;
    }
    if (!cases.caseExists(requested.unitCode(), requested.cause())) {
      Map<String, Object> variables = new HashMap<>();
      variables.put(Variables.UNIT_CODE, requested.unitCode());
      variables.put(Variables.CAUSE, requested.cause());
      variables.put(Variables.SOURCE, CaseSource.ESCALATION.name());
      variables.put(Variables.REQUEST_ID, requestId);
      runtime.startProcessInstanceByKey(AccountabilityProcess.KEY, AccountabilityProcess.businessKey(requestId),
          variables);
      log.info("Accountability case started for unit {} ({})", requested.unitCode(), requested.cause());
    }
  }

  /** A case registered: its id and its unit (whose name the case shows). */
  record Registered(long caseId, Unit unit) {
  }

  /** The start event: claims the unit and cause; a second case of the pair is refused. */
  @Transactional
  Registered register(Object unitValue, Object causeValue, Object sourceValue, Object requestId,
      String processInstanceId, String by) {
    Unit unit = unit(unitValue instanceof String code ? code : null);
    String cause = cause(causeValue instanceof String text ? text : null);
    CaseSource source = source(sourceValue instanceof String text ? text : null);
    if (cases.caseExists(unit.code(), cause)) {
      throw new CaseAlreadyOpen(unit, cause);
    }
    try {
      return new Registered(cases.insertCase(unit.code(), cause, source,
          requestId instanceof Number n ? n.longValue() : null, processInstanceId, by, clock.instant()), unit);
    } catch (DuplicateKeyException e) {
      throw new CaseAlreadyOpen(unit, cause);
    }
  }

  // --- evidence

  /**
   * The unit's record entries, escalation steps and self-checks of the last six months, as text: stored with the
   * case, and (shortened if need be) shown on the verification form. Idempotent.
   */
  @Transactional
  public String collectEvidence(long caseId) {
    AccountabilityCase found = accountabilityCase(caseId);
    String unitCode = found.unitCode();
    Instant since = LocalDate.now(clock).minusMonths(EVIDENCE_MONTHS).atStartOfDay(zone()).toInstant();
    StringBuilder text = new StringBuilder();
    text.append("问责事由：").append(found.cause()).append("\n证据范围：").append(DAY.format(since.atZone(zone())))
        .append("至今（近").append(EVIDENCE_MONTHS).append("个月）\n");
    List<RecordEntry> entries = manual.entriesOf(unitCode).stream()
        .filter(entry -> !entry.occurredAt().isBefore(since)).toList();
    text.append("\n一、纪实手册记录（").append(entries.size()).append("条）\n");
    entries.forEach(entry -> text.append("· #").append(entry.seq()).append(" ")
        .append(TIME.format(entry.occurredAt().atZone(zone()))).append(" ").append(entry.summary())
        .append(entry.lateReason() == null ? "" : "（补录原因：" + entry.lateReason() + "）").append("\n"));
    List<EscalationStep> steps = escalations.stepsOf(unitCode).stream()
        .filter(step -> !step.takenAt().isBefore(since)).toList();
    text.append("\n二、逾期督责记录（").append(steps.size()).append("条）\n");
    steps.forEach(step -> text.append("· ").append(TIME.format(step.takenAt().atZone(zone()))).append(" ")
        .append(level(step)).append("：").append(step.taskName()).append("（截止")
        .append(TIME.format(step.dueAt().atZone(zone()))).append("）\n"));
    // the case is the district's: read the unit's self-checks as the discipline commission does
    List<SelfCheck> checks = selfChecks.visibleSelfChecks(
        Official.of("accountability", List.of(Groups.DISCIPLINE_COMMISSION)), unitCode, null).stream()
        .filter(check -> check.openedAt() != null && !check.openedAt().toInstant().isBefore(since)).toList();
    text.append("\n三、季度自查（").append(checks.size()).append("次）\n");
    checks.forEach(check -> {
      long notDone = check.results().stream().filter(r -> !"DONE".equals(r.status().name())).count();
      text.append("· ").append(check.quarter()).append("：").append(check.status().name())
          .append("，未完全完成事项").append(notDone).append("项")
          .append(check.lastComment() == null ? "" : "，意见：" + check.lastComment()).append("\n");
    });
    String dossier = text.toString();
    cases.setDossier(caseId, dossier.length() > 20000 ? dossier.substring(0, 20000) : dossier);
    return dossier;
  }

  /** The dossier as a form shows it: Camunda keeps String variables in 4,000 characters. */
  static String dossierVariable(String dossier, long caseId) {
    if (dossier.length() <= MAX_DOSSIER_VARIABLE) {
      return dossier;
    }
    return dossier.substring(0, MAX_DOSSIER_VARIABLE) + "\n……（内容较多，完整卷宗见 /api/accountability-cases/" + caseId
        + "）";
  }

  private static String level(EscalationStep step) {
    return switch (step.level()) {
      case REMINDED -> "提醒";
      case OVERDUE -> "逾期督办";
      case SUMMONED -> "约谈";
      case ESCALATED -> "问责";
      default -> step.level().name();
    };
  }

  // --- verification

  /** The commission's preliminary verification: open the case (investigations follow) or close it, with a note. */
  @Transactional
  public String verify(long caseId, Object decision, String note) {
    String text = text(note, MAX_TEXT, "核实意见过长，最多" + MAX_TEXT + "字");
    if ("OPEN".equals(decision)) {
      cases.setStatus(caseId, "INVESTIGATING", text);
    } else if ("CLOSE".equals(decision)) {
      cases.setStatus(caseId, "CLOSED", required(text, "不予立案时请写明核实情况和理由"));
    } else {
      throw new InvalidInputException("请选择“立案调查”或“不予立案”");
    }
    return (String) decision;
  }

  // --- investigations

  /** Tells the unit's secretary and inspector the decided measures, and every subject with a platform login. */
  @Transactional
  public void notifySubjects(long caseId) {
    AccountabilityCase found = accountabilityCase(caseId);
    String number = procedure.decision(caseId).map(ProcedureRepository.Decision::number).orElse(null);
    StringBuilder body = new StringBuilder(unitName(found.unitCode()) + "问责案件（" + found.cause()
        + "）经区委审定" + (number == null ? "" : "，问责决定书（" + number + "）已送达") + "，问责措施如下：\n");
    if (number != null) {
      body.append("对问责决定不服的，可以自收到问责决定书之日起一个月内提出申诉。\n");
    }
    cases.measures(caseId).forEach(m -> body.append("· ").append(CaseMeasures.subjectLabel(m)).append("：")
        .append(m.finalMeasure()).append("\n"));
    String subject = "【问责】" + unitName(found.unitCode()) + "问责决定";
    for (Role role : List.of(Role.SECRETARY, Role.INSPECTOR)) {
      notifications.notifyGroup(Groups.of(role, found.unitCode()), NotificationKind.ACCOUNTABILITY_DECIDED, subject,
          body.toString(), found.unitCode(), null);
    }
    cases.subjects(caseId).stream().map(CaseSubject::userId).filter(java.util.Objects::nonNull).distinct()
        .forEach(userId -> notifications.notifyUser(userId, NotificationKind.ACCOUNTABILITY_DECIDED, subject,
            body.toString(), found.unitCode(), null));
  }

  // --- rectification

  /** The committee's rectification requirement and deadline (after today), normalised to "yyyy-MM-dd". */
  String rectificationDeadline(String requirement, Object deadlineValue) {
    required(text(requirement, MAX_TEXT, "整改要求过长，最多" + MAX_TEXT + "字"), "请写明整改要求");
    LocalDate date = FormInputs.date(deadlineValue, zone(), "请填写整改期限", "整改期限格式不正确，例如 2026-12-31");
    if (!date.isAfter(LocalDate.now(clock))) {
      throw new InvalidInputException("整改期限应晚于今天");
    }
    return date.toString();
  }

  @Transactional
  public void rectified(long caseId) {
    cases.setStatus(caseId, "RECTIFIED", null);
  }

  // --- reading

  public AccountabilityCase accountabilityCase(long caseId) {
    return cases.findCase(caseId).orElseThrow(() -> new NotFoundException("问责案件不存在"));
  }

  /** A case with its subjects and measures, for district supervisors. */
  public record CaseView(AccountabilityCase accountabilityCase, List<Investigation> investigations,
      List<CaseSubject> subjects, List<CaseMeasure> measures) {
  }

  public CaseView view(Official official, long caseId) {
    if (!official.districtWide()) {
      throw new org.springframework.security.access.AccessDeniedException("Cases are for district supervisors");
    }
    return new CaseView(accountabilityCase(caseId), cases.investigations(caseId), cases.subjects(caseId),
        cases.measures(caseId));
  }

  public List<CaseMeasure> measures(long caseId) {
    return cases.measures(caseId);
  }

  public List<CaseSubject> subjects(long caseId) {
    return cases.subjects(caseId);
  }

  public String unitName(String unitCode) {
    return units.findByCode(unitCode).map(Unit::name).orElse(unitCode);
  }

  // --- helpers

  private CaseMeasure measure(long measureId) {
    return cases.measuresById(measureId).orElseThrow(() -> new NotFoundException("问责措施不存在"));
  }

  private Unit unit(String code) {
    if (code == null || code.isBlank()) {
      throw new InvalidInputException("请指定单位");
    }
    Unit unit = units.findByCode(code.strip())
        .orElseThrow(() -> new InvalidInputException("没有这个单位，请从列表中选择单位"));
    if (!unit.active()) {
      throw new InvalidInputException(unit.name() + "已撤销，不能发起问责");
    }
    return unit;
  }

  private static String cause(String cause) {
    return required(text(cause, MAX_CAUSE, "问责事由过长，最多" + MAX_CAUSE + "字"), "请写明问责事由");
  }

  private static CaseSource source(String source) {
    try {
      return CaseSource.valueOf(source == null ? "" : source.strip());
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("问责来源应为 COMPLAINT（投诉举报）、INSPECTION（检查发现）或 FAILED_REVIEW（审核未通过）");
    }
  }

  private ZoneId zone() {
    return clock.getZone();
  }

  private static ConflictException alreadyOpen(Unit unit, String cause) {
    return new ConflictException(unit.name() + "已有同一事由的问责案件（" + cause + "），不能重复立案");
  }

  /** A second case of a unit and cause, refused inside the engine. */
  static class CaseAlreadyOpen extends InvalidInputException {
    CaseAlreadyOpen(Unit unit, String cause) {
      super(unit.name() + "已有同一事由的问责案件（" + cause + "），不能重复立案");
    }
  }
}
