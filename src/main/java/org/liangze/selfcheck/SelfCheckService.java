package org.liangze.selfcheck;

import static org.liangze.platform.FormInputs.required;
import static org.liangze.platform.FormInputs.text;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.liangze.lists.EffectiveItem;
import org.liangze.lists.ListService;
import org.liangze.organisation.Official;
import org.liangze.organisation.Role;
import org.liangze.organisation.UnitPeople;
import org.liangze.organisation.Unit;
import org.liangze.organisation.UnitRepository;
import org.liangze.platform.FormInputs;
import org.liangze.platform.InvalidInputException;
import org.liangze.platform.NotFoundException;
import org.liangze.platform.TransactionMemo;
import org.liangze.record.EvidenceReferences;
import org.liangze.selfcheck.AssessmentRows.Row;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A unit's self-check of a quarter: opened with every item of its lists, assessed in shares (each 责任人 their own
 * items, the staff those without one), checked by its 纪检委员 if it has one, signed off by its secretary, reviewed
 * by the level above. Each step checks its input and stores it in the same
 * transaction as the task's completion, so refused input changes nothing.
 */
@Service
public class SelfCheckService {

  static final int MAX_NOTE = 1000;
  static final int MAX_COMMENT = 2000;
  /** The share of the items without a 责任人 of the unit, which the unit's staff assess. */
  static final String STAFF_SHARE = "";

  private final SelfCheckRepository checks;
  private final ListService lists;
  private final UnitRepository units;
  private final UnitPeople unitPeople;
  private final EvidenceReferences evidence;
  private final ApplicationEventPublisher events;
  private final Clock clock;
  /**
   * A self-check's start, its assessors and each of their shares read the unit, its list and its people in one job:
   * once per transaction, and for every unit of a campaign's batch together ({@link SelfCheckBatch}).
   */
  private final TransactionMemo<String, Unit> unitsByCode = new TransactionMemo<>();
  private final TransactionMemo<String, List<EffectiveItem>> items = new TransactionMemo<>();
  private final TransactionMemo<String, List<UnitPeople.Member>> members = new TransactionMemo<>();
  private final TransactionMemo<Quarter, Boolean> campaigns = new TransactionMemo<>();
  private final TransactionMemo<String, Boolean> alreadyOpened = new TransactionMemo<>();
  private final SelfCheckBatch batch;

  SelfCheckService(SelfCheckRepository checks, ListService lists, UnitRepository units, UnitPeople unitPeople,
      EvidenceReferences evidence, SelfCheckBatch batch, ApplicationEventPublisher events, Clock clock) {
    this.checks = checks;
    this.lists = lists;
    this.units = units;
    this.unitPeople = unitPeople;
    this.evidence = evidence;
    this.batch = batch;
    this.events = events;
    this.clock = clock;
  }

  /** {@code inspectorCheck}: the unit has a 纪检委员, who checks the self-check before the secretary signs off. */
  record Opened(Unit unit, Quarter quarter, boolean inspectorCheck) {
  }

  /** One share's rows for its assessment form, and whose they are in words. */
  record Share(List<Row> rows, String label) {
  }

  record Submitted(List<Row> rows, String summary) {
  }

  /**
   * Opens the unit's self-check of the quarter, to be assessed item by item: the rows are the unit's effective list,
   * which each share reads as it opens ({@link #share}); nothing of them is copied onto the process.
   */
  @Transactional
  Opened open(Object unitValue, Object quarterValue, String processInstanceId) {
    Quarter quarter = Quarter.parse(quarterValue == null ? null : quarterValue.toString());
    Unit unit = unit(unitValue);
    if (!campaigns.get(quarter, checks::campaignExists)) {
      throw new InvalidInputException(quarter.label() + "自查尚未启动");
    }
    if (opened(unit.code(), quarter)) {
      throw new InvalidInputException(unit.name() + quarter.label() + "自查已经开始，不能重复开始");
    }
    checks.insert(unit.code(), quarter, processInstanceId, now());
    alreadyOpened.put(unit.code() + "/" + quarter, true);
    events.publishEvent(new SelfCheckOpened(unit.code(), quarter.toString()));
    boolean inspector = people(unit.code()).stream().anyMatch(member -> member.holds(Role.INSPECTOR));
    return new Opened(unit, quarter, inspector);
  }

