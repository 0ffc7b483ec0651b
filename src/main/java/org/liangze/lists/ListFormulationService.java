package org.liangze.lists;

import java.util.List;
import java.time.Clock;
import java.time.OffsetDateTime;
import org.liangze.lists.ListQualityChecks.OtherList;
import org.liangze.organisation.Unit;
import org.liangze.organisation.PersonRepository;
import org.liangze.organisation.UnitRepository;
import org.liangze.platform.InvalidInputException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The steps of a formulation after its start: submitting the draft, checking its quality, recording the
 * commission's review, publishing. Each moves the draft on only from the status it expects, so a retried step
 * changes nothing twice.
 */
@Service
public class ListFormulationService {

  static final int MAX_COMMENTS = 2000;

  private final ListService lists;
  private final ListQualityChecks checks;
  private final QualityFlagRepository flags;
  private final UnitRepository units;
  private final ItemResponsibles responsibles;
  private final PersonRepository people;
  private final Clock clock;

  ListFormulationService(ListService lists, ListQualityChecks checks, QualityFlagRepository flags,
      UnitRepository units, ItemResponsibles responsibles, PersonRepository people, Clock clock) {
    this.people = people;
    this.lists = lists;
    this.responsibles = responsibles;
    this.checks = checks;
    this.flags = flags;
    this.units = units;
    this.clock = clock;
  }

  /** The findings of a check, and the texts the review form shows. */
  public record QualityResult(List<QualityFlag> flags, String report, String draftSummary) {
  }

  /**
   * Submits the draft with its items, each item's 责任人 and 责任领导 checked against the unit's people (the
   * inspector filled in where a supervisory item names no 责任人); returns the items as stored.
   */
  @Transactional
  public List<ListItem> submit(long listId, List<ListItem> items) {
    List<ListItem> checked = responsibles.check(lists.list(listId).unitCode(), items);
    if (!lists.submit(listId, checked)) {
      throw new InvalidInputException("该清单当前不处于编制状态");
    }
    return checked;
  }

  /** Runs the checks on the submitted draft and stores their findings in place of any earlier ones. */
  @Transactional
  public QualityResult check(long listId) {
    ResponsibilityList draft = lists.list(listId);
    ResponsibilityList previous = lists.previousYearList(draft.unitCode(), draft.year()).orElse(null);
    List<OtherList> others = lists.otherUnitsLists(draft.unitCode(), draft.year()).stream()
        .map(list -> new OtherList(list.unitCode(), unitName(list.unitCode()), list.items()))
        .toList();
    List<QualityFlag> found = checks.check(draft.items(), previous == null ? null : previous.items(),
        previous == null ? null : previous.versionLabel(), others);
    flags.replace(listId, found, OffsetDateTime.now(clock));
    return new QualityResult(found, report(found), ListTexts.summary(draft.items(), people.names()));
  }

  public List<QualityFlag> flagsOf(long listId) {
    return flags.findByList(listId);
  }

  /** Records the commission's decision; a return needs comments, which go back to the unit with its draft. */
  @Transactional
  public void review(long listId, Object decisionValue, Object commentsValue) {
    ListReviewDecision decision = decision(decisionValue);
    String comments = commentsValue instanceof String text && !text.isBlank() ? text.strip() : null;
    if (comments != null && comments.length() > MAX_COMMENTS) {
      throw new InvalidInputException("审核意见过长，最多" + MAX_COMMENTS + "字");
    }
    switch (decision) {
      case RETURN -> {
        if (comments == null) {
          throw new InvalidInputException("退回修改时必须填写审核意见");
        }
        if (!lists.returnToDraft(listId, comments)) {
          throw new InvalidInputException("该清单当前不处于待审核状态");
        }
      }
      case APPROVE -> lists.recordReviewComment(listId, comments);
    }
  }

  /** Publishes the approved draft; returns what changed against the previous version. */
  @Transactional
  public ListDiff publish(long listId) {
    return lists.publishSubmitted(listId);
  }

  static String report(List<QualityFlag> found) {
    if (found.isEmpty()) {
      return "自动检查未发现照搬照抄、新瓶装旧酒、贪大求全或缺少廉政风险点的问题。";
    }
    StringBuilder text = new StringBuilder("自动检查发现" + found.size() + "个问题，请审核时重点关注：");
    for (int i = 0; i < found.size(); i++) {
      text.append('\n').append(i + 1).append(". ").append(found.get(i).message());
    }
    return text.toString();
  }

  private static ListReviewDecision decision(Object value) {
    if (value instanceof String text) {
      for (ListReviewDecision decision : ListReviewDecision.values()) {
        if (decision.name().equals(text)) {
          return decision;
        }
      }
    }
    throw new InvalidInputException("请选择“通过并发布”或“退回修改”");
  }

  private String unitName(String code) {
    return units.findByCode(code).map(Unit::name).orElse(code);
  }
}
