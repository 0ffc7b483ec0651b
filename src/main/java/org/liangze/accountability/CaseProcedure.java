package org.liangze.accountability;

import static org.liangze.platform.FormInputs.required;
import static org.liangze.platform.FormInputs.text;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.liangze.organisation.Groups;
import org.liangze.organisation.Role;
import org.liangze.platform.FormInputs;
import org.liangze.platform.InvalidInputException;
import org.liangze.platform.NotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The procedure of the CPC Accountability Regulations around the decision: each subject's statement and defence
 * (陈述和申辩) and the investigators' answer to every point; the appeal (申诉) within one month and its review, each
 * measure upheld, changed or revoked. Models reach this bean as {@code caseProcedure}.
 */
@Service("caseProcedure")
public class CaseProcedure {

  static final int MAX_TEXT = 2000;
  static final int MAX_STATEMENT = 4000;
  static final int MAX_POINTS = 20;
  static final Duration DEFENCE = Duration.ofDays(7);
  static final Duration DEFENCE_REVIEW = Duration.ofDays(7);
  /** The Regulations: an appeal is reviewed within one month. */
  static final Duration APPEAL_REVIEW = Duration.ofDays(30);

  private final AccountabilityRepository cases;
  private final ProcedureRepository procedure;
  private final ObjectMapper json;
  private final Clock clock;

  CaseProcedure(AccountabilityRepository cases, ProcedureRepository procedure, ObjectMapper json, Clock clock) {
    this.cases = cases;
    this.procedure = procedure;
    this.json = json;
    this.clock = clock;
  }

  // --- due dates and who answers

  public Date defenceDue() {
    return Date.from(clock.instant().plus(DEFENCE));
  }

  public Date defenceReviewDue() {
    return Date.from(clock.instant().plus(DEFENCE_REVIEW));
  }

  /**
   * One month after delivery: the end of the appeal window, both the appeal task's due date and the moment its timer
   * closes the window (申诉期满). The timer is made as the task's scope starts, before the task, so it is never later
   * than the due date, and the escalation patrol never counts the task overdue (a window, not a duty).
   */
  public Date appealDue() {
    return Date.from(ZonedDateTime.now(clock).plusMonths(1).toInstant());
  }

  public Date appealReviewDue() {
    return Date.from(clock.instant().plus(APPEAL_REVIEW));
  }

  /** A leader with a platform login answers in person. */
  public String defenderOf(Object subjectId) {
    return subject(subjectId).userId();
  }

  /**
   * Who may enter the subject's statement: a Party organisation's secretary (the unit's secretary group), and for
   * anyone the commission, which enters a statement made on paper or orally.
   */
  public List<String> defenceGroupsOf(Object subjectId, String unitCode) {
    CaseSubject subject = subject(subjectId);
    return subject.leader() ? List.of(Groups.DISCIPLINE_COMMISSION)
        : List.of(Groups.of(Role.SECRETARY, unitCode), Groups.DISCIPLINE_COMMISSION);
  }

  /** The unit's secretary lodges an appeal on behalf of the unit or its leaders. */
  public String appealGroupOf(String unitCode) {
    return Groups.of(Role.SECRETARY, unitCode);
  }

  public String subjectNameOf(Object subjectId) {
    return subject(subjectId).name();
  }

  /** What the subject answers: the investigators' facts and the responsibility found for the subject. */
  public String chargesOf(Object subjectId) {
    CaseSubject subject = subject(subjectId);
    Investigation investigation = cases.investigations(caseOfSubject(subject)).stream()
        .filter(i -> i.responsibility().equals(subject.responsibility())).findFirst().orElse(null);
    StringBuilder text = new StringBuilder();
    if (investigation != null) {
      text.append("调查认定的事实：").append(investigation.facts()).append("\n调查结论：").append(investigation.findings());
    }
    if (subject.finding() != null) {
      text.append("\n应负的责任：").append(subject.finding());
    }
    return text.toString();
  }

  // --- statement and defence

  @JsonIgnoreProperties(ignoreUnknown = true)
  record PointRow(String point) {
  }

