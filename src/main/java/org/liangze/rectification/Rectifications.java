package org.liangze.rectification;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.List;
import java.util.stream.Collectors;
import org.liangze.organisation.Official;
import org.liangze.organisation.Unit;
import org.liangze.organisation.UnitRepository;
import org.liangze.platform.FormInputs;
import org.liangze.platform.InvalidInputException;
import org.liangze.platform.NotFoundException;
import org.liangze.record.EvidenceReferences;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Rectifications (整改): opened by whatever process calls the rectification sub-process, planned by the unit
 * secretary as rows of the ledger (one per problem, with its owner and deadline), each row carried out and evidenced
 * by its owner and verified by the discipline commission; the rectification is verified with its last row. Each step checks
 * its input and stores it in the same transaction as the task's completion.
 */
@Service
public class Rectifications {

  static final int MAX_SUBJECT = 2000;
  static final int MAX_CAUSE = 500;
  static final int MAX_TEXT = 4000;
  static final int MAX_COMMENT = 2000;

  private final RectificationRepository repository;
  private final UnitRepository units;
  private final EvidenceReferences evidence;
  private final Clock clock;
  private final RectificationLedger ledger;
  private final PlanRows planRows;
  private final ObjectMapper json;

  Rectifications(RectificationRepository repository, UnitRepository units, EvidenceReferences evidence, Clock clock,
      RectificationLedger ledger, PlanRows planRows, ObjectMapper json) {
    this.json = json;
    this.ledger = ledger;
    this.planRows = planRows;
    this.repository = repository;
    this.units = units;
    this.evidence = evidence;
    this.clock = clock;
  }

  record Opened(long id, Unit unit, String subject, String cause, LocalDate deadline, Date deadlineDue,
      LedgerSource source) {
  }

  /** Checks the caller's inputs and opens the rectification. */
  @Transactional
  Opened open(Object unitValue, Object subjectValue, Object causeValue, Object deadlineValue, String sourceKey,
      String processInstanceId, LedgerSource source) {
    if (!(unitValue instanceof String code) || code.isBlank()) {
      throw new InvalidInputException("整改：请指定单位");
    }
    Unit unit = units.findByCode(code.strip())
        .orElseThrow(() -> new InvalidInputException("整改：单位不存在或已撤销"));
    String subject = FormInputs.requiredText(subjectValue, MAX_SUBJECT, "请填写整改要求", "整改要求过长，最多" + MAX_SUBJECT + "字");
    String cause = FormInputs.requiredText(causeValue, MAX_CAUSE, "请填写整改缘由", "整改缘由过长，最多" + MAX_CAUSE + "字");
    LocalDate deadline = FormInputs.date(deadlineValue, clock.getZone(), "请填写整改期限", "整改期限格式不正确，例如 2026-12-31");
    long id = repository.insert(unit.code(), subject, cause, sourceKey, deadline, processInstanceId, source, now());
    Date due = Date.from(deadline.atTime(LocalTime.of(23, 59, 59)).atZone(clock.getZone()).toInstant());
    return new Opened(id, unit, subject, cause, deadline, due, source);
  }

  /**
   * The secretary's plan: the rows of the form's list, each filed in the ledger; or, from callers that send one text
   * ({@code planText}), one row. Returns the plan as text, one line per row, kept on the rectification.
   */
  @Transactional
  String plan(long id, Object rowsValue, Object planText) {
    Rectification rectification = rectification(id);
    String text = FormInputs.text(planText, MAX_TEXT, "整改方案过长，最多" + MAX_TEXT + "字");
    List<LedgerRow> planned = text != null ? ledger.planOneRow(rectification, text)
        : ledger.planRows(rectification, planRows.parse(rowsValue));
    String plan = text != null ? text : planned.stream()
        .map(row -> row.position() + ". " + row.problem() + "：" + row.measure() + "（责任人" + row.ownerName()
            + "，" + row.deadline() + "前完成）")
        .collect(Collectors.joining("\n"));
    repository.planned(id, plan.length() > MAX_TEXT ? plan.substring(0, MAX_TEXT) : plan, now());
    return plan;
  }

