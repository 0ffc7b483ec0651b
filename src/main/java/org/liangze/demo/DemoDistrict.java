package org.liangze.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.liangze.imports.ImportReport;
import org.liangze.imports.OrganisationImports;
import org.liangze.lists.ListItem;
import org.liangze.lists.ListKind;
import org.liangze.lists.ListService;
import org.liangze.organisation.IdentitySync;
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
  private final OrganisationImports imports;
  private final ListService lists;
  private final ObjectMapper json;

  DemoDistrict(UnitRepository units, OrganisationImports imports, ListService lists, ObjectMapper json) {
    this.units = units;
    this.imports = imports;
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
    // through the organisation import, as a district's own spreadsheets go (without first passwords: the demo
    // profile gives everyone the password demo)
    List<Map<String, String>> unitRows = data.units().stream().map(u -> Map.of(
        OrganisationImports.Columns.UNIT_CODE, u.code(), OrganisationImports.Columns.UNIT_NAME, u.name(),
        OrganisationImports.Columns.UNIT_TYPE, u.type().label(),
        OrganisationImports.Columns.PARENT_CODE, u.parent() == null ? "" : u.parent())).toList();
    List<Map<String, String>> peopleRows = data.people().stream().flatMap(p -> p.posts().stream().map(post -> Map.of(
        OrganisationImports.Columns.LOGIN, p.userId(), OrganisationImports.Columns.NAME, p.name(),
        OrganisationImports.Columns.UNIT_CODE, post.unit() == null ? "" : post.unit(),
        OrganisationImports.Columns.POST, post.role().label(),
        OrganisationImports.Columns.MOBILE, p.mobile() == null ? "" : p.mobile(),
        OrganisationImports.Columns.EMAIL, p.email() == null ? "" : p.email()))).toList();
    ImportReport report = imports.importRows("demo/district.json", unitRows, peopleRows, "demo");
    if (!report.applied()) {
      throw new IllegalStateException("The demo district does not import: " + report.problems());
    }
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

  /**
   * {@code demo/district.json}, plus {@code demo/district-tree.json}: a second village under 洪家楼街道 and a second
   * section under 区教育和体育局, so that the demo shows a town supervising two villages and a department two
   * sections, level by level (reviews, and what a parent's posts read).
   */
  private DemoDistrictData read() throws IOException {
    DemoDistrictData district = read("demo/district.json");
    DemoDistrictData tree = read("demo/district-tree.json");
    Map<String, List<ListItem>> tailored = new LinkedHashMap<>(district.tailoredLists());
    tailored.putAll(tree.tailoredLists());
    return new DemoDistrictData(concat(district.units(), tree.units()), concat(district.people(), tree.people()),
        district.commonList(), tailored);
  }

  private DemoDistrictData read(String resource) throws IOException {
    try (InputStream in = new ClassPathResource(resource).getInputStream()) {
      return json.readValue(in, DemoDistrictData.class);
    }
  }

  private static <T> List<T> concat(List<T> first, List<T> second) {
    List<T> all = new ArrayList<>(first);
    all.addAll(second);
    return all;
  }
}
