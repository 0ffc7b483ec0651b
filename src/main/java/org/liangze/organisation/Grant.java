package org.liangze.organisation;

import java.util.List;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Resource;

/** One Camunda authorization a group must hold; features contribute theirs through {@link GrantSource}. */
public record Grant(String groupId, Resource resource, String resourceId, List<Permission> permissions) {

  public static Grant of(String groupId, Resource resource, String resourceId, Permission... permissions) {
    return new Grant(groupId, resource, resourceId, List.of(permissions));
  }
}
