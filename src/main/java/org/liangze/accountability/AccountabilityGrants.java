package org.liangze.accountability;

import java.util.List;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.liangze.organisation.Grant;
import org.liangze.organisation.GrantSource;
import org.liangze.organisation.Groups;
import org.springframework.stereotype.Component;

/**
 * The discipline commission opens accountability cases (the escalation ladder's cases are started by the engine's
 * own job); the district committee approves measures and notifications through its candidate-group tasks.
 */
@Component
class AccountabilityGrants implements GrantSource {

  @Override
  public List<Grant> grants() {
    return List.of(
        Grant.of(Groups.DISCIPLINE_COMMISSION, Resources.PROCESS_DEFINITION, AccountabilityProcess.KEY,
            Permissions.CREATE_INSTANCE),
        Grant.of(Groups.DISCIPLINE_COMMISSION, Resources.PROCESS_INSTANCE, Authorization.ANY, Permissions.CREATE));
  }
}
