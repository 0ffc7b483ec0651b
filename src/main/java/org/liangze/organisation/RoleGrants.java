package org.liangze.organisation;

import static org.camunda.bpm.engine.authorization.Resources.APPLICATION;
import static org.camunda.bpm.engine.authorization.Resources.DECISION_DEFINITION;
import static org.camunda.bpm.engine.authorization.Resources.DECISION_REQUIREMENTS_DEFINITION;
import static org.camunda.bpm.engine.authorization.Resources.DEPLOYMENT;
import static org.camunda.bpm.engine.authorization.Resources.HISTORIC_PROCESS_INSTANCE;
import static org.camunda.bpm.engine.authorization.Resources.HISTORIC_TASK;
import static org.camunda.bpm.engine.authorization.Resources.PROCESS_DEFINITION;
import static org.camunda.bpm.engine.authorization.Resources.PROCESS_INSTANCE;
import static org.camunda.bpm.engine.authorization.Resources.TASK;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.authorization.HistoricProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.HistoricTaskPermissions;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Authorization;

/**
 * The authorizations each role needs, whatever the processes. Unit people get no blanket rights on tasks or
 * instances: the engine grants them their own tasks through candidate groups, so they never see another unit's
 * work. Supervisors and the committee read the whole district; designers deploy.
 */
final class RoleGrants {

  private static final String ANY = Authorization.ANY;
  private static final String TASKLIST = "tasklist";
  private static final String COCKPIT = "cockpit";

  private RoleGrants() {
  }

  static List<Grant> forUnitGroup(String groupId) {
    return List.of(
        Grant.of(groupId, APPLICATION, TASKLIST, Permissions.ACCESS),
        // process definitions are models, not unit data: reading them lets Tasklist show names and forms
        Grant.of(groupId, PROCESS_DEFINITION, ANY, Permissions.READ));
  }

  /**
   * Those who supervise a unit from the level above ({@link Groups#supervisorsOf}) open Cockpit, whose overdue plugin
   * shows them their subtree ({@code /api/overdue}, scoped by {@code Official.canSee}); what they read there is what
   * the per-task and per-instance authorizations of {@code SupervisionAuthorizationProvider} allow.
   */
  static List<Grant> forSupervisorsGroup(String groupId) {
    return List.of(Grant.of(groupId, APPLICATION, COCKPIT, Permissions.ACCESS));
  }

  static List<Grant> forDistrictGroup(Role role) {
    String group = Groups.of(role, null);
    List<Grant> grants = new ArrayList<>();
    if (role == Role.ORGANISATION_ADMIN) {
      // loads the organisation through the platform's pages and API; no process data of any unit
      grants.add(Grant.of(group, APPLICATION, TASKLIST, Permissions.ACCESS));
      return grants;
    }
    grants.add(Grant.of(group, APPLICATION, TASKLIST, Permissions.ACCESS));
    grants.add(Grant.of(group, APPLICATION, COCKPIT, Permissions.ACCESS));
    grants.add(Grant.of(group, PROCESS_DEFINITION, ANY, Permissions.READ));
    grants.add(Grant.of(group, DECISION_DEFINITION, ANY, Permissions.READ));
    grants.add(Grant.of(group, DECISION_REQUIREMENTS_DEFINITION, ANY, Permissions.READ));
    grants.add(Grant.of(group, DEPLOYMENT, ANY, Permissions.READ));
    switch (role) {
      case DISCIPLINE_COMMISSION, DISTRICT_COMMITTEE -> {
        grants.add(Grant.of(group, PROCESS_DEFINITION, ANY,
            Permissions.READ_INSTANCE, Permissions.READ_TASK, Permissions.READ_HISTORY));
        grants.add(Grant.of(group, PROCESS_INSTANCE, ANY, Permissions.READ));
        grants.add(Grant.of(group, TASK, ANY, Permissions.READ));
        grants.add(Grant.of(group, HISTORIC_TASK, ANY, HistoricTaskPermissions.READ));
        grants.add(Grant.of(group, HISTORIC_PROCESS_INSTANCE, ANY, HistoricProcessInstancePermissions.READ));
      }
      case PROCESS_DESIGNER -> {
        grants.add(Grant.of(group, DEPLOYMENT, ANY, Permissions.CREATE, Permissions.DELETE));
        grants.add(Grant.of(group, PROCESS_DEFINITION, ANY, Permissions.UPDATE, Permissions.READ_HISTORY));
      }
      default -> throw new IllegalArgumentException("Not a district role: " + role);
    }
    return grants;
  }
}
