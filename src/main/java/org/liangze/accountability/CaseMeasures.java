package org.liangze.accountability;

import static org.liangze.platform.FormInputs.required;
import static org.liangze.platform.FormInputs.text;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.liangze.notification.NotificationKind;
import org.liangze.notification.Notifications;
import org.liangze.organisation.Groups;
import org.liangze.organisation.Unit;
import org.liangze.organisation.UnitRepository;
import org.liangze.platform.FormInputs;
import org.liangze.platform.InvalidInputException;
import org.liangze.platform.NotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A case's measures: what the measures decision table (evaluated by the model's business rule task, one evaluation
 * per subject) proposed, the committee's decision on each, and the period of consequences the second decision table
 * gives each final measure, with its reminder. Models reach this bean as {@code caseMeasures}.
 */
@Service("caseMeasures")
public class CaseMeasures {

  static final int MAX_TEXT = 2000;

  private final AccountabilityRepository cases;
  private final UnitRepository units;
  private final Notifications notifications;
  private final ObjectMapper json;
  private final Clock clock;

  CaseMeasures(AccountabilityRepository cases, UnitRepository units, Notifications notifications, ObjectMapper json,
      Clock clock) {
    this.cases = cases;
    this.units = units;
    this.notifications = notifications;
    this.json = json;
    this.clock = clock;
  }

  // --- the measures decision, per subject

  /** The subjects of both investigations: the business rule task evaluates the measures table once for each. */
  public List<Long> subjectsOf(Object caseId) {
    return cases.subjects(id(caseId)).stream().map(CaseSubject::id).toList();
  }

  /** One subject, for the business rule task's input mapping. */
  public CaseSubject subject(Object subjectId) {
    return cases.subject(id(subjectId)).orElseThrow(() -> new NotFoundException("问责对象不存在"));
  }

  /**
   * The table's rows for one subject (the result list of the business rule task), stored once: a retry stores
   * nothing twice.
   */
  @Transactional
  public void recordProposals(long caseId, long subjectId, Object results) {
    if (cases.subjectHasMeasures(subjectId)) {
      return;
    }
    if (!(results instanceof Collection<?> rows)) {
      throw new IllegalStateException("The measures decision gave no result list for subject " + subjectId);
    }
    for (Object row : rows) {
      Map<?, ?> entry = (Map<?, ?>) row;
      Number form = (Number) entry.get("form");
      cases.insertMeasure(caseId, subjectId, (String) entry.get("category"), (String) entry.get("measure"),
          form == null ? null : form.intValue(), (String) entry.get("note"));
    }
  }

  /** One row of the approval form's dynamic list. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record MeasureRow(Long measureId, String subject, String proposed, Integer form, String note, String decision,
      String finalMeasure, Integer finalForm, String reason) {
  }

  /** The proposals as the approval form's rows. */
  public TypedValue approvalRows(long caseId) {
    return FormInputs.jsonVariable(json, cases.measures(caseId).stream()
        .map(m -> new MeasureRow(m.id(), subjectLabel(m), m.proposedMeasure(), m.proposedForm(), m.note(), null,
            null, null, null))
        .toList());
  }

  static String subjectLabel(CaseMeasure measure) {
    return measure.subjectName() + "（" + ("LEADER".equals(measure.subjectKind()) ? "领导干部" : "党组织") + "，"
        + ("MAIN".equals(measure.responsibility()) ? "主体责任" : "监督责任") + "）";
  }

  /**
   * The committee's decision on every proposal: approved, or (a measure) put in place by another measure of the
   * subject's kind with a reason. A referral or the decision not to hold accountable can only be approved. The
   * period of consequences is left to the period decision that follows.
   */
  @Transactional
  public void approve(long caseId, Object value, String by) {
    List<MeasureRow> rows = FormInputs.rows(json, value, MeasureRow.class, "问责措施格式不正确，请在表单中逐项审定");
    Map<Long, CaseMeasure> proposed = new LinkedHashMap<>();
    cases.measures(caseId).forEach(m -> proposed.put(m.id(), m));
    Map<Long, MeasureRow> decided = new LinkedHashMap<>();
    Map<Long, Integer> finalForms = new LinkedHashMap<>();
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
        if (!Measures.Category.MEASURE.name().equals(measure.category())) {
          throw new InvalidInputException(where + "：移送监察机关、不予问责或免予问责的建议只能同意");
        }
        finalForms.put(measure.id(), change(where, measure.subjectKind(), row.finalMeasure(), row.finalForm(),
            row.reason()));
      } else if ("APPROVE".equals(row.decision())) {
        finalForms.put(measure.id(), measure.proposedForm());
      } else {
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
    for (MeasureRow row : decided.values()) {
      CaseMeasure measure = proposed.get(row.measureId());
      boolean override = "OVERRIDE".equals(row.decision());
      cases.decideMeasure(measure.id(), override ? "OVERRIDE" : "APPROVE",
          override ? row.finalMeasure().strip() : measure.proposedMeasure(), finalForms.get(measure.id()),
          text(row.reason(), MAX_TEXT, "理由过长"), by, now);
    }
    cases.setStatus(caseId, "DECIDED", null);
  }

