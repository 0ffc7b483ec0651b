package org.liangze.organisation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.authorization.HistoricProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.HistoricTaskPermissions;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.cfg.auth.DefaultAuthorizationProvider;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.db.DbEntity;
import org.camunda.bpm.engine.impl.db.entitymanager.cache.DbEntityCache;
import org.camunda.bpm.engine.impl.interceptor.Session;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;

/**
 * Level by level, in the engine: whenever a unit's group becomes a candidate of a task, Camunda's own authorizations
 * (the candidate works on the task) are joined by read authorizations for the unit's supervisors group
 * ({@link Groups#supervisorsOf}) on the task, its process instance and their history. The posts of the unit's parent
 * are that group's members ({@link IdentitySync}), so they read their children's work through every door (Tasklist,
 * {@code /engine-rest}, Cockpit's API) without being able to work on it, and siblings, who are no members, see
 * nothing. The authorizations name the watched unit, not its parent: when the tree changes only the memberships move.
 */
class SupervisionAuthorizationProvider extends DefaultAuthorizationProvider {

  /** The variable by which the platform's processes name the unit an instance belongs to. */
  static final String UNIT_CODE = "unitCode";

  @Override
  public AuthorizationEntity[] newTaskGroupIdentityLink(Task task, String groupId, String type) {
    AuthorizationEntity[] own = super.newTaskGroupIdentityLink(task, groupId, type);
    Optional<String> unit = groupId == null ? Optional.empty() : Groups.unitOf(groupId);
    if (!IdentityLinkType.CANDIDATE.equals(type) || unit.isEmpty()) {
      return own;
    }
    String supervisors = Groups.supervisorsOf(unit.get());
    List<AuthorizationEntity> created = new ArrayList<>(Arrays.asList(own == null ? new AuthorizationEntity[0] : own));
    grant(created, task, supervisors, Resources.TASK, task.getId(), false, Permissions.READ);
    boolean unitsInstance = isUnitsInstance(task, unit.get());
    if (unitsInstance) {
      grant(created, task, supervisors, Resources.PROCESS_INSTANCE, task.getProcessInstanceId(), false,
          Permissions.READ);
    }
    if (isHistoricInstancePermissionsEnabled()) {
      grant(created, task, supervisors, Resources.HISTORIC_TASK, task.getId(), true, HistoricTaskPermissions.READ);
      if (unitsInstance) {
        grant(created, task, supervisors, Resources.HISTORIC_PROCESS_INSTANCE, task.getProcessInstanceId(), true,
            HistoricProcessInstancePermissions.READ);
      }
    }
    return created.toArray(AuthorizationEntity[]::new);
  }

  /**
   * Whether the task's process instance is the unit's own (its {@code unitCode} variable, set on the instance itself,
   * names the unit: a unit's self-check, list formulation, half-year report). A district-wide instance with a task
   * per unit (the letter campaign) is not: reading it would show every unit's part, so only the task is granted.
   */
  private static boolean isUnitsInstance(Task task, String unitCode) {
    if (task.getProcessInstanceId() == null || !(task instanceof TaskEntity entity)
        || entity.getProcessInstance() == null) {
      return false;
    }
    return unitCode.equals(entity.getProcessInstance().getVariableLocal(UNIT_CODE));
  }

  /**
   * Grants {@code permission} to the group on the resource: an authorization made earlier in this command or stored
   * before gets the permission added (the engine flushes the change), else a new one is returned for the engine to
   * insert; never two rows for one group and resource (Camunda's unique constraint).
   */
  private void grant(List<AuthorizationEntity> created, Task task, String groupId, Resource resource,
      String resourceId, boolean historic, Permission permission) {
    for (AuthorizationEntity entity : created) {
      if (same(entity, groupId, resource, resourceId)) {
        addPermissions(entity, permission);
        return;
      }
    }
    if (createdInThisCommand(resource, resourceId)) {
      // nothing stored, and what this command granted on it is in the command's index: no look-up, no scan of
      // every grant the command made (a campaign's batch makes some hundred)
      GrantsOfThisCommand grants = Context.getCommandContext().getSession(GrantsOfThisCommand.class);
      AuthorizationEntity earlier = grants.find(null, groupId, resource.resourceType(), resourceId);
      if (earlier != null) {
        addPermissions(earlier, permission);
        return;
      }
      grants.add(newGrant(created, task, groupId, resource, resourceId, historic, permission));
      return;
    }
    for (AuthorizationEntity cached : Context.getCommandContext().getDbEntityManager()
        .getCachedEntitiesByType(AuthorizationEntity.class)) {
      if (same(cached, groupId, resource, resourceId)) {
        addPermissions(cached, permission);
        return;
      }
    }
    AuthorizationEntity stored = getGrantAuthorizationByGroupId(groupId, resource, resourceId);
    if (stored != null) {
      if (!stored.isPermissionGranted(permission)) {
        addPermissions(stored, permission);
        created.add(stored);
      }
      return;
    }
    newGrant(created, task, groupId, resource, resourceId, historic, permission);
  }

