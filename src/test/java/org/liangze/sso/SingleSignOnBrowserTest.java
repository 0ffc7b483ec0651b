package org.liangze.sso;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.liangze.demo.DemoDistrict;
import org.liangze.organisation.FirstPasswords;
import org.liangze.organisation.Groups;
import org.liangze.organisation.IdentitySync;
import org.liangze.organisation.OrganisationChanged;
import org.liangze.organisation.Person;
import org.liangze.organisation.PersonRepository;
import org.liangze.support.Chromium;
import org.liangze.support.EmbeddedPostgresDatabase;
import org.liangze.talk.Talks;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Single sign-on against a real OpenID Connect provider started inside the test ({@link OidcProvider}: Spring
 * Authorization Server with its login form). In Chromium, the discipline commission ({@code jiwei}) logs in through
 * the provider's form, lands in Tasklist with their own task, and logs out through the provider. Over HTTP: someone
 * the provider knows but the platform does not is refused with the Chinese page and gets nothing; someone matched
 * by their mobile number reads their own unit through {@code /api} with the session (not another unit's), and
 * without the session {@code /api} asks for a login; {@code /engine-rest} keeps the platform's passwords.
 * Screenshots: target/screenshots/sso-*.png.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class SingleSignOnBrowserTest {

  static final String PASSWORD = "demo-test-pw";
  static final String PROVIDER_PASSWORD = "provider-pw-2026";
  /** d01staff's mobile number as the platform has it, and as the provider writes it. */
  static final String MOBILE = "13800138001";
  /** A mobile number two people of D02 share. */
  static final String SHARED_MOBILE = "13800138002";
  static final String TALK_CAUSE = "统一身份认证测试谈话";

  static OidcProvider provider;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    EmbeddedPostgresDatabase.register(registry);
    registry.add("liangze.identity.initial-password", () -> PASSWORD);
    provider = OidcProvider.start(List.of(
        new OidcProvider.Account("jiwei", PROVIDER_PASSWORD, Map.of("preferred_username", "jiwei")),
        // the administrator: a Camunda user, no person of the organisation
        new OidcProvider.Account("admin", PROVIDER_PASSWORD, Map.of("preferred_username", "admin")),
        // an account whose provider login is no platform login: matched by the mobile number
        new OidcProvider.Account("wang.fang", PROVIDER_PASSWORD,
            Map.of("preferred_username", "wang.fang", "phone_number", "+86 138-0013-8001",
                "phone_number_verified", true)),
        // the same number, but the provider did not verify it (people type their own): matched by nobody
        new OidcProvider.Account("wang.typed", PROVIDER_PASSWORD,
            Map.of("preferred_username", "wang.typed", "phone_number", "+86 138-0013-8001",
                "phone_number_verified", false)),
        // a person whose issued first password is still to be changed
        new OidcProvider.Account("jiwei2", PROVIDER_PASSWORD, Map.of("preferred_username", "jiwei2")),
        new OidcProvider.Account("a01staff", PROVIDER_PASSWORD, Map.of("preferred_username", "a01staff")),
        new OidcProvider.Account("twins", PROVIDER_PASSWORD,
            Map.of("preferred_username", "twins", "phone_number", SHARED_MOBILE, "phone_number_verified", true)),
        new OidcProvider.Account("stranger", PROVIDER_PASSWORD,
            Map.of("preferred_username", "stranger", "phone_number", "13900000000"))));
    registry.add("liangze.sso.enabled", () -> "true");
    registry.add("liangze.sso.issuer-uri", provider::issuer);
    registry.add("liangze.sso.client-id", () -> OidcProvider.CLIENT_ID);
    registry.add("liangze.sso.client-secret", () -> OidcProvider.CLIENT_SECRET);
  }

  @AfterAll
  static void stopProvider() {
    if (provider != null) {
      provider.close();
    }
  }

  @LocalServerPort int port;
  @Autowired DemoDistrict district;
  @Autowired IdentitySync identitySync;
  @Autowired PersonRepository people;
  @Autowired FirstPasswords firstPasswords;
  @Autowired TransactionTemplate transaction;
  @Autowired IdentityService identity;
  @Autowired Talks talks;
  @Autowired TaskService tasks;
  @Autowired JdbcClient jdbc;
  @Autowired ApplicationEventPublisher events;
  String base;

  @BeforeEach
  void setUp() throws IOException {
    if (district.seedIfEmpty(2026)) {
      identitySync.sync();
    }
    Person staff = people.find("d01staff").orElseThrow();
    if (!MOBILE.equals(staff.mobile())) {
      transaction.executeWithoutResult(status -> people.upsertAll(List.of(
          new Person(staff.userId(), staff.name(), MOBILE, staff.email(), staff.posts()))));
    }
    // the provider knows the platform only by 127.0.0.1 (it refuses localhost redirects)
    base = "http://127.0.0.1:" + port;
    provider.allow(base);
  }

  @Test
  void theCommissionLogsInThroughTheProviderSeesItsTaskInTasklistAndLogsOutThroughTheProvider() {
    identity.setAuthentication("jiwei", List.of(Groups.DISCIPLINE_COMMISSION));
    try {
      talks.start(new Talks.StartRequest("D01", "INTEGRITY_TALK", null, TALK_CAUSE));
    } finally {
      identity.clearAuthentication();
    }
    String task = "安排谈话（区教育和体育局，廉政谈话）";
    assertThat(tasks.createTaskQuery().taskCandidateGroup(Groups.DISCIPLINE_COMMISSION).taskName(task).count())
        .isPositive();

    try (Chromium chromium = Chromium.desk()) {
      var driver = chromium.driver();
      var wait = chromium.waiting();
      driver.get(base + "/camunda/app/tasklist/default/");
      // Tasklist sends the browser to the provider's login form
      wait.until(ExpectedConditions.urlContains(provider.issuer() + "/login"));
      wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username"))).sendKeys("jiwei");
      driver.findElement(By.id("password")).sendKeys(PROVIDER_PASSWORD);
      chromium.screenshot("sso-01-provider-login");
      driver.findElement(By.cssSelector("button[type='submit']")).click();

      // back in Tasklist as jiwei, with the commission's task listed
      wait.until(ExpectedConditions.urlContains(base + "/camunda/app/tasklist/default/"));
      wait.until(ExpectedConditions.visibilityOfElementLocated(By.xpath(
          "//ol[contains(@class,'tasks-list') or contains(@class,'list')]//li//a[contains(.,'" + task + "')]")));
      assertThat(driver.findElements(By.cssSelector("input[ng-model='username']"))).isEmpty();
      wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("li.account"), "曹文博"));
      chromium.screenshot("sso-02-tasklist");
      // Cockpit takes the same session
      driver.get(base + "/camunda/app/cockpit/default/");
      wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("li.account"), "曹文博"));
      assertThat(driver.findElements(By.cssSelector("input[ng-model='username']"))).isEmpty();
      chromium.screenshot("sso-02-cockpit");
      driver.get(base + "/camunda/app/tasklist/default/");
      wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("li.account"), "曹文博"));

      // 退出: the platform's session ends, then the provider's; Tasklist then asks the provider for a login again
      chromium.click(By.cssSelector("li.account > a"));
      chromium.click(By.cssSelector("li.account li.logout a"));
      wait.until(ExpectedConditions.urlContains(provider.issuer() + "/login"));
      wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username")));
      chromium.screenshot("sso-03-logged-out");
      driver.get(base + "/camunda/app/tasklist/default/");
      wait.until(ExpectedConditions.urlContains(provider.issuer() + "/login"));

      // someone the provider knows but the platform does not: the Chinese page, and no Tasklist
      wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username"))).sendKeys("stranger");
      driver.findElement(By.id("password")).sendKeys(PROVIDER_PASSWORD);
      driver.findElement(By.cssSelector("button[type='submit']")).click();
      wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), SsoRefusal.UNKNOWN_TITLE));
      assertThat(driver.findElement(By.tagName("body")).getText()).contains("请联系本单位或区纪委监委的组织管理员");
      chromium.screenshot("sso-04-unknown-person");
    }
  }

  @Test
  void theAdministratorWhoIsNoPersonOfTheOrganisationLogsIntoAdminByLogin() {
    try (Chromium chromium = Chromium.desk()) {
      var driver = chromium.driver();
      var wait = chromium.waiting();
      driver.get(base + "/camunda/app/admin/default/");
      wait.until(ExpectedConditions.urlContains(provider.issuer() + "/login"));
      wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username"))).sendKeys("admin");
      driver.findElement(By.id("password")).sendKeys(PROVIDER_PASSWORD);
      driver.findElement(By.cssSelector("button[type='submit']")).click();
      wait.until(ExpectedConditions.urlContains(base + "/camunda/app/admin/default/"));
      wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("li.account"), "系统管理员"));
      assertThat(driver.findElements(By.cssSelector("input[ng-model='username']"))).isEmpty();
      chromium.screenshot("sso-05-admin");
    }
  }

  @Test
  void someoneTheProviderKnowsButThePlatformDoesNotIsRefusedInChineseAndGetsNothing() throws Exception {
    HttpClient browser = browser();
    HttpResponse<String> refused = logIn(browser, "stranger", SsoLoginSuccess.TASKLIST);

    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(refused.uri().getPath()).isEqualTo("/login/oauth2/code/" + SsoProperties.REGISTRATION);
    assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(
        type -> assertThat(type).startsWith("text/html"));
    assertThat(refused.body()).contains("统一身份认证账号未在本平台登记").contains("组织管理员")
        .doesNotContain("Exception").doesNotContain("at org.");

    // the same browser: no session of anyone on the platform's doors
    assertThat(get(browser, "/api/units/D01/record").statusCode()).isEqualTo(401);
    assertThat(get(browser, "/camunda/api/engine/engine/default/task").statusCode()).isEqualTo(401);
    assertThat(get(browser, "/camunda/api/admin/auth/user/default").statusCode()).isIn(401, 404);
  }

  @Test
  void thePersonMatchedByMobileReadsTheirUnitThroughTheApiWithTheSessionAndNothingWithoutIt() throws Exception {
    HttpClient browser = browser();
    HttpResponse<String> tasklist = logIn(browser, "wang.fang", SsoLoginSuccess.TASKLIST);

    assertThat(tasklist.statusCode()).isEqualTo(200);
    assertThat(tasklist.uri().getPath()).isEqualTo(SsoLoginSuccess.TASKLIST);
    // the webapps know the session as d01staff's (the provider's login is wang.fang; the mobile number matched)
    HttpResponse<String> user = get(browser, "/camunda/api/admin/auth/user/default");
    assertThat(user.statusCode()).isEqualTo(200);
    assertThat(user.body()).contains("\"userId\":\"d01staff\"");
    assertThat(get(browser, "/camunda/api/engine/engine/default/task/count").statusCode())
        .isEqualTo(200);

    // /api with the session: the person's own unit, not a sibling's
    assertThat(get(browser, "/api/units/D01/record").statusCode()).isEqualTo(200);
    assertThat(get(browser, "/api/units/D02/record").statusCode()).isEqualTo(403);

    // without the session: the API asks for a login, a page sends the browser to the provider and back
    HttpClient nobody = browser();
    assertThat(get(nobody, "/api/units/D01/record").statusCode()).isEqualTo(401);
    assertThat(get(nobody, "/camunda/api/engine/engine/default/task").statusCode()).isEqualTo(401);
    HttpClient another = browser();
    HttpResponse<String> page = logIn(another, "wang.fang", "/pages/units/D01/record");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.uri().getPath()).isEqualTo("/pages/units/D01/record");
    assertThat(page.body()).contains("区教育和体育局");

    // the webapps' own password login is closed: the browser is sent to the provider instead
    HttpClient direct = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    HttpResponse<String> local = direct.send(HttpRequest.newBuilder(
            URI.create(base + "/camunda/api/admin/auth/user/default/login/tasklist"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("username=d01staff&password=" + PASSWORD)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(local.statusCode()).isEqualTo(302);
    assertThat(local.headers().firstValue("Location")).hasValueSatisfying(
        location -> assertThat(location).endsWith(SsoProperties.LOGIN));

    // the engine REST API keeps HTTP Basic with the platform's passwords for API clients
    HttpRequest basic = HttpRequest.newBuilder(URI.create(base + "/engine-rest/task/count"))
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
            ("d01staff:" + PASSWORD).getBytes(StandardCharsets.UTF_8)))
        .build();
    assertThat(nobody.send(basic, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
  }

  @Test
  void someoneWhoLeavesLosesTheSsoSessionAndCannotLogInAgain() throws Exception {
    HttpClient browser = browser();
    assertThat(logIn(browser, "a01staff", SsoLoginSuccess.TASKLIST).statusCode()).isEqualTo(200);
    assertThat(get(browser, "/api/units/A01/record").statusCode()).isEqualTo(200);
    assertThat(jdbc.sql("select count(*) from spring_session where principal_name = 'a01staff'")
        .query(Long.class).single()).as("the session is found by the person's login").isPositive();

    // a01staff leaves, as an organisation import does it
    transaction.executeWithoutResult(status -> {
      people.markLeft(List.of("a01staff"), Instant.now());
      events.publishEvent(new OrganisationChanged(Set.of(), Set.of(), Set.of("a01staff"), Set.of(), "zuzhi"));
    });

    assertThat(get(browser, "/api/units/A01/record").statusCode()).isEqualTo(401);
    assertThat(get(browser, "/camunda/api/engine/engine/default/task/count").statusCode()).isEqualTo(401);
    // the provider still knows them; the platform no longer does
    HttpResponse<String> again = get(browser, SsoLoginSuccess.TASKLIST);
    if (again.uri().toString().startsWith(provider.issuer() + "/login")) {
      again = logIn(browser, "a01staff", SsoLoginSuccess.TASKLIST);
    }
    assertThat(again.statusCode()).isEqualTo(403);
    assertThat(again.body()).contains(SsoRefusal.UNKNOWN_TITLE);
  }

  @Test
  void aMobileNumberTheProviderDidNotVerifyMatchesNobody() throws Exception {
    HttpResponse<String> refused = logIn(browser(), "wang.typed", SsoLoginSuccess.TASKLIST);

    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(refused.body()).contains(SsoRefusal.UNKNOWN_TITLE);
  }

  @Test
  void aMobileNumberHeldBySeveralPeopleMatchesNobody() throws Exception {
    transaction.executeWithoutResult(status -> people.upsertAll(List.of("d02staff", "d02sec").stream()
        .map(login -> people.find(login).orElseThrow())
        .map(person -> new Person(person.userId(), person.name(), SHARED_MOBILE, person.email(), person.posts()))
        .toList()));

    HttpResponse<String> refused = logIn(browser(), "twins", SsoLoginSuccess.TASKLIST);

    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(refused.body()).contains(SsoRefusal.UNKNOWN_TITLE);
  }

  @Test
  void anIssuedPasswordStopsNobodyWhoLoggedInThroughTheProviderButStillStopsTheEngineRestApi() throws Exception {
    String issued = transaction.execute(status -> firstPasswords.issue(List.of("jiwei2")).get("jiwei2"));

    HttpClient browser = browser();
    HttpResponse<String> tasklist = logIn(browser, "jiwei2", SsoLoginSuccess.TASKLIST);
    assertThat(tasklist.statusCode()).isEqualTo(200);
    assertThat(tasklist.uri().getPath()).isEqualTo(SsoLoginSuccess.TASKLIST);
    assertThat(get(browser, "/camunda/api/engine/engine/default/task/count").statusCode()).isEqualTo(200);
    assertThat(get(browser, "/api/units/D01/record").statusCode()).isEqualTo(200);

    HttpRequest basic = HttpRequest.newBuilder(URI.create(base + "/engine-rest/task/count"))
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
            ("jiwei2:" + issued).getBytes(StandardCharsets.UTF_8)))
        .build();
    HttpResponse<String> engineRest = browser().send(basic, HttpResponse.BodyHandlers.ofString());
    assertThat(engineRest.statusCode()).isEqualTo(403);
    assertThat(engineRest.body()).contains("请先修改密码");
  }

  /** A browser of sorts: cookies kept per host, redirects followed. */
  private static HttpClient browser() {
    return HttpClient.newBuilder().cookieHandler(new CookieManager())
        .followRedirects(HttpClient.Redirect.NORMAL).build();
  }

  private HttpResponse<String> get(HttpClient client, String path) throws IOException, InterruptedException {
    return client.send(HttpRequest.newBuilder(URI.create(base + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /**
   * Opens a page of the platform, which sends the browser to the provider's login form, and fills it in: the answer
   * at the end of the redirects back to the platform.
   */
  private HttpResponse<String> logIn(HttpClient client, String username, String path)
      throws IOException, InterruptedException {
    HttpResponse<String> form = get(client, path);
    assertThat(form.uri().toString()).startsWith(provider.issuer() + "/login");
    Matcher csrf = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(form.body());
    assertThat(csrf.find()).as("the provider's login form").isTrue();
    String body = "username=" + URLEncoder.encode(username, StandardCharsets.UTF_8)
        + "&password=" + URLEncoder.encode(PROVIDER_PASSWORD, StandardCharsets.UTF_8)
        + "&_csrf=" + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8);
    return client.send(HttpRequest.newBuilder(form.uri())
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
