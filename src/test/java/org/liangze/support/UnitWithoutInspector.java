package org.liangze.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.liangze.imports.ImportReport;
import org.liangze.imports.OrganisationImports;
import org.liangze.organisation.PersonRepository;
import org.liangze.organisation.Role;
import org.liangze.organisation.UnitRepository;
import org.liangze.organisation.UnitType;
import org.springframework.stereotype.Component;

/**
 * Adds to the seeded district, through the organisation import as an organisation admin would, a district department
 * that has a secretary and a staff member but no 纪检委员 ({@value #CODE}: {@code d09staff}, {@code d09sec}).
 */
@Component
public class UnitWithoutInspector {

  public static final String CODE = "D09";
  public static final String STAFF = "d09staff";
  public static final String SECRETARY = "d09sec";

  private final OrganisationImports imports;
  private final UnitRepository units;
  private final PersonRepository people;

  UnitWithoutInspector(OrganisationImports imports, UnitRepository units, PersonRepository people) {
    this.imports = imports;
    this.units = units;
    this.people = people;
  }

  /** Adds the unit unless it is there already. */
  public void addIfMissing() {
    if (units.findByCode(CODE).isPresent()) {
      return;
    }
    List<Map<String, String>> unitRows = new ArrayList<>(units.findAllActive().stream().map(unit -> Map.of(
        OrganisationImports.Columns.UNIT_CODE, unit.code(), OrganisationImports.Columns.UNIT_NAME, unit.name(),
        OrganisationImports.Columns.UNIT_TYPE, unit.type().label(), OrganisationImports.Columns.PARENT_CODE,
        unit.parentCode() == null ? "" : unit.parentCode())).toList());
    unitRows.add(Map.of(OrganisationImports.Columns.UNIT_CODE, CODE, OrganisationImports.Columns.UNIT_NAME,
        "区统计局", OrganisationImports.Columns.UNIT_TYPE, UnitType.DISTRICT_DEPARTMENT.label(),
        OrganisationImports.Columns.PARENT_CODE, ""));
    List<Map<String, String>> peopleRows = new ArrayList<>(people.findAll().stream()
        .flatMap(person -> person.posts().stream().map(post -> Map.of(
            OrganisationImports.Columns.LOGIN, person.userId(), OrganisationImports.Columns.NAME, person.name(),
            OrganisationImports.Columns.UNIT_CODE, post.unitCode() == null ? "" : post.unitCode(),
            OrganisationImports.Columns.POST, post.role().label(),
            OrganisationImports.Columns.MOBILE, person.mobile() == null ? "" : person.mobile(),
            OrganisationImports.Columns.EMAIL, person.email() == null ? "" : person.email())))
        .toList());
    peopleRows.add(person(STAFF, "何静", Role.STAFF));
    peopleRows.add(person(SECRETARY, "罗斌", Role.SECRETARY));
    ImportReport report = imports.importRows("unit-without-inspector", unitRows, peopleRows, "zuzhi");
    if (!report.applied()) {
      throw new IllegalStateException("The unit could not be added: " + report.problems());
    }
  }

  private static Map<String, String> person(String login, String name, Role role) {
    return Map.of(OrganisationImports.Columns.LOGIN, login, OrganisationImports.Columns.NAME, name,
        OrganisationImports.Columns.UNIT_CODE, CODE, OrganisationImports.Columns.POST, role.label(),
        OrganisationImports.Columns.MOBILE, "", OrganisationImports.Columns.EMAIL, login + "@demo.liangze.local");
  }
}
