package org.liangze.organisation;

import java.util.List;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class PersonRepository {

  private static final RowMapper<Person> PERSON = (rs, row) -> new Person(rs.getString("user_id"),
      rs.getString("name"), rs.getString("unit_code"), Role.valueOf(rs.getString("role")), rs.getString("email"));

  private final JdbcClient jdbc;

  PersonRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public List<Person> findAll() {
    return jdbc.sql("select * from people order by user_id").query(PERSON).list();
  }

  public void insert(Person person) {
    jdbc.sql("insert into people (user_id, name, unit_code, role, email) values (?, ?, ?, ?, ?)")
        .params(person.userId(), person.name(), person.unitCode(), person.role().name(), person.email())
        .update();
  }
}
