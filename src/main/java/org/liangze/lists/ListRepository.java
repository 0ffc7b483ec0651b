package org.liangze.lists;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

@Repository
class ListRepository {

  private final JdbcClient jdbc;

  ListRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** The newest published version of a list; {@code unitCode} is null for the common list. */
  Optional<ResponsibilityList> findPublished(ListKind kind, String unitCode, int year) {
    return jdbc.sql("""
            select * from responsibility_lists
             where kind = :kind and list_year = :year and status = 'PUBLISHED' and %s
             order by version desc fetch first 1 rows only""".formatted(ownerIs(unitCode)))
        .params(ownerParams(kind, unitCode, year))
        .query((rs, row) -> new ResponsibilityList(rs.getLong("id"), ListKind.valueOf(rs.getString("kind")),
            rs.getString("unit_code"), rs.getInt("list_year"), rs.getInt("version"),
            ListStatus.valueOf(rs.getString("status")), rs.getObject("created_at", OffsetDateTime.class),
            rs.getObject("published_at", OffsetDateTime.class), List.of()))
        .optional()
        .map(list -> withItems(list, items(list.id())));
  }

  List<ListItem> items(long listId) {
    return jdbc.sql("select * from list_items where list_id = ? order by position")
        .param(listId)
        .query((rs, row) -> new ListItem(Responsibility.valueOf(rs.getString("responsibility")),
            rs.getString("category"), rs.getString("content"), rs.getString("measures"),
            rs.getString("risk_point"), rs.getString("frequency"), rs.getString("evidence_required")))
        .list();
  }

  long insertPublished(ListKind kind, String unitCode, int year, int version, List<ListItem> items,
      OffsetDateTime now) {
    jdbc.sql("""
            update responsibility_lists set status = 'SUPERSEDED'
             where kind = :kind and list_year = :year and status = 'PUBLISHED' and %s""".formatted(ownerIs(unitCode)))
        .params(ownerParams(kind, unitCode, year))
        .update();
    KeyHolder key = new GeneratedKeyHolder();
    jdbc.sql("""
            insert into responsibility_lists (kind, unit_code, list_year, version, status, created_at, published_at)
            values (?, ?, ?, ?, 'PUBLISHED', ?, ?)""")
        .params(kind.name(), unitCode, year, version, now, now)
        .update(key, "id");
    long listId = key.getKey().longValue();
    for (int i = 0; i < items.size(); i++) {
      ListItem item = items.get(i);
      jdbc.sql("""
              insert into list_items (list_id, position, responsibility, category, content, measures, risk_point,
                                      frequency, evidence_required)
              values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
          .params(listId, i + 1, item.responsibility().name(), item.category(), item.content(), item.measures(),
              item.riskPoint(), item.frequency(), item.evidenceRequired())
          .update();
    }
    return listId;
  }

  private static ResponsibilityList withItems(ResponsibilityList list, List<ListItem> items) {
    return new ResponsibilityList(list.id(), list.kind(), list.unitCode(), list.year(), list.version(),
        list.status(), list.createdAt(), list.publishedAt(), List.copyOf(items));
  }

  /** PostgreSQL cannot type a null parameter in "? is null", so the common list's missing unit is spelled out. */
  private static String ownerIs(String unitCode) {
    return unitCode == null ? "unit_code is null" : "unit_code = :unit";
  }

  private static Map<String, Object> ownerParams(ListKind kind, String unitCode, int year) {
    return unitCode == null
        ? Map.of("kind", kind.name(), "year", year)
        : Map.of("kind", kind.name(), "year", year, "unit", unitCode);
  }
}
