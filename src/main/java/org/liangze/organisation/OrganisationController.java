package org.liangze.organisation;

import java.util.List;
import org.liangze.platform.NotFoundException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.PathVariable;
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

  /** Units the caller may see: their own, or the whole district for supervisors and those who load it. */
  @GetMapping("/units")
  List<UnitView> units() {
    Official official = officials.current();
    return units.findAllActive().stream()
        .filter(unit -> readsOrganisation(official) || official.canSee(unit.code()))
        .map(OrganisationController::view)
        .toList();
  }

  record UnitDetail(String code, String name, UnitType type, String typeLabel, boolean active, UnitView parent) {
  }

  /** One unit (retired ones too) with its parent, for whoever may see it. */
  @GetMapping("/units/{unitCode}")
  UnitDetail unit(@PathVariable("unitCode") String code) {
    Official official = officials.current();
    if (!readsOrganisation(official) && !official.canSee(code)) {
      throw new AccessDeniedException("unit " + code);
    }
    Unit unit = units.findByCode(code).orElseThrow(() -> new NotFoundException("单位不存在或已撤销"));
    UnitView parent = unit.parentCode() == null ? null : units.findByCode(unit.parentCode()).map(OrganisationController::view)
        .orElse(null);
    return new UnitDetail(unit.code(), unit.name(), unit.type(), unit.type().label(), unit.active(), parent);
  }

  /** 组织管理员 and administrators read the whole organisation (they load it). */
  private static boolean readsOrganisation(Official official) {
    return official.isMemberOf(Groups.ORGANISATION_ADMINS) || official.isMemberOf(Groups.ADMINISTRATORS);
  }

  private static UnitView view(Unit unit) {
    return new UnitView(unit.code(), unit.name(), unit.type(), unit.type().label(), unit.parentCode());
  }
}
