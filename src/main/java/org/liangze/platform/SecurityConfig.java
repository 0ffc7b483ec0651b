package org.liangze.platform;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.authentication.DelegatingAuthenticationEntryPoint;
import org.springframework.security.web.authentication.www.BasicAuthenticationEntryPoint;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/**
 * Who may call what. Three doors, one identity store (Camunda's):
 * <ul>
 *   <li>{@code /api/**}, the platform's own API, and {@code /pages/**}, its pages — who may call each mapping is
 *       declared once, in {@code organisation.ApiAccessPolicy}: HTTP Basic checked against
 *       Camunda's identity service by {@link CamundaIdentityAuthenticationProvider}, or for reading only the
 *       webapps' login session ({@link WebappSessionAuthenticationFilter}); the caller is then also the engine's
 *       current user, so Camunda authorizations apply to everything the API does in the engine;</li>
 *   <li>{@code /engine-rest/**}: Camunda's own {@link ProcessEngineAuthenticationFilter} with HTTP Basic (the
 *       starter leaves it open by default);</li>
 *   <li>{@code /camunda/**}, the webapps: their own session login, CSRF and security headers.</li>
 * </ul>
 * With single sign-on on (org.liangze.sso, off by default), its chain comes before these for the webapps and the
 * login and logout endpoints, and a page opened without a login goes to the identity provider ({@link BrowserLogin}).
 */
@Configuration
class SecurityConfig {

  static final String ENGINE_REST = "/engine-rest/*";
  static final String WEBAPP_ENGINE_API = "/camunda/api/engine/*";
  /** No page of another site may frame the API's answers or pages (with X-Frame-Options: DENY for old browsers). */
  static final String NOT_FRAMED = "frame-ancestors 'none'";

