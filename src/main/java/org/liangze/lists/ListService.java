package org.liangze.lists;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.liangze.platform.NotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads, drafts and publishes responsibility lists. A tailored list goes DRAFT → SUBMITTED (→ DRAFT when
 * returned) → PUBLISHED → SUPERSEDED; the list formulation process drives it, the demo district and imports
 * publish directly with {@link #publish}. Every change moves a list on only from the status it expects, so a
 * retried step changes nothing twice.
 */
@Service
public class ListService {

  private final ListRepository lists;
  private final Clock clock;

  ListService(ListRepository lists, Clock clock) {
    this.lists = lists;
    this.clock = clock;
  }

  public Optional<ResponsibilityList> commonList(int year) {
    return lists.findPublished(ListKind.COMMON, null, year);
  }

  public Optional<ResponsibilityList> tailoredList(String unitCode, int year) {
    return lists.findPublished(ListKind.TAILORED, unitCode, year);
  }

  /** Whether a list item is one the unit carries: an item of the common list or of the unit's own list. */
  public boolean isItemOf(long itemId, String unitCode) {
    return lists.isItemOf(itemId, unitCode);
  }

  /** What the unit is held to in the year, with item ids: the common list's items, then its tailored list's. */
  public List<EffectiveItem> effectiveItems(String unitCode, int year) {
    return lists.effectiveItems(unitCode, year);
  }

  /** Codes of the active units that carry a published list (common or their own tailored one) in the year. */
  public List<String> unitsWithPublishedList(int year) {
    return lists.unitsWithPublishedList(year);
  }

  public ResponsibilityList list(long id) {
    return lists.findById(id).orElseThrow(() -> new NotFoundException("清单不存在：" + id));
  }

  /** Publishes the next version of a list with the given items. */
  @Transactional
  public long publish(ListKind kind, String unitCode, int year, List<ListItem> items) {
    return lists.insertPublished(kind, unitCode, year, lists.nextVersion(kind, unitCode, year), items, now());
  }

  /**
   * What a unit's new draft of {@code year} starts from: the year's published list if it has one, else its
   * newest list of an earlier year.
   */
  public Optional<ResponsibilityList> draftBasis(String unitCode, int year) {
    return tailoredList(unitCode, year).or(() -> lists.findTailoredBefore(unitCode, year, 1));
  }

  /** The unit's newest list of an earlier year: what "unchanged from last year" is measured against. */
  public Optional<ResponsibilityList> previousYearList(String unitCode, int year) {
    return lists.findTailoredBefore(unitCode, year, 1);
  }

  /** The version the given one follows: the newest published or superseded one before it. */
  public Optional<ResponsibilityList> previousVersion(ResponsibilityList list) {
    return lists.findTailoredBefore(list.unitCode(), list.year(), list.version());
  }

  public List<ResponsibilityList> otherUnitsLists(String unitCode, int year) {
    return lists.findLatestTailoredOfOtherUnits(unitCode, year);
  }

  @Transactional
  public long createDraft(String unitCode, int year, List<ListItem> items) {
    return lists.insertDraft(unitCode, year, lists.nextVersion(ListKind.TAILORED, unitCode, year), items, now());
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
   * Publishes a submitted tailored list as the unit's list of its year, superseding the version published before,
   * and records what changed. Publishing a list that is already published changes nothing.
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
    ResponsibilityList previous = list.kind() == ListKind.TAILORED ? previousVersion(list).orElse(null) : null;
    return ListDiff.between(previous, list.items());
  }

  private OffsetDateTime now() {
    return OffsetDateTime.now(clock);
  }
}
