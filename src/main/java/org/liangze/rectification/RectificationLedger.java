package org.liangze.rectification;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.liangze.organisation.Official;
import org.liangze.organisation.Person;
import org.liangze.organisation.PersonRepository;
import org.liangze.organisation.Post;
import org.liangze.platform.FormInputs;
import org.liangze.platform.InvalidInputException;
import org.liangze.platform.NotFoundException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The rectification ledger (整改台账): every problem a row with its measure, owner (责任人), deadline and evidence,
 * closed row by row (整改销号) once the commission verifies it. Rows come from the plan of a rectification (a
 * self-check review, an accountability case, an inspection's findings) and from the commitments made in talks
 * ({@link TalkCommitmentRows}). The public reads here are what other features and the pages use.
 */
@Service
public class RectificationLedger {

  static final int MAX_ROWS = 50;
  static final int MAX_PROBLEM = 2000;
  static final int MAX_MEASURE = 2000;

  private final LedgerRepository rows;
  private final PersonRepository people;
  private final Clock clock;

  RectificationLedger(LedgerRepository rows, PersonRepository people, Clock clock) {
    this.rows = rows;
    this.people = people;
    this.clock = clock;
  }

  /** What the ledger shows: all rows, those not closed, those overdue, those closed. */
  public enum Filter {
    ALL("全部"),
    OPEN("未销号"),
    OVERDUE("已逾期"),
    CLOSED("已销号");

    private final String label;

    Filter(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }

    /** The filter named by a request parameter; ALL when none or unknown. */
    public static Filter of(String name) {
      for (Filter filter : values()) {
        if (filter.name().equalsIgnoreCase(name == null ? "" : name.strip())) {
          return filter;
        }
      }
      return ALL;
    }
  }

  // --- public reads

  /** The unit's ledger, for its own people and the district's posts. */
  public List<LedgerRow> unitLedger(Official official, String unitCode, Filter filter) {
    if (!official.canSee(unitCode)) {
      throw new AccessDeniedException("Unit " + unitCode + " is not the caller's");
    }
    return filtered(rows.rows(unitCode), filter);
  }

  /** The district's ledger, every unit's rows, for the district's posts only. */
  public List<LedgerRow> districtLedger(Official official, Filter filter) {
    if (!official.districtWide()) {
      throw new AccessDeniedException("The district ledger is for district posts");
    }
    return filtered(rows.rows(null), filter);
  }

  /** Rows not closed whose deadline has passed, in every unit: a read for the escalation ladder and the dashboard. */
  public List<LedgerRow> openOverdueRows() {
    return rows.openOverdue(today());
  }

  public LocalDate today() {
    return LocalDate.now(clock);
  }

  private List<LedgerRow> filtered(List<LedgerRow> all, Filter filter) {
    LocalDate today = today();
    return all.stream().filter(row -> switch (filter) {
      case ALL -> true;
      case OPEN -> row.status() != LedgerRowStatus.CLOSED;
      case OVERDUE -> row.overdueOn(today);
      case CLOSED -> row.status() == LedgerRowStatus.CLOSED;
    }).toList();
  }

  // --- rows of a rectification's plan

  /** The people of the unit as the plan form's owner list: "王芳（工作人员）" → login. */
  List<PlanRows.Option> ownerOptions(String unitCode) {
    List<PlanRows.Option> options = new ArrayList<>();
    for (Person person : people.findAll()) {
      List<String> roles = person.posts().stream().filter(post -> unitCode.equals(post.unitCode()))
          .map(post -> post.role().label()).toList();
      if (!roles.isEmpty()) {
        options.add(new PlanRows.Option(person.name() + "（" + String.join("、", roles) + "）", person.userId()));
      }
    }
    return options;
  }

  /**
   * Checks the plan's rows and files them in the ledger: each needs the problem, a measure, an owner who is a person
   * of the unit, and a deadline from today to the rectification's deadline. Nothing is stored if one row is wrong.
   */
  @Transactional
  List<LedgerRow> planRows(Rectification rectification, List<PlanRows.Row> planned) {
    if (planned.isEmpty()) {
      throw new InvalidInputException("请填写整改方案：至少一项整改事项");
    }
    if (planned.size() > MAX_ROWS) {
      throw new InvalidInputException("整改方案最多" + MAX_ROWS + "项");
    }
    if (!rows.ofRectification(rectification.id()).isEmpty()) {
      throw new InvalidInputException("该整改的整改方案已经制定");
    }
    LocalDate today = today();
    List<LedgerRepository.NewRow> checked = new ArrayList<>();
    for (int i = 0; i < planned.size(); i++) {
      PlanRows.Row row = planned.get(i);
      String where = "整改方案第" + (i + 1) + "项：";
      String problem = required(row == null ? null : row.problem(), MAX_PROBLEM, where, "问题");
      String measure = required(row.measure(), MAX_MEASURE, where, "整改措施");
      if (row.ownerId() == null || row.ownerId().isBlank()) {
        throw new InvalidInputException(where + "请选择责任人");
      }
      Person owner = people.find(row.ownerId().strip())
          .filter(person -> person.posts().stream().map(Post::unitCode).anyMatch(rectification.unitCode()::equals))
          .orElseThrow(() -> new InvalidInputException(where + "责任人须为本单位在职人员"));
      LocalDate deadline = date(row.deadline(), where);
      if (deadline.isBefore(today)) {
        throw new InvalidInputException(where + "完成时限不能早于今天");
      }
      if (deadline.isAfter(rectification.deadline())) {
        throw new InvalidInputException(where + "完成时限不能晚于整改期限" + rectification.deadline());
      }
      checked.add(new LedgerRepository.NewRow(rectification.unitCode(), rectification.id(),
          rectification.source(), rectification.cause(), null, i + 1, problem, measure, owner.userId(),
          owner.name(), deadline));
    }
    OffsetDateTime now = OffsetDateTime.now(clock);
    checked.forEach(row -> rows.insert(row, now));
    return rows.ofRectification(rectification.id());
  }

  /**
   * A plan given as one text (API callers and models from before the ledger): one row, the requirement as the
   * problem, the text as the measure, no named owner (the unit's staff take it), the rectification's deadline.
   */
  @Transactional
  List<LedgerRow> planOneRow(Rectification rectification, String plan) {
    if (!rows.ofRectification(rectification.id()).isEmpty()) {
      throw new InvalidInputException("该整改的整改方案已经制定");
    }
    rows.insert(new LedgerRepository.NewRow(rectification.unitCode(), rectification.id(), rectification.source(),
        rectification.cause(), null, 1, rectification.subject(), plan, null, null, rectification.deadline()),
        OffsetDateTime.now(clock));
    return rows.ofRectification(rectification.id());
  }

  /** The ids of the rectification's rows not yet closed: one follow-up each (the multi-instance collection). */
  public List<Long> openRowIdsOf(long rectificationId) {
    return rows.ofRectification(rectificationId).stream().filter(row -> row.status() != LedgerRowStatus.CLOSED)
        .map(LedgerRow::id).toList();
  }

  public LedgerRow row(long id) {
    return rows.find(id).orElseThrow(() -> new NotFoundException("整改台账中没有该事项"));
  }

  /** The end of the row's deadline in the district: its carry-out task's due date. */
  Date dueOf(LedgerRow row) {
    return Date.from(row.deadline().atTime(LocalTime.of(23, 59, 59)).atZone(clock.getZone()).toInstant());
  }

  void reported(long rowId, String report, String evidence, String recordRefs) {
    rows.reported(rowId, report, evidence, recordRefs, OffsetDateTime.now(clock));
  }

  void returned(long rowId, String comment) {
    rows.returned(rowId, comment);
  }

  /** Closes the row (整改销号); true when it was the rectification's last open row. */
  boolean close(long rowId, String comment, String by) {
    LedgerRow row = row(rowId);
    rows.closed(rowId, comment, by, OffsetDateTime.now(clock));
    return row.rectificationId() == null || rows.openCountOf(row.rectificationId()) == 0;
  }

  // --- rows followed by another feature (a talk's commitments)

  /** Files a row another feature follows itself; once per source reference. */
  @Transactional
  void followed(String unitCode, LedgerSource source, String sourceLabel, String sourceRef, int position,
      String problem, String measure, LocalDate deadline) {
    if (rows.existsForSource(source, sourceRef)) {
      return;
    }
    rows.insert(new LedgerRepository.NewRow(unitCode, null, source, cut(sourceLabel, 500), sourceRef, position,
        cut(problem, MAX_PROBLEM), measure == null ? null : cut(measure, MAX_MEASURE), null, null, deadline),
        OffsetDateTime.now(clock));
  }

  @Transactional
  void followedClosed(LedgerSource source, String sourceRef, String by) {
    rows.closeBySource(source, sourceRef, by, OffsetDateTime.now(clock));
  }

  private static String cut(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max);
  }

  private static String required(String value, int max, String where, String label) {
    return FormInputs.requiredText(value, max, where + "请填写" + label, where + label + "过长，最多" + max + "字");
  }


  private static LocalDate date(String value, String where) {
    return FormInputs.date(value, ZoneId.systemDefault(), where + "请填写完成时限",
        where + "完成时限格式不正确，例如 2026-12-31");
  }

}
