package org.liangze.selfcheck;

import java.util.List;
import org.liangze.organisation.Groups;
import org.liangze.organisation.Role;
import org.springframework.stereotype.Component;

/**
 * Who assesses which rows, for the model's multi-instance assessment ({@code ${selfCheckAssessors…}}): one instance
 * per 责任人 of the unit's items, assigned to them, and one for the items without a 责任人, offered to the staff.
 */
@Component("selfCheckAssessors")
public class SelfCheckAssessors {

  private final SelfCheckService selfChecks;

  SelfCheckAssessors(SelfCheckService selfChecks) {
    this.selfChecks = selfChecks;
  }

  /** The instances' element values: 责任人 logins, and "" for the staff. */
  public List<String> of(String unitCode, String quarter) {
    return selfChecks.assessors(unitCode, quarter);
  }

  /** The instance's assignee: the 责任人, none for the staff's share. */
  public String assignee(String assessor) {
    return isStaff(assessor) ? null : assessor;
  }

  /** The instance's candidate groups: the unit's staff for their share, none for a 责任人's. */
  public List<String> candidateGroups(String unitCode, String assessor) {
    return isStaff(assessor) ? List.of(Groups.of(Role.STAFF, unitCode)) : List.of();
  }

  private static boolean isStaff(String assessor) {
    return assessor == null || SelfCheckService.STAFF_SHARE.equals(assessor);
  }
}
