package org.liangze.organisation;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Makes Camunda's identity service mirror the organisation: a group per unit role and district role, a user per
 * person with their membership, and the authorizations of {@link RoleGrants} and every {@link GrantSource}.
 * Idempotent, so it runs at every start and after any change to units or people.
 */
@Component
@Order(IdentitySync.ORDER)
public class IdentitySync implements ApplicationRunner {

  /** Runs after data seeding (lower orders) and before anything that starts processes (higher orders). */
  public static final int ORDER = 100;

  private static final Logger log = LoggerFactory.getLogger(IdentitySync.class);

  private final UnitRepository units;
  private final PersonRepository people;
  private final IdentityService identity;
  private final AuthorizationService authorizations;
  private final List<GrantSource> grantSources;
  private final IdentityProperties properties;

  IdentitySync(UnitRepository units, PersonRepository people, IdentityService identity,
      AuthorizationService authorizations, List<GrantSource> grantSources, IdentityProperties properties) {
    this.units = units;
    this.people = people;
    this.identity = identity;
    this.authorizations = authorizations;
    this.grantSources = grantSources;
    this.properties = properties;
  }

  @Override
  public void run(ApplicationArguments args) {
    sync();
  }

  @Transactional
  public void sync() {
    List<Grant> grants = new ArrayList<>();
    for (Unit unit : units.findAllActive()) {
      for (Role role : Role.unitRoles()) {
        String groupId = Groups.of(role, unit.code());
        ensureGroup(groupId, unit.name() + "·" + role.label(), "UNIT");
        grants.addAll(RoleGrants.forUnitGroup(groupId));
      }
    }
    for (Role role : Role.districtRoles()) {
      ensureGroup(Groups.of(role, null), role.label(), "DISTRICT");
      grants.addAll(RoleGrants.forDistrictGroup(role));
    }
    List<Person> everyone = people.findAll();
    everyone.forEach(this::ensureUser);
    grantSources.forEach(source -> grants.addAll(source.grants()));
    grants.forEach(this::ensureGrant);
    log.info("Identity synced: {} people, {} authorizations checked", everyone.size(), grants.size());
  }

  private void ensureGroup(String id, String name, String type) {
    Group group = identity.createGroupQuery().groupId(id).singleResult();
    if (group == null) {
      group = identity.newGroup(id);
    } else if (name.equals(group.getName()) && type.equals(group.getType())) {
      return;
    }
    group.setName(name);
    group.setType(type);
    identity.saveGroup(group);
  }

  private void ensureUser(Person person) {
    User user = identity.createUserQuery().userId(person.userId()).singleResult();
    if (user == null) {
      user = identity.newUser(person.userId());
      if (properties.hasInitialPassword()) {
        user.setPassword(properties.initialPassword());
      }
    }
    // Chinese names are written family name first; Camunda shows "first last", so the whole name goes first
    user.setFirstName(person.name());
    user.setLastName("");
    user.setEmail(person.email());
    identity.saveUser(user);
    for (String groupId : person.groupIds()) {
      if (identity.createUserQuery().userId(person.userId()).memberOfGroup(groupId).count() == 0) {
        identity.createMembership(person.userId(), groupId);
      }
    }
  }

  private void ensureGrant(Grant grant) {
    Authorization authorization = authorizations.createAuthorizationQuery()
        .groupIdIn(grant.groupId())
        .resourceType(grant.resource())
        .resourceId(grant.resourceId())
        .authorizationType(Authorization.AUTH_TYPE_GRANT)
        .singleResult();
    if (authorization == null) {
      authorization = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
      authorization.setGroupId(grant.groupId());
      authorization.setResource(grant.resource());
      authorization.setResourceId(grant.resourceId());
    } else if (grant.permissions().stream().allMatch(authorization::isPermissionGranted)) {
      return;
    }
    for (Permission permission : grant.permissions()) {
      authorization.addPermission(permission);
    }
    authorizations.saveAuthorization(authorization);
  }
}
