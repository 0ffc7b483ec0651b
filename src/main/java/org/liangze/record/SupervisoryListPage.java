package org.liangze.record;

import java.util.List;

/**
 * 监督清单: what the supervisory-list page shows ({@link SupervisoryList}), plain public values for the template.
 *
 * @param canWrite whether the reader is one of the unit's people (they may record work against an item)
 * @param inspector whether the reader is the unit's 纪检委员 (the list is theirs)
 * @param flaggedEntries how many of the entries shown carry a flag
 */
public record SupervisoryListPage(String unitCode, String unitName, int year, boolean canWrite, boolean inspector,
    List<SupervisoryList.Item> items, int entryCount, int flaggedEntries) {
}
