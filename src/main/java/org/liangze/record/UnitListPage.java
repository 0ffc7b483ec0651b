package org.liangze.record;

import java.util.List;

/**
 * 我的清单: what the unit is held to in a year, common and tailored items grouped by responsibility (主体责任,
 * 监督责任), each with how often the unit has recorded work against it. Plain public values for the template.
 *
 * @param canWrite whether the reader is one of the unit's people (supervisors read only)
 */
public record UnitListPage(String unitCode, String unitName, int year, boolean canWrite, List<Group> groups,
    int itemCount) {

  /** The items of one responsibility. */
  public record Group(String label, String note, List<Item> items) {
  }

  /**
   * @param origin "共性清单第3项" or "个性清单第1项"
   * @param entryCount the unit's record entries against the item
   * @param lastEntry when the newest of them happened ("yyyy-MM-dd"), or null
   */
  public record Item(long id, String origin, String category, String content, String measures, String riskPoint,
      String frequency, String evidenceRequired, int entryCount, String lastEntry) {
  }
}
