package org.liangze.lists;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.liangze.organisation.Grant;
import org.liangze.organisation.GrantSource;
import org.liangze.organisation.Groups;
import org.liangze.organisation.Unit;
import org.liangze.organisation.UnitRepository;
import org.springframework.stereotype.Component;

/**
 * The discipline commission and each unit's secretary may start a list formulation. Camunda cannot say "only for
 * your own unit", so the start event checks that ({@link ListFormulations#register}).
 */
@Component
class ListGrants implements GrantSource {

  private final UnitRepository units;
  private final Groups groups;

  ListGrants(UnitRepository units, Groups groups) {
    this.units = units;
    this.groups = groups;
  }

  @Override
  public List<Grant> grants() {
    List<String> starters = new ArrayList<>();
    starters.add(Groups.DISCIPLINE_COMMISSION);
    units.findAllActive().stream().map(Unit::code).map(groups::secretaryOf).forEach(starters::add);
    List<Grant> grants = new ArrayList<>();
    for (String group : starters) {
      grants.add(Grant.of(group, Resources.PROCESS_DEFINITION, ListFormulationProcess.KEY,
          Permissions.CREATE_INSTANCE));
      grants.add(Grant.of(group, Resources.PROCESS_INSTANCE, Authorization.ANY, Permissions.CREATE));
    }
    return grants;
  }
}