  /**
   * The owner reports one row done, with evidence; the rectification keeps the latest report too. The evidence and
   * records are what the form's tag lists picked (lists of file numbers and entry numbers), or, from API clients,
   * text with the numbers separated by spaces; either way each must be the unit's own.
   */
  @Transactional
  void report(long rowId, String unitCode, Object reportValue, Object evidenceValue, Object recordsValue) {
    String report = FormInputs.requiredText(reportValue, MAX_TEXT, "请填写整改落实情况", "整改落实情况过长，最多" + MAX_TEXT + "字");
    EvidenceReferences.Cited cited = evidence.cite(unitCode, "整改佐证",
        picked(evidenceValue, "佐证材料请从列表中选择"), picked(recordsValue, "纪实记录请从列表中选择"));
    if (cited.isEmpty()) {
      throw new InvalidInputException("请提供整改佐证：从列表中选择本单位已上传的佐证材料或纪实手册记录");
    }
    LedgerRow row = ledger.row(rowId);
    ledger.reported(rowId, report, cited.filesText(), cited.entriesText());
    repository.reported(row.rectificationId(), report, cited.filesText(), cited.entriesText(), now());
  }

  /** The open row of a rectification planned before the ledger (its one row, made from its plan if need be). */
  @Transactional
  long singleRowOf(long id) {
    List<Long> open = ledger.openRowIdsOf(id);
    if (!open.isEmpty()) {
      return open.get(0);
    }
    Rectification rectification = rectification(id);
    return ledger.planOneRow(rectification, rectification.plan() == null ? rectification.subject()
        : rectification.plan()).get(0).id();
  }

  /** What the commission found for one row, and whether that closed the whole rectification. */
  record Verdict(VerificationDecision decision, boolean rectificationVerified) {
  }

  /**
   * The commission verifies one row: verified closes it (整改销号), the rectification with its last row; not yet
   * (with a comment) sends it back to its owner.
   */
  @Transactional
  Verdict verify(long rowId, Object decisionValue, Object commentValue, String by) {
    VerificationDecision decision = null;
    for (VerificationDecision candidate : VerificationDecision.values()) {
      if (candidate.name().equals(decisionValue)) {
        decision = candidate;
      }
    }
    if (decision == null) {
      throw new InvalidInputException("请选择“验收通过”或“整改未到位”");
    }
    String comment = FormInputs.text(commentValue, MAX_COMMENT, "验收意见过长，最多" + MAX_COMMENT + "字");
    long id = ledger.row(rowId).rectificationId();
    if (decision == VerificationDecision.NOT_YET) {
      if (comment == null) {
        throw new InvalidInputException("整改未到位时请写明验收意见");
      }
      ledger.returned(rowId, comment);
      repository.notYet(id, comment);
      return new Verdict(decision, false);
    }
    boolean last = ledger.close(rowId, comment, by);
    if (last) {
      repository.verified(id, comment, by, now());
    }
    return new Verdict(decision, last);
  }

  /** A tag list's picks as text the evidence check reads: a JSON list, or typed text as it is. */
  private String picked(Object value, String malformed) {
    if (value instanceof String text && !text.strip().startsWith("[")) {
      return text;
    }
    return String.join(" ", FormInputs.optionalRows(json, value, String.class, malformed));
  }

  public Rectification rectification(long id) {
    return repository.find(id).orElseThrow(() -> new NotFoundException("整改不存在"));
  }

  /** Read-only: every rectification of the unit (the report draft). */
  public List<Rectification> rectificationsOf(String unitCode) {
    return repository.ofUnit(unitCode);
  }

  /** The unit's rectifications, for its own people and district supervisors. */
  public List<Rectification> visibleRectifications(Official official, String unitCode) {
    if (!official.canSee(unitCode)) {
      throw new AccessDeniedException("Unit " + unitCode + " is not the caller's");
    }
    return repository.ofUnit(unitCode);
  }

  private OffsetDateTime now() {
    return OffsetDateTime.now(clock);
  }
}
