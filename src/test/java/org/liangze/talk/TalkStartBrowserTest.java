package org.liangze.talk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.liangze.demo.DemoDistrict;
import org.liangze.organisation.IdentitySync;
import org.liangze.support.Chromium;
import org.liangze.support.EmbeddedPostgresDatabase;
import org.liangze.talk.TalkProcess.Element;
import org.liangze.talk.TalkProcess.Variables;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The discipline commission ({@code jiwei}) starts a talk in Camunda Tasklist in a real browser (Debian's chromium
 * and chromedriver, headless, in Chinese): 发起流程 → 谈话, the unit picked by its name from the start form's
 * searchable list (nobody types a unit code), and the talk's first task, 安排谈话, exists for that unit. Screenshots
 * go to target/screenshots/talk-start-*.png.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class TalkStartBrowserTest {

  static final String PASSWORD = "demo-test-pw";
  static final String CAUSE = "新任局领导班子成员任前廉政谈话";

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    EmbeddedPostgresDatabase.register(registry);
    registry.add("liangze.identity.initial-password", () -> PASSWORD);
  }

  @LocalServerPort int port;
  @Autowired DemoDistrict district;
  @Autowired IdentitySync identitySync;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
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
  void theCommissionStartsATalkPickingTheUnitByName() throws Exception {
    String base = "http://localhost:" + port;
    WebDriverWait wait = new WebDriverWait(browser, Chromium.WAIT);
    chromium.logIntoTasklist(base, "jiwei", PASSWORD);

    wait.until(ExpectedConditions.elementToBeClickable(
        By.xpath("//*[contains(@class,'start-process-action')]//a[contains(normalize-space(.),'发起流程')]"))).click();
    wait.until(ExpectedConditions.elementToBeClickable(
        By.xpath("//ul[contains(@class,'processes')]//a[normalize-space(.)='谈话']"))).click();

    // the start form: the unit is a searchable list of names; typing part of a name narrows it
    WebElement unitLabel = wait.until(ExpectedConditions.visibilityOfElementLocated(
        By.xpath("//label[contains(@class,'fjs-form-field-label')][starts-with(normalize-space(.),'单位')]")));
    assertThat(browser.findElements(By.xpath("//label[contains(normalize-space(.),'单位代码')]"))).isEmpty();
    WebElement unitInput = browser.findElement(By.id(unitLabel.getAttribute("for")));
    unitInput.click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(
        By.xpath("//*[contains(@class,'fjs-dropdownlist-item')][normalize-space(.)='西营镇南营村']")));
    chromium.screenshot("talk-start-01-units");
    assertThat(unitInput.getAttribute("placeholder")).isEqualTo("输入文字查找");
    unitInput.sendKeys("火星");
    wait.until(ExpectedConditions.visibilityOfElementLocated(
        By.xpath("//*[contains(@class,'fjs-dropdownlist-empty')][normalize-space(.)='没有符合的选项']")));
    unitInput.sendKeys(Keys.BACK_SPACE, Keys.BACK_SPACE, "教育");
    WebElement bureau = wait.until(ExpectedConditions.visibilityOfElementLocated(
        By.xpath("//*[contains(@class,'fjs-dropdownlist-item')][normalize-space(.)='区教育和体育局']")));
    assertThat(browser.findElements(By.xpath("//*[contains(@class,'fjs-dropdownlist-item')]"
        + "[normalize-space(.)='西营镇南营村']"))).as("narrowed by the typed characters").isEmpty();
    chromium.screenshot("talk-start-02-search");
    // form-js picks on mouse down
    ((JavascriptExecutor) browser).executeScript(
        "arguments[0].dispatchEvent(new MouseEvent('mousedown', {bubbles: true}));", bureau);

    browser.findElement(By.xpath("//label[contains(@class,'fjs-form-field-label')]"
        + "[contains(normalize-space(.),'廉政谈话')]")).click();
    // without a cause nothing starts, and form-js's own message is in Chinese
    WebElement early = browser.findElement(By.xpath("//button[normalize-space(.)='开始']"));
    ((JavascriptExecutor) browser).executeScript("arguments[0].click();", early);
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.xpath(
        "//*[contains(@class,'fjs-form-field-error')][contains(normalize-space(.),'此项为必填项。')]")));
    chromium.screenshot("talk-start-03-required");
    WebElement causeLabel = browser.findElement(By.xpath("//label[contains(@class,'fjs-form-field-label')]"
        + "[starts-with(normalize-space(.),'谈话事由')]"));
    browser.findElement(By.id(causeLabel.getAttribute("for"))).sendKeys(CAUSE, Keys.TAB);
    // form-js takes typed text into its data after a short debounce; starting sooner submits an empty field
    new Actions(browser).pause(Duration.ofMillis(1500)).perform();
    assertThat(unitInput.getAttribute("value")).isEqualTo("区教育和体育局");
    chromium.screenshot("talk-start-04-filled");

    WebElement start = browser.findElement(By.xpath("//button[normalize-space(.)='开始' or normalize-space(.)='Start']"));
    ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block:'center'});", start);
    wait.until(ExpectedConditions.elementToBeClickable(start));
    ((JavascriptExecutor) browser).executeScript("arguments[0].click();", start);
    try {
      await().atMost(Chromium.WAIT).until(() -> runtime.createProcessInstanceQuery().processDefinitionKey(TalkProcess.KEY)
          .variableValueEquals(Variables.CAUSE, CAUSE).count() == 1);
    } finally {
      chromium.screenshot("talk-start-05-started");
    }
    ProcessInstance talk = runtime.createProcessInstanceQuery().processDefinitionKey(TalkProcess.KEY)
        .variableValueEquals(Variables.CAUSE, CAUSE).singleResult();
    assertThat(runtime.getVariable(talk.getId(), Variables.UNIT_CODE)).isEqualTo("D01");
    Task arrange = tasks.createTaskQuery().processInstanceId(talk.getId())
        .taskDefinitionKey(Element.ArrangeTalk.name()).singleResult();
    assertThat(arrange.getName()).isEqualTo("安排谈话（区教育和体育局，廉政谈话）");
  }
}
