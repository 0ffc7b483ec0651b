package org.liangze.imports;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.liangze.imports.OrganisationState.PersonState;
import org.liangze.imports.OrganisationState.PostState;
import org.liangze.imports.OrganisationState.UnitState;
import org.liangze.organisation.Person;
import org.liangze.organisation.PersonRepository;
import org.liangze.organisation.Post;
import org.liangze.organisation.Unit;
import org.liangze.organisation.UnitRepository;
import org.springframework.stereotype.Component;

/**
 * The import's one door to the organisation's tables: reads the whole organisation and writes a plan through the
 * organisation's batch repositories (a constant number of statements, in the caller's transaction).
 */
@Component
class OrganisationStore {

  private final UnitRepository units;
  private final PersonRepository people;

  OrganisationStore(UnitRepository units, PersonRepository people) {
    this.units = units;
    this.people = people;
  }

  OrganisationState read() {
    Map<String, UnitState> unitStates = new LinkedHashMap<>();
    for (Unit unit : units.findAll()) {
      unitStates.put(unit.code(), new UnitState(unit.code(), unit.name(), unit.type(), unit.parentCode(),
          unit.active()));
    }
    Map<String, PersonState> personStates = new LinkedHashMap<>();
    for (Person person : people.findAll()) {
      Set<PostState> posts = new LinkedHashSet<>();
      person.posts().forEach(post -> posts.add(new PostState(post.unitCode(), post.role())));
      personStates.put(person.userId(), new PersonState(person.userId(), person.name(), person.mobile(),
          person.email(), posts, false));
    }
    Map<String, String> names = new HashMap<>(people.names());
    for (String login : people.findLeft()) {
      personStates.put(login, new PersonState(login, names.getOrDefault(login, login), null, null, Set.of(), true));
    }
    return new OrganisationState(unitStates, personStates);
  }

  void apply(ImportPlan plan, Instant at) {
    units.upsertAll(plan.unitsToWrite().stream()
        .map(unit -> new Unit(unit.code(), unit.name(), unit.type(), unit.parentCode(), true)).toList());
    people.upsertAll(plan.peopleToWrite().stream().map(OrganisationStore::person).toList());
    people.markLeft(plan.peopleLeaving(), at);
    units.retire(plan.unitsToRetire());
  }

  private static Person person(PersonState person) {
    List<Post> posts = person.posts().stream().map(post -> new Post(post.unitCode(), post.role())).toList();
    return new Person(person.login(), person.name(), person.mobile(), person.email(), posts);
  }

  static String postsText(Collection<PostState> posts, Map<String, UnitState> units) {
    return String.join("；", posts.stream().map(post -> post.unitCode() == null ? post.role().label()
        : units.getOrDefault(post.unitCode(), new UnitState(post.unitCode(), post.unitCode(), null, null, true)).name()
            + " " + post.role().label()).toList());
  }
}
