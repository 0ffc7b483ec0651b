package org.liangze.sso;

import jakarta.servlet.DispatcherType;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.webapp.impl.security.auth.ContainerBasedAuthenticationFilter;
import org.liangze.organisation.LoginStatus;
import org.liangze.organisation.PersonRepository;
import org.liangze.platform.BrowserLogin;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.client.oidc.web.logout.OidcClientInitiatedLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.logout.LogoutFilter;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;

/**
 * Single sign-on (OIDC), only with {@code liangze.sso.enabled=true}. The browser's doors take the provider's
 * login: the webapps (Tasklist, Cockpit, Admin) through Camunda's container-based authentication
 * ({@link SsoWebappAuthentication}), {@code /pages} and {@code /api} through the webapp session the login makes
 * ({@link SsoLoginSuccess}), a page opened without a login also going to the provider; {@code /engine-rest} and {@code /api} keep HTTP Basic with the platform's passwords for
 * API clients. Logging out ends the provider's session too.
 */
@Configuration
@ConditionalOnProperty(prefix = "liangze.sso", name = "enabled", havingValue = "true")
class SsoConfig {

  @Bean
  ClientRegistrationRepository ssoClientRegistrations(SsoProperties properties) {
    properties.check();
    ClientRegistration registration = ClientRegistrations.fromIssuerLocation(properties.issuerUri())
        .registrationId(SsoProperties.REGISTRATION)
        .clientId(properties.clientId())
        .clientSecret(properties.clientSecret())
        .scope(properties.scopes())
        .redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
        .clientName("统一身份认证")
        .build();
    return new InMemoryClientRegistrationRepository(registration);
  }

  @Bean
  SsoPeople ssoPeople(SsoProperties properties, PersonRepository people, LoginStatus status,
      IdentityService identity) {
    return new SsoPeople(properties, people, status, identity);
  }

  /**
   * Before the platform's chains (platform.SecurityConfig): the login and logout endpoints and the webapps. A
   * webapp page without a login goes to the provider; the webapps' API answers 401 without one (Camunda's filter).
   * The webapps keep their own CSRF protection and headers, as without single sign-on.
   */
  @Bean
  @Order(0)
  SecurityFilterChain ssoChain(HttpSecurity http, ClientRegistrationRepository registrations, SsoPeople people,
      ProcessEngine engine) throws Exception {
    PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
    OidcClientInitiatedLogoutSuccessHandler providerLogout =
        new OidcClientInitiatedLogoutSuccessHandler(registrations);
    providerLogout.setPostLogoutRedirectUri("{baseUrl}" + SsoLoginSuccess.TASKLIST);
    return http.securityMatcher(new OrRequestMatcher(paths.matcher("/oauth2/**"), paths.matcher("/login/oauth2/**"),
            paths.matcher("/sso/**"), paths.matcher("/camunda/**")))
        .authorizeHttpRequests(requests -> requests
            .requestMatchers(paths.matcher("/camunda/app/**")).authenticated()
            // the webapps' own password login is closed: they take the provider's login only
            .requestMatchers(paths.matcher(HttpMethod.POST, "/camunda/api/admin/auth/user/*/login/**")).denyAll()
            .anyRequest().permitAll())
        .oauth2Login(login -> login.loginPage(SsoProperties.LOGIN)
            .userInfoEndpoint(userInfo -> userInfo.oidcUserService(people))
            .successHandler(new SsoLoginSuccess(engine))
            .failureHandler(new SsoRefusal()))
        .logout(logout -> logout
            .logoutRequestMatcher(new OrRequestMatcher(paths.matcher(HttpMethod.GET, SsoProperties.LOGOUT),
                paths.matcher(HttpMethod.POST, SsoProperties.LOGOUT)))
            .logoutSuccessHandler(providerLogout))
        .addFilterBefore(new WebappLogout(), LogoutFilter.class)
        .csrf(csrf -> csrf.disable())
        .headers(headers -> headers.disable())
        .build();
  }

  /**
   * A page of the platform ({@code GET /pages/**}) opened without a login goes to the provider's login too, and
   * back to that page afterwards (platform.SecurityConfig asks for this bean).
   */
  @Bean
  BrowserLogin ssoBrowserLogin() {
    LoginUrlAuthenticationEntryPoint provider = new LoginUrlAuthenticationEntryPoint(SsoProperties.LOGIN);
    RequestCache requests = new HttpSessionRequestCache();
    return (request, response, unauthenticated) -> {
      requests.saveRequest(request, response);
      provider.commence(request, response, unauthenticated);
    };
  }

  /**
   * Camunda's container-based authentication for the webapps' pages and API: after Spring Security (which has read
   * the session's login), before the platform's login gate (organisation.LoginGate, LOWEST_PRECEDENCE - 9) and
   * Camunda's own webapp filters (registered last), which then see the provider's person as the webapp user.
   */
  @Bean
  FilterRegistrationBean<ContainerBasedAuthenticationFilter> ssoWebappAuthentication() {
    FilterRegistrationBean<ContainerBasedAuthenticationFilter> registration =
        new FilterRegistrationBean<>(new ContainerBasedAuthenticationFilter());
    registration.setName("liangze-sso-webapp-authentication");
    registration.setInitParameters(Map.of(ProcessEngineAuthenticationFilter.AUTHENTICATION_PROVIDER_PARAM,
        SsoWebappAuthentication.class.getName()));
    registration.addUrlPatterns("/camunda/app/*", "/camunda/api/*");
    registration.setDispatcherTypes(DispatcherType.REQUEST);
    registration.setOrder(Ordered.LOWEST_PRECEDENCE - 11);
    return registration;
  }
}
