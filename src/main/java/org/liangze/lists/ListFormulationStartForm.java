package org.liangze.lists;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.liangze.lists.ListFormulationProcess.Variables;
import org.liangze.organisation.UnitChoices;
import org.liangze.platform.StartFormOptions;
import org.springframework.stereotype.Component;

/**
 * The list formulation's start form lists the active units the person may start it for, by name: every unit for the
 * commission, their own unit(s) for a secretary.
 */
@Component
class ListFormulationStartForm implements StartFormOptions {

  private final UnitChoices units;
  private final ListFormulations formulations;

  ListFormulationStartForm(UnitChoices units, ListFormulations formulations) {
    this.units = units;
    this.formulations = formulations;
  }

  @Override
  public String processDefinitionKey() {
    return ListFormulationProcess.KEY;
  }

  @Override
  public Map<String, List<Option>> options(Authentication user) {
    return Map.of(Variables.UNIT_OPTIONS, units.active(unit -> user == null || formulations.mayStart(user, unit.code()))
        .stream().map(unit -> new Option(unit.label(), unit.value())).toList());
  }
}
