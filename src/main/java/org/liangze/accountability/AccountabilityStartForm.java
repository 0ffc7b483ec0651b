package org.liangze.accountability;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.liangze.accountability.AccountabilityProcess.Variables;
import org.liangze.organisation.UnitChoices;
import org.liangze.platform.StartFormOptions;
import org.springframework.stereotype.Component;

/** The case's start form lists every active unit by name (whoever may open a case may open it for any unit). */
@Component
class AccountabilityStartForm implements StartFormOptions {

  private final UnitChoices units;

  AccountabilityStartForm(UnitChoices units) {
    this.units = units;
  }

  @Override
  public String processDefinitionKey() {
    return AccountabilityProcess.KEY;
  }

  @Override
  public Map<String, List<Option>> options(Authentication user) {
    return Map.of(Variables.UNIT_OPTIONS,
        units.active().stream().map(unit -> new Option(unit.label(), unit.value())).toList());
  }
}