  /**
   * Who assesses which items: each item's 责任人 while they are a person of the unit, else the staff
   * ({@link #STAFF_SHARE}); the shares in the order of their first item.
   */
  Map<String, List<EffectiveItem>> shares(String unitCode, Quarter quarter) {
    Set<String> people = new HashSet<>();
    people(unitCode).forEach(member -> people.add(member.userId()));
    Map<String, List<EffectiveItem>> shares = new LinkedHashMap<>();
    for (EffectiveItem item : effectiveItems(unitCode, quarter.year())) {
      String assessor = people.contains(item.responsiblePerson()) ? item.responsiblePerson() : STAFF_SHARE;
      shares.computeIfAbsent(assessor, key -> new ArrayList<>()).add(item);
    }
    return shares;
  }

  /** The assessors of the unit's self-check: one instance of the assessment each. */
  public List<String> assessors(String unitCode, String quarterText) {
    return new ArrayList<>(shares(unitCode, Quarter.parse(quarterText)).keySet());
  }

  /** The rows of one share, with what was assessed before (a returned self-check), for its form. */
  Share share(String unitCode, String quarterText, String assessor, List<Row> before) {
    Map<Long, Row> previous = new HashMap<>();
    before.forEach(row -> previous.put(row.itemId(), row));
    List<Row> rows = shares(unitCode, Quarter.parse(quarterText)).getOrDefault(assessor, List.of()).stream()
        .map(item -> {
          Row row = previous.get(item.itemId());
          return row == null ? new Row(item.itemId(), item.label(), null, null, List.of(), List.of())
              : new Row(item.itemId(), item.label(), row.status(), row.note(), row.evidence(), row.records());
        })
        .toList();
    String label = STAFF_SHARE.equals(assessor)
        ? "未指定责任人的事项（共" + rows.size() + "项），由本单位工作人员填写"
        : names(unitCode).getOrDefault(assessor, "") + "作为责任人负责的事项（共" + rows.size() + "项）";
    return new Share(rows, label);
  }

  /**
   * Checks one share's assessment — every item of the share exactly once, each with a status — and stores it,
   * replacing an earlier submission of a returned self-check.
   */
  @Transactional
  void submit(String unitCode, String quarterText, String assessor, List<Row> rows, String by) {
    Quarter quarter = Quarter.parse(quarterText);
    Map<Long, Integer> positions = new HashMap<>();
    effectiveItems(unitCode, quarter.year()).forEach(item -> positions.put(item.itemId(), positions.size() + 1));
    Map<Long, EffectiveItem> expected = new LinkedHashMap<>();
    shares(unitCode, quarter).getOrDefault(assessor == null ? STAFF_SHARE : assessor, List.of())
        .forEach(item -> expected.put(item.itemId(), item));
    List<SelfCheckRepository.NewResult> results = new ArrayList<>();
    Set<Long> seen = new HashSet<>();
    for (int i = 0; i < rows.size(); i++) {
      Row row = rows.get(i);
      String where = "第" + (i + 1) + "项";
      if (row == null || row.itemId() == null || !expected.containsKey(row.itemId())) {
        throw new InvalidInputException(where + (row != null && positions.containsKey(row.itemId())
            ? "不在本任务的事项中，由其责任人填写" : "不是本单位" + quarter.year() + "年度清单中的事项") + "，请刷新后重新填写");
      }
      if (!seen.add(row.itemId())) {
        throw new InvalidInputException(where + "重复填写");
      }
      EffectiveItem item = expected.get(row.itemId());
      AssessmentStatus status = AssessmentStatus.of(row.status());
      if (status == null) {
        throw new InvalidInputException(where + "（" + item.label() + "）：请选择完成情况");
      }
      String note = text(row.note(), MAX_NOTE, where + "：说明过长，最多" + MAX_NOTE + "字");
      EvidenceReferences.Cited cited = evidence.cite(unitCode, where, row.evidenceText(), row.recordsText());
      results.add(new SelfCheckRepository.NewResult(item.itemId(), positions.get(item.itemId()), status, note,
          cited.filesText(), cited.entriesText()));
    }
    for (EffectiveItem item : expected.values()) {
      if (!seen.contains(item.itemId())) {
        throw new InvalidInputException("缺少事项：" + item.label() + "，每一项都要填写完成情况");
      }
    }
    checks.replaceResults(unitCode, quarter, results, by == null ? "system" : by, now());
  }

