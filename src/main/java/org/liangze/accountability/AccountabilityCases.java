package org.liangze.accountability;

import org.liangze.escalation.AccountabilityRequested;
import org.liangze.escalation.AccountabilityRequests;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.dmn.engine.DmnDecisionRuleResult;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.camunda.spin.json.SpinJsonNode;
import org.camunda.spin.plugin.variable.SpinValues;
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
  static final int MAX_NOTIFICATION = 8000;
  /** Camunda keeps a String variable in a 4,000-character column. */
  static final int MAX_DOSSIER_VARIABLE = 3500;
  static final int EVIDENCE_MONTHS = 6;
  static final Set<String> ORGANISATION_MEASURES = Set.of("检查", "通报", "改组");
  static final Set<String> LEADER_MEASURES = Set.of("通报", "诫勉", "组织调整或组织处理", "纪律处分");
  /** Periods of consequences of a measure the committee put in place of the proposal. */
  static final Map<String, Integer> CONSEQUENCE_MONTHS = Map.of("诫勉", 6, "组织调整或组织处理", 12, "纪律处分", 12);
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd");
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

  private final RuntimeService runtime;
  private final DecisionService decisions;
  private final AccountabilityRepository cases;
  private final UnitRepository units;
  private final RecordManual manual;
  private final Escalations escalations;
  private final SelfCheckService selfChecks;
  private final Notifications notifications;
  private final ObjectMapper json;
  private final IdentityService identity;
  private final Clock clock;
  private final AccountabilityRequests requests;

  // the repository comes first: resolving it runs the Flyway migrations before the engine (created for the
  // runtime service) lays out its own tables; this package is the first one Spring scans
  AccountabilityCases(AccountabilityRepository cases, RuntimeService runtime, DecisionService decisions,
      UnitRepository units, RecordManual manual, Escalations escalations, SelfCheckService selfChecks,
      Notifications notifications, ObjectMapper json, IdentityService identity, Clock clock,
      AccountabilityRequests requests) {
    this.requests = requests;
    this.runtime = runtime;
    this.decisions = decisions;
    this.cases = cases;
    this.units = units;
    this.manual = manual;
    this.escalations = escalations;
    this.selfChecks = selfChecks;
    this.notifications = notifications;
    this.json = json;
    this.identity = identity;
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
    if (!requests.isOpen(requestId)) {
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
    requests.takeUp(requestId);
  }

  /** The start event: claims the unit and cause; a second case of the pair is refused. */
  @Transactional
  long register(Object unitValue, Object causeValue, Object sourceValue, Object requestId, String processInstanceId,
      String by) {
    Unit unit = unit(unitValue instanceof String code ? code : null);
    String cause = cause(causeValue instanceof String text ? text : null);
    CaseSource source = source(sourceValue instanceof String text ? text : null);
    if (cases.caseExists(unit.code(), cause)) {
      throw new CaseAlreadyOpen(unit, cause);
    }
    try {
      return cases.insertCase(unit.code(), cause, source, requestId instanceof Number n ? n.longValue() : null,
          processInstanceId, by, clock.instant());
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

  @JsonIgnoreProperties(ignoreUnknown = true)
  record SubjectRow(String name, String userId, String kind, String tier, String severity, Boolean lightening,
      Boolean aggravating, Boolean repeat) {
  }

  /** One investigation's subjects: each named, with a kind, tier and severity; stored for the case. */
  @Transactional
  public List<CaseSubject> recordSubjects(long caseId, String responsibility, Object value) {
    String label = "MAIN".equals(responsibility) ? "主体责任调查" : "监督责任调查";
    List<SubjectRow> rows = rows(value, SubjectRow.class, label + "的问责对象格式不正确，请在表单中逐项填写");
    if (rows.isEmpty()) {
      throw new InvalidInputException(label + "：请至少填写一个问责对象（党组织或领导干部）");
    }
    List<CaseSubject> subjects = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      SubjectRow row = rows.get(i);
      String where = label + "第" + (i + 1) + "个对象";
      if (row == null || row.name() == null || row.name().isBlank()) {
        throw new InvalidInputException(where + "：请填写名称或姓名");
      }
      if (row.name().strip().length() > 100) {
        throw new InvalidInputException(where + "：名称过长，最多100字");
      }
      String kind = oneOf(row.kind(), Set.of("ORGANISATION", "LEADER"), where + "：请选择党组织或领导干部");
      String tier = oneOf(row.tier(), Set.of("OVERALL", "PRINCIPAL", "IMPORTANT"), where + "：请选择领导责任层级");
      String severity = oneOf(row.severity(), Set.of("MINOR", "SERIOUS", "GRAVE"), where + "：请选择情节轻重");
      String userId = row.userId() == null || row.userId().isBlank() ? null : row.userId().strip();
      if (userId != null && identity.createUserQuery().userId(userId).count() == 0) {
        throw new InvalidInputException(where + "：平台账号不存在：" + userId);
      }
      subjects.add(new CaseSubject(null, responsibility, row.name().strip(), userId, kind, tier, severity,
          Boolean.TRUE.equals(row.lightening()), Boolean.TRUE.equals(row.aggravating()),
          Boolean.TRUE.equals(row.repeat())));
    }
    cases.replaceSubjects(caseId, responsibility, subjects);
    return subjects;
  }

  // --- measures

  /** One row of the approval form's dynamic list. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record MeasureRow(Long measureId, String subject, String proposed, Integer form, String note, String decision,
      String finalMeasure, String reason) {
  }

  /**
   * The decision table's proposals for every subject of both investigations, stored (once: a retry proposes
   * nothing twice) and returned as the approval form's rows.
   */
  @Transactional
  public TypedValue proposeMeasures(long caseId) {
    if (!cases.hasMeasures(caseId)) {
      for (CaseSubject subject : cases.subjects(caseId)) {
        for (Proposal proposal : propose(subject)) {
          cases.insertMeasure(caseId, subject.id(), proposal.measure(), proposal.form(), proposal.note(),
              proposal.consequenceMonths());
        }
      }
    }
    List<MeasureRow> rows = cases.measures(caseId).stream()
        .map(m -> new MeasureRow(m.id(), subjectLabel(m), m.proposedMeasure(), m.proposedForm(), m.note(), null,
            null, null))
        .toList();
    return jsonVariable(rows);
  }

  /** What the decision table proposes for one subject. */
  public record Proposal(String measure, int form, String note, Integer consequenceMonths) {
  }

  public List<Proposal> propose(CaseSubject subject) {
    Map<String, Object> inputs = new HashMap<>();
    inputs.put("subjectKind", subject.kind());
    inputs.put("responsibility", subject.responsibility());
    inputs.put("tier", subject.tier());
    inputs.put("severity", subject.severity());
    inputs.put("lightening", subject.lightening());
    inputs.put("aggravating", subject.aggravating());
    inputs.put("repeat", subject.repeat());
    List<Proposal> proposals = new ArrayList<>();
    for (DmnDecisionRuleResult entry : decisions.evaluateDecisionTableByKey(AccountabilityProcess.DECISION_KEY,
        inputs)) {
      Number months = (Number) entry.getEntryMap().get("consequenceMonths");
      proposals.add(new Proposal(entry.getEntry("measure"), ((Number) entry.getEntry("form")).intValue(),
          entry.getEntry("note"), months == null ? null : months.intValue()));
    }
    return proposals;
  }

  private static String subjectLabel(CaseMeasure measure) {
    return measure.subjectName() + "（" + ("LEADER".equals(measure.subjectKind()) ? "领导干部" : "党组织") + "，"
        + ("MAIN".equals(measure.responsibility()) ? "主体责任" : "监督责任") + "）";
  }

  /**
   * The committee's decision on every proposed measure: approved as proposed, or overridden by another measure of
   * the subject's kind with a reason. A measure with a period of consequences gets its end date.
   */
  @Transactional
  public void approveMeasures(long caseId, Object value, String by) {
    List<MeasureRow> rows = rows(value, MeasureRow.class, "问责措施格式不正确，请在表单中逐项审定");
    Map<Long, CaseMeasure> proposed = new LinkedHashMap<>();
    cases.measures(caseId).forEach(m -> proposed.put(m.id(), m));
    Map<Long, MeasureRow> decided = new LinkedHashMap<>();
    for (int i = 0; i < rows.size(); i++) {
      MeasureRow row = rows.get(i);
      String where = "第" + (i + 1) + "项措施";
      if (row == null || row.measureId() == null || !proposed.containsKey(row.measureId())
          || decided.put(row.measureId(), row) != null) {
        throw new InvalidInputException(where + "不是本案的建议措施，请刷新后重新审定");
      }
      CaseMeasure measure = proposed.get(row.measureId());
      where += "（" + subjectLabel(measure) + "：" + measure.proposedMeasure() + "）";
      if ("OVERRIDE".equals(row.decision())) {
        Set<String> allowed = "LEADER".equals(measure.subjectKind()) ? LEADER_MEASURES : ORGANISATION_MEASURES;
        if (row.finalMeasure() == null || !allowed.contains(row.finalMeasure().strip())) {
          throw new InvalidInputException(where + "：改为其他措施时请选择适用于该对象的措施");
        }
        required(text(row.reason(), MAX_TEXT, where + "：理由过长，最多" + MAX_TEXT + "字"),
            where + "：改变建议措施必须写明理由");
      } else if (!"APPROVE".equals(row.decision())) {
        throw new InvalidInputException(where + "：请选择“同意”或“改为其他措施”");
      }
    }
    for (CaseMeasure measure : proposed.values()) {
      if (!decided.containsKey(measure.id())) {
        throw new InvalidInputException("缺少措施：" + subjectLabel(measure) + "：" + measure.proposedMeasure()
            + "，每一项建议措施都要审定");
      }
    }
    Instant now = clock.instant();
    LocalDate today = LocalDate.now(clock);
    for (MeasureRow row : decided.values()) {
      CaseMeasure measure = proposed.get(row.measureId());
      boolean override = "OVERRIDE".equals(row.decision());
      String finalMeasure = override ? row.finalMeasure().strip() : measure.proposedMeasure();
      Integer months = finalMeasure.equals(measure.proposedMeasure()) ? measure.consequenceMonths()
          : CONSEQUENCE_MONTHS.get(finalMeasure);
      cases.decideMeasure(measure.id(), override ? "OVERRIDE" : "APPROVE", finalMeasure,
          text(row.reason(), MAX_TEXT, "理由过长"), by, now, months == null ? null : today.plusMonths(months));
    }
    cases.setStatus(caseId, "DECIDED", null);
  }

  /** The measures whose period of consequences ends some day: one reminder each. */
  public List<Long> consequencesOf(Object caseId) {
    return cases.measures(((Number) caseId).longValue()).stream().filter(m -> m.consequenceEndsOn() != null)
        .map(CaseMeasure::id).toList();
  }

  /** When a measure's period of consequences ends: 09:00 that day, in the district's time zone. */
  public Date consequenceEndOf(Object measureId) {
    return Date.from(measure(((Number) measureId).longValue()).consequenceEndsOn().atTime(9, 0).atZone(zone())
        .toInstant());
  }

  /** Tells the commission that a measure's period of consequences has ended. */
  @Transactional
  public void remindConsequenceEnd(long caseId, long measureId) {
    AccountabilityCase found = accountabilityCase(caseId);
    CaseMeasure measure = measure(measureId);
    notifications.notifyGroup(Groups.DISCIPLINE_COMMISSION, NotificationKind.CONSEQUENCE_PERIOD_ENDED,
        "【问责】" + measure.subjectName() + "“" + measure.finalMeasure() + "”影响期已满",
        unitName(found.unitCode()) + "问责案件（" + found.cause() + "）中，对" + measure.subjectName() + "的"
            + measure.finalMeasure() + "影响期已于" + measure.consequenceEndsOn() + "届满，请按规定做好后续工作。",
        found.unitCode(), null);
  }

  /** Tells the unit's secretary and inspector the decided measures, and every subject with a platform login. */
  @Transactional
  public void notifySubjects(long caseId) {
    AccountabilityCase found = accountabilityCase(caseId);
    StringBuilder body = new StringBuilder(unitName(found.unitCode()) + "问责案件（" + found.cause()
        + "）经区委审定，问责措施如下：\n");
    cases.measures(caseId).forEach(m -> body.append("· ").append(subjectLabel(m)).append("：")
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

  // --- public notification

  record Draft(String title, String text) {
  }

  /** The platform's draft of the public notification: leaders' names redacted (张三丰 → 张某某). */
  public Draft draftNotification(long caseId) {
    AccountabilityCase found = accountabilityCase(caseId);
    String unitName = unitName(found.unitCode());
    StringBuilder text = new StringBuilder("经查，" + unitName + "存在以下问题：" + found.cause()
        + "。依据《中国共产党问责条例》，经区委审定，对相关责任主体作出如下处理：\n");
    for (CaseMeasure m : cases.measures(caseId)) {
      String name = "LEADER".equals(m.subjectKind()) ? redact(m.subjectName()) : m.subjectName();
      text.append("· ").append(name).append("（").append("MAIN".equals(m.responsibility()) ? "主体责任" : "监督责任")
          .append("）：").append(m.finalMeasure()).append("。\n");
    }
    text.append("各单位要引以为戒，切实扛起管党治党政治责任。");
    return new Draft("关于" + unitName + "问责典型案例的通报", text.toString());
  }

  /** 张三丰 → 张某某, 李四 → 李某: the surname stays, every other character becomes 某. */
  static String redact(String name) {
    String stripped = name.strip();
    if (stripped.length() <= 1) {
      return "某";
    }
    return stripped.charAt(0) + "某".repeat(stripped.length() - 1);
  }

  /**
   * The commission's edited draft: it must not name a leader (the redacted form is used); the text with real names
   * is kept apart, for the committee to approve or not.
   */
  @Transactional
  public void saveDraft(long caseId, String title, String text, String by) {
    String cleanTitle = required(text(title, 200, "标题过长，最多200字"), "请填写通报标题");
    String redacted = required(text(text, MAX_NOTIFICATION, "通报正文过长，最多" + MAX_NOTIFICATION + "字"), "请填写通报正文");
    String real = redacted;
    for (CaseSubject subject : cases.subjects(caseId)) {
      if (!"LEADER".equals(subject.kind())) {
        continue;
      }
      if (subject.name().length() > 1 && (redacted.contains(subject.name()) || cleanTitle.contains(subject.name()))) {
        throw new InvalidInputException("通报稿不得出现真实姓名（" + redact(subject.name()) + "），请使用化名");
      }
      real = real.replace(redact(subject.name()), subject.name());
    }
    cases.saveDraft(caseId, cleanTitle, redacted, real, by);
  }

  /** The committee approves the draft (optionally with real names) or rejects it with a reason. */
  @Transactional
  public String decideNotification(long caseId, Object decision, Object realNames, String comment, String by) {
    String text = text(comment, MAX_TEXT, "意见过长，最多" + MAX_TEXT + "字");
    if ("APPROVE".equals(decision)) {
      cases.decideNotification(caseId, "APPROVED", Boolean.TRUE.equals(realNames), by, null);
    } else if ("REJECT".equals(decision)) {
      cases.decideNotification(caseId, "REJECTED", false, by, required(text, "不同意公开通报时请写明理由"));
    } else {
      throw new InvalidInputException("请选择“同意公开通报”或“不同意公开通报”");
    }
    return (String) decision;
  }

  /** Publishes an approved notification (idempotent). */
  @Transactional
  public void publish(long caseId) {
    cases.publish(caseId, clock.instant());
  }

  /** Published notifications, for every logged-in user of the district. */
  public List<PublicNotification> published() {
    return cases.published();
  }

  // --- rectification

  /** The committee's rectification requirement and deadline (after today), normalised to "yyyy-MM-dd". */
  String rectificationDeadline(String requirement, Object deadlineValue) {
    required(text(requirement, MAX_TEXT, "整改要求过长，最多" + MAX_TEXT + "字"), "请写明整改要求");
    LocalDate date;
    try {
      if (deadlineValue instanceof Date legacy) {
        date = legacy.toInstant().atZone(zone()).toLocalDate();
      } else if (deadlineValue instanceof String text && !text.isBlank()) {
        String trimmed = text.strip();
        date = LocalDate.parse(trimmed.length() > 10 ? trimmed.substring(0, 10) : trimmed);
      } else {
        throw new InvalidInputException("请填写整改期限");
      }
    } catch (DateTimeParseException e) {
      throw new InvalidInputException("整改期限格式不正确，例如 2026-12-31");
    }
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
    return cases.findCase(caseId).orElseThrow(() -> new NotFoundException("问责案件不存在：" + caseId));
  }

  /** A case with its subjects and measures, for district supervisors. */
  public record CaseView(AccountabilityCase accountabilityCase, List<CaseSubject> subjects,
      List<CaseMeasure> measures) {
  }

  public CaseView view(Official official, long caseId) {
    if (!official.districtWide()) {
      throw new org.springframework.security.access.AccessDeniedException("Cases are for district supervisors");
    }
    return new CaseView(accountabilityCase(caseId), cases.subjects(caseId), cases.measures(caseId));
  }

  public List<CaseMeasure> measures(long caseId) {
    return cases.measures(caseId);
  }

  public List<CaseSubject> subjects(long caseId) {
    return cases.subjects(caseId);
  }

  public Map<String, Object> notificationOf(long caseId) {
    return Map.of("status", cases.notificationStatus(caseId).orElse("NONE"));
  }

  public String unitName(String unitCode) {
    return units.findByCode(unitCode).map(Unit::name).orElse(unitCode);
  }

  // --- helpers

  private CaseMeasure measure(long measureId) {
    return cases.measuresById(measureId).orElseThrow(() -> new NotFoundException("问责措施不存在：" + measureId));
  }

  private <T> List<T> rows(Object value, Class<T> type, String message) {
    try {
      if (value instanceof SpinJsonNode node) {
        return readList(node.toString(), type);
      }
      if (value instanceof String text && !text.isBlank()) {
        return readList(text, type);
      }
      if (value instanceof Collection<?> collection) {
        return collection.stream().map(row -> json.convertValue(row, type)).toList();
      }
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw new InvalidInputException(message);
    }
    throw new InvalidInputException(message);
  }

  private <T> List<T> readList(String text, Class<T> type) throws JsonProcessingException {
    return json.readValue(text, json.getTypeFactory().constructCollectionType(List.class, type));
  }

  private TypedValue jsonVariable(Object rows) {
    try {
      return SpinValues.jsonValue(json.writeValueAsString(rows)).create();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Rows could not be written as JSON", e);
    }
  }

  private static String oneOf(String value, Set<String> allowed, String message) {
    if (value == null || !allowed.contains(value.strip())) {
      throw new InvalidInputException(message);
    }
    return value.strip();
  }

  private Unit unit(String code) {
    if (code == null || code.isBlank()) {
      throw new InvalidInputException("请指定单位");
    }
    return units.findByCode(code.strip()).orElseThrow(() -> new InvalidInputException("单位不存在：" + code.strip()));
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

  static String text(String value, int max, String tooLong) {
    if (value == null || value.isBlank()) {
      return null;
    }
    if (value.strip().length() > max) {
      throw new InvalidInputException(tooLong);
    }
    return value.strip();
  }

  static String required(String value, String message) {
    if (value == null) {
      throw new InvalidInputException(message);
    }
    return value;
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
