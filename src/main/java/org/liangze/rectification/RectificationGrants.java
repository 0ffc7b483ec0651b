package org.liangze.rectification;

import java.util.List;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.liangze.organisation.Grant;
import org.liangze.organisation.GrantSource;
import org.liangze.organisation.Groups;
import org.springframework.stereotype.Component;

/** The discipline commission starts a rectification of its own when it enters an inspection's findings (巡察反馈). */
@Component
class RectificationGrants implements GrantSource {

  @Override
  public List<Grant> grants() {
    return List.of(
        Grant.of(Groups.DISCIPLINE_COMMISSION, Resources.PROCESS_DEFINITION, RectificationProcess.KEY,
            Permissions.CREATE_INSTANCE),
        Grant.of(Groups.DISCIPLINE_COMMISSION, Resources.PROCESS_INSTANCE, Authorization.ANY, Permissions.CREATE));
  }
}