  /** Checks a measure put in place of another (the committee's, or on appeal); returns its form. */
  static int change(String where, String subjectKind, String measure, Integer form, String reason) {
    Set<String> allowed = Measures.allowedFor(subjectKind);
    if (measure == null || !allowed.contains(measure.strip())) {
      throw new InvalidInputException(where + "：改为其他措施时请选择适用于该对象的措施");
    }
    Integer finalForm = Measures.formOf(measure.strip(), form);
    if (finalForm == null) {
      throw new InvalidInputException(where + "：请选择“" + measure.strip() + "”适用的形态（第二种或第三种形态）");
    }
    required(text(reason, MAX_TEXT, where + "：理由过长，最多" + MAX_TEXT + "字"), where + "：改变建议措施必须写明理由");
    return finalForm;
  }

  // --- the period of consequences, per decided measure

  /** The decided measures (not referrals or exemptions): the period decision is evaluated once for each. */
  public List<Long> measuresOf(Object caseId) {
    return cases.measures(id(caseId)).stream()
        .filter(m -> m.decision() != null && Measures.Category.MEASURE.name().equals(m.category()))
        .map(CaseMeasure::id).toList();
  }

  public CaseMeasure measure(Object measureId) {
    return cases.measuresById(id(measureId))
        .orElseThrow(() -> new NotFoundException("问责措施不存在"));
  }

  /**
   * The period decision's months for a measure (none: no period), counted from the day the measure was decided (by
   * the committee, or on appeal), whenever the decision's job runs.
   */
  @Transactional
  public void recordConsequencePeriod(long measureId, Object months) {
    Integer value = months instanceof Number n ? n.intValue() : null;
    LocalDate decided = cases.decidedAt(measureId).map(at -> LocalDate.ofInstant(at, clock.getZone()))
        .orElseGet(() -> LocalDate.now(clock));
    cases.setConsequencePeriod(measureId, value, value == null ? null : decided.plusMonths(value));
  }

  /** The measures whose period of consequences ends some day: one reminder each. */
  public List<Long> consequencesOf(Object caseId) {
    return cases.measures(id(caseId)).stream().filter(m -> m.consequenceEndsOn() != null)
        .map(CaseMeasure::id).toList();
  }

  /** When a measure's period of consequences ends: 09:00 that day, in the district's time zone. */
  public Date consequenceEndOf(Object measureId) {
    return Date.from(measure(measureId).consequenceEndsOn().atTime(9, 0).atZone(clock.getZone()).toInstant());
  }

  /** Tells the commission that a measure's period of consequences has ended. */
  @Transactional
  public void remindConsequenceEnd(long caseId, long measureId) {
    AccountabilityCase found = cases.findCase(caseId)
        .orElseThrow(() -> new NotFoundException("问责案件不存在"));
    CaseMeasure measure = measure(measureId);
    notifications.notifyGroup(Groups.DISCIPLINE_COMMISSION, NotificationKind.CONSEQUENCE_PERIOD_ENDED,
        "【问责】" + measure.subjectName() + "“" + measure.finalMeasure() + "”影响期已满",
        units.findByCode(found.unitCode()).map(Unit::name).orElse(found.unitCode()) + "问责案件（" + found.cause()
            + "）中，对" + measure.subjectName() + "的" + measure.finalMeasure() + "影响期已于"
            + measure.consequenceEndsOn() + "届满，请按规定做好后续工作。",
        found.unitCode(), null);
  }

  private static long id(Object value) {
    if (value instanceof Number n) {
      return n.longValue();
    }
    throw new IllegalArgumentException("Not an id: " + value);
  }
}
