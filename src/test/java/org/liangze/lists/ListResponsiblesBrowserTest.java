package org.liangze.lists;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.liangze.demo.DemoDistrict;
import org.liangze.organisation.IdentitySync;
import org.liangze.support.Chromium;
import org.liangze.support.EmbeddedPostgresDatabase;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A real browser (Debian's chromium and chromedriver, headless, in Chinese): a town's staff member opens the list
 * drafting task in Camunda Tasklist, sees each item's 责任人 and 责任领导 as lists of the unit's people by name and
 * post (pre-filled: the 纪检委员 on the supervisory items), picks another leader for the first item from the list —
 * nobody types a login — and submits. Screenshots go to target/screenshots/list-responsibles-*.png.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class ListResponsiblesBrowserTest {

  static final String PASSWORD = "demo-test-pw";
  /** The form-js field around a label, its text and the values of its inputs. */
  static final String FIELD_TEXT = "const f = arguments[0].closest('.fjs-form-field');"
      + " return f.innerText + ' ' + Array.from(f.querySelectorAll('input')).map(i => i.value).join(' ');";

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    EmbeddedPostgresDatabase.register(registry);
    registry.add("liangze.identity.initial-password", () -> PASSWORD);
  }

  @LocalServerPort int port;
  @Autowired TestRestTemplate http;
  @Autowired DemoDistrict district;
  @Autowired IdentitySync identitySync;
  @Autowired ListService lists;
  final ObjectMapper json = new ObjectMapper();
  Chromium chromium;
  WebDriver browser;

  @BeforeEach
  void setUp() throws IOException {
    if (district.seedIfEmpty(2026)) {
      identitySync.sync();
    }
    chromium = Chromium.desk();
    browser = chromium.driver();
  }

  @AfterEach
  void tearDown() {
    if (chromium != null) {
      chromium.close();
    }
  }

  @Test
  void theStaffPicksEachItemsResponsiblesFromListsInTasklist() throws Exception {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    assertThat(http.withBasicAuth("jiwei", PASSWORD).postForEntity("/api/list-formulations",
        new HttpEntity<>("{\"unitCode\":\"T02\",\"year\":\"2026\"}", headers), String.class)
        .getStatusCode()).isEqualTo(HttpStatus.CREATED);
    int itemCount = lists.tailoredList("T02", 2026).orElseThrow().items().size();

    String base = "http://localhost:" + port;
    WebDriverWait wait = new WebDriverWait(browser, Chromium.WAIT);
    chromium.logIntoTasklist(base, "t02staff", PASSWORD);

    wait.until(ExpectedConditions.elementToBeClickable(
        By.xpath("//*[contains(@class,'filter')]//*[contains(normalize-space(.),'我的待办')]"))).click();
    wait.until(ExpectedConditions.elementToBeClickable(
        By.xpath("//ol[contains(@class,'tasks-list') or contains(@class,'list')]//li//a[contains(.,'编制个性清单')]"
            + " | //li[contains(@class,'task')]//*[contains(.,'编制个性清单')]"))).click();
    chromium.claimOpenTask();

    By personLabels = By.xpath("//label[contains(@class,'fjs-form-field-label')"
        + " and starts-with(normalize-space(.),'责任人')]");
    By leaderLabels = By.xpath("//label[contains(@class,'fjs-form-field-label')"
        + " and starts-with(normalize-space(.),'责任领导')]");
    try {
      wait.until(d -> d.findElements(personLabels).size() == itemCount);
      // pre-filled, shown by name and post: the supervisory items are the 纪检委员's, the secretary leads
      List<String> people = browser.findElements(personLabels).stream().map(this::fieldText).toList();
      List<String> leaders = browser.findElements(leaderLabels).stream().map(this::fieldText).toList();
      assertThat(people).hasSize(itemCount).allSatisfy(text -> assertThat(text).containsAnyOf("林峰（工作人员）",
          "郑浩（纪检委员、班子成员）"));
      assertThat(people.get(itemCount - 1)).contains("郑浩（纪检委员、班子成员）");
      assertThat(leaders).hasSize(itemCount).allSatisfy(text -> assertThat(text).contains("罗秀英（党组织书记）"));
      assertThat(String.join(" ", people) + String.join(" ", leaders)).doesNotContain("t02");
      chromium.screenshot("list-responsibles-01-draft-form");

      // the first item's leader: the team member 郑浩, picked from the list
      WebElement leader = browser.findElements(leaderLabels).get(0);
      WebElement field = (WebElement) ((JavascriptExecutor) browser).executeScript(
          "return arguments[0].closest('.fjs-form-field');", leader);
      ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block:'center'});", field);
      List<WebElement> inputs = field.findElements(By.cssSelector("input"));
      WebElement opener = inputs.isEmpty() ? field.findElement(By.cssSelector(".fjs-select-display, .fjs-input-group"))
          : inputs.get(0);
      new Actions(browser).click(opener).perform();
      if (!inputs.isEmpty()) {
        inputs.get(0).sendKeys(org.openqa.selenium.Keys.chord(org.openqa.selenium.Keys.CONTROL, "a"),
            org.openqa.selenium.Keys.BACK_SPACE, "郑浩");
      }
      WebElement option = wait.until(ExpectedConditions.visibilityOfElementLocated(By.xpath(
          "//*[contains(@class,'fjs-dropdownlist-item') and contains(normalize-space(.),'郑浩')]")));
      chromium.screenshot("list-responsibles-02-pick-leader");
      new Actions(browser).moveToElement(option).click().perform();
      wait.until(d -> fieldText(d.findElements(leaderLabels).get(0)).contains("郑浩（纪检委员、班子成员）"));

      // Tasklist keeps 完成 disabled after a change inside a dynamic list until 保存 validates the whole form
      chromium.saveAndComplete();
      await().atMost(Chromium.WAIT).until(() -> tasks("t02staff").isEmpty());
    } catch (RuntimeException | AssertionError e) {
      chromium.screenshot("list-responsibles-failed");
      Files.writeString(Chromium.SCREENSHOTS.resolve("list-responsibles-failed.html"), browser.getPageSource());
      throw e;
    }
    chromium.screenshot("list-responsibles-03-submitted");

    // what the form submitted: the first item led by the team member, the others as pre-filled
    JsonNode formulation = json.readTree(http.withBasicAuth("jiwei", PASSWORD).getForObject(
        "/engine-rest/process-instance?processDefinitionKey=" + ListFormulationProcess.KEY, String.class)).get(0);
    long listId = json.readTree(http.withBasicAuth("jiwei", PASSWORD).getForObject("/engine-rest/process-instance/"
        + formulation.get("id").asText() + "/variables/listId", String.class)).get("value").asLong();
    ResponsibilityList submitted = lists.list(listId);
    assertThat(submitted.status()).isEqualTo(ListStatus.SUBMITTED);
    assertThat(submitted.items().get(0).responsibleLeader()).isEqualTo("t02insp");
    assertThat(submitted.items().get(itemCount - 1).responsiblePerson()).isEqualTo("t02insp");
  }

  private String fieldText(WebElement label) {
    return (String) ((JavascriptExecutor) browser).executeScript(FIELD_TEXT, label);
  }

  private List<JsonNode> tasks(String user) throws IOException {
    JsonNode list = json.readTree(http.withBasicAuth(user, PASSWORD)
        .getForObject("/engine-rest/task?processDefinitionKey=" + ListFormulationProcess.KEY, String.class));
    List<JsonNode> all = new ArrayList<>();
    list.forEach(all::add);
    return all;
  }
}
