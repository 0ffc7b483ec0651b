package org.liangze.lists;

import java.time.OffsetDateTime;
import java.util.List;

/** A versioned list: the district's common list of a year, or one unit's tailored list of a year. */
public record ResponsibilityList(long id, ListKind kind, String unitCode, int year, int version, ListStatus status,
    OffsetDateTime createdAt, OffsetDateTime publishedAt, List<ListItem> items) {
}
