package org.liangze.selfcheck;

import java.util.List;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.liangze.organisation.Grant;
import org.liangze.organisation.GrantSource;
import org.liangze.organisation.Groups;
import org.springframework.stereotype.Component;

/**
 * The discipline commission starts a quarter's self-check on demand (the timer starts the others). Units' and
 * rectification instances are started by the engine's own jobs, so nobody needs to start them directly.
 */
@Component
class SelfCheckGrants implements GrantSource {

  @Override
  public List<Grant> grants() {
    return List.of(
        Grant.of(Groups.DISCIPLINE_COMMISSION, Resources.PROCESS_DEFINITION, QuarterlySelfCheckProcess.KEY,
            Permissions.CREATE_INSTANCE),
        Grant.of(Groups.DISCIPLINE_COMMISSION, Resources.PROCESS_INSTANCE, Authorization.ANY, Permissions.CREATE));
  }
}
