package org.liangze.lists;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

@Repository
class ListRepository {

  /** A list without its items; {@link #withItems} adds them. */
  private static final RowMapper<ResponsibilityList> HEADER = (rs, row) -> new ResponsibilityList(rs.getLong("id"),
      ListKind.valueOf(rs.getString("kind")), rs.getString("unit_code"), rs.getInt("list_year"),
      rs.getInt("version"), ListStatus.valueOf(rs.getString("status")),
      rs.getObject("created_at", OffsetDateTime.class), rs.getObject("published_at", OffsetDateTime.class),
      List.of(), rs.getString("review_comment"), rs.getString("change_summary"));

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
        .query(HEADER)
        .optional()
        .map(this::withItems);
  }

  Optional<ResponsibilityList> findById(long id) {
    return jdbc.sql("select * from responsibility_lists where id = ?").param(id).query(HEADER).optional()
        .map(this::withItems);
  }

  /**
   * The version a unit stood behind before {@code (year, version)}: the newest published or superseded tailored
   * list of an earlier version of the year, or of an earlier year.
   */
  Optional<ResponsibilityList> findTailoredBefore(String unitCode, int year, int version) {
    return jdbc.sql("""
            select * from responsibility_lists
             where kind = 'TAILORED' and unit_code = ? and status in ('PUBLISHED', 'SUPERSEDED')
               and (list_year < ? or (list_year = ? and version < ?))
             order by list_year desc, version desc fetch first 1 rows only""")
        .params(unitCode, year, year, version)
        .query(HEADER)
        .optional()
        .map(this::withItems);
  }

  /** Every other unit's newest submitted or published tailored list of the year. */
  List<ResponsibilityList> findLatestTailoredOfOtherUnits(String unitCode, int year) {
    return jdbc.sql("""
            select * from responsibility_lists l
             where l.kind = 'TAILORED' and l.list_year = ? and l.unit_code <> ?
               and l.status in ('SUBMITTED', 'PUBLISHED')
               and l.version = (select max(m.version) from responsibility_lists m
                                 where m.kind = 'TAILORED' and m.unit_code = l.unit_code and m.list_year = l.list_year
                                   and m.status in ('SUBMITTED', 'PUBLISHED'))
             order by l.unit_code""")
        .params(year, unitCode)
        .query(HEADER)
        .list()
        .stream()
        .map(this::withItems)
        .toList();
  }

  List<ListItem> items(long listId) {
    return jdbc.sql("select * from list_items where list_id = ? order by position")
        .param(listId)
        .query((rs, row) -> new ListItem(Responsibility.valueOf(rs.getString("responsibility")),
            rs.getString("category"), rs.getString("content"), rs.getString("measures"),
            rs.getString("risk_point"), rs.getString("frequency"), rs.getString("evidence_required")))
        .list();
  }

  /** The next free version number of a list, counting drafts, so a draft and a publication never collide. */
  int nextVersion(ListKind kind, String unitCode, int year) {
    return jdbc.sql("select coalesce(max(version), 0) + 1 from responsibility_lists where kind = :kind and list_year = :year and %s"
            .formatted(ownerIs(unitCode)))
        .params(ownerParams(kind, unitCode, year))
        .query(Integer.class)
        .single();
  }

  long insertPublished(ListKind kind, String unitCode, int year, int version, List<ListItem> items,
      OffsetDateTime now) {
    supersedePublished(kind, unitCode, year);
    long listId = insert(kind, unitCode, year, version, ListStatus.PUBLISHED, now, now);
    insertItems(listId, items);
    return listId;
  }

  long insertDraft(String unitCode, int year, int version, List<ListItem> items, OffsetDateTime now) {
    long listId = insert(ListKind.TAILORED, unitCode, year, version, ListStatus.DRAFT, now, null);
    insertItems(listId, items);
    return listId;
  }

  /** Replaces a draft's items and submits it; false (and nothing changed) unless it was a draft. */
  boolean submit(long listId, List<ListItem> items) {
    if (jdbc.sql("update responsibility_lists set status = 'SUBMITTED' where id = ? and status = 'DRAFT'")
        .param(listId).update() != 1) {
      return false;
    }
    jdbc.sql("delete from list_items where list_id = ?").param(listId).update();
    insertItems(listId, items);
    return true;
  }

  boolean returnToDraft(long listId, String comment) {
    return jdbc.sql("update responsibility_lists set status = 'DRAFT', review_comment = ? where id = ? and status = 'SUBMITTED'")
        .params(comment, listId).update() == 1;
  }

  void setReviewComment(long listId, String comment) {
    jdbc.sql("update responsibility_lists set review_comment = ? where id = ?").params(comment, listId).update();
  }

  /** Publishes a submitted list, superseding the version published before it; false unless it was submitted. */
  boolean publishSubmitted(ResponsibilityList list, String changeSummary, OffsetDateTime now) {
    supersedePublished(list.kind(), list.unitCode(), list.year());
    return jdbc.sql("""
            update responsibility_lists set status = 'PUBLISHED', published_at = ?, change_summary = ?
             where id = ? and status = 'SUBMITTED'""")
        .params(now, changeSummary, list.id()).update() == 1;
  }

  private void supersedePublished(ListKind kind, String unitCode, int year) {
    jdbc.sql("""
            update responsibility_lists set status = 'SUPERSEDED'
             where kind = :kind and list_year = :year and status = 'PUBLISHED' and %s""".formatted(ownerIs(unitCode)))
        .params(ownerParams(kind, unitCode, year))
        .update();
  }

  private long insert(ListKind kind, String unitCode, int year, int version, ListStatus status,
      OffsetDateTime createdAt, OffsetDateTime publishedAt) {
    KeyHolder key = new GeneratedKeyHolder();
    jdbc.sql("""
            insert into responsibility_lists (kind, unit_code, list_year, version, status, created_at, published_at)
            values (?, ?, ?, ?, ?, ?, ?)""")
        .params(kind.name(), unitCode, year, version, status.name(), createdAt, publishedAt)
        .update(key, "id");
    return key.getKey().longValue();
  }

  private void insertItems(long listId, List<ListItem> items) {
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
  }

  private ResponsibilityList withItems(ResponsibilityList list) {
    return list.withItems(items(list.id()));
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

  boolean isItemOf(long itemId, String unitCode) {
    return jdbc.sql("""
            select count(*) from list_items i join responsibility_lists l on l.id = i.list_id
             where i.id = ? and (l.kind = 'COMMON' or l.unit_code = ?)""")
        .params(itemId, unitCode).query(Long.class).single() > 0;
  }

  /** The items of the year's published common list, then those of the unit's published tailored list. */
  List<EffectiveItem> effectiveItems(String unitCode, int year) {
    return jdbc.sql("""
            select i.id, l.kind, i.position, i.responsibility, i.category, i.content
              from list_items i join responsibility_lists l on l.id = i.list_id
             where l.list_year = ? and l.status = 'PUBLISHED'
               and (l.kind = 'COMMON' or (l.kind = 'TAILORED' and l.unit_code = ?))
             order by case when l.kind = 'COMMON' then 0 else 1 end, i.position""")
        .params(year, unitCode)
        .query((rs, row) -> new EffectiveItem(rs.getLong("id"), ListKind.valueOf(rs.getString("kind")),
            rs.getInt("position"), Responsibility.valueOf(rs.getString("responsibility")), rs.getString("category"),
            rs.getString("content")))
        .list();
  }

  /** Active units that carry a published list in the year: every one if the common list is published. */
  List<String> unitsWithPublishedList(int year) {
    return jdbc.sql("""
            select u.code from units u
             where u.active
               and (exists (select 1 from responsibility_lists c
                             where c.kind = 'COMMON' and c.list_year = ? and c.status = 'PUBLISHED')
                    or exists (select 1 from responsibility_lists t
                                where t.kind = 'TAILORED' and t.unit_code = u.code and t.list_year = ?
                                  and t.status = 'PUBLISHED'))
             order by u.code""")
        .params(year, year)
        .query(String.class)
        .list();
  }
}
