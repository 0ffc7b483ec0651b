package org.liangze.rectification;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.liangze.organisation.Unit;
import org.liangze.organisation.UnitRepository;
import org.liangze.platform.InvalidInputException;
import org.liangze.rectification.RectificationProcess.Variables;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The commission enters an inspection's findings (巡察反馈) for a unit: one rectification, started as the caller (so
 * only those Camunda lets start it can), whose plan form is pre-filled with one row per finding for the unit's
 * secretary to give each a measure, an owner and a deadline.
 */
@Service
public class InspectionFindings {

  static final int MAX_ROUND = 200;
  static final int MAX_FINDINGS = RectificationLedger.MAX_ROWS;

  private final RuntimeService runtime;
  private final UnitRepository units;
  private final PlanRows planRows;
  private final Clock clock;

  InspectionFindings(RuntimeService runtime, UnitRepository units, PlanRows planRows, Clock clock) {
    this.runtime = runtime;
    this.units = units;
    this.planRows = planRows;
    this.clock = clock;
  }

  /** What the commission enters: the round, the findings (one problem each), the rectification deadline. */
  public record Request(String round, List<String> findings, String deadline) {
  }

  public record Started(long rectificationId, String processInstanceId) {
  }

  @Transactional
  public Started enter(String unitCode, Request request) {
    Unit unit = units.findByCode(unitCode).filter(Unit::active)
        .orElseThrow(() -> new InvalidInputException("单位不存在或已撤销"));
    if (request == null || request.round() == null || request.round().isBlank()) {
      throw new InvalidInputException("请填写巡察轮次，例如“2026年区委第一轮巡察”");
    }
    String round = request.round().strip();
    if (round.length() > MAX_ROUND) {
      throw new InvalidInputException("巡察轮次过长，最多" + MAX_ROUND + "字");
    }
    List<String> findings = new ArrayList<>();
    for (String finding : request.findings() == null ? List.<String>of() : request.findings()) {
      if (finding != null && !finding.isBlank()) {
        findings.add(finding.strip());
      }
    }
    if (findings.isEmpty()) {
      throw new InvalidInputException("请至少填写一个巡察发现的问题");
    }
    if (findings.size() > MAX_FINDINGS) {
      throw new InvalidInputException("一次最多录入" + MAX_FINDINGS + "个问题");
    }
    for (int i = 0; i < findings.size(); i++) {
      if (findings.get(i).length() > RectificationLedger.MAX_PROBLEM) {
        throw new InvalidInputException("第" + (i + 1) + "个问题过长，最多" + RectificationLedger.MAX_PROBLEM + "字");
      }
    }
    LocalDate deadline;
    try {
      deadline = LocalDate.parse(request.deadline() == null ? "" : request.deadline().strip());
    } catch (DateTimeParseException e) {
      throw new InvalidInputException("请填写整改期限，例如 2026-12-31");
    }
    if (!deadline.isAfter(LocalDate.now(clock))) {
      throw new InvalidInputException("整改期限须晚于今天");
    }
    StringBuilder subject = new StringBuilder();
    List<Map<String, String>> rows = new ArrayList<>();
    for (int i = 0; i < findings.size(); i++) {
      subject.append(i == 0 ? "" : "\n").append(i + 1).append(". ").append(findings.get(i));
      rows.add(Map.of("problem", findings.get(i), "deadline", deadline.toString()));
    }
    Map<String, Object> variables = new HashMap<>();
    variables.put(Variables.UNIT_CODE, unit.code());
    variables.put(Variables.SUBJECT, subject.length() > Rectifications.MAX_SUBJECT
        ? subject.substring(0, Rectifications.MAX_SUBJECT - 1) + "…" : subject.toString());
    variables.put(Variables.CAUSE, "巡察反馈：" + round);
    variables.put(Variables.DEADLINE, deadline.toString());
    variables.put(Variables.LEDGER_ROWS, planRows.variable(rows));
    variables.put(Variables.INSPECTION_ROUND, round);
    String businessKey = "inspection-" + unit.code() + "-" + clock.millis();
    String instance = runtime.startProcessInstanceByKey(RectificationProcess.KEY, businessKey, variables).getId();
    long id = ((Number) runtime.getVariable(instance, Variables.RECTIFICATION_ID)).longValue();
    return new Started(id, instance);
  }
}
