package org.liangze.talk;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.liangze.organisation.UnitChoices;
import org.liangze.platform.StartFormOptions;
import org.liangze.talk.TalkProcess.Variables;
import org.springframework.stereotype.Component;

/** The talk's start form lists every active unit by name (whoever may start a talk may talk to any unit). */
@Component
class TalkStartForm implements StartFormOptions {

  private final UnitChoices units;

  TalkStartForm(UnitChoices units) {
    this.units = units;
  }

  @Override
  public String processDefinitionKey() {
    return TalkProcess.KEY;
  }

  @Override
  public Map<String, List<Option>> options(Authentication user) {
    return Map.of(Variables.UNIT_OPTIONS,
        units.active().stream().map(unit -> new Option(unit.label(), unit.value())).toList());
  }
}
