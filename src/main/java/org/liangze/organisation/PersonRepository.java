package org.liangze.organisation;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * People and their posts. Every method works in a constant number of statements whatever the number of people
 * (reads in one or two queries, writes as JDBC batches), so an import of thousands of people runs in the caller's
 * one transaction without a query per person.
 */
@Repository
public class PersonRepository {

  private final JdbcClient jdbc;
  private final JdbcTemplate template;

  PersonRepository(JdbcClient jdbc, JdbcTemplate template) {
    this.jdbc = jdbc;
    this.template = template;
  }

  private record Row(String userId, String name, String mobile, String email) {
  }

  /** Everyone who has not left, with their posts, ordered by login: two queries. */
  public List<Person> findAll() {
    List<Row> rows = jdbc.sql("select user_id, name, mobile, email from people where left_at is null order by user_id")
        .query((rs, n) -> new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4))).list();
    Map<String, List<Post>> posts = new HashMap<>();
    jdbc.sql("select p.user_id, p.unit_code, p.role from posts p join people e on e.user_id = p.user_id"
            + " where e.left_at is null order by p.user_id, p.role, p.unit_code")
        .query(rs -> {
          posts.computeIfAbsent(rs.getString(1), id -> new ArrayList<>())
              .add(new Post(rs.getString(2), Role.valueOf(rs.getString(3))));
        });
    return rows.stream()
        .map(row -> new Person(row.userId(), row.name(), row.mobile(), row.email(),
            posts.getOrDefault(row.userId(), List.of())))
        .toList();
  }

  /** The person with this login, with their posts, unless they have left. */
  public Optional<Person> find(String userId) {
    Optional<Row> row = jdbc.sql("select user_id, name, mobile, email from people where user_id = ? and left_at is null")
        .param(userId)
        .query((rs, n) -> new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4))).optional();
    return row.map(r -> new Person(r.userId(), r.name(), r.mobile(), r.email(), postsOf(userId)));
  }

  /**
   * The people (not left) with this mobile number, compared by its digits without China's country code, so
   * {@code +86 138-0013-8000} is {@code 13800138000}. Usually one; the caller decides what several mean.
   */
  public List<Person> findByMobile(String mobile) {
    String wanted = mobileDigits(mobile);
    if (wanted.isEmpty()) {
      return List.of();
    }
    return jdbc.sql("select user_id, mobile from people where left_at is null and mobile is not null")
        .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2)}).list().stream()
        .filter(row -> wanted.equals(mobileDigits(row[1])))
        .map(row -> find(row[0]))
        .flatMap(Optional::stream)
        .toList();
  }

  static String mobileDigits(String mobile) {
    String digits = mobile == null ? "" : mobile.replaceAll("[^0-9]", "");
    return digits.length() == 13 && digits.startsWith("86") ? digits.substring(2) : digits;
  }

  public List<Post> postsOf(String userId) {
    return jdbc.sql("select unit_code, role from posts where user_id = ? order by role, unit_code").param(userId)
        .query((rs, n) -> new Post(rs.getString(1), Role.valueOf(rs.getString(2)))).list();
  }

  /** Logins of the people who have left (kept for history, without posts and without a login). */
  public Set<String> findLeft() {
    return new HashSet<>(jdbc.sql("select user_id from people where left_at is not null").query(String.class).list());
  }

  public boolean hasLeft(String userId) {
    return jdbc.sql("select count(*) from people where user_id = ? and left_at is not null").param(userId)
        .query(Long.class).single() > 0;
  }

  /** Login → name of everyone who ever worked on the platform, those who left included (names in old records). */
  public Map<String, String> names() {
    Map<String, String> names = new LinkedHashMap<>();
    jdbc.sql("select user_id, name from people order by user_id")
        .query(rs -> {
          names.put(rs.getString(1), rs.getString(2));
        });
    return names;
  }

  public void insert(Person person) {
    upsertAll(List.of(person));
  }

  /**
   * Inserts or updates these people and replaces their posts by the given ones; a person who had left and is
   * given again is back (no longer left). A constant number of statements, in the caller's transaction.
   */
  public void upsertAll(Collection<Person> people) {
    if (people.isEmpty()) {
      return;
    }
    Set<String> existing = new HashSet<>(jdbc.sql("select user_id from people").query(String.class).list());
    List<Object[]> inserts = new ArrayList<>();
    List<Object[]> updates = new ArrayList<>();
    List<Object[]> ids = new ArrayList<>();
    List<Object[]> posts = new ArrayList<>();
    for (Person person : people) {
      if (existing.contains(person.userId())) {
        updates.add(new Object[] {person.name(), person.mobile(), person.email(), person.userId()});
      } else {
        inserts.add(new Object[] {person.userId(), person.name(), person.mobile(), person.email()});
      }
      ids.add(new Object[] {person.userId()});
      for (Post post : person.posts()) {
        posts.add(new Object[] {person.userId(), post.unitCode(), post.role().name()});
      }
    }
    template.batchUpdate("insert into people (user_id, name, mobile, email) values (?, ?, ?, ?)", inserts);
    template.batchUpdate("update people set name = ?, mobile = ?, email = ?, left_at = null where user_id = ?",
        updates);
    template.batchUpdate("delete from posts where user_id = ?", ids);
    template.batchUpdate("insert into posts (user_id, unit_code, role) values (?, ?, ?)", posts);
  }

  /** Marks these people as left at {@code at}: they keep their row (for history) and lose every post. */
  public void markLeft(Collection<String> userIds, Instant at) {
    if (userIds.isEmpty()) {
      return;
    }
    OffsetDateTime when = OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
    List<Object[]> ids = userIds.stream().map(id -> new Object[] {id}).toList();
    template.batchUpdate("delete from posts where user_id = ?", ids);
    template.batchUpdate("update people set left_at = ? where user_id = ? and left_at is null",
        userIds.stream().map(id -> new Object[] {when, id}).toList());
  }
}
