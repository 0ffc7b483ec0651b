package org.liangze.platform;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** Tells whoever started the platform where to find it. */
@Component
class StartupBanner {

  private static final Logger log = LoggerFactory.getLogger(StartupBanner.class);

  @EventListener
  @Order(0)
  void onReady(ApplicationReadyEvent event) {
    Environment env = event.getApplicationContext().getEnvironment();
    String base = "http://localhost:" + env.getProperty("local.server.port", env.getProperty("server.port", "8080"));
    String webapps = base + env.getProperty("camunda.bpm.webapp.application-path", "/camunda");
    log.info("""

        Liangze is running.
          Tasklist  {}/app/tasklist/
          Cockpit   {}/app/cockpit/
          Admin     {}/app/admin/
          REST      {}/engine-rest  (HTTP Basic)
          API       {}/api          (HTTP Basic)
          Dashboard {}/pages/dashboard
          Guidebook {}/pages/guidebook""", webapps, webapps, webapps, base, base, base, base);
  }
}
