package org.liangze.sso;

import java.util.Collection;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.OidcUserInfo;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;

/**
 * Someone the provider logged in and the platform knows: their name is the login of the platform's person (the
 * Camunda user id) they were matched to, their authorities that person's Camunda groups — what every door of the
 * platform reads of a caller ({@code ApiAccessPolicy}, the engine's current user, the webapps).
 */
class SsoPerson extends DefaultOidcUser {

  private static final long serialVersionUID = 1L;

  private final String userId;

  SsoPerson(String userId, Collection<? extends GrantedAuthority> groups, OidcIdToken idToken,
      OidcUserInfo userInfo) {
    super(groups, idToken, userInfo);
    this.userId = userId;
  }

  /** The platform's login (Camunda user id) of this person. */
  @Override
  public String getName() {
    return userId;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof SsoPerson person && person.userId.equals(userId) && super.equals(other);
  }

  @Override
  public int hashCode() {
    return 31 * super.hashCode() + userId.hashCode();
  }
}
