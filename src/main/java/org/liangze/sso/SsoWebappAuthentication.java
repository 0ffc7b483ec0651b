package org.liangze.sso;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.rest.security.auth.AuthenticationProvider;
import org.camunda.bpm.engine.rest.security.auth.AuthenticationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;

/**
 * The webapps' container-based authentication with single sign-on on: Camunda's
 * {@code ContainerBasedAuthenticationFilter} asks this provider who the request's user is, and it answers with the
 * Spring Security principal of the session — the provider's login, matched to a person by {@link SsoPeople} — as
 * the Camunda user id, with that user's Camunda groups. A request without it gets 401 and a header that tells the
 * webapps' script ({@code scripts/sso.js}) to reload the page, which goes through the provider's login.
 *
 * <p>Public with a no-argument constructor: the filter instantiates it by class name.
 */
public class SsoWebappAuthentication implements AuthenticationProvider {

  /** On a 401 of the webapps' API: the session has no single sign-on login, reload to log in. */
  static final String LOGIN_HEADER = "X-Liangze-Sso-Login";

  @Override
  public AuthenticationResult extractAuthenticatedUser(HttpServletRequest request, ProcessEngine engine) {
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    if (!(authentication instanceof OAuth2AuthenticationToken sso) || !sso.isAuthenticated()
        || sso.getName() == null || sso.getName().isBlank()) {
      return AuthenticationResult.unsuccessful();
    }
    // asked on every webapp request: the groups the login found (SsoPeople), no query here; Camunda's own cache of
    // the webapp login refreshes them from the engine as it does for a password login
    AuthenticationResult result = AuthenticationResult.successful(sso.getName());
    result.setGroups(sso.getAuthorities().stream().map(GrantedAuthority::getAuthority).toList());
    return result;
  }

  @Override
  public void augmentResponseByAuthenticationChallenge(HttpServletResponse response, ProcessEngine engine) {
    response.setHeader(LOGIN_HEADER, SsoProperties.LOGIN);
  }
}
