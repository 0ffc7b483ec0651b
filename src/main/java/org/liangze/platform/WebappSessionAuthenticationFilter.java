package org.liangze.platform;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.Set;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Lets someone logged into Tasklist or Cockpit open the platform's pages and downloads (the letter linked from a
 * form, say) without logging in again: a read-only request carrying the webapps' session is authenticated as that
 * session's user, with the groups Camunda recorded at login. A changing request (the record page adding an entry,
 * uploading a file) is authenticated by the session only if it carries the session's CSRF token in
 * {@code X-XSRF-TOKEN}, as Tasklist's own requests do ({@link WebappSessions}), so a forged cross-site request cannot
 * ride on the session cookie; without it, it needs its own credentials.
 */
class WebappSessionAuthenticationFilter extends OncePerRequestFilter {

  private static final Set<String> READ_ONLY = Set.of("GET", "HEAD");

  private final String engineName;

  WebappSessionAuthenticationFilter(String engineName) {
    this.engineName = engineName;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    HttpSession session = request.getSession(false);
    if (session != null && SecurityContextHolder.getContext().getAuthentication() == null
        && (READ_ONLY.contains(request.getMethod()) || WebappSessions.carriesItsToken(request))) {
      Authentications authentications = AuthenticationUtil.getAuthsFromSession(session);
      if (authentications != null
          && authentications.getAuthenticationForProcessEngine(engineName) instanceof UserAuthentication user) {
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user.getName(), null,
            user.getGroupIds().stream().map(SimpleGrantedAuthority::new).toList()));
        SecurityContextHolder.setContext(context);
      }
    }
    chain.doFilter(request, response);
  }
}
