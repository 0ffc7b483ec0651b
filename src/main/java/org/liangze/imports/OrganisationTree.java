package org.liangze.imports;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.liangze.organisation.Person;
import org.liangze.organisation.PersonRepository;
import org.liangze.organisation.Post;
import org.liangze.organisation.Role;
import org.liangze.organisation.Unit;
import org.liangze.organisation.UnitRepository;
import org.springframework.stereotype.Component;

/** The district as a tree of its active units, each with the people and posts it has, optionally searched. */
@Component
class OrganisationTree {

  /** Someone holding posts in one unit (or district posts). */
  record Holder(String login, String name, String posts, String mobile, String email) {
  }

  record Node(String code, String name, String type, List<Holder> people, List<Node> children, boolean match) {
  }

  record Tree(List<Holder> districtPosts, List<Node> roots, int units, int people, String query, int matches) {
  }

  private final UnitRepository units;
  private final PersonRepository people;

  OrganisationTree(UnitRepository units, PersonRepository people) {
    this.units = units;
    this.people = people;
  }

  Tree of(String query) {
    String q = query == null ? "" : query.strip().toLowerCase(Locale.ROOT);
    List<Unit> active = units.findAllActive();
    List<Person> everyone = people.findAll();
    Map<String, List<Holder>> holders = new HashMap<>();
    List<Holder> district = new ArrayList<>();
    for (Person person : everyone) {
      Map<String, List<String>> byUnit = new LinkedHashMap<>();
      for (Post post : person.posts()) {
        byUnit.computeIfAbsent(post.unitCode() == null ? "" : post.unitCode(), k -> new ArrayList<>())
            .add(post.role().label());
      }
      byUnit.forEach((unit, roles) -> {
        Holder holder = new Holder(person.userId(), person.name(), String.join("、", roles), person.mobile(),
            person.email());
        if (unit.isEmpty()) {
          district.add(holder);
        } else {
          holders.computeIfAbsent(unit, k -> new ArrayList<>()).add(holder);
        }
      });
    }
    Map<String, Unit> byCode = new HashMap<>();
    active.forEach(unit -> byCode.put(unit.code(), unit));
    Set<String> matching = new HashSet<>();
    if (!q.isEmpty()) {
      for (Unit unit : active) {
        boolean match = unit.code().toLowerCase(Locale.ROOT).contains(q) || unit.name().toLowerCase(Locale.ROOT).contains(q)
            || holders.getOrDefault(unit.code(), List.of()).stream().anyMatch(h -> matches(h, q));
        if (match) {
          matching.add(unit.code());
        }
      }
    }
    // a match is shown with the units above it
    Set<String> shown = new HashSet<>();
    if (q.isEmpty()) {
      active.forEach(unit -> shown.add(unit.code()));
    } else {
      for (String code : matching) {
        for (Unit at = byCode.get(code); at != null && shown.add(at.code());
            at = at.parentCode() == null ? null : byCode.get(at.parentCode())) {
          // walk up
        }
      }
    }
    Map<String, List<Unit>> children = new HashMap<>();
    List<Unit> roots = new ArrayList<>();
    for (Unit unit : active) {
      if (!shown.contains(unit.code())) {
        continue;
      }
      if (unit.parentCode() == null || !byCode.containsKey(unit.parentCode())) {
        roots.add(unit);
      } else {
        children.computeIfAbsent(unit.parentCode(), k -> new ArrayList<>()).add(unit);
      }
    }
    List<Holder> districtShown = q.isEmpty() ? district : district.stream().filter(h -> matches(h, q)).toList();
    return new Tree(districtShown.stream().sorted(Comparator.comparing(Holder::login)).toList(),
        nodes(roots, children, holders, matching), active.size(), everyone.size(), query == null ? "" : query.strip(),
        matching.size() + (q.isEmpty() ? 0 : districtShown.size()));
  }

  private static boolean matches(Holder holder, String q) {
    return holder.login().toLowerCase(Locale.ROOT).contains(q) || holder.name().toLowerCase(Locale.ROOT).contains(q);
  }

  private static List<Node> nodes(List<Unit> units, Map<String, List<Unit>> children, Map<String, List<Holder>> holders,
      Set<String> matching) {
    // districts list departments, then towns, then affiliated units: the order of the types, then by code
    return units.stream()
        .sorted(Comparator.comparing((Unit u) -> u.type().ordinal()).thenComparing(Unit::code))
        .map(unit -> new Node(unit.code(), unit.name(), unit.type().label(),
            holders.getOrDefault(unit.code(), List.of()).stream()
                .sorted(Comparator.comparing((Holder h) -> rank(h.posts())).thenComparing(Holder::login)).toList(),
            nodes(children.getOrDefault(unit.code(), List.of()), children, holders, matching),
            matching.contains(unit.code())))
        .toList();
  }

  /** Secretaries first, then the team, the inspector and staff. */
  private static int rank(String posts) {
    for (Role role : List.of(Role.SECRETARY, Role.TEAM_MEMBER, Role.INSPECTOR, Role.STAFF)) {
      if (posts.contains(role.label())) {
        return role == Role.SECRETARY ? 0 : role == Role.TEAM_MEMBER ? 1 : role == Role.INSPECTOR ? 2 : 3;
      }
    }
    return 4;
  }
}
