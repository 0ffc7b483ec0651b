package org.liangze.lists;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.liangze.organisation.UnitType;
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
      List.of(), rs.getString("review_comment"), rs.getString("change_summary"),
      rs.getString("unit_type") == null ? null : UnitType.valueOf(rs.getString("unit_type")));

  /**
   * The common lists that serve a unit type: its own, and those from before common lists had types (unit_type
   * null), which serve every type. Within a year a type's own list comes first.
   */
  private static final String COMMON_OF_TYPE = "kind = 'COMMON' and (unit_type = :type or unit_type is null)";
  private static final String OWN_FIRST = "case when unit_type is null then 1 else 0 end";

  private final JdbcClient jdbc;

  ListRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** The newest published version of a unit's tailored list. */
  Optional<ResponsibilityList> findPublishedTailored(String unitCode, int year) {
    return jdbc.sql("""
            select * from responsibility_lists
             where kind = 'TAILORED' and unit_code = ? and list_year = ? and status = 'PUBLISHED'
             order by version desc fetch first 1 rows only""")
        .params(unitCode, year)
        .query(HEADER)
        .optional()
        .map(this::withItems);
  }

  /** The common list a unit type carries in the year: its own published one, else the year's list of every type. */
  Optional<ResponsibilityList> findPublishedCommon(UnitType type, int year) {
    return jdbc.sql("""
            select * from responsibility_lists
             where %s and list_year = :year and status = 'PUBLISHED'
             order by %s, version desc fetch first 1 rows only""".formatted(COMMON_OF_TYPE, OWN_FIRST))
        .param("type", type.name())
        .param("year", year)
        .query(HEADER)
        .optional()
        .map(this::withItems);
  }

  /** The id of {@link #findPublishedCommon}'s list, without its items. */
  Optional<Long> findPublishedCommonId(UnitType type, int year) {
    return jdbc.sql("""
            select id from responsibility_lists
             where %s and list_year = :year and status = 'PUBLISHED'
             order by %s, version desc fetch first 1 rows only""".formatted(COMMON_OF_TYPE, OWN_FIRST))
        .param("type", type.name())
        .param("year", year)
        .query(Long.class)
        .optional();
  }

  /** The unit types with a published common list of their own in the year, and whether one serves every type. */
  List<String> publishedCommonTypes(int year) {
    return jdbc.sql("""
            select distinct coalesce(unit_type, '*') from responsibility_lists
             where kind = 'COMMON' and list_year = ? and status = 'PUBLISHED'""")
        .param(year)
        .query(String.class)
        .list();
  }

  /**
   * The version a type's common list followed before {@code (year, version)}: the newest published or superseded
   * common list serving the type of an earlier version of the year, or of an earlier year. {@code type} null: the
   * lists of every type only.
   */
  Optional<ResponsibilityList> findCommonBefore(UnitType type, int year, int version) {
    String owner = type == null ? "kind = 'COMMON' and unit_type is null" : COMMON_OF_TYPE;
    var sql = jdbc.sql("""
            select * from responsibility_lists
             where %s and status in ('PUBLISHED', 'SUPERSEDED')
               and (list_year < :year or (list_year = :year and version < :version))
             order by list_year desc, version desc, %s fetch first 1 rows only""".formatted(owner, OWN_FIRST))
        .param("year", year)
        .param("version", version);
    if (type != null) {
      sql = sql.param("type", type.name());
    }
    return sql.query(HEADER).optional().map(this::withItems);
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
            rs.getString("risk_point"), rs.getString("frequency"), rs.getString("evidence_required"),
            rs.getString("responsible_person"), rs.getString("responsible_leader")))
        .list();
  }

  /** The next free version number of a tailored list, counting drafts, so a draft and a publication never collide. */
  int nextTailoredVersion(String unitCode, int year) {
    return jdbc.sql("""
            select coalesce(max(version), 0) + 1 from responsibility_lists
             where kind = 'TAILORED' and unit_code = ? and list_year = ?""")
        .params(unitCode, year)
        .query(Integer.class)
        .single();
  }

  /** The next free version number of a type's common list: it counts on from the year's list of every type. */
  int nextCommonVersion(UnitType type, int year) {
    return jdbc.sql("select coalesce(max(version), 0) + 1 from responsibility_lists where %s and list_year = :year"
            .formatted(COMMON_OF_TYPE))
        .param("type", type.name())
        .param("year", year)
        .query(Integer.class)
        .single();
  }

  long insertPublished(Owner owner, int year, int version, List<ListItem> items, OffsetDateTime now) {
    supersedePublished(owner, year);
    long listId = insert(owner, year, version, ListStatus.PUBLISHED, now, now);
    insertItems(listId, items);
    return listId;
  }

  long insertDraft(Owner owner, int year, int version, List<ListItem> items, OffsetDateTime now) {
    long listId = insert(owner, year, version, ListStatus.DRAFT, now, null);
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
    supersedePublished(Owner.of(list), list.year());
    return jdbc.sql("""
            update responsibility_lists set status = 'PUBLISHED', published_at = ?, change_summary = ?
             where id = ? and status = 'SUBMITTED'""")
        .params(now, changeSummary, list.id()).update() == 1;
  }

  /**
   * Supersedes the owner's published list of the year. A type's common list supersedes only the type's own: a list
   * of every type from before types stays published for the other types.
   */
  private void supersedePublished(Owner owner, int year) {
    String who = owner.unitCode() != null ? "kind = 'TAILORED' and unit_code = :owner"
        : "kind = 'COMMON' and unit_type = :owner";
    jdbc.sql("""
            update responsibility_lists set status = 'SUPERSEDED'
             where %s and list_year = :year and status = 'PUBLISHED'""".formatted(who))
        .param("owner", owner.unitCode() != null ? owner.unitCode() : owner.unitType().name())
        .param("year", year)
        .update();
  }

  private long insert(Owner owner, int year, int version, ListStatus status, OffsetDateTime createdAt,
      OffsetDateTime publishedAt) {
    KeyHolder key = new GeneratedKeyHolder();
    jdbc.sql("""
            insert into responsibility_lists (kind, unit_code, unit_type, list_year, version, status, created_at,
                                              published_at)
            values (?, ?, ?, ?, ?, ?, ?, ?)""")
        .params(owner.kind().name(), owner.unitCode(), owner.unitType() == null ? null : owner.unitType().name(),
            year, version, status.name(), createdAt, publishedAt)
        .update(key, "id");
    return key.getKey().longValue();
  }

  /** Whose a list is: a unit's (tailored) or a unit type's (common). */
  record Owner(String unitCode, UnitType unitType) {

    Owner {
      if ((unitCode == null) == (unitType == null)) {
        throw new IllegalArgumentException("A list belongs to a unit or to a unit type");
      }
    }

    static Owner unit(String unitCode) {
      return new Owner(unitCode, null);
    }

    static Owner type(UnitType unitType) {
      return new Owner(null, unitType);
    }

    static Owner of(ResponsibilityList list) {
      return new Owner(list.unitCode(), list.unitType());
    }

    ListKind kind() {
      return unitCode != null ? ListKind.TAILORED : ListKind.COMMON;
    }
  }

  private void insertItems(long listId, List<ListItem> items) {
    for (int i = 0; i < items.size(); i++) {
      ListItem item = items.get(i);
      jdbc.sql("""
              insert into list_items (list_id, position, responsibility, category, content, measures, risk_point,
                                      frequency, evidence_required, responsible_person, responsible_leader)
              values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
          .params(listId, i + 1, item.responsibility().name(), item.category(), item.content(), item.measures(),
              item.riskPoint(), item.frequency(), item.evidenceRequired(), item.responsiblePerson(),
              item.responsibleLeader())
          .update();
    }
  }

  private ResponsibilityList withItems(ResponsibilityList list) {
    return list.withItems(items(list.id()));
  }

  /** Whether the item is on the unit's tailored list or on a common list serving the unit's type. */
  boolean isItemOf(long itemId, String unitCode, UnitType type) {
    return jdbc.sql("""
            select count(*) from list_items i join responsibility_lists l on l.id = i.list_id
             where i.id = :item
               and ((l.kind = 'COMMON' and (l.unit_type = :type or l.unit_type is null)) or l.unit_code = :unit)""")
        .param("item", itemId)
        .param("type", type.name())
        .param("unit", unitCode)
        .query(Long.class).single() > 0;
  }

  /** Items by id with their list's kind (id → item); an id of no item is absent. */
  Map<Long, ItemOfList> items(Collection<Long> ids) {
    Map<Long, ItemOfList> items = new HashMap<>();
    if (ids.isEmpty()) {
      return items;
    }
    jdbc.sql("""
            select i.id, l.kind, i.position, i.category, i.content
              from list_items i join responsibility_lists l on l.id = i.list_id
             where i.id in (:ids)""")
        .param("ids", ids)
        .query(rs -> {
          items.put(rs.getLong("id"), new ItemOfList(rs.getLong("id"), ListKind.valueOf(rs.getString("kind")),
              rs.getInt("position"), rs.getString("category"), rs.getString("content")));
        });
    return items;
  }

  /**
   * The effective items of several units at once (unit code → the id of its common list, null for none): each
   * unit's common list's items, then its own published list's, by position. The common lists' items are read once
   * per list, every unit's own items in one query.
   */
  Map<String, List<EffectiveItem>> effectiveItems(Map<String, Long> commonListIds, int year) {
    Map<Long, List<EffectiveItem>> common = new HashMap<>();
    List<Long> ids = commonListIds.values().stream().filter(Objects::nonNull).distinct().toList();
    if (!ids.isEmpty()) {
      jdbc.sql("""
              select i.list_id, i.id, l.kind, i.position, i.responsibility, i.category, i.content,
                     i.responsible_person, i.responsible_leader
                from list_items i join responsibility_lists l on l.id = i.list_id
               where l.id in (:ids)
               order by i.position""")
          .param("ids", ids)
          .query(rs -> {
            common.computeIfAbsent(rs.getLong("list_id"), id -> new ArrayList<>()).add(effectiveItem(rs));
          });
    }
    Map<String, List<EffectiveItem>> tailored = new HashMap<>();
    if (!commonListIds.isEmpty()) {
      jdbc.sql("""
              select l.unit_code, i.id, l.kind, i.position, i.responsibility, i.category, i.content,
                     i.responsible_person, i.responsible_leader
                from list_items i join responsibility_lists l on l.id = i.list_id
               where l.kind = 'TAILORED' and l.unit_code in (:units) and l.list_year = :year and l.status = 'PUBLISHED'
               order by i.position""")
          .param("units", commonListIds.keySet())
          .param("year", year)
          .query(rs -> {
            tailored.computeIfAbsent(rs.getString("unit_code"), unit -> new ArrayList<>()).add(effectiveItem(rs));
          });
    }
    Map<String, List<EffectiveItem>> items = new LinkedHashMap<>();
    commonListIds.forEach((unit, commonId) -> {
      List<EffectiveItem> effective = new ArrayList<>(commonId == null ? List.of()
          : common.getOrDefault(commonId, List.of()));
      effective.addAll(tailored.getOrDefault(unit, List.of()));
      items.put(unit, effective);
    });
    return items;
  }

  private static EffectiveItem effectiveItem(java.sql.ResultSet rs) throws java.sql.SQLException {
    return new EffectiveItem(rs.getLong("id"), ListKind.valueOf(rs.getString("kind")), rs.getInt("position"),
        Responsibility.valueOf(rs.getString("responsibility")), rs.getString("category"), rs.getString("content"),
        rs.getString("responsible_person"), rs.getString("responsible_leader"));
  }

  /** Codes of the units with a published tailored list in the year. */
  List<String> unitsWithPublishedTailoredList(int year) {
    return jdbc.sql("""
            select distinct unit_code from responsibility_lists
             where kind = 'TAILORED' and list_year = ? and status = 'PUBLISHED'""")
        .param(year)
        .query(String.class)
        .list();
  }
}