  @Bean
  @Order(1)
  SecurityFilterChain apiChain(HttpSecurity http, CamundaIdentityAuthenticationProvider provider,
      IdentityService identityService, @Value("${camunda.bpm.process-engine-name:default}") String engineName,
      AuthorizationManager<RequestAuthorizationContext> apiAccessPolicy, ObjectProvider<BrowserLogin> browserLogin)
      throws Exception {
    BasicAuthenticationEntryPoint basicEntryPoint = new BasicAuthenticationEntryPoint();
    basicEntryPoint.setRealmName("Liangze");
    // a page opened without a login: single sign-on's login, where it is on (BrowserLogin); else HTTP Basic
    AuthenticationEntryPoint entryPoint = browserLogin.stream().findFirst()
        .<AuthenticationEntryPoint>map(login -> {
          DelegatingAuthenticationEntryPoint pages = new DelegatingAuthenticationEntryPoint(new LinkedHashMap<>(
              Map.of(PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.GET, "/pages/**"), login)));
          pages.setDefaultEntryPoint(basicEntryPoint);
          return pages;
        })
        .orElse(basicEntryPoint);
    // the platform's pages show the same data as its API: the same login and the same rules
    return http.securityMatcher("/api/**", "/pages/**")
        .authenticationProvider(provider)
        // who may call each mapping: one policy, one line per mapping (organisation.ApiAccessPolicy)
        // the password page checks the login and current password itself (first login, organisation.PasswordPage)
        .authorizeHttpRequests(requests -> requests.requestMatchers("/pages/password").permitAll()
            .anyRequest().access(apiAccessPolicy))
        .exceptionHandling(exceptions -> exceptions.accessDeniedHandler(SecurityConfig::forbidden)
            .authenticationEntryPoint(entryPoint))
        .addFilterBefore(new WebappSessionAuthenticationFilter(engineName), BasicAuthenticationFilter.class)
        .httpBasic(basic -> basic.authenticationEntryPoint(basicEntryPoint))
        // the webapps' session is read, never logged into here: Camunda renews its id at login; renewing it on every
        // request (session fixation protection) would log out the browser's other requests in flight (a page's
        // parallel uploads, Tasklist beside it)
        .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS)
            .sessionFixation(fixation -> fixation.none()))
        // stateless Basic authentication carries no ambient credential a forged cross-site request could use
        .csrf(csrf -> csrf.disable())
        .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(NOT_FRAMED)))
        .addFilterAfter(new EngineIdentityFilter(identityService), AuthorizationFilter.class)
        // after authentication, so an anonymous caller learns nothing but 401
        .addFilterAfter(new RequestSizeLimit(), EngineIdentityFilter.class)
        .addFilterAfter(new UnitCodePathCheck(), RequestSizeLimit.class)
        .build();
  }

  /**
   * A request the access policy refuses: the API's own refusal (as {@link ApiExceptionHandler} answers one), or for
   * a page, a page saying so.
   */
  private static void forbidden(HttpServletRequest request, HttpServletResponse response,
      AccessDeniedException refused) throws IOException {
    response.setStatus(HttpServletResponse.SC_FORBIDDEN);
    boolean page = request.getRequestURI().startsWith(request.getContextPath() + "/pages/");
    response.setContentType(page ? "text/html;charset=UTF-8" : "application/problem+json;charset=UTF-8");
    response.getOutputStream().write((page
        ? "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"UTF-8\"><title>无权查看</title></head><body>"
            + "<h1>无权查看</h1><p>您无权查看此页面：单位的页面只对本单位人员和区纪委监委、区委开放。</p></body></html>"
        : "{\"type\":\"about:blank\",\"title\":\"Forbidden\",\"status\":403,\"detail\":\"无权执行此操作\"}")
        .getBytes(StandardCharsets.UTF_8));
  }

  @Bean
  @Order(2)
  SecurityFilterChain actuatorChain(HttpSecurity http) throws Exception {
    return http.securityMatcher("/actuator/**")
        .authorizeHttpRequests(requests -> requests
            .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
            .anyRequest().denyAll())
        .build();
  }

  /**
   * The engine REST API authenticates itself ({@link #engineRestAuthentication}); Spring Security only adds the
   * security headers the API has too (nosniff, never framed, not cached).
   */
  @Bean
  @Order(3)
  SecurityFilterChain engineRestChain(HttpSecurity http) throws Exception {
    // a pattern on the whole path: /engine-rest is Jersey's servlet, not Spring MVC's
    return http.securityMatcher(PathPatternRequestMatcher.withDefaults().matcher("/engine-rest/**"))
        .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
        .csrf(csrf -> csrf.disable())
        .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(NOT_FRAMED)))
        .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .build();
  }

  /** The webapps authenticate themselves and send their own security headers; Spring Security stays out. */
  @Bean
  @Order(4)
  SecurityFilterChain camundaChain(HttpSecurity http) throws Exception {
    return http.securityMatcher("/**")
        .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
        .csrf(csrf -> csrf.disable())
        .headers(headers -> headers.disable())
        .build();
  }

  @Bean
  FilterRegistrationBean<ProcessEngineAuthenticationFilter> engineRestAuthentication() {
    FilterRegistrationBean<ProcessEngineAuthenticationFilter> registration =
        new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
    registration.setName("camunda-auth");
    registration.addInitParameter("authentication-provider", HttpBasicAuthenticationProvider.class.getName());
    registration.addUrlPatterns(ENGINE_REST);
    // before the form guard, which needs to know who is calling
    registration.setOrder(Ordered.LOWEST_PRECEDENCE - 10);
    return registration;
  }

  /** A refused task completion says why in Chinese alone, by both doors (not "Cannot submit task form <id>: "). */
  @Bean
  FilterRegistrationBean<TaskFormErrors> taskFormErrors() {
    FilterRegistrationBean<TaskFormErrors> registration = new FilterRegistrationBean<>(new TaskFormErrors());
    registration.setName("liangze-task-form-errors");
    registration.addUrlPatterns(ENGINE_REST, WEBAPP_ENGINE_API);
    registration.setOrder(Ordered.LOWEST_PRECEDENCE - 6);
    return registration;
  }

  /** Task completions and variable changes carry only what the task's form offers, by both doors. */
  @Bean
  FilterRegistrationBean<FormVariableGuard> formVariableGuard(ProcessEngine processEngine) {
    FilterRegistrationBean<FormVariableGuard> registration = new FilterRegistrationBean<>(new FormVariableGuard(
        (ProcessEngineConfigurationImpl) processEngine.getProcessEngineConfiguration(), processEngine.getName()));
    registration.setName("liangze-form-variable-guard");
    registration.addUrlPatterns(ENGINE_REST, WEBAPP_ENGINE_API);
    registration.setOrder(Ordered.LOWEST_PRECEDENCE - 5);
    return registration;
  }
}
