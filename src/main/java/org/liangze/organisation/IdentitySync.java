package org.liangze.organisation;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandExecutor;
import org.camunda.bpm.engine.impl.persistence.entity.GroupEntity;
import org.camunda.bpm.engine.impl.persistence.entity.MembershipEntity;
import org.camunda.bpm.engine.impl.persistence.entity.UserEntity;
import org.liangze.platform.EngineExclusiveLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Makes Camunda's identity service mirror the organisation, both ways: a group per unit role of each active unit
 * and per district role, a user per person who has not left, a membership per post, and exactly the group
 * authorizations of {@link RoleGrants} and every {@link GrantSource}. What no post or grant justifies any more is
 * removed: memberships of people in the platform's groups, groups of retired units, their authorizations; people
 * who left lose every membership and their Camunda user is locked, so no door lets them in.
 *
 * <p>It reads Camunda's users, groups, memberships and the platform groups' authorizations in a constant number of
 * queries, computes the difference and writes only what changed, all in one engine command (one flush, batched),
 * so a district of 1,000 units and 5,000 people syncs in seconds and a second sync writes nothing. It runs at
 * every start and after every change of the organisation ({@link IdentityFollowsOrganisation}).
 *
 * <p>Users Camunda knows but the platform does not (the administrator, technical users) are left alone, and so are
 * per-task authorizations (Camunda's own, one per task and candidate).
 */
@Component
@Order(IdentitySync.ORDER)
public class IdentitySync implements ApplicationRunner {

  /** Runs after data seeding (lower orders) and before anything that starts processes (higher orders). */
  public static final int ORDER = 100;

  /** Group types of the groups the platform owns; other groups (camunda-admin) are not touched. */
  static final String UNIT_TYPE = "UNIT";
  static final String DISTRICT_TYPE = "DISTRICT";
  /** Lock expiry of a departed person's user: for good, whatever Camunda's failed-login lock does. */
  static final Date LOCKED_FOR_GOOD = Date.from(LocalDate.of(9999, 12, 31).atStartOfDay().toInstant(ZoneOffset.UTC));

  /** Resource types whose group authorizations are the platform's (besides any type's ANY authorizations). */
  private static final Set<Resource> DEFINITION_RESOURCES = Set.of(Resources.APPLICATION, Resources.FILTER,
      Resources.PROCESS_DEFINITION, Resources.DEPLOYMENT, Resources.DECISION_DEFINITION,
      Resources.DECISION_REQUIREMENTS_DEFINITION);
  /** Instance resource types whose group authorizations are the platform's only for ANY (the rest is per task). */
  private static final Set<Resource> INSTANCE_RESOURCES = Set.of(Resources.TASK, Resources.PROCESS_INSTANCE,
      Resources.HISTORIC_TASK, Resources.HISTORIC_PROCESS_INSTANCE);

  private static final Logger log = LoggerFactory.getLogger(IdentitySync.class);

  private final UnitRepository units;
  private final PersonRepository people;
  private final IdentityService identity;
  private final AuthorizationService authorizations;
  private final CommandExecutor commands;
  private final List<GrantSource> grantSources;
  private final IdentityProperties properties;
  private final JdbcTemplate jdbc;
  private final String tablePrefix;
  private final TransactionTemplate transaction;

  IdentitySync(UnitRepository units, PersonRepository people, ProcessEngine engine, List<GrantSource> grantSources,
      IdentityProperties properties, JdbcTemplate jdbc, TransactionTemplate transaction) {
    this.transaction = transaction;
    this.units = units;
    this.people = people;
    this.identity = engine.getIdentityService();
    this.authorizations = engine.getAuthorizationService();
    ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine
        .getProcessEngineConfiguration();
    this.commands = configuration.getCommandExecutorTxRequired();
    this.tablePrefix = Objects.requireNonNullElse(configuration.getDatabaseTablePrefix(), "");
    this.grantSources = grantSources;
    this.properties = properties;
    this.jdbc = jdbc;
  }

  /** What a sync wrote; all zero when Camunda already mirrored the organisation. */
  public record Result(int groupsCreated, int groupsUpdated, int groupsDeleted, int usersCreated, int usersUpdated,
      int usersLocked, int usersUnlocked, int membershipsCreated, int membershipsDeleted,
      int authorizationsCreated, int authorizationsUpdated, int authorizationsDeleted, Set<String> regroupedLogins) {

    /** {@code regroupedLogins}: the people whose memberships this sync changed (their sessions hold old groups). */
    public Result {
      regroupedLogins = Set.copyOf(regroupedLogins);
    }

    public int writes() {
      return groupsCreated + groupsUpdated + groupsDeleted + usersCreated + usersUpdated + usersLocked
          + usersUnlocked + membershipsCreated + membershipsDeleted + authorizationsCreated + authorizationsUpdated
          + authorizationsDeleted;
    }
  }

  @Override
  public void run(ApplicationArguments args) {
    // Spring calls run on the bean itself, not through its transactional proxy: the start's sync is one transaction too
    transaction.executeWithoutResult(status -> sync());
  }

  @Transactional
  public Result sync() {
    // one sync at a time across nodes, until this transaction commits (the engine's exclusive lock, a row lock of
    // ACT_GE_PROPERTY): nodes starting together on a new database would otherwise both create the same groups
    EngineExclusiveLock.holdUntilCommit(commands);
    // what the organisation says: read before the engine command, in the same transaction
    List<Unit> activeUnits = units.findAllActive();
    List<Person> current = people.findAll();
    Set<String> left = people.findLeft();
    Map<String, GroupSpec> wantedGroups = wantedGroups(activeUnits);
    Map<String, Set<String>> wantedMemberships = wantedMemberships(activeUnits, current);
    List<Grant> grants = new ArrayList<>();
    for (GroupSpec group : wantedGroups.values()) {
      grants.addAll(group.grants());
    }
    grantSources.forEach(source -> grants.addAll(source.grants()));
    Map<AuthKey, Set<Permission>> wantedGrants = new LinkedHashMap<>();
    for (Grant grant : grants) {
      if (wantedGroups.containsKey(grant.groupId())) {
        wantedGrants.computeIfAbsent(new AuthKey(grant.groupId(), grant.resource().resourceType(),
            grant.resourceId()), key -> new LinkedHashSet<>()).addAll(grant.permissions());
      }
    }
    Map<String, Set<String>> memberships = memberships();

    Authentication caller = identity.getCurrentAuthentication();
    identity.clearAuthentication();
    try {
      Reconciled reconciled = withoutAuthorizationChecks(context ->
          reconcile(context, wantedGroups, current, left, memberships, wantedMemberships, wantedGrants));
      // the grants in commands of their own, a chunk each, in this transaction: Camunda sorts the authorizations a
      // command inserts by their references, pairwise (a city's first sync of 200,000 grants did not end in 7
      // minutes); then the obsolete groups, whose grants are gone by now
      for (List<Authorization> chunk : partition(reconciled.grantsToSave())) {
        withoutAuthorizationChecks(context -> {
          chunk.forEach(authorizations::saveAuthorization);
          return null;
        });
      }
      for (List<String> chunk : partition(reconciled.grantsToDelete())) {
        withoutAuthorizationChecks(context -> {
          chunk.forEach(authorizations::deleteAuthorization);
          return null;
        });
      }
      withoutAuthorizationChecks(context -> {
        reconciled.obsoleteGroups().forEach(identity::deleteGroup);
        return null;
      });
      Result result = reconciled.result();
      log.info("Identity synced: {} people ({} left), {} groups, {} authorizations; {}", current.size(), left.size(),
          wantedGroups.size(), wantedGrants.size(), result);
      return result;
    } finally {
      if (caller != null) {
        identity.setAuthentication(caller);
      }
    }
  }

  private record GroupSpec(String id, String name, String type, List<Grant> grants) {
  }

  /** What the first command did, and the grants and groups it left to the commands after it. */
  private record Reconciled(Result result, List<Authorization> grantsToSave, List<String> grantsToDelete,
      Set<String> obsoleteGroups) {
  }

  /** Authorizations a command of the sync saves or deletes at most. */
  static final int GRANTS_PER_COMMAND = 500;

  private static <T> List<List<T>> partition(List<T> items) {
    List<List<T>> chunks = new ArrayList<>();
    for (int from = 0; from < items.size(); from += GRANTS_PER_COMMAND) {
      chunks.add(items.subList(from, Math.min(items.size(), from + GRANTS_PER_COMMAND)));
    }
    return chunks;
  }

  private <T> T withoutAuthorizationChecks(org.camunda.bpm.engine.impl.interceptor.Command<T> command) {
    return commands.execute(context -> {
      context.disableAuthorizationCheck();
      try {
        return command.execute(context);
      } finally {
        context.enableAuthorizationCheck();
      }
    });
  }

  private record AuthKey(String groupId, int resourceType, String resourceId) {
  }

  private static Map<String, GroupSpec> wantedGroups(List<Unit> activeUnits) {
    Map<String, GroupSpec> groups = new LinkedHashMap<>();
    for (Unit unit : activeUnits) {
      for (Role role : Role.unitRoles()) {
        String id = Groups.of(role, unit.code());
        groups.put(id, new GroupSpec(id, unit.name() + "·" + role.label(), UNIT_TYPE, RoleGrants.forUnitGroup(id)));
      }
      // those who supervise the unit from the level above; it holds no blanket grant on work, only Cockpit's door
      // and each task's and instance's read authorization (SupervisionAuthorizationProvider)
      String supervisors = Groups.supervisorsOf(unit.code());
      groups.put(supervisors, new GroupSpec(supervisors, unit.name() + "·上级监督", UNIT_TYPE,
          RoleGrants.forSupervisorsGroup(supervisors)));
    }
    for (Role role : Role.districtRoles()) {
      String id = Groups.of(role, null);
      groups.put(id, new GroupSpec(id, role.label(), DISTRICT_TYPE, RoleGrants.forDistrictGroup(role)));
    }
    return groups;
  }

  /**
   * The groups each current person must be a member of: one per post, and, level by level, the supervisors group
   * ({@link Groups#supervisorsOf}) of every active unit directly under a unit where they hold a supervising post
   * ({@link Groups#SUPERVISING_ROLES}). The tree decides these memberships, so they follow every change of it.
   */
  static Map<String, Set<String>> wantedMemberships(List<Unit> activeUnits, List<Person> people) {
    Map<String, List<String>> children = new HashMap<>();
    for (Unit unit : activeUnits) {
      if (unit.parentCode() != null) {
        children.computeIfAbsent(unit.parentCode(), code -> new ArrayList<>()).add(unit.code());
      }
    }
    Map<String, Set<String>> wanted = new HashMap<>();
    for (Person person : people) {
      Set<String> groups = new LinkedHashSet<>(person.groupIds());
      for (Post post : person.posts()) {
        if (post.unitCode() != null && Groups.SUPERVISING_ROLES.contains(post.role())) {
          children.getOrDefault(post.unitCode(), List.of()).forEach(child -> groups.add(Groups.supervisorsOf(child)));
        }
      }
      wanted.put(person.userId(), groups);
    }
    return wanted;
  }

  /**
   * Every membership Camunda holds, user → groups, in one query. The identity service has no query for all
   * memberships (only users of one group), so this reads Camunda's membership table directly; it is read only.
   */
  private Map<String, Set<String>> memberships() {
    Map<String, Set<String>> memberships = new HashMap<>();
    jdbc.query("select USER_ID_, GROUP_ID_ from " + tablePrefix + "ACT_ID_MEMBERSHIP", rs -> {
      memberships.computeIfAbsent(rs.getString(1), id -> new HashSet<>()).add(rs.getString(2));
    });
    return memberships;
  }

  private Reconciled reconcile(CommandContext context, Map<String, GroupSpec> wantedGroups, List<Person> current,
      Set<String> left, Map<String, Set<String>> memberships, Map<String, Set<String>> wantedMemberships,
      Map<AuthKey, Set<Permission>> wantedGrants) {
    int[] n = new int[12];
    Set<String> regrouped = new HashSet<>();

    // groups: create or rename the wanted ones, delete the platform's groups nobody needs any more
    Map<String, Group> groups = new HashMap<>();
    identity.createGroupQuery().list().forEach(group -> groups.put(group.getId(), group));
    for (GroupSpec spec : wantedGroups.values()) {
      Group group = groups.get(spec.id());
      if (group == null) {
        group = identity.newGroup(spec.id());
        group.setName(spec.name());
        group.setType(spec.type());
        identity.saveGroup(group);
        groups.put(spec.id(), group);
        n[0]++;
      } else if (!spec.name().equals(group.getName()) || !spec.type().equals(group.getType())) {
        group.setName(spec.name());
        group.setType(spec.type());
        identity.saveGroup(group);
        n[1]++;
      }
    }
    Set<String> obsoleteGroups = new HashSet<>();
    for (Group group : groups.values()) {
      if (isPlatformGroup(group) && !wantedGroups.containsKey(group.getId())) {
        obsoleteGroups.add(group.getId());
      }
    }

    // users: one per person who has not left; those who left are locked
    Map<String, User> users = new HashMap<>();
    identity.createUserQuery().list().forEach(user -> users.put(user.getId(), user));
    Date now = new Date();
    for (Person person : current) {
      User user = users.get(person.userId());
      if (user == null) {
        user = identity.newUser(person.userId());
        if (properties.hasInitialPassword()) {
          user.setPassword(properties.initialPassword());
        }
        applyNames(user, person);
        identity.saveUser(user);
        users.put(person.userId(), user);
        n[3]++;
        continue;
      }
      if (!Objects.equals(user.getFirstName(), person.name()) || !Objects.equals(user.getLastName(), "")
          || !Objects.equals(user.getEmail(), person.email())) {
        applyNames(user, person);
        identity.saveUser(user);
        n[4]++;
      }
      UserEntity entity = (UserEntity) user;
      if (isLockedForGood(entity)) {
        // back after having left: unlocked (a new one-time password comes from FirstPasswords)
        context.getIdentityInfoManager().updateUserLock(entity, 0, null);
        n[6]++;
      }
    }
    for (String login : left) {
      if (users.get(login) instanceof UserEntity entity && !isLockedForGood(entity)) {
        context.getIdentityInfoManager().updateUserLock(entity, entity.getAttempts(), LOCKED_FOR_GOOD);
        n[5]++;
      }
    }

    // memberships of the platform's people: exactly one per post (groups the platform does not own are kept,
    // except for people who left, who keep none)
    Map<String, Person> byLogin = new HashMap<>();
    current.forEach(person -> byLogin.put(person.userId(), person));
    for (Person person : current) {
      Set<String> have = memberships.getOrDefault(person.userId(), Set.of());
      for (String groupId : wantedMemberships.getOrDefault(person.userId(), person.groupIds())) {
        if (!have.contains(groupId) && wantedGroups.containsKey(groupId)) {
          regrouped.add(person.userId());
          MembershipEntity membership = new MembershipEntity();
          membership.setUser((UserEntity) users.get(person.userId()));
          membership.setGroup((GroupEntity) groups.get(groupId));
          context.getDbEntityManager().insert(membership);
          n[7]++;
        }
      }
    }
    for (Map.Entry<String, Set<String>> entry : memberships.entrySet()) {
      String login = entry.getKey();
      Person person = byLogin.get(login);
      boolean hasLeft = person == null && left.contains(login);
      for (String groupId : entry.getValue()) {
        boolean unjustified = hasLeft
            || person != null && !wantedMemberships.getOrDefault(login, person.groupIds()).contains(groupId)
            && isPlatformGroup(groups.get(groupId))
            || obsoleteGroups.contains(groupId);
        if (unjustified) {
          context.getDbEntityManager().delete(MembershipEntity.class, "deleteMembership",
              Map.of("userId", login, "groupId", groupId));
          regrouped.add(login);
          n[8]++;
        }
      }
    }

    // the platform groups' authorizations: exactly the wanted ones
    Map<AuthKey, Authorization> existing = new HashMap<>();
    List<Authorization> duplicates = new ArrayList<>();
    for (Authorization authorization : platformAuthorizations()) {
      String groupId = authorization.getGroupId();
      if (groupId == null || !(wantedGroups.containsKey(groupId) || obsoleteGroups.contains(groupId))) {
        continue;
      }
      AuthKey key = new AuthKey(groupId, authorization.getResourceType(), authorization.getResourceId());
      if (existing.putIfAbsent(key, authorization) != null) {
        duplicates.add(authorization);
      }
    }
    List<Authorization> toSave = new ArrayList<>();
    List<String> toDelete = new ArrayList<>();
    for (Map.Entry<AuthKey, Set<Permission>> entry : wantedGrants.entrySet()) {
      AuthKey key = entry.getKey();
      Authorization authorization = existing.remove(key);
      Permission[] wanted = entry.getValue().toArray(Permission[]::new);
      if (authorization == null) {
        authorization = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
        authorization.setGroupId(key.groupId());
        authorization.setResourceType(key.resourceType());
        authorization.setResourceId(key.resourceId());
        authorization.setPermissions(wanted);
        toSave.add(authorization);
        n[9]++;
      } else if (!samePermissions(authorization, wanted)) {
        authorization.setPermissions(wanted);
        toSave.add(authorization);
        n[10]++;
      }
    }
    for (Authorization unjustified : existing.values()) {
      toDelete.add(unjustified.getId());
      n[11]++;
    }
    for (Authorization duplicate : duplicates) {
      toDelete.add(duplicate.getId());
      n[11]++;
    }
    // obsolete groups last (after the grants, in a command of their own): their memberships are gone by now
    n[2] = obsoleteGroups.size();
    return new Reconciled(new Result(n[0], n[1], n[2], n[3], n[4], n[5], n[6], n[7], n[8], n[9], n[10], n[11],
        regrouped), toSave, toDelete, obsoleteGroups);
  }

  /** The group authorizations the platform owns, in one query per resource type. */
  private List<Authorization> platformAuthorizations() {
    List<Authorization> all = new ArrayList<>();
    for (Resource resource : DEFINITION_RESOURCES) {
      all.addAll(authorizations.createAuthorizationQuery().authorizationType(Authorization.AUTH_TYPE_GRANT)
          .resourceType(resource).list());
    }
    for (Resource resource : INSTANCE_RESOURCES) {
      all.addAll(authorizations.createAuthorizationQuery().authorizationType(Authorization.AUTH_TYPE_GRANT)
          .resourceType(resource).resourceId(Authorization.ANY).list());
    }
    return all;
  }

  private static boolean samePermissions(Authorization authorization, Permission[] wanted) {
    for (Permission permission : wanted) {
      if (!authorization.isPermissionGranted(permission)) {
        return false;
      }
    }
    // nothing more than wanted: compare the bit masks
    int mask = 0;
    for (Permission permission : wanted) {
      mask |= permission.getValue();
    }
    return ((org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity) authorization).getPermissions()
        == mask;
  }

  private static boolean isPlatformGroup(Group group) {
    return group != null && (UNIT_TYPE.equals(group.getType()) || DISTRICT_TYPE.equals(group.getType()));
  }

  private static boolean isLockedForGood(UserEntity user) {
    Date lock = user.getLockExpirationTime();
    return lock != null && !lock.before(LOCKED_FOR_GOOD);
  }

  private static void applyNames(User user, Person person) {
    // Chinese names are written family name first; Camunda shows "first last", so the whole name goes first
    user.setFirstName(person.name());
    user.setLastName("");
    user.setEmail(person.email());
  }
}
