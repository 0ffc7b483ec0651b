package org.liangze.lists;

import java.time.OffsetDateTime;
import java.util.List;
import org.liangze.organisation.UnitType;

/**
 * A versioned list: the common list of a unit type and year, or one unit's tailored list of a year.
 *
 * @param unitType the unit type a common list is for; null for a tailored list, and for a common list from before
 *     common lists had types (it serves every type that has no list of its own that year)
 * @param reviewComment the comment of the last review that returned or approved this version
 * @param changeSummary what publishing this version changed against the previous one (null until published)
 */
public record ResponsibilityList(long id, ListKind kind, String unitCode, int year, int version, ListStatus status,
    OffsetDateTime createdAt, OffsetDateTime publishedAt, List<ListItem> items, String reviewComment,
    String changeSummary, UnitType unitType) {

  public ResponsibilityList withItems(List<ListItem> items) {
    return new ResponsibilityList(id, kind, unitCode, year, version, status, createdAt, publishedAt,
        List.copyOf(items), reviewComment, changeSummary, unitType);
  }

  /** "2026年第2版", how people name a version. */
  public String versionLabel() {
    return year + "年第" + version + "版";
  }

  /** "街镇共性清单", "共性清单" for a list of every type, "个性清单". */
  public String kindLabel() {
    return kind == ListKind.COMMON && unitType != null ? unitType.label() + kind.label() : kind.label();
  }
}
