package org.liangze.record;

import java.util.List;

/**
 * 我的清单: what the unit is held to in a year, common and tailored items grouped by responsibility (主体责任,
 * 监督责任), each with how often the unit has recorded work against it. Plain public values for the template.
 *
 * @param canWrite whether the reader is one of the unit's people (supervisors read only)
 * @param canAssign whether the reader is the unit's secretary, who picks the common items' 责任人 and 责任领导
 * @param people the unit's people to pick a 责任人 from (shown by name and post)
 * @param leaders the unit's secretary and team members to pick a 责任领导 from
 * @param csrfToken the Tasklist session's token when the page was opened from there (the save rides on it)
 */
public record UnitListPage(String unitCode, String unitName, int year, boolean canWrite, List<Group> groups,
    int itemCount, boolean canAssign, List<Person> people, List<Person> leaders, String csrfToken) {

  /** Someone to pick: the name and posts shown, the login sent. */
  public record Person(String label, String userId) {
  }

  /** The items of one responsibility. */
  public record Group(String label, String note, List<Item> items) {
  }

  /**
   * @param origin "共性清单第3项" or "个性清单第1项"
   * @param entryCount the unit's record entries against the item
   * @param lastEntry when the newest of them happened ("yyyy-MM-dd"), or null
   * @param personName the 责任人's name, or null
   * @param leaderName the 责任领导's name, or null
   * @param assignable whether the reader may change them here (a common item, the reader the unit's secretary)
   */
  public record Item(long id, String origin, String category, String content, String measures, String riskPoint,
      String frequency, String evidenceRequired, int entryCount, String lastEntry, String personId,
      String personName, String leaderId, String leaderName, boolean assignable) {
  }
}
