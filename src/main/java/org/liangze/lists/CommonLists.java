package org.liangze.lists;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.liangze.lists.CommonListProcess.Variables;
import org.liangze.lists.CommonListRoundRepository.Source;
import org.liangze.organisation.Groups;
import org.liangze.organisation.UnitType;
import org.liangze.platform.ConflictException;
import org.liangze.platform.FormInputs;
import org.liangze.platform.InvalidInputException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The common lists (共性清单): one per unit type and year, drafted by the discipline commission and published once
 * the district committee approves it ({@code processes/common-list.bpmn}). This is the one place that starts that
 * process — for the commission ({@link #start}) or for an import of the organisation workbook's 共性清单 sheet
 * ({@link #importDraft}), whose lists are reviewed like any other, never published directly — and the steps the
 * process calls.
 */
@Service
public class CommonLists {

  static final String LIST_NAME = ListKind.COMMON.label();

  private final RuntimeService runtimeService;
  private final IdentityService identityService;
  private final CommonListRoundRepository rounds;
  private final ListService lists;
  private final DraftItems draftItems;
  private final Clock clock;

  CommonLists(RuntimeService runtimeService, IdentityService identityService, CommonListRoundRepository rounds,
      ListService lists, DraftItems draftItems, Clock clock) {
    this.runtimeService = runtimeService;
    this.identityService = identityService;
    this.rounds = rounds;
    this.lists = lists;
    this.draftItems = draftItems;
    this.clock = clock;
  }

  public record Started(UnitType unitType, int year, String processInstanceId) {
  }

  /** What an import of a type's 共性清单 rows did, or (preview) would do. */
  public enum ImportOutcome {
    /** A draft was opened with the imported items and its review process started. */
    REVIEW_STARTED,
    /** The rows are exactly the type's published list of the year: nothing to review, nothing changed. */
    UNCHANGED
  }

  public record Imported(UnitType unitType, int year, ImportOutcome outcome, String processInstanceId) {
  }

  /** The type's published common list of a year, or none; {@code inherited}: it is a list of every unit type. */
  public record Published(UnitType unitType, ResponsibilityList list, boolean inherited) {
  }

  /** What the start event hands the process. */
  record Registered(UnitType unitType, int year, long listId, List<ListItem> items, String draftBasis) {
  }

  /** What the drafting task's end hands the review. */
  record Submitted(List<ListItem> items, String summary, String changes) {
  }

  /** Starts drafting the type's common list of the year as the engine's current user (the commission). */
  @Transactional
  public Started start(String unitTypeText, String yearText) {
    Authentication caller = identityService.getCurrentAuthentication();
    if (caller != null && !mayStart(caller)) {
      throw new AuthorizationException("User " + caller.getUserId() + " may not draft common lists");
    }
    UnitType type = parseType(unitTypeText);
    int year = FormInputs.year(yearText);
    refuseOpenRound(type, year);
    try {
      String id = runtimeService.startProcessInstanceByKey(CommonListProcess.KEY,
          CommonListProcess.businessKey(type, year),
          Map.of(Variables.UNIT_TYPE, type.name(), Variables.YEAR, year)).getId();
      return new Started(type, year, id);
    } catch (RoundAlreadyOpenException | DuplicateKeyException e) {
      throw alreadyOpen(type, year);
    }
  }

  /**
   * Imports a type's common list of a year from the organisation workbook's 共性清单 sheet: opens a draft with the
   * items and starts its review process (the commission checks and submits it, the district committee approves or
   * returns it), so an imported list is reviewed, never published directly. Runs in the caller's transaction;
   * whoever calls it, the process starts as the platform, with {@code actor} recorded as who imported it.
   *
   * @return {@link ImportOutcome#UNCHANGED} (nothing started) when the items are exactly the type's published list
   *     of the year, so importing the same workbook again changes nothing
   * @throws InvalidInputException a bad item, named by its position ("第3项：请填写履责措施")
   * @throws ConflictException the type's list of the year is being drafted or reviewed already
   */
  @Transactional
  public Imported importDraft(UnitType type, int year, List<ListItem> items, String actor) {
    ImportOutcome outcome = preview(type, year, items);
    if (outcome == ImportOutcome.UNCHANGED) {
      return new Imported(type, year, outcome, null);
    }
    Map<String, Object> variables = new HashMap<>();
    variables.put(Variables.UNIT_TYPE, type.name());
    variables.put(Variables.YEAR, year);
    variables.put(Variables.ITEMS, draftItems.variable(items));
    variables.put(Variables.IMPORTED_BY, actor == null || actor.isBlank() ? "导入" : actor);
    Authentication caller = identityService.getCurrentAuthentication();
    identityService.clearAuthentication();
    try {
      String id = runtimeService.startProcessInstanceByKey(CommonListProcess.KEY,
          CommonListProcess.businessKey(type, year), variables).getId();
      return new Imported(type, year, outcome, id);
    } catch (RoundAlreadyOpenException | DuplicateKeyException e) {
      throw alreadyOpen(type, year);
    } finally {
      if (caller != null) {
        identityService.setAuthentication(caller);
      }
    }
  }

  /**
   * What {@link #importDraft} would do, changing nothing (for a dry run): checks the items and the type's open
   * round, and says whether they differ from the published list.
   */
  public ImportOutcome preview(UnitType type, int year, List<ListItem> items) {
    if (type == null) {
      throw new InvalidInputException("请指定单位类型");
    }
    List<ListItem> checked = draftItems.check(items, type.label() + LIST_NAME);
    ResponsibilityList published = lists.commonList(type, year).filter(list -> list.unitType() == type)
        .orElse(null);
    if (published != null && ListDiff.between(published, checked).isUnchanged()) {
      return ImportOutcome.UNCHANGED;
    }
    refuseOpenRound(type, year);
    return ImportOutcome.REVIEW_STARTED;
  }

  /** Every unit type's published common list of the year, in the order of {@link UnitType}. */
  public List<Published> published(int year) {
    List<Published> published = new ArrayList<>();
    for (UnitType type : UnitType.values()) {
      ResponsibilityList list = lists.commonList(type, year).orElse(null);
      published.add(new Published(type, list, list != null && list.unitType() == null));
    }
    return published;
  }

  /**
   * Called by the start event however the process was started: checks the type, the year and who starts it, opens
   * the round and the draft — with the imported items, else pre-filled from the type's published list of the year or
   * its newest of an earlier year (next year's draft starts from this year's list).
   */
  @Transactional
  Registered register(Object typeValue, Object yearValue, Object itemsValue, Object importedBy,
      String processInstanceId, Authentication user) {
    UnitType type = parseType(typeValue instanceof String text ? text : null);
    int year = FormInputs.year(yearValue);
    if (user != null && !mayStart(user)) {
      throw new AuthorizationException("User " + user.getUserId() + " may not draft common lists");
    }
    String importer = importedBy instanceof String text && !text.isBlank() ? text.strip() : null;
    try {
      rounds.open(type, year, processInstanceId, importer == null ? Source.COMMISSION : Source.IMPORT,
          user != null ? user.getUserId() : importer, now());
    } catch (DuplicateKeyException e) {
      throw new RoundAlreadyOpenException(type, year);
    }
    List<ListItem> items;
    String basisText;
    if (itemsValue != null) {
      items = draftItems.parse(itemsValue, type.label() + LIST_NAME);
      basisText = importer != null
          ? "由" + importer + "从组织导入文件的共性清单表导入，请核对后提交区委审核。"
          : "已按启动时提供的事项预填，请核对后提交区委审核。";
    } else {
      ResponsibilityList basis = lists.commonDraftBasis(type, year).orElse(null);
      items = basis == null ? List.of() : basis.items();
      basisText = basis == null
          ? "本单位类型尚无共性清单，请逐项填写。"
          : "已按" + basis.versionLabel() + basis.kindLabel() + "预填，请结合本年度要求逐项修改后提交区委审核。";
    }
    long listId = lists.createCommonDraft(type, year, items);
    rounds.setList(processInstanceId, listId);
    return new Registered(type, year, listId, items, basisText);
  }

  /** Checks and stores the commission's draft; the reviewer gets it as text with its changes against last year's. */
  @Transactional
  Submitted submit(long listId, Object itemsValue) {
    ResponsibilityList draft = lists.list(listId);
    List<ListItem> items = draftItems.parse(itemsValue, draft.kindLabel());
    if (!lists.submit(listId, items)) {
      throw new InvalidInputException("该共性清单当前不处于编制状态");
    }
    ListDiff diff = lists.diffToPrevious(draft.withItems(items));
    return new Submitted(items, ListTexts.summary(items), diff.details());
  }

  /** Records the committee's decision; a return needs comments, which go back to the commission with the draft. */
  @Transactional
  void review(long listId, Object decisionValue, Object commentsValue) {
    ListReviewDecision decision = decision(decisionValue);
    String comments = commentsValue instanceof String text && !text.isBlank() ? text.strip() : null;
    if (comments != null && comments.length() > ListFormulationService.MAX_COMMENTS) {
      throw new InvalidInputException("审核意见过长，最多" + ListFormulationService.MAX_COMMENTS + "字");
    }
    switch (decision) {
      case RETURN -> {
        if (comments == null) {
          throw new InvalidInputException("退回修改时必须填写审核意见");
        }
        if (!lists.returnToDraft(listId, comments)) {
          throw new InvalidInputException("该共性清单当前不处于待审核状态");
        }
      }
      case APPROVE -> lists.recordReviewComment(listId, comments);
    }
  }

  /** Publishes the approved draft as the type's list of its year; returns what changed against the previous one. */
  @Transactional
  ListDiff publish(long listId) {
    return lists.publishSubmitted(listId);
  }

  /** Ends the instance's round, published or cancelled, so the type's list can be revised again. */
  @Transactional
  void close(String processInstanceId) {
    rounds.close(processInstanceId, now());
  }

  /** A unit type by its name (SUBDISTRICT_OR_TOWN) or its Chinese label (街镇). */
  static UnitType parseType(String text) {
    if (text == null || text.isBlank()) {
      throw new InvalidInputException("请选择单位类型");
    }
    for (UnitType type : UnitType.values()) {
      if (type.name().equals(text.strip()) || type.label().equals(text.strip())) {
        return type;
      }
    }
    throw new InvalidInputException("单位类型不正确：" + text.strip() + "（应为区直部门、街镇、区属部门、科室站所或村居）");
  }

  private void refuseOpenRound(UnitType type, int year) {
    if (rounds.openRound(type, year).isPresent()) {
      throw alreadyOpen(type, year);
    }
  }

  private static boolean mayStart(Authentication user) {
    List<String> groupIds = user.getGroupIds() == null ? List.of() : user.getGroupIds();
    return groupIds.contains(Groups.DISCIPLINE_COMMISSION) || groupIds.contains(Groups.ADMINISTRATORS);
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

  private OffsetDateTime now() {
    return OffsetDateTime.now(clock);
  }

  private static ConflictException alreadyOpen(UnitType type, int year) {
    return new ConflictException(year + "年度" + type.label() + "共性清单正在编制或审核中，不能重复启动");
  }

  /** A second open round of a type and year, refused inside the engine (answered 400 by the engine REST API). */
  static class RoundAlreadyOpenException extends InvalidInputException {
    RoundAlreadyOpenException(UnitType type, int year) {
      super(year + "年度" + type.label() + "共性清单正在编制或审核中，不能重复启动");
    }
  }
}
