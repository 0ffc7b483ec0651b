package org.liangze.demo;

import java.util.List;
import java.util.Map;
import org.liangze.lists.ListItem;
import org.liangze.organisation.Role;
import org.liangze.organisation.UnitType;

/** The shape of {@code demo/district.json}. */
record DemoDistrictData(List<UnitEntry> units, List<PersonEntry> people, List<ListItem> commonList,
    Map<String, List<ListItem>> tailoredLists) {

  record UnitEntry(String code, String name, UnitType type, String parent) {
  }

  /** A person with one or more posts. */
  record PersonEntry(String userId, String name, String mobile, String email, List<PostEntry> posts) {
  }

  /** A post: a unit and a role, or a district role ({@code unit} null). */
  record PostEntry(String unit, Role role) {
  }
}