  /** A new grant for the engine to insert, added to {@code created}; a historic one gets the task's removal time. */
  private AuthorizationEntity newGrant(List<AuthorizationEntity> created, Task task, String groupId,
      Resource resource, String resourceId, boolean historic, Permission permission) {
    AuthorizationEntity authorization = createGrantAuthorization(null, groupId, resource, resourceId, permission);
    if (historic) {
      provideRemovalTime(authorization, task);
    }
    created.add(authorization);
    return authorization;
  }

  /**
   * Nothing can be stored yet for a task or process instance created in this very command (a campaign's unit job
   * creates both): the engine's look-up of an existing grant is skipped for them, one query per grant less.
   */
  @Override
  protected AuthorizationEntity getGrantAuthorizationByGroupId(String groupId, Resource resource, String resourceId) {
    if (createdInThisCommand(resource, resourceId)) {
      return null;
    }
    return super.getGrantAuthorizationByGroupId(groupId, resource, resourceId);
  }

  /** As for a group: nothing is stored yet for a task or instance created in this command (the assignee's grant). */
  @Override
  protected AuthorizationEntity getGrantAuthorizationByUserId(String userId, Resource resource, String resourceId) {
    if (createdInThisCommand(resource, resourceId)) {
      return null;
    }
    return super.getGrantAuthorizationByUserId(userId, resource, resourceId);
  }

  /**
   * Camunda looks for a grant this command made earlier to the same user or group on the same resource (which the
   * new one then replaces, taking its permissions) by going through every authorization the command holds: a
   * campaign's batch holds some hundred, and each of its tasks is granted several times. For a task or instance
   * created in this command every grant on it is made here or in {@link #grant}, so the command's index has them
   * all; an indexed grant the command no longer holds (replaced, or never inserted) counts as none, as in Camunda's
   * search.
   */
  @Override
  protected void updateAuthorizationBasedOnCacheEntries(AuthorizationEntity authorization, String userId,
      String groupId, Resource resource, String resourceId) {
    if (!createdInThisCommand(resource, resourceId)) {
      super.updateAuthorizationBasedOnCacheEntries(authorization, userId, groupId, resource, resourceId);
      return;
    }
    GrantsOfThisCommand grants = Context.getCommandContext().getSession(GrantsOfThisCommand.class);
    AuthorizationEntity earlier = grants.find(userId, groupId, resource.resourceType(), resourceId);
    DbEntityCache cache = Context.getCommandContext().getDbEntityManager().getDbEntityCache();
    if (earlier != null && earlier.getId() != null
        && cache.get(AuthorizationEntity.class, earlier.getId()) == earlier) {
      authorization.setPermissions(earlier.getPermissions());
      cache.remove(earlier);
    }
    grants.add(authorization);
  }

  private static boolean createdInThisCommand(Resource resource, String resourceId) {
    Class<? extends DbEntity> type;
    if (resource == Resources.TASK || resource == Resources.HISTORIC_TASK) {
      type = TaskEntity.class;
    } else if (resource == Resources.PROCESS_INSTANCE || resource == Resources.HISTORIC_PROCESS_INSTANCE) {
      type = ExecutionEntity.class;
    } else {
      return false;
    }
    if (resourceId == null || Context.getCommandContext() == null) {
      return false;
    }
    DbEntityCache cache = Context.getCommandContext().getDbEntityManager().getDbEntityCache();
    DbEntity entity = cache.get(type, resourceId);
    return entity != null && cache.isTransient(entity);
  }

  private static boolean same(AuthorizationEntity entity, String groupId, Resource resource, String resourceId) {
    return entity.getAuthorizationType() == AUTH_TYPE_GRANT_VALUE && groupId.equals(entity.getGroupId())
        && entity.getResourceType() == resource.resourceType() && resourceId.equals(entity.getResourceId());
  }

  private static final int AUTH_TYPE_GRANT_VALUE = org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

  /**
   * The grants one command made on tasks and instances it created (Camunda's to the assignee and candidates, and the
   * supervisors'), by user or group and resource: a Camunda session, opened with the command and gone with it
   * ({@link SupervisionEnginePlugin} registers its factory).
   */
  static final class GrantsOfThisCommand implements Session {

    private final Map<String, AuthorizationEntity> grants = new HashMap<>();

    AuthorizationEntity find(String userId, String groupId, int resourceType, String resourceId) {
      return grants.get(key(userId, groupId, resourceType, resourceId));
    }

    void add(AuthorizationEntity authorization) {
      grants.put(key(authorization.getUserId(), authorization.getGroupId(), authorization.getResourceType(),
          authorization.getResourceId()), authorization);
    }

    /** A grant is to a user or to a group, never both (Camunda checks): the one that is set, and which it is. */
    private static String key(String userId, String groupId, int resourceType, String resourceId) {
      return (userId != null ? "u\n" + userId : "g\n" + groupId) + "\n" + resourceType + "\n" + resourceId;
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }

    static final class Factory implements SessionFactory {

      @Override
      public Class<?> getSessionType() {
        return GrantsOfThisCommand.class;
      }

      @Override
      public Session openSession() {
        return new GrantsOfThisCommand();
      }
    }
  }
}
