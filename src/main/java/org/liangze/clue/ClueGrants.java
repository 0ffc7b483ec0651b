package org.liangze.clue;

import java.util.List;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.liangze.organisation.Grant;
import org.liangze.organisation.GrantSource;
import org.liangze.organisation.Groups;
import org.springframework.stereotype.Component;

/** The discipline commission registers clues (starts the clue process from Tasklist) and triages them. */
@Component
class ClueGrants implements GrantSource {

  @Override
  public List<Grant> grants() {
    return List.of(
        Grant.of(Groups.DISCIPLINE_COMMISSION, Resources.PROCESS_DEFINITION, ClueProcess.KEY,
            Permissions.CREATE_INSTANCE),
        Grant.of(Groups.DISCIPLINE_COMMISSION, Resources.PROCESS_INSTANCE, Authorization.ANY, Permissions.CREATE));
  }
}
