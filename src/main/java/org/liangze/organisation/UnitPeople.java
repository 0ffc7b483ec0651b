package org.liangze.organisation;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Who works in a unit and in which posts, for the features that name people of a unit (a list item's 责任人 and
 * 责任领导, picked from lists on forms): one query, people who left excluded.
 */
@Service
public class UnitPeople {

  private final JdbcClient jdbc;

  UnitPeople(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** A person of a unit with their posts there. */
  public record Member(String userId, String name, Set<Role> roles) {

    public boolean holds(Role role) {
      return roles.contains(role);
    }

    /** The unit's leading posts: its secretary (第一责任人) and its team members (班子成员, 一岗双责). */
    public boolean isLeader() {
      return holds(Role.SECRETARY) || holds(Role.TEAM_MEMBER);
    }

    /** "王芳（工作人员）", "郑浩（纪检委员、班子成员）": how a form's list shows them. */
    public String label() {
      return name + "（" + String.join("、", roles.stream().map(Role::label).toList()) + "）";
    }
  }

  /** The unit's people, ordered by their most senior post (secretary, team members, inspector, staff), then login. */
  public List<Member> of(String unitCode) {
    return of(List.of(unitCode)).getOrDefault(unitCode, List.of());
  }

  /**
   * Each unit's people as {@link #of(String)} has them, in one query (a campaign's batch starts its units' self-checks
   * in one transaction); a unit without people maps to an empty list.
   */
  public Map<String, List<Member>> of(Collection<String> unitCodes) {
    Map<String, Map<String, String>> names = new LinkedHashMap<>();
    Map<String, Map<String, Set<Role>>> roles = new HashMap<>();
    unitCodes.forEach(unit -> names.put(unit, new LinkedHashMap<>()));
    if (!unitCodes.isEmpty()) {
      jdbc.sql("""
              select p.unit_code, e.user_id, e.name, p.role from posts p join people e on e.user_id = p.user_id
               where p.unit_code in (:units) and e.left_at is null order by p.unit_code, e.user_id""")
          .param("units", unitCodes)
          .query(rs -> {
            String unit = rs.getString(1);
            String userId = rs.getString(2);
            names.computeIfAbsent(unit, key -> new LinkedHashMap<>()).put(userId, rs.getString(3));
            roles.computeIfAbsent(unit, key -> new HashMap<>())
                .computeIfAbsent(userId, id -> EnumSet.noneOf(Role.class)).add(Role.valueOf(rs.getString(4)));
          });
    }
    Map<String, List<Member>> people = new LinkedHashMap<>();
    names.forEach((unit, unitNames) -> {
      List<Member> members = new ArrayList<>();
      unitNames.forEach((userId, name) -> members.add(new Member(userId, name,
          Collections.unmodifiableSet(roles.get(unit).get(userId)))));
      members.sort((a, b) -> Integer.compare(rank(a), rank(b)));
      people.put(unit, members);
    });
    return people;
  }

  /** A post holder of the district: who, in which unit. */
  public record Holder(String unitCode, String userId, String name) {
  }

  /** Everyone who holds the unit role in an active unit (e.g. every team member), by unit and login. */
  public List<Holder> holding(Role role) {
    return jdbc.sql("""
            select p.unit_code, e.user_id, e.name from posts p join people e on e.user_id = p.user_id
              join units u on u.code = p.unit_code
             where p.role = ? and e.left_at is null and u.active order by p.unit_code, e.user_id""")
        .param(role.name())
        .query((rs, n) -> new Holder(rs.getString(1), rs.getString(2), rs.getString(3)))
        .list();
  }

  public Optional<Member> member(String unitCode, String userId) {
    return of(unitCode).stream().filter(member -> member.userId().equals(userId)).findFirst();
  }

  private static int rank(Member member) {
    if (member.holds(Role.SECRETARY)) {
      return 0;
    }
    if (member.holds(Role.TEAM_MEMBER)) {
      return 1;
    }
    return member.holds(Role.INSPECTOR) ? 2 : 3;
  }
}
