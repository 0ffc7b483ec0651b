package org.liangze.lists;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * A versioned list: the district's common list of a year, or one unit's tailored list of a year.
 *
 * @param reviewComment the discipline commission's comment when it last returned or approved this version
 * @param changeSummary what publishing this version changed against the previous one (null until published)
 */
public record ResponsibilityList(long id, ListKind kind, String unitCode, int year, int version, ListStatus status,
    OffsetDateTime createdAt, OffsetDateTime publishedAt, List<ListItem> items, String reviewComment,
    String changeSummary) {

  public ResponsibilityList withItems(List<ListItem> items) {
    return new ResponsibilityList(id, kind, unitCode, year, version, status, createdAt, publishedAt,
        List.copyOf(items), reviewComment, changeSummary);
  }

  /** "2026年第2版", how people name a version. */
  public String versionLabel() {
    return year + "年第" + version + "版";
  }
}
