package org.liangze.lists;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.liangze.lists.ListRepository.Owner;
import org.liangze.organisation.Official;
import org.liangze.organisation.Unit;
import org.liangze.organisation.UnitRepository;
import org.liangze.organisation.UnitType;
import org.liangze.platform.NotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads, drafts and publishes responsibility lists. Every unit carries the common list of its unit type and its
 * own tailored list. A list goes DRAFT → SUBMITTED (→ DRAFT when returned) → PUBLISHED → SUPERSEDED; the list
 * formulation process drives tailored lists, the common-list process common ones, the demo district publishes
 * directly with {@link #publish} and {@link #publishCommon}. Every change moves a list on only from the status it
 * expects, so a retried step changes nothing twice.
 *
 * <p>A common list from before common lists had unit types (unit type null) serves every type that has no list of
 * its own in its year.
 */
@Service
public class ListService {

  private final ListRepository lists;
  private final UnitRepository units;
  private final Clock clock;

  private final ItemResponsibles responsibles;
  private final CommonItemResponsibles commonResponsibles;

  ListService(ListRepository lists, UnitRepository units, ItemResponsibles responsibles,
      CommonItemResponsibles commonResponsibles, Clock clock) {
    this.commonResponsibles = commonResponsibles;
    this.lists = lists;
    this.responsibles = responsibles;
    this.units = units;
    this.clock = clock;
  }

  /** List items by id, as other features name them (id → item); an id of no item is absent. */
  public Map<Long, ItemOfList> items(Collection<Long> ids) {
    return lists.items(ids);
  }

  /** The published common list a unit of the type carries in the year. */
  public Optional<ResponsibilityList> commonList(UnitType type, int year) {
    return lists.findPublishedCommon(type, year);
  }

  /** The published common list of the unit's type; empty also for an unknown unit. */
  public Optional<ResponsibilityList> commonListOf(String unitCode, int year) {
    return units.findByCode(unitCode).flatMap(unit -> commonList(unit.type(), year));
  }

  public Optional<ResponsibilityList> tailoredList(String unitCode, int year) {
    return lists.findPublishedTailored(unitCode, year);
  }

  /**
   * The unit types of the district's active units that have no published common list in the year, in the
   * order of {@link UnitType}: a letter campaign cannot start while there is one.
   */
  public List<UnitType> typesWithoutCommonList(int year) {
    Set<UnitType> used = EnumSet.noneOf(UnitType.class);
    units.findAllActive().forEach(unit -> used.add(unit.type()));
    Set<UnitType> covered = coveredTypes(year);
    return used.stream().filter(type -> !covered.contains(type)).sorted().toList();
  }

  /** Whether a list item is one the unit carries: an item of its type's common list or of its own list. */
  public boolean isItemOf(long itemId, String unitCode) {
    return units.findByCode(unitCode).map(unit -> lists.isItemOf(itemId, unit.code(), unit.type())).orElse(false);
  }

  /**
   * What the unit is held to in the year, with item ids: its type's common list's items, then its own list's; each
   * with its 责任人 and 责任领导 for this unit (common items: as the unit's secretary chose them, else the defaults).
   */
  public List<EffectiveItem> effectiveItems(String unitCode, int year) {
    return effectiveItems(List.of(unitCode), year).get(unitCode);
  }

  /**
   * As {@link #effectiveItems(String, int)} for several units at once, in a handful of queries whatever their number
   * (a campaign's batch starts the self-checks of its units in one transaction): unit code → its effective items;
   * an unknown unit has none.
   */
  public Map<String, List<EffectiveItem>> effectiveItems(Collection<String> unitCodes, int year) {
    Map<UnitType, Optional<Long>> commonByType = new EnumMap<>(UnitType.class);
    Map<String, Long> commonIds = new LinkedHashMap<>();
    Set<String> known = new HashSet<>();
    for (Unit unit : units.findByCodes(unitCodes)) {
      known.add(unit.code());
      commonIds.put(unit.code(), commonByType.computeIfAbsent(unit.type(),
          type -> lists.findPublishedCommonId(type, year)).orElse(null));
    }
    Map<String, List<EffectiveItem>> items = new LinkedHashMap<>(commonResponsibles.apply(
        lists.effectiveItems(commonIds, year)));
    unitCodes.stream().filter(code -> !known.contains(code)).forEach(code -> items.put(code, List.of()));
    return items;
  }

  /** The items of the unit's common list of the year, each with the unit's 责任人 and 责任领导 for it. */
  public List<ListItem> commonItemsFor(String unitCode, int year) {
    Optional<ResponsibilityList> common = commonListOf(unitCode, year);
    if (common.isEmpty()) {
      return List.of();
    }
    java.util.Map<Integer, EffectiveItem> byPosition = new java.util.HashMap<>();
    effectiveItems(unitCode, year).stream().filter(item -> item.origin() == ListKind.COMMON)
        .forEach(item -> byPosition.put(item.position(), item));
    List<ListItem> items = common.get().items();
    List<ListItem> withResponsibles = new java.util.ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      EffectiveItem effective = byPosition.get(i + 1);
      withResponsibles.add(effective == null ? items.get(i)
          : items.get(i).withResponsibles(effective.responsiblePerson(), effective.responsibleLeader()));
    }
    return withResponsibles;
  }

  /** One common item's 责任人 and 责任领导 as the unit's secretary picks them (logins from the page's lists). */
  public record CommonItemChoice(Long itemId, String responsiblePerson, String responsibleLeader) {
  }

  /**
   * The unit's secretary sets the 责任人 and 责任领导 of items of the unit's common list of the year; refused
   * altogether, with a Chinese message, if any row is not an item of that list or names someone outside the unit.
   */
  @Transactional
  public void assignCommonResponsibles(Official by, String unitCode, int year, List<CommonItemChoice> choices) {
    List<EffectiveItem> effective = effectiveItems(unitCode, year);
    commonResponsibles.assign(by, unitCode, effective, choices == null ? null : choices.stream()
        .map(choice -> choice == null ? null : new CommonItemResponsibles.Assignment(choice.itemId(),
            choice.responsiblePerson(), choice.responsibleLeader()))
        .toList());
  }

  /** Codes of the active units that carry a published list (their type's common list or their own) in the year. */
  public List<String> unitsWithPublishedList(int year) {
    Set<UnitType> covered = coveredTypes(year);
    Set<String> tailored = new HashSet<>(lists.unitsWithPublishedTailoredList(year));
    return units.findAllActive().stream()
        .filter(unit -> covered.contains(unit.type()) || tailored.contains(unit.code()))
        .map(Unit::code)
        .toList();
  }

  private Set<UnitType> coveredTypes(int year) {
    Set<UnitType> covered = EnumSet.noneOf(UnitType.class);
    for (String type : lists.publishedCommonTypes(year)) {
      if ("*".equals(type)) {
        return EnumSet.allOf(UnitType.class);
      }
      covered.add(UnitType.valueOf(type));
    }
    return covered;
  }

  public ResponsibilityList list(long id) {
    return lists.findById(id).orElseThrow(() -> new NotFoundException("清单不存在"));
  }

  /** Publishes the next version of a unit's tailored list with the given items. */
  @Transactional
  public long publish(ListKind kind, String unitCode, int year, List<ListItem> items) {
    if (kind != ListKind.TAILORED) {
      throw new IllegalArgumentException("A common list belongs to a unit type: publishCommon");
    }
    // published without a form (the demo district): every item gets its responsibles by the defaults
    return lists.insertPublished(Owner.unit(unitCode), year, lists.nextTailoredVersion(unitCode, year),
        responsibles.defaults(unitCode, items, true), now());
  }

  /** Publishes the next version of a unit type's common list with the given items (the demo district, tests). */
  @Transactional
  public long publishCommon(UnitType type, int year, List<ListItem> items) {
    return lists.insertPublished(Owner.type(type), year, lists.nextCommonVersion(type, year), items, now());
  }

  /**
   * What a unit's new draft of {@code year} starts from: the year's published list if it has one, else its
   * newest list of an earlier year.
   */
  public Optional<ResponsibilityList> draftBasis(String unitCode, int year) {
    return tailoredList(unitCode, year).or(() -> lists.findTailoredBefore(unitCode, year, 1));
  }

  /**
   * What a type's new common-list draft of {@code year} starts from: the year's published common list of the type
   * if it has one, else the newest one of an earlier year (next year's draft starts from this year's).
   */
  public Optional<ResponsibilityList> commonDraftBasis(UnitType type, int year) {
    return commonList(type, year).or(() -> lists.findCommonBefore(type, year, 1));
  }

  /** The unit's newest list of an earlier year: what "unchanged from last year" is measured against. */
  public Optional<ResponsibilityList> previousYearList(String unitCode, int year) {
    return lists.findTailoredBefore(unitCode, year, 1);
  }

  /** The version the given one follows: the newest published or superseded one before it. */
  public Optional<ResponsibilityList> previousVersion(ResponsibilityList list) {
    return list.kind() == ListKind.TAILORED
        ? lists.findTailoredBefore(list.unitCode(), list.year(), list.version())
        : lists.findCommonBefore(list.unitType(), list.year(), list.version());
  }

  public List<ResponsibilityList> otherUnitsLists(String unitCode, int year) {
    return lists.findLatestTailoredOfOtherUnits(unitCode, year);
  }

  @Transactional
  public long createDraft(String unitCode, int year, List<ListItem> items) {
    return lists.insertDraft(Owner.unit(unitCode), year, lists.nextTailoredVersion(unitCode, year), items, now());
  }

  /** Opens the next version of a type's common list as a draft with the given items. */
  @Transactional
  public long createCommonDraft(UnitType type, int year, List<ListItem> items) {
    return lists.insertDraft(Owner.type(type), year, lists.nextCommonVersion(type, year), items, now());
  }

  /** Submits a draft with its items; false if it was no draft (already submitted). */
  @Transactional
  public boolean submit(long listId, List<ListItem> items) {
    return lists.submit(listId, items);
  }

  @Transactional
  public boolean returnToDraft(long listId, String comment) {
    return lists.returnToDraft(listId, comment);
  }

  @Transactional
  public void recordReviewComment(long listId, String comment) {
    lists.setReviewComment(listId, comment);
  }

  /**
   * Publishes a submitted list as its owner's list of its year, superseding the version published before, and
   * records what changed. Publishing a list that is already published changes nothing.
   */
  @Transactional
  public ListDiff publishSubmitted(long listId) {
    ResponsibilityList list = list(listId);
    if (list.status() != ListStatus.SUBMITTED) {
      return diffToPrevious(list);
    }
    ListDiff diff = diffToPrevious(list);
    lists.publishSubmitted(list, diff.summary(), now());
    return diff;
  }

  public ListDiff diffToPrevious(ResponsibilityList list) {
    return ListDiff.between(previousVersion(list).orElse(null), list.items());
  }

  private OffsetDateTime now() {
    return OffsetDateTime.now(clock);
  }
}
