package org.liangze.letter;

import java.util.List;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.liangze.organisation.Grant;
import org.liangze.organisation.GrantSource;
import org.liangze.organisation.Groups;
import org.springframework.stereotype.Component;

/** The district committee starts the year's letter signing. */
@Component
class LetterGrants implements GrantSource {

  @Override
  public List<Grant> grants() {
    return List.of(
        Grant.of(Groups.DISTRICT_COMMITTEE, Resources.PROCESS_DEFINITION, LetterSigningProcess.KEY,
            Permissions.CREATE_INSTANCE),
        Grant.of(Groups.DISTRICT_COMMITTEE, Resources.PROCESS_INSTANCE, Authorization.ANY, Permissions.CREATE));
  }
}