  /**
   * Every share is in: the unit's rows put together (who assessed each) for the inspector, the secretary and the
   * reviewer; the self-check goes to the inspector, or straight to the secretary when the unit has none.
   */
  @Transactional
  Submitted assemble(String unitCode, String quarterText, Object inspectorCheck, String by) {
    Quarter quarter = Quarter.parse(quarterText);
    Map<Long, SelfCheck.Result> results = new HashMap<>();
    checks.find(unitCode, quarter).stream().findFirst()
        .ifPresent(check -> check.results().forEach(result -> results.put(result.listItemId(), result)));
    Map<String, String> names = names(unitCode);
    List<Row> rows = new ArrayList<>();
    for (EffectiveItem item : effectiveItems(unitCode, quarter.year())) {
      SelfCheck.Result result = results.get(item.itemId());
      if (result == null) {
        throw new InvalidInputException("缺少事项：" + item.label() + "，清单在自查期间有变化，请刷新后重新填写");
      }
      rows.add(new Row(item.itemId(), item.label(), result.status().name(), result.note(), result.evidence(),
          result.recordEntries().stream().map(String::valueOf).toList(),
          names.getOrDefault(result.assessedBy(), result.assessedBy())));
    }
    SelfCheckStatus next = Boolean.TRUE.equals(inspectorCheck) ? SelfCheckStatus.INSPECTING
        : SelfCheckStatus.SIGNING_OFF;
    checks.submitted(unitCode, quarter, next, by, now());
    return new Submitted(rows, summary(rows));
  }

  /** The 纪检委员's check of the assessed self-check; a return needs a reason, which the assessors see. */
  @Transactional
  InspectionDecision inspect(String unitCode, String quarterText, Object decisionValue, String comment, String by) {
    Quarter quarter = Quarter.parse(quarterText);
    InspectionDecision decision = InspectionDecision.of(decisionValue);
    if (decision == null) {
      throw new InvalidInputException("请选择“通过”或“退回修改”");
    }
    String text = text(comment, MAX_COMMENT, "意见过长，最多" + MAX_COMMENT + "字");
    switch (decision) {
      case PASS -> checks.inspected(unitCode, quarter, by, now(), text);
      case RETURN -> checks.returned(unitCode, quarter, required(text, "退回修改时请写明退回意见"));
    }
    return decision;
  }

  private Map<String, String> names(String unitCode) {
    Map<String, String> names = new HashMap<>();
    people(unitCode).forEach(member -> names.put(member.userId(), member.name()));
    return names;
  }

  /** The secretary's sign-off; a return needs a reason, which the staff see. */
  @Transactional
  SignOffDecision signOff(String unitCode, String quarterText, Object decisionValue, String comment, String by) {
    Quarter quarter = Quarter.parse(quarterText);
    SignOffDecision decision = SignOffDecision.of(decisionValue);
    if (decision == null) {
      throw new InvalidInputException("请选择“审签通过”或“退回修改”");
    }
    String text = text(comment, MAX_COMMENT, "意见过长，最多" + MAX_COMMENT + "字");
    switch (decision) {
      case SIGN_OFF -> checks.signedOff(unitCode, quarter, by, now(), text);
      case RETURN -> checks.returned(unitCode, quarter, required(text, "退回修改时请写明退回意见"));
    }
    return decision;
  }

  /** What the commission decided, with the rectification's deadline normalised to "yyyy-MM-dd". */
  record Reviewed(ReviewDecision decision, String rectificationDeadline) {
  }

  /**
   * The commission's review: accept; return with a comment; or order rectification with a requirement and a
   * deadline after today.
   */
  @Transactional
  Reviewed review(String unitCode, String quarterText, Object decisionValue, String comment, String requirement,
      Object deadlineValue, String by) {
    Quarter quarter = Quarter.parse(quarterText);
    ReviewDecision decision = ReviewDecision.of(decisionValue);
    if (decision == null) {
      throw new InvalidInputException("请选择“审核通过”“退回修改”或“责令整改”");
    }
    String text = text(comment, MAX_COMMENT, "审核意见过长，最多" + MAX_COMMENT + "字");
    switch (decision) {
      case ACCEPT -> checks.reviewed(unitCode, quarter, SelfCheckStatus.ACCEPTED, by, now(), text);
      case RETURN -> checks.returned(unitCode, quarter, required(text, "退回修改时请写明审核意见"));
      case RECTIFY -> {
        required(text(requirement, MAX_COMMENT, "整改要求过长，最多" + MAX_COMMENT + "字"), "责令整改时请写明整改要求");
        LocalDate deadline = futureDate(deadlineValue);
        checks.reviewed(unitCode, quarter, SelfCheckStatus.RECTIFYING, by, now(), text);
        return new Reviewed(decision, deadline.toString());
      }
    }
    return new Reviewed(decision, null);
  }

