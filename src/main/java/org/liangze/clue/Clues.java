package org.liangze.clue;

import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.spin.Spin;
import org.camunda.spin.json.SpinJsonNode;
import org.liangze.accountability.AccountabilityCases;
import org.liangze.organisation.Unit;
import org.liangze.organisation.UnitRepository;
import org.liangze.platform.FormInputs;
import org.liangze.platform.InvalidInputException;
import org.liangze.platform.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Problem clues (问题线索): a case source beside the escalation ladder. The discipline commission registers a
 * complaint or report (信访举报) or an inspection finding ({@code processes/clue.bpmn}'s start form), then triages
 * it: the unit it concerns picked from a list, and either an accountability case opened through the accountability
 * feature's public start ({@link AccountabilityCases#start}, the case's source the clue's) or the clue closed with a
 * reason. The model reaches this bean as {@code clues} for the triage task's due date.
 */
@Service("clues")
public class Clues {

  private static final Logger log = LoggerFactory.getLogger(Clues.class);
  static final int MAX_TITLE = 100;
  static final int MAX_CONTENT = 2000;
  static final int MAX_REPORTER = 100;
  static final int MAX_CAUSE = 400;
  static final int MAX_REASON = 1000;
  static final String OPEN_CASE = "OPEN_CASE";
  static final String CLOSE = "CLOSE";

  private final ClueRepository clues;
  private final UnitRepository units;
  private final AccountabilityCases cases;
  private final Clock clock;
  private final Duration triagePeriod;

  Clues(ClueRepository clues, UnitRepository units, AccountabilityCases cases, Clock clock,
      @Value("${liangze.clues.triage:P15D}") Duration triagePeriod) {
    this.clues = clues;
    this.units = units;
    this.cases = cases;
    this.clock = clock;
    this.triagePeriod = triagePeriod;
  }

  /** The triage task's due date: {@code liangze.clues.triage} (default 15 days) from now. */
  public Date triageDue() {
    return Date.from(clock.instant().plus(triagePeriod));
  }

  /** The start event: checks the form and opens the clue's row. */
  @Transactional
  public Clue register(Object source, Object title, Object content, Object reporter, String processInstanceId,
      String by) {
    ClueSource kind = ClueSource.of(source)
        .orElseThrow(() -> new InvalidInputException("请选择线索来源：信访举报或巡察检查发现"));
    String heading = text(title, "线索标题", MAX_TITLE, true);
    String facts = text(content, "反映的主要问题", MAX_CONTENT, true);
    String who = text(reporter, "反映人", MAX_REPORTER, false);
    long id = clues.insert(kind, heading, facts, who, processInstanceId, by, clock.instant());
    log.info("Clue {} registered ({})", id, kind);
    return clues.find(id).orElseThrow();
  }

  /** The active units as options of the triage form's select: the unit's name, its code as the value. */
  public SpinJsonNode unitOptions() {
    List<Map<String, String>> options = units.findAllActive().stream()
        .map(unit -> {
          Map<String, String> option = new LinkedHashMap<>();
          option.put("label", unit.name() + "（" + unit.type().label() + "）");
          option.put("value", unit.code());
          return option;
        })
        .toList();
    return Spin.JSON(options);
  }

  /**
   * The triage task's completion: the decision, checked — a case needs a unit of the district, a closed clue its
   * reason. Returns whether a case is to be opened. A clue is triaged once.
   */
  @Transactional
  public boolean triage(long clueId, Object decision, Object unitCode, Object cause, Object closeReason, String by) {
    Clue clue = clue(clueId);
    if (OPEN_CASE.equals(decision)) {
      Unit unit = unitCode instanceof String code && !code.isBlank() ? units.findByCode(code).filter(Unit::active)
          .orElseThrow(() -> new InvalidInputException("所选单位不存在或已撤销，请从列表中重新选择被反映单位"))
          : null;
      if (unit == null) {
        throw new InvalidInputException("立案问责须选择被反映单位");
      }
      String text = text(cause, "问责事由", MAX_CAUSE, false);
      String caseCause = "问题线索第" + clue.id() + "号：" + (text == null ? clue.title() : text);
      record(clueId, Clue.OPENING_CASE, unit.code(), caseCause, null, by);
      return true;
    }
    if (CLOSE.equals(decision)) {
      String reason = text(closeReason, "了结理由", MAX_REASON, true);
      String unit = unitCode instanceof String code && !code.isBlank() && units.findByCode(code).isPresent()
          ? code : null;
      record(clueId, Clue.CLOSED, unit, null, reason, by);
      return false;
    }
    throw new InvalidInputException("请选择处置意见：立案问责或予以了结");
  }

  /**
   * Opens the accountability case the triage decided, its source the clue's; idempotent (a retried job finds the
   * case already opened). Returns the case's id.
   */
  @Transactional
  public long openCase(long clueId) {
    Clue clue = clue(clueId);
    if (Clue.CASE_OPENED.equals(clue.status())) {
      return clue.caseId();
    }
    if (!Clue.OPENING_CASE.equals(clue.status())) {
      throw new IllegalStateException("Clue " + clueId + " was not triaged for a case: " + clue.status());
    }
    AccountabilityCases.Started started = cases.start(clue.unitCode(), clue.cause(), clue.source().name());
    clues.caseOpened(clueId, started.caseId());
    log.info("Clue {} opened accountability case {}", clueId, started.caseId());
    return started.caseId();
  }

  public Clue clue(long clueId) {
    return clues.find(clueId).orElseThrow(() -> new NotFoundException("问题线索不存在"));
  }

  public List<Clue> all() {
    return clues.all();
  }

  private void record(long clueId, String status, String unitCode, String cause, String reason, String by) {
    if (!clues.triage(clueId, status, unitCode, cause, reason, by, clock.instant())) {
      throw new InvalidInputException("该问题线索已分办，不能重复处置");
    }
  }

  private static String text(Object value, String label, int max, boolean required) {
    String text = value instanceof String s ? s : null;
    return required ? FormInputs.requiredText(text, max, "请填写" + label, label + "不能超过" + max + "字")
        : FormInputs.text(text, max, label + "不能超过" + max + "字");
  }

}
