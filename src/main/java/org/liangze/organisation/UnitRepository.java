package org.liangze.organisation;

import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class UnitRepository {

  private static final RowMapper<Unit> UNIT = (rs, row) -> new Unit(rs.getString("code"), rs.getString("name"),
      UnitType.valueOf(rs.getString("type")), rs.getString("parent_code"));

  private final JdbcClient jdbc;

  UnitRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public List<Unit> findAllActive() {
    return jdbc.sql("select * from units where active order by code").query(UNIT).list();
  }

  public Optional<Unit> findByCode(String code) {
    return jdbc.sql("select * from units where code = ?").param(code).query(UNIT).optional();
  }

  public boolean isEmpty() {
    return jdbc.sql("select count(*) from units").query(Long.class).single() == 0;
  }

  public void insert(Unit unit) {
    jdbc.sql("insert into units (code, name, type, parent_code) values (?, ?, ?, ?)")
        .params(unit.code(), unit.name(), unit.type().name(), unit.parentCode())
        .update();
  }
}
