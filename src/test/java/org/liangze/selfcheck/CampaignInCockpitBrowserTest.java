package org.liangze.selfcheck;

import static org.assertj.core.api.Assertions.assertThat;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.liangze.demo.DemoDistrict;
import org.liangze.organisation.IdentitySync;
import org.liangze.support.CampaignRun;
import org.liangze.support.Chromium;
import org.liangze.support.EmbeddedPostgresDatabase;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The commission watches a quarterly self-check campaign in Camunda Cockpit, in a real browser (Debian's chromium,
 * headless, in Chinese): the campaign's diagram shows its batches of units (各批单位自查, two batches at three units a
 * job) and, inside, the units' self-checks (本批各单位季度自查) with a running instance on each. Screenshot:
 * target/screenshots/campaign-cockpit-01-batches.png.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "liangze.self-check.units-per-job=3")
@ActiveProfiles("test")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class CampaignInCockpitBrowserTest {

  static final String PASSWORD = "demo-test-pw";
  static final String QUARTER = "2026Q2";

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    EmbeddedPostgresDatabase.register(registry);
    registry.add("liangze.identity.initial-password", () -> PASSWORD);
  }

  @LocalServerPort int port;
  @Autowired DemoDistrict district;
  @Autowired IdentitySync identitySync;
  @Autowired SelfCheckCampaigns campaigns;
  @Autowired CampaignRun campaignRun;
  @Autowired IdentityService identity;
  @Autowired RuntimeService runtime;
  Chromium chromium;

  @AfterEach
  void tearDown() {
    if (chromium != null) {
      chromium.close();
    }
    identity.clearAuthentication();
  }

  @Test
  void theCommissionSeesTheCampaignsBatchesAndTheirUnitsInCockpit() throws Exception {
    if (district.seedIfEmpty(2026)) {
      identitySync.sync();
    }
    String campaign = campaignRun.start(QUARTER);
    int jobsRun = campaignRun.runJobs(campaign);
    int units = campaigns.unitsToCheck(QUARTER).size();
    assertThat(units).as("the demo district's units with a list").isGreaterThan(3);
    assertThat(jobsRun).as("the body, then a job per batch of three").isEqualTo(1 + (units + 2) / 3);
    assertThat(runtime.createProcessInstanceQuery().superProcessInstanceId(campaign).count()).isEqualTo(units);

    String base = "http://localhost:" + port;
    chromium = Chromium.desk();
    WebDriver browser = chromium.driver();
    chromium.logIntoTasklist(base, "jiwei", PASSWORD);
    browser.get(base + "/camunda/app/cockpit/default/#/process-instance/" + campaign + "/runtime");
    var wait = chromium.waiting();
    // the diagram: the batches' sub-process with the units' call activity inside, each with its running instances
    wait.until(ExpectedConditions.visibilityOfElementLocated(
        By.cssSelector("[data-element-id='UnitBatches']")));
    wait.until(ExpectedConditions.visibilityOfElementLocated(
        By.cssSelector("[data-element-id='UnitSelfChecks']")));
    // Cockpit's badge of running activity instances on the units' call activity: one per unit
    wait.until(ExpectedConditions.textToBePresentInElementLocated(
        By.cssSelector(".djs-overlay-container"), String.valueOf(units)));
    chromium.screenshot("campaign-cockpit-01-batches");
  }
}
