package org.liangze.imports;

import org.liangze.organisation.Groups;
import org.liangze.organisation.Official;
import org.liangze.organisation.Role;

/**
 * Who may load and read the organisation: 组织管理员 and administrators import and read it; the district discipline
 * commission reads the district tree. The API's rules for {@code /api/organisation/**} are in SecurityConfig.
 */
public final class OrganisationAccess {

  public static final String ORGANISATION_ADMINS = Groups.ORGANISATION_ADMINS;

  private OrganisationAccess() {
  }

  public static boolean mayImport(Official official) {
    return official.isMemberOf(ORGANISATION_ADMINS) || official.isMemberOf(Groups.ADMINISTRATORS);
  }

  public static boolean mayReadTree(Official official) {
    return mayImport(official) || official.isMemberOf(Groups.DISCIPLINE_COMMISSION);
  }
}
