package org.liangze.organisation;

import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Who am I, and which units are there. */
@RestController
@RequestMapping("/api")
class OrganisationController {

  private final Officials officials;
  private final UnitRepository units;

  OrganisationController(Officials officials, UnitRepository units) {
    this.officials = officials;
    this.units = units;
  }

  @GetMapping("/me")
  Official me() {
    return officials.current();
  }

  record UnitView(String code, String name, UnitType type, String typeLabel, String parentCode) {
  }

  /** Units the caller may see: their own, or the whole district for supervisors. */
  @GetMapping("/units")
  List<UnitView> units() {
    Official official = officials.current();
    return units.findAllActive().stream()
        .filter(unit -> official.canSee(unit.code()))
        .map(unit -> new UnitView(unit.code(), unit.name(), unit.type(), unit.type().label(), unit.parentCode()))
        .toList();
  }
}
