package org.liangze.organisation;

import org.camunda.bpm.engine.IdentityService;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** Puts the {@link LoginGate} behind every door's authentication. */
@Configuration
class IdentityWebConfig {

  @Bean
  FilterRegistrationBean<LoginGate> loginGate(LoginStatus status, IdentityService identity,
      @Value("${camunda.bpm.process-engine-name:default}") String engineName) {
    FilterRegistrationBean<LoginGate> registration = new FilterRegistrationBean<>(
        new LoginGate(status, identity, engineName));
    registration.setName("liangze-login-gate");
    registration.addUrlPatterns("/engine-rest/*", "/api/*", "/pages/*", "/camunda/*");
    // after Spring Security (/api, /pages) and Camunda's engine REST authentication (order LOWEST_PRECEDENCE - 10),
    // before the form variable guard (LOWEST_PRECEDENCE - 5)
    registration.setOrder(Ordered.LOWEST_PRECEDENCE - 9);
    return registration;
  }
}
