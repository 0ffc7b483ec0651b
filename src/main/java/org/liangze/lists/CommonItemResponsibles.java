package org.liangze.lists;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.liangze.organisation.Groups;
import org.liangze.organisation.Official;
import org.liangze.organisation.Role;
import org.liangze.organisation.UnitPeople;
import org.liangze.organisation.UnitPeople.Member;
import org.liangze.platform.InvalidInputException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

/**
 * Each unit's 责任人 and 责任领导 of the common list's items (a common list serves every unit of a type). A unit has
 * them from the moment it carries the list: the defaults are the unit's secretary (党组织书记, first responsible
 * person) for 主体责任 items and its 纪检委员 for 监督责任 items (the secretary where it has none), with the
 * secretary as 责任领导; the unit's secretary changes them on the list page, picking people of the unit by name,
 * and the choice is kept per unit and item. A kept 责任人 who has left the unit gives way to the default again.
 */
@Component
class CommonItemResponsibles {

  /** One unit's choice for one common item. */
  record Assignment(Long itemId, String responsiblePerson, String responsibleLeader) {
  }

  private record Kept(String person, String leader) {
  }

  private final JdbcClient jdbc;
  private final UnitPeople unitPeople;
  private final Clock clock;

  CommonItemResponsibles(JdbcClient jdbc, UnitPeople unitPeople, Clock clock) {
    this.jdbc = jdbc;
    this.unitPeople = unitPeople;
    this.clock = clock;
  }

  /**
   * The units' effective items (unit code → its items) with each common item's 责任人 and 责任领导 filled for its
   * unit: the units' people and kept choices read in one query each.
   */
  Map<String, List<EffectiveItem>> apply(Map<String, List<EffectiveItem>> itemsByUnit) {
    List<String> withCommon = itemsByUnit.entrySet().stream()
        .filter(entry -> entry.getValue().stream().anyMatch(item -> item.origin() == ListKind.COMMON))
        .map(Map.Entry::getKey).toList();
    if (withCommon.isEmpty()) {
      return itemsByUnit;
    }
    Map<String, List<Member>> people = unitPeople.of(withCommon);
    Map<String, Map<Long, Kept>> kept = kept(withCommon);
    Map<String, List<EffectiveItem>> applied = new HashMap<>(itemsByUnit);
    for (String unitCode : withCommon) {
      List<Member> members = people.getOrDefault(unitCode, List.of());
      Map<Long, Kept> choices = kept.getOrDefault(unitCode, Map.of());
      applied.put(unitCode, itemsByUnit.get(unitCode).stream().map(item -> {
        if (item.origin() != ListKind.COMMON) {
          return item;
        }
        Kept choice = choices.get(item.itemId());
        String person = choice != null && isMember(members, choice.person()) ? choice.person()
            : defaultPerson(members, item.responsibility());
        String leader = choice != null && isLeader(members, choice.leader()) ? choice.leader()
            : first(members, Role.SECRETARY).orElse(null);
        return item.withResponsibles(person, leader);
      }).toList());
    }
    return applied;
  }

  /**
   * The unit's secretary sets the 责任人 and 责任领导 of common items of the unit's list; every row is checked
   * (an item of the unit's common list, a person of the unit, a leader of the unit) before anything is kept.
   */
  void assign(Official by, String unitCode, List<EffectiveItem> effective, List<Assignment> assignments) {
    if (!by.isMemberOf(Groups.of(Role.SECRETARY, unitCode))) {
      throw new AccessDeniedException(by.userId() + " is not the secretary of unit " + unitCode);
    }
    if (assignments == null || assignments.isEmpty()) {
      throw new InvalidInputException("请至少为一项共性清单事项选择责任人和责任领导");
    }
    Map<Long, EffectiveItem> common = new HashMap<>();
    effective.stream().filter(item -> item.origin() == ListKind.COMMON).forEach(item -> common.put(item.itemId(), item));
    List<Member> people = unitPeople.of(unitCode);
    Set<Long> seen = new HashSet<>();
    List<Assignment> checked = new ArrayList<>();
    for (Assignment assignment : assignments) {
      EffectiveItem item = assignment == null || assignment.itemId() == null ? null : common.get(assignment.itemId());
      if (item == null) {
        throw new InvalidInputException("所选事项不是本单位本年度共性清单中的事项，请刷新页面后重试");
      }
      String where = "共性清单第" + item.position() + "项：";
      if (!seen.add(item.itemId())) {
        throw new InvalidInputException(where + "重复提交");
      }
      String person = blankToNull(assignment.responsiblePerson());
      if (person == null) {
        throw new InvalidInputException(where + "请选择责任人");
      }
      if (!isMember(people, person)) {
        throw new InvalidInputException(where + "责任人须为本单位人员，请从列表中选择");
      }
      String leader = blankToNull(assignment.responsibleLeader());
      if (leader == null) {
        throw new InvalidInputException(where + "请选择责任领导");
      }
      if (!isLeader(people, leader)) {
        throw new InvalidInputException(where + "责任领导须为本单位党组织书记或班子成员，请从列表中选择");
      }
      checked.add(new Assignment(item.itemId(), person, leader));
    }
    OffsetDateTime now = OffsetDateTime.now(clock);
    for (Assignment assignment : checked) {
      if (jdbc.sql("""
              update common_item_responsibles set responsible_person = ?, responsible_leader = ?, assigned_by = ?,
                     assigned_at = ? where unit_code = ? and list_item_id = ?""")
          .params(assignment.responsiblePerson(), assignment.responsibleLeader(), by.userId(), now, unitCode,
              assignment.itemId())
          .update() == 0) {
        jdbc.sql("""
                insert into common_item_responsibles (unit_code, list_item_id, responsible_person,
                  responsible_leader, assigned_by, assigned_at) values (?, ?, ?, ?, ?, ?)""")
            .params(unitCode, assignment.itemId(), assignment.responsiblePerson(), assignment.responsibleLeader(),
                by.userId(), now)
            .update();
      }
    }
  }

  /** Each unit's kept choices, by item. */
  private Map<String, Map<Long, Kept>> kept(List<String> unitCodes) {
    Map<String, Map<Long, Kept>> kept = new HashMap<>();
    jdbc.sql("""
            select unit_code, list_item_id, responsible_person, responsible_leader from common_item_responsibles
             where unit_code in (:units)""")
        .param("units", unitCodes)
        .query(rs -> {
          kept.computeIfAbsent(rs.getString(1), unit -> new HashMap<>())
              .put(rs.getLong(2), new Kept(rs.getString(3), rs.getString(4)));
        });
    return kept;
  }

  private static String defaultPerson(List<Member> people, Responsibility responsibility) {
    Optional<String> secretary = first(people, Role.SECRETARY);
    return responsibility == Responsibility.SUPERVISORY
        ? first(people, Role.INSPECTOR).or(() -> secretary).orElse(null)
        : secretary.orElse(null);
  }

  private static boolean isMember(List<Member> people, String userId) {
    return userId != null && people.stream().anyMatch(member -> member.userId().equals(userId));
  }

  private static boolean isLeader(List<Member> people, String userId) {
    return userId != null && people.stream().anyMatch(member -> member.userId().equals(userId) && member.isLeader());
  }

  private static Optional<String> first(List<Member> people, Role role) {
    return people.stream().filter(member -> member.holds(role)).map(Member::userId).findFirst();
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text.strip();
  }
}