  /** One subject's statement and the points of its defence, or its waiver; stored (a resubmission replaces them). */
  @Transactional
  public void recordDefence(long caseId, long subjectId, Object waived, String statement, Object points, String by) {
    CaseSubject subject = subject(subjectId);
    String where = "陈述和申辩（" + subject.name() + "）";
    boolean waiver = Boolean.TRUE.equals(waived);
    String text = text(statement, MAX_STATEMENT, where + "：陈述内容过长，最多" + MAX_STATEMENT + "字");
    List<String> list = new ArrayList<>();
    if (points != null) {
      for (PointRow row : FormInputs.rows(json, points, PointRow.class, where + "：申辩要点格式不正确")) {
        String point = row == null ? null : text(row.point(), MAX_TEXT, where + "：申辩要点过长，最多" + MAX_TEXT + "字");
        if (point != null) {
          list.add(point);
        }
      }
    }
    if (list.size() > MAX_POINTS) {
      throw new InvalidInputException(where + "：申辩要点最多" + MAX_POINTS + "条");
    }
    if (!waiver) {
      required(text, where + "：请填写陈述内容，或选择放弃陈述和申辩");
    } else if (text != null || !list.isEmpty()) {
      throw new InvalidInputException(where + "：已选择放弃陈述和申辩，请不要再填写陈述或申辩要点");
    }
    procedure.saveDefence(caseId, subjectId, waiver, text, list, by, clock.instant());
  }

  /** One row of the review form: a point of a subject's defence, to adopt or reject with a reason. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record ReviewRow(Long pointId, String subject, String point, String decision, String reason) {
  }

  /** The points of every defence, as the review form's rows. */
  public TypedValue defenceRows(long caseId) {
    return FormInputs.jsonVariable(json, procedure.points(caseId).stream()
        .map(p -> new ReviewRow(p.id(), p.subjectName(), p.point(), null, null)).toList());
  }

  /** The statements, as the review form shows them. */
  public String statementsOf(long caseId) {
    Map<Long, String> names = new LinkedHashMap<>();
    cases.subjects(caseId).forEach(s -> names.put(s.id(), s.name()));
    StringBuilder text = new StringBuilder();
    for (ProcedureRepository.Defence defence : procedure.defences(caseId)) {
      text.append(names.getOrDefault(defence.subjectId(), "")).append("：")
          .append(defence.waived() ? "放弃陈述和申辩" : defence.statement()).append("\n");
    }
    return text.toString();
  }

  /** The investigators' answer to every point: adopted or rejected, each with a reason. */
  @Transactional
  public void reviewDefences(long caseId, Object value, String by) {
    Map<Long, ProcedureRepository.Point> points = new LinkedHashMap<>();
    procedure.points(caseId).forEach(p -> points.put(p.id(), p));
    List<ReviewRow> rows = points.isEmpty() && value == null ? List.of()
        : FormInputs.rows(json, value, ReviewRow.class, "申辩意见的审查格式不正确，请在表单中逐条审查");
    Map<Long, ReviewRow> reviewed = new LinkedHashMap<>();
    for (int i = 0; i < rows.size(); i++) {
      ReviewRow row = rows.get(i);
      String where = "第" + (i + 1) + "条申辩意见";
      if (row == null || row.pointId() == null || !points.containsKey(row.pointId())
          || reviewed.put(row.pointId(), row) != null) {
        throw new InvalidInputException(where + "不是本案的申辩意见，请刷新后重新审查");
      }
      where += "（" + points.get(row.pointId()).subjectName() + "）";
      if (!"ADOPT".equals(row.decision()) && !"REJECT".equals(row.decision())) {
        throw new InvalidInputException(where + "：请选择“采纳”或“不予采纳”");
      }
      required(text(row.reason(), MAX_TEXT, where + "：理由过长，最多" + MAX_TEXT + "字"), where + "：请写明采纳或不予采纳的理由");
    }
    for (ProcedureRepository.Point point : points.values()) {
      if (!reviewed.containsKey(point.id())) {
        throw new InvalidInputException("缺少对" + point.subjectName() + "申辩意见“" + point.point() + "”的审查，每一条都要答复");
      }
    }
    Instant now = clock.instant();
    reviewed.values().forEach(row -> procedure.reviewPoint(row.pointId(), "ADOPT".equals(row.decision()),
        row.reason().strip(), by, now));
  }

  // --- appeal

  /** The unit's answer within the month: an appeal (who, on what grounds) or none. Returns whether it appealed. */
  @Transactional
  public boolean recordAppeal(long caseId, Object appeal, String appellant, String grounds, String by) {
    if ("NONE".equals(appeal)) {
      return false;
    }
    if (!"APPEAL".equals(appeal)) {
      throw new InvalidInputException("请选择“提出申诉”或“不申诉”");
    }
    String who = required(text(appellant, 200, "申诉人过长，最多200字"), "请写明申诉人（被问责的党组织或领导干部）");
    String why = required(text(grounds, MAX_STATEMENT, "申诉理由过长，最多" + MAX_STATEMENT + "字"), "请写明申诉理由");
    procedure.saveAppeal(caseId, who, why, by, clock.instant());
    return true;
  }

