package org.liangze.lists;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.camunda.spin.plugin.variable.SpinValues;
import org.liangze.organisation.Role;
import org.liangze.organisation.UnitPeople;
import org.liangze.organisation.UnitPeople.Member;
import org.liangze.platform.InvalidInputException;
import org.springframework.stereotype.Component;

/**
 * Every item of a unit's tailored list has its 责任人 (a person of the unit) and its 责任领导 (the unit's secretary or
 * a team member, 一岗双责). The supervisory-responsibility items are the 纪检委员's: an item of 监督责任 that names no
 * 责任人 gets the unit's inspector. The drafting form picks both from lists of the unit's people
 * ({@link #peopleOptions}, {@link #leaderOptions}); whatever arrives is checked here against the unit's current
 * people, with a Chinese message naming the item.
 */
@Component
public class ItemResponsibles {

  private final UnitPeople unitPeople;
  private final ObjectMapper json;

  ItemResponsibles(UnitPeople unitPeople, ObjectMapper json) {
    this.unitPeople = unitPeople;
    this.json = json;
  }

  /** Checks each item's responsibles against the unit's people and fills the inspector where a default applies. */
  public List<ListItem> check(String unitCode, List<ListItem> items) {
    List<Member> people = unitPeople.of(unitCode);
    List<ListItem> checked = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      ListItem item = items.get(i);
      String where = "第" + (i + 1) + "项：";
      String person = item.responsiblePerson();
      if (person == null && item.responsibility() == Responsibility.SUPERVISORY) {
        person = first(people, member -> member.holds(Role.INSPECTOR)).orElse(null);
      }
      if (person == null) {
        throw new InvalidInputException(where + "请选择责任人");
      }
      String personId = person;
      if (people.stream().noneMatch(member -> member.userId().equals(personId))) {
        throw new InvalidInputException(where + "责任人须为本单位人员，请从列表中选择");
      }
      String leader = item.responsibleLeader();
      if (leader == null) {
        throw new InvalidInputException(where + "请选择责任领导");
      }
      if (people.stream().noneMatch(member -> member.userId().equals(leader) && member.isLeader())) {
        throw new InvalidInputException(where + "责任领导须为本单位党组织书记或班子成员，请从列表中选择");
      }
      checked.add(item.withResponsibles(person, leader));
    }
    return checked;
  }

  /**
   * The responsibles a draft starts with: those of the items that are still valid; else for a 监督责任 item the
   * unit's inspector as 责任人, and the secretary as 责任领导 of every item. {@code everyItem}: a 主体责任 item without a
   * 责任人 gets the unit's first staff member (lists published without a form, e.g. the demo's); otherwise the
   * drafter picks it.
   */
  public List<ListItem> defaults(String unitCode, List<ListItem> items, boolean everyItem) {
    List<Member> people = unitPeople.of(unitCode);
    Optional<String> inspector = first(people, member -> member.holds(Role.INSPECTOR));
    Optional<String> secretary = first(people, member -> member.holds(Role.SECRETARY));
    Optional<String> staff = first(people, member -> member.holds(Role.STAFF));
    return items.stream().map(item -> {
      String person = people.stream().anyMatch(member -> member.userId().equals(item.responsiblePerson()))
          ? item.responsiblePerson()
          : item.responsibility() == Responsibility.SUPERVISORY ? inspector.orElse(null)
          : everyItem ? staff.orElse(null) : null;
      String leader = people.stream()
          .anyMatch(member -> member.userId().equals(item.responsibleLeader()) && member.isLeader())
          ? item.responsibleLeader() : secretary.orElse(null);
      return item.withResponsibles(person, leader);
    }).toList();
  }

  /** The drafting form's list of 责任人: everyone of the unit, "name（posts）" shown, the login as value. */
  public TypedValue peopleOptions(String unitCode) {
    return options(unitPeople.of(unitCode));
  }

  /** The drafting form's list of 责任领导: the unit's secretary and team members. */
  public TypedValue leaderOptions(String unitCode) {
    return options(unitPeople.of(unitCode).stream().filter(Member::isLeader).toList());
  }

  private TypedValue options(List<Member> members) {
    try {
      return SpinValues.jsonValue(json.writeValueAsString(members.stream()
          .map(member -> Map.of("label", member.label(), "value", member.userId())).toList())).create();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("People could not be written as JSON", e);
    }
  }

  private static Optional<String> first(List<Member> people, Predicate<Member> which) {
    return people.stream().filter(which).map(Member::userId).findFirst();
  }
}
