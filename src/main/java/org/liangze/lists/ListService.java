package org.liangze.lists;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads and publishes responsibility lists. The list formulation process (drafting, quality checks, review)
 * builds on {@link #publish}; until then lists arrive already approved (the demo district, imports).
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

  /** Publishes the next version of a list with the given items. */
  @Transactional
  public long publish(ListKind kind, String unitCode, int year, List<ListItem> items) {
    int version = lists.findPublished(kind, unitCode, year).map(list -> list.version() + 1).orElse(1);
    return lists.insertPublished(kind, unitCode, year, version, items, OffsetDateTime.now(clock));
  }
}
