package org.liangze.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.liangze.lists.ListKind;
import org.liangze.lists.ListService;
import org.liangze.organisation.IdentitySync;
import org.liangze.organisation.Person;
import org.liangze.organisation.PersonRepository;
import org.liangze.organisation.Unit;
import org.liangze.organisation.UnitRepository;
import org.liangze.organisation.UnitType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The demo district: its units, people, the common list and each unit's tailored list. The demo profile seeds it
 * on first start, before {@link IdentitySync} creates the logins; tests seed it to work on realistic data.
 */
@Component
public class DemoDistrict {

  private static final Logger log = LoggerFactory.getLogger(DemoDistrict.class);

  private final UnitRepository units;
  private final PersonRepository people;
  private final ListService lists;
  private final ObjectMapper json;

  DemoDistrict(UnitRepository units, PersonRepository people, ListService lists, ObjectMapper json) {
    this.units = units;
    this.people = people;
    this.lists = lists;
    this.json = json;
  }

  /** Seeds the district with lists for {@code year}, unless units exist already; returns whether it seeded. */
  @Transactional
  public boolean seedIfEmpty(int year) throws IOException {
    if (!units.isEmpty()) {
      return false;
    }
    DemoDistrictData data = read();
    data.units().forEach(u -> units.insert(new Unit(u.code(), u.name(), u.type(), u.parent())));
    data.people().forEach(p -> people.insert(new Person(p.userId(), p.name(), p.unit(), p.role(), p.email())));
    publishLists(data, year);
    log.info("Demo district seeded: {} units, {} people, lists for {}", data.units().size(),
        data.people().size(), year);
    return true;
  }

  /** Publishes the demo common and tailored lists for another year, unless that year has common lists. */
  @Transactional
  public void publishLists(int year) throws IOException {
    publishLists(read(), year);
  }

  private void publishLists(DemoDistrictData data, int year) {
    // the demo's common list, published for every unit type the demo district uses
    List<UnitType> types = data.units().stream().map(DemoDistrictData.UnitEntry::type).distinct().sorted().toList();
    if (types.stream().anyMatch(type -> lists.commonList(type, year).isPresent())) {
      return;
    }
    types.forEach(type -> lists.publishCommon(type, year, data.commonList()));
    data.tailoredLists().forEach((unit, items) -> lists.publish(ListKind.TAILORED, unit, year, items));
  }

  private DemoDistrictData read() throws IOException {
    try (InputStream in = new ClassPathResource("demo/district.json").getInputStream()) {
      return json.readValue(in, DemoDistrictData.class);
    }
  }
}
