package org.liangze.organisation;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The district's units. Reads are one query; the batch writes the organisation import needs run as JDBC batches in
 * the caller's transaction, a constant number of statements whatever the number of units.
 */
@Repository
public class UnitRepository {

  private static final RowMapper<Unit> UNIT = (rs, row) -> new Unit(rs.getString("code"), rs.getString("name"),
      UnitType.valueOf(rs.getString("type")), rs.getString("parent_code"), rs.getBoolean("active"));

  private final JdbcClient jdbc;
  private final JdbcTemplate template;

  UnitRepository(JdbcClient jdbc, JdbcTemplate template) {
    this.jdbc = jdbc;
    this.template = template;
  }

  public List<Unit> findAllActive() {
    return jdbc.sql("select * from units where active order by code").query(UNIT).list();
  }

  /** A unit's code, name and parent's code: what lists of thousands of units need to name them. */
  public record UnitName(String code, String name, String parentCode) {
  }

  /** Every unit's {@link UnitName}, retired ones included: three columns. */
  public List<UnitName> names() {
    return jdbc.sql("select code, name, parent_code from units")
        .query((rs, n) -> new UnitName(rs.getString(1), rs.getString(2), rs.getString(3))).list();
  }

  /** One unit's name, its parent's name (null at the top) and how many units bear its name, itself included. */
  public record NameInContext(String name, String parentName, long sameName) {
  }

  /** {@link NameInContext} of one unit, in one query: empty if there is no such unit. */
  public Optional<NameInContext> nameInContext(String code) {
    return jdbc.sql("""
            select u.name, p.name, (select count(*) from units o where o.name = u.name)
              from units u left join units p on p.code = u.parent_code
             where u.code = ?""")
        .param(code).query((rs, n) -> new NameInContext(rs.getString(1), rs.getString(2), rs.getLong(3))).optional();
  }

  /** Every unit, retired ones included ({@link Unit#active()} false). */
  public List<Unit> findAll() {
    return jdbc.sql("select * from units order by code").query(UNIT).list();
  }

  /**
   * Locks the unit's row until the transaction ends, for work that must happen one unit at a time (appends to its
   * record manual's chain) and in parallel across units. False if there is no such unit.
   */
  public boolean lockForUpdate(String code) {
    return jdbc.sql("select code from units where code = ? for update").param(code).query(String.class)
        .optional().isPresent();
  }

  public Optional<Unit> findByCode(String code) {
    return jdbc.sql("select * from units where code = ?").param(code).query(UNIT).optional();
  }

  /** The units of these codes that exist (retired ones included), in one query. */
  public List<Unit> findByCodes(Collection<String> codes) {
    if (codes.isEmpty()) {
      return List.of();
    }
    return jdbc.sql("select * from units where code in (:codes)").param("codes", codes).query(UNIT).list();
  }

  public boolean isEmpty() {
    return jdbc.sql("select count(*) from units").query(Long.class).single() == 0;
  }

  public void insert(Unit unit) {
    upsertAll(List.of(unit));
  }

  /**
   * Inserts or updates these units (name, type, parent, active as given; a retired unit given as active is back).
   * Parents are written before their children, so a new unit may sit under another new one. The parents must not
   * form a cycle (the import refuses that before).
   */
  public void upsertAll(Collection<Unit> units) {
    if (units.isEmpty()) {
      return;
    }
    Set<String> existing = new HashSet<>(jdbc.sql("select code from units").query(String.class).list());
    List<Object[]> inserts = new ArrayList<>();
    List<Object[]> updates = new ArrayList<>();
    for (Unit unit : parentsFirst(units)) {
      if (existing.contains(unit.code())) {
        updates.add(new Object[] {unit.name(), unit.type().name(), unit.parentCode(), unit.active(), unit.code()});
      } else {
        inserts.add(new Object[] {unit.code(), unit.name(), unit.type().name(), unit.parentCode(), unit.active()});
      }
    }
    // new units first (in parents-first order), then updates, which may move a unit under a new one
    template.batchUpdate("insert into units (code, name, type, parent_code, active) values (?, ?, ?, ?, ?)", inserts);
    template.batchUpdate("update units set name = ?, type = ?, parent_code = ?, active = ? where code = ?", updates);
  }

  /** Retires these units: they stay (for history and their records) but are no longer active. */
  public void retire(Collection<String> codes) {
    template.batchUpdate("update units set active = false where code = ?",
        codes.stream().map(code -> new Object[] {code}).toList());
  }

  private static List<Unit> parentsFirst(Collection<Unit> units) {
    Map<String, Unit> byCode = new LinkedHashMap<>();
    units.forEach(unit -> byCode.put(unit.code(), unit));
    List<Unit> ordered = new ArrayList<>(byCode.size());
    Set<String> placed = new HashSet<>();
    for (Unit unit : byCode.values()) {
      place(unit, byCode, placed, ordered, new HashSet<>());
    }
    return ordered;
  }

  private static void place(Unit unit, Map<String, Unit> byCode, Set<String> placed, List<Unit> ordered,
      Set<String> path) {
    if (placed.contains(unit.code())) {
      return;
    }
    if (!path.add(unit.code())) {
      throw new IllegalArgumentException("Units form a cycle of parents at " + unit.code());
    }
    Unit parent = unit.parentCode() == null ? null : byCode.get(unit.parentCode());
    if (parent != null) {
      place(parent, byCode, placed, ordered, path);
    }
    placed.add(unit.code());
    ordered.add(unit);
  }
}
