package org.liangze.sso;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;

/**
 * After the provider's login: the session becomes the matched person's webapp login too (as Tasklist's own login
 * makes it, with their groups and the webapps they may use), so {@code /pages} and {@code /api} accept it at once
 * like any webapp session; then back to the page the person asked for, or Tasklist.
 */
class SsoLoginSuccess extends SavedRequestAwareAuthenticationSuccessHandler {

  static final String TASKLIST = "/camunda/app/tasklist/default/";

  private final ProcessEngine engine;

  SsoLoginSuccess(ProcessEngine engine) {
    this.engine = engine;
    setDefaultTargetUrl(TASKLIST);
  }

  @Override
  public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
      Authentication authentication) throws ServletException, IOException {
    UserAuthentication webapp = AuthenticationUtil.createAuthentication(engine, authentication.getName());
    if (webapp != null) {
      HttpSession session = request.getSession();
      Authentications authentications = AuthenticationUtil.getAuthsFromSession(session);
      authentications.addOrReplace(webapp);
      AuthenticationUtil.updateSession(session, authentications);
    }
    super.onAuthenticationSuccess(request, response, authentication);
  }
}