  @Transactional
  void rectified(String unitCode, String quarterText, Long rectificationId) {
    checks.rectified(unitCode, Quarter.parse(quarterText), rectificationId);
  }

  /** The unit's self-checks (one quarter's, or all), for its own people and district supervisors. */
  public List<SelfCheck> visibleSelfChecks(Official official, String unitCode, String quarterText) {
    if (!official.canSee(unitCode)) {
      throw new AccessDeniedException("Unit " + unitCode + " is not the caller's");
    }
    Quarter quarter = quarterText == null || quarterText.isBlank() ? null : Quarter.parse(quarterText);
    if (units.findByCode(unitCode).isEmpty()) {
      throw new NotFoundException("单位不存在或已撤销");
    }
    return checks.find(unitCode, quarter);
  }

  /** Read-only: the unit's self-checks of every quarter with their assessments, newest first (the report draft). */
  public List<SelfCheck> selfChecksOf(String unitCode) {
    return checks.find(unitCode, (Quarter) null);
  }

  public String unitNameOf(String unitCode) {
    return unit(unitCode).name();
  }

  private static String summary(List<Row> rows) {
    Map<AssessmentStatus, Integer> counts = new EnumMap<>(AssessmentStatus.class);
    rows.forEach(row -> counts.merge(AssessmentStatus.valueOf(row.status()), 1, Integer::sum));
    StringBuilder text = new StringBuilder("共" + rows.size() + "项：");
    List<String> parts = new ArrayList<>();
    for (AssessmentStatus status : AssessmentStatus.values()) {
      parts.add(status.label() + counts.getOrDefault(status, 0) + "项");
    }
    text.append(String.join("，", parts)).append("。");
    for (Row row : rows) {
      if (!AssessmentStatus.DONE.name().equals(row.status())) {
        text.append("\n· ").append(AssessmentStatus.valueOf(row.status()).label()).append("：").append(row.item());
        if (row.note() != null) {
          text.append("（说明：").append(row.note()).append("）");
        }
      }
    }
    return text.toString();
  }

  private LocalDate futureDate(Object value) {
    LocalDate date = FormInputs.date(value, clock.getZone(), "责令整改时请填写整改期限", "整改期限格式不正确，例如 2026-12-31");
    if (!date.isAfter(LocalDate.now(clock))) {
      throw new InvalidInputException("整改期限应晚于今天");
    }
    return date;
  }

  private Unit unit(Object value) {
    if (!(value instanceof String code) || code.isBlank()) {
      throw new InvalidInputException("请指定单位");
    }
    Unit unit = batch.read(unitsByCode, code.strip(), "", codes -> units.findByCodes(codes).stream()
        .collect(Collectors.toMap(Unit::code, found -> found)), null);
    if (unit == null) {
      throw new InvalidInputException("单位不存在或已撤销");
    }
    return unit;
  }

  private OffsetDateTime now() {
    return OffsetDateTime.now(clock);
  }

  /** The unit's effective list of the year, read once per transaction (with its batch's). */
  private List<EffectiveItem> effectiveItems(String unitCode, int year) {
    return batch.read(items, unitCode, "/" + year, codes -> lists.effectiveItems(codes, year), List.of());
  }

  /** Whether the unit's self-check of the quarter is open, asked once per transaction (with its batch's). */
  private boolean opened(String unitCode, Quarter quarter) {
    return batch.read(alreadyOpened, unitCode, "/" + quarter, codes -> {
      Set<String> opened = checks.opened(codes, quarter);
      return codes.stream().collect(Collectors.toMap(code -> code, opened::contains));
    }, false);
  }

  /** The unit's people, read once per transaction (with its batch's). */
  private List<UnitPeople.Member> people(String unitCode) {
    return batch.read(members, unitCode, "", unitPeople::of, List.of());
  }
}
