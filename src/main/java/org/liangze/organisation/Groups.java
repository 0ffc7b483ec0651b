package org.liangze.organisation;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * The one place that names Camunda groups. BPMN models reach it as the bean {@code groups}, e.g.
 * {@code camunda:candidateGroups="${groups.secretaryOf(unitCode)}"}.
 */
@Component("groups")
public class Groups {

  public static final String DISCIPLINE_COMMISSION = Role.DISCIPLINE_COMMISSION.groupSuffix();
  public static final String DISTRICT_COMMITTEE = Role.DISTRICT_COMMITTEE.groupSuffix();
  public static final String PROCESS_DESIGNERS = Role.PROCESS_DESIGNER.groupSuffix();
  public static final String ORGANISATION_ADMINS = Role.ORGANISATION_ADMIN.groupSuffix();
  public static final String ADMINISTRATORS = "camunda-admin";

  private static final Pattern UNIT_GROUP = Pattern.compile("unit([A-Za-z0-9]+?)(staff|secretary|inspector|member)");

  /**
   * The posts of a unit that supervise the units directly under it (DESIGN §2 "Level by level"): they read their
   * children's tasks, process instances, history, record manuals and overdue work.
   */
  public static final Set<Role> SUPERVISING_ROLES = Set.of(Role.SECRETARY, Role.INSPECTOR, Role.TEAM_MEMBER);

  private static final String SUPERVISORS_SUFFIX = "supervisors";
  private static final Pattern SUPERVISORS_GROUP = Pattern.compile("unit([A-Za-z0-9]+)" + SUPERVISORS_SUFFIX);

  public static String of(Role role, String unitCode) {
    return role.isUnitRole() ? "unit" + unitCode + role.groupSuffix() : role.groupSuffix();
  }

  public String staffOf(String unitCode) {
    return of(Role.STAFF, unitCode);
  }

  public String secretaryOf(String unitCode) {
    return of(Role.SECRETARY, unitCode);
  }

  public String inspectorOf(String unitCode) {
    return of(Role.INSPECTOR, unitCode);
  }

  public String teamMemberOf(String unitCode) {
    return of(Role.TEAM_MEMBER, unitCode);
  }

  /** The role of a unit group or a district group, if the group is one of the platform's. */
  public static Optional<Role> roleOf(String groupId) {
    Matcher matcher = UNIT_GROUP.matcher(groupId);
    for (Role role : Role.values()) {
      if (matcher.matches() ? role.isUnitRole() && role.groupSuffix().equals(matcher.group(2))
          : !role.isUnitRole() && role.groupSuffix().equals(groupId)) {
        return Optional.of(role);
      }
    }
    return Optional.empty();
  }

  /**
   * The group of those who supervise a unit from the level above: the {@link #SUPERVISING_ROLES} posts of its parent
   * unit are its members ({@link IdentitySync} keeps the memberships following the tree), and every task of the
   * unit and its process instance carry a read authorization for it ({@link SupervisionAuthorizationProvider}). It
   * is no post: nobody works on a unit's tasks through it, and it is no candidate group of any task.
   */
  public static String supervisorsOf(String unitCode) {
    return "unit" + unitCode + SUPERVISORS_SUFFIX;
  }

  /** The unit a supervisors group ({@link #supervisorsOf}) watches, if the group is one. */
  public static Optional<String> supervisedUnitOf(String groupId) {
    Matcher matcher = SUPERVISORS_GROUP.matcher(groupId);
    return matcher.matches() ? Optional.of(matcher.group(1)) : Optional.empty();
  }

  /** The unit a unit group belongs to, if the group is one. */
  public static Optional<String> unitOf(String groupId) {
    Matcher matcher = UNIT_GROUP.matcher(groupId);
    return matcher.matches() ? Optional.of(matcher.group(1)) : Optional.empty();
  }
}