  /** One row of the appeal review: a measure in force, upheld, changed (to what) or revoked, with a reason. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record AppealRow(Long measureId, String subject, String measure, String outcome, String newMeasure,
      Integer newForm, String reason) {
  }

  public TypedValue appealRows(long caseId) {
    return FormInputs.jsonVariable(json, cases.measures(caseId).stream()
        .filter(m -> m.inForce() && Measures.Category.MEASURE.name().equals(m.category()))
        .map(m -> new AppealRow(m.id(), CaseMeasures.subjectLabel(m), m.finalMeasure(), null, null, null, null))
        .toList());
  }

  public String appealOf(long caseId) {
    return procedure.appeal(caseId).map(a -> "申诉人：" + a.appellant() + "\n申诉理由：" + a.grounds()).orElse("");
  }

  /** The review of the appeal: every measure upheld, changed (a measure of the subject's kind) or revoked. */
  @Transactional
  public void reviewAppeal(long caseId, Object value, String by) {
    Map<Long, CaseMeasure> inForce = new LinkedHashMap<>();
    cases.measures(caseId).stream().filter(m -> m.inForce() && Measures.Category.MEASURE.name().equals(m.category()))
        .forEach(m -> inForce.put(m.id(), m));
    List<AppealRow> rows = FormInputs.rows(json, value, AppealRow.class, "申诉复查意见格式不正确，请在表单中逐项复查");
    Map<Long, AppealRow> reviewed = new LinkedHashMap<>();
    Map<Long, Integer> forms = new LinkedHashMap<>();
    for (int i = 0; i < rows.size(); i++) {
      AppealRow row = rows.get(i);
      String where = "第" + (i + 1) + "项措施";
      if (row == null || row.measureId() == null || !inForce.containsKey(row.measureId())
          || reviewed.put(row.measureId(), row) != null) {
        throw new InvalidInputException(where + "不是本案有效的问责措施，请刷新后重新复查");
      }
      CaseMeasure measure = inForce.get(row.measureId());
      where += "（" + CaseMeasures.subjectLabel(measure) + "：" + measure.finalMeasure() + "）";
      String reason = text(row.reason(), MAX_TEXT, where + "：理由过长，最多" + MAX_TEXT + "字");
      switch (Objects.requireNonNullElse(row.outcome(), "")) {
        case "UPHOLD" -> required(reason, where + "：维持原决定也请写明理由");
        case "REVOKE" -> required(reason, where + "：撤销问责措施必须写明理由");
        case "CHANGE" -> {
          forms.put(measure.id(), CaseMeasures.change(where, measure.subjectKind(), row.newMeasure(), row.newForm(),
              reason));
          if (row.newMeasure().strip().equals(measure.finalMeasure())
              && forms.get(measure.id()).equals(measure.finalForm())) {
            throw new InvalidInputException(where + "：变更后的措施与原措施相同，请选择“维持”");
          }
          if (Measures.heavier(measure.subjectKind(), row.newMeasure().strip(),
              forms.get(measure.id()), measure.finalMeasure(), measure.finalForm())) {
            throw new InvalidInputException(where + "：不得因申诉而加重处理，变更后的措施不能重于原措施");
          }
        }
        default -> throw new InvalidInputException(where + "：请选择“维持”“变更”或“撤销”");
      }
    }
    for (CaseMeasure measure : inForce.values()) {
      if (!reviewed.containsKey(measure.id())) {
        throw new InvalidInputException("缺少措施：" + CaseMeasures.subjectLabel(measure) + "：" + measure.finalMeasure()
            + "，每一项问责措施都要复查");
      }
    }
    Instant now = clock.instant();
    for (AppealRow row : reviewed.values()) {
      switch (row.outcome()) {
        case "UPHOLD" -> procedure.upholdMeasure(row.measureId(), row.reason().strip());
        case "REVOKE" -> procedure.revokeMeasure(row.measureId(), row.reason().strip());
        default -> procedure.changeMeasure(row.measureId(), row.newMeasure().strip(), forms.get(row.measureId()),
            row.reason().strip(), now);
      }
    }
    procedure.appealReviewed(caseId, by, now);
  }

  /** The measures changed on appeal: the period decision is evaluated again for each. */
  public List<Long> changedOnAppealOf(Object caseId) {
    return cases.measures(((Number) caseId).longValue()).stream().filter(m -> "CHANGED".equals(m.appealOutcome()))
        .map(CaseMeasure::id).toList();
  }

  private CaseSubject subject(Object subjectId) {
    return cases.subject(((Number) subjectId).longValue())
        .orElseThrow(() -> new NotFoundException("问责对象不存在"));
  }

  private long caseOfSubject(CaseSubject subject) {
    return cases.caseOfSubject(subject.id());
  }
}
