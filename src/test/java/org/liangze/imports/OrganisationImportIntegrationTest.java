package org.liangze.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.liangze.imports.OrganisationSpreadsheets.PEOPLE_HEADERS;
import static org.liangze.imports.OrganisationSpreadsheets.UNIT_HEADERS;
import static org.liangze.imports.OrganisationSpreadsheets.row;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.apache.poi.ss.usermodel.DataValidation;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.liangze.imports.OrganisationSpreadsheets.District;
import org.liangze.lists.CommonListProcess;
import org.liangze.organisation.Groups;
import org.liangze.organisation.PersonRepository;
import org.liangze.organisation.Role;
import org.liangze.organisation.Unit;
import org.liangze.organisation.UnitRepository;
import org.liangze.platform.EngineExclusiveLock;
import org.liangze.support.EmbeddedPostgresDatabase;
import org.liangze.support.WebClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * The organisation import over HTTP on PostgreSQL, without the demo profile: the template, dry run and apply, CSV in
 * every encoding Excel saves, re-import without change, and every kind of bad input refused with its sheet, row,
 * column and Chinese message while nothing changes. Each test starts from the same small district, imported afresh.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class OrganisationImportIntegrationTest {

  static final String ADMIN = "admin";
  static final String ADMIN_PASSWORD = "test-admin-password";

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    EmbeddedPostgresDatabase.register(registry);
  }

  @Autowired TestRestTemplate http;
  @Autowired UnitRepository units;
  @Autowired PersonRepository people;
  @Autowired TaskService tasks;
  @Autowired IdentityService identity;
  @Autowired org.camunda.bpm.engine.RuntimeService runtime;
  @Autowired TransactionTemplate transaction;
  @Autowired ProcessEngineConfigurationImpl engine;
  final ObjectMapper json = new ObjectMapper();

  /** 2 departments with a section each, a town with two villages, an affiliated unit: 8 units. */
  static District base() {
    return OrganisationSpreadsheets.district(2, 1, 1, 2, 1);
  }

  @BeforeEach
  void baseDistrict() throws IOException {
    ResponseEntity<String> response = importWorkbook(OrganisationSpreadsheets.workbook(base()), "组织机构.xlsx", false);
    assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.OK);
  }

  @Test
  void theTemplateHasItsSheetsDropDownsExampleAndInstructions() throws IOException {
    ResponseEntity<byte[]> response = http.withBasicAuth(ADMIN, ADMIN_PASSWORD)
        .getForEntity("/api/organisation/template.xlsx", byte[].class);
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(response.getHeaders().getContentType().toString()).contains("spreadsheetml");
    try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(response.getBody()))) {
      assertThat(Stream.of("说明", "单位", "人员", "共性清单")).allMatch(name -> workbook.getSheet(name) != null);
      assertThat(headers(workbook.getSheet("单位"))).containsExactlyElementsOf(UNIT_HEADERS);
      assertThat(headers(workbook.getSheet("人员"))).containsExactlyElementsOf(PEOPLE_HEADERS);
      assertThat(workbook.getSheet("单位").getRow(1).getCell(0).getStringCellValue()).isEqualTo("D01");
      assertThat(workbook.getSheet("人员").getRow(1).getCell(3).getStringCellValue()).isEqualTo("党组织书记");
      assertThat(workbook.getSheet("说明").getRow(0).getCell(0).getStringCellValue()).isEqualTo("组织机构导入模板");
      assertThat(listValues(workbook.getSheet("单位")))
          .contains(List.of("区直部门", "街镇", "区属部门", "科室站所", "村居"));
      assertThat(listValues(workbook.getSheet("人员"))).anyMatch(values -> values.containsAll(
          List.of("党组织书记", "班子成员", "工作人员", "纪检委员", "区委", "区纪委监委", "流程设计", "组织管理员")));
    }
    // the template as downloaded is a valid import (its example rows)
    JsonNode report = json.readTree(importWorkbook(response.getBody(), "模板.xlsx", true).getBody());
    assertThat(report.get("problems")).isEmpty();
  }

  @Test
  void aDryRunChangesNothingTheApplyChangesAllAndTheSameFileAgainChangesNothing() throws IOException {
    District changed = base().copy();
    changed.units().add(row("T001V003", "第1街道第3社区", "村居", "T001"));
    changed.units().set(1, row("D001S01", "区第1局办公室", "科室站所", "D001")); // renamed
    changed.units().removeIf(unit -> unit.get(0).equals("A001"));
    changed.people().removeIf(person -> person.get(2).equals("A001"));
    // d002staff1 moves to the new village, d001staff2 leaves, a new person arrives
    changed.people().stream().filter(p -> p.get(0).equals("d002staff1")).forEach(p -> p.set(2, "T001V003"));
    changed.people().removeIf(person -> person.get(0).equals("d001staff2"));
    changed.people().add(row("newcomer", "新来的", "T001V003", "工作人员", "13912345678", ""));
    byte[] file = OrganisationSpreadsheets.workbook(changed);
    String before = state();

    ResponseEntity<String> dryRun = importWorkbook(file, "组织机构.xlsx", true);
    assertThat(dryRun.getStatusCode()).isEqualTo(HttpStatus.OK);
    JsonNode report = json.readTree(dryRun.getBody());
    assertThat(report.get("dryRun").asBoolean()).isTrue();
    assertThat(report.get("applied").asBoolean()).isFalse();
    assertThat(counts(report.get("units"))).containsExactly(1, 1, 0, 1);
    // A001's five people leave with their unit, d001staff2 leaves
    assertThat(counts(report.get("people"))).containsExactly(1, 0, 1, 6);
    assertThat(report.get("removedUnits").toString()).contains("A001");
    assertThat(report.get("leftPeople").toString()).contains("d001staff2", "a001sec");
    assertThat(state()).as("a dry run changes nothing").isEqualTo(before);

    ResponseEntity<String> apply = importWorkbook(file, "组织机构.xlsx", false);
    assertThat(apply.getStatusCode()).isEqualTo(HttpStatus.OK);
    JsonNode applied = json.readTree(apply.getBody());
    assertThat(applied.get("applied").asBoolean()).isTrue();
    assertThat(counts(applied.get("units"))).containsExactly(1, 1, 0, 1);
    assertThat(counts(applied.get("people"))).containsExactly(1, 0, 1, 6);
    assertThat(units.findByCode("A001").orElseThrow().active()).isFalse();
    assertThat(units.findByCode("D001S01").orElseThrow().name()).isEqualTo("区第1局办公室");
    assertThat(people.find("d002staff1").orElseThrow().unitCodes()).containsExactly("T001V003");
    assertThat(people.hasLeft("d001staff2")).isTrue();
    assertThat(people.find("newcomer").orElseThrow().mobile()).isEqualTo("13912345678");

    // the added person's first password: once, for the importing administrator only
    String url = applied.get("firstPasswordsUrl").asText();
    ResponseEntity<byte[]> passwords = http.withBasicAuth(ADMIN, ADMIN_PASSWORD).getForEntity(url, byte[].class);
    assertThat(passwords.getStatusCode()).isEqualTo(HttpStatus.OK);
    try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(passwords.getBody()))) {
      Sheet sheet = workbook.getSheet("初始密码");
      assertThat(sheet.getLastRowNum()).isEqualTo(1);
      assertThat(sheet.getRow(1).getCell(0).getStringCellValue()).isEqualTo("newcomer");
      String password = sheet.getRow(1).getCell(3).getStringCellValue();
      assertThat(password).hasSizeGreaterThanOrEqualTo(12);
      assertThat(identity.checkPassword("newcomer", password)).isTrue();
    }
    assertThat(http.withBasicAuth(ADMIN, ADMIN_PASSWORD).getForEntity(url, byte[].class).getStatusCode())
        .as("never offered again").isEqualTo(HttpStatus.NOT_FOUND);

    // the same file again: nothing to do
    JsonNode again = json.readTree(importWorkbook(file, "组织机构.xlsx", false).getBody());
    assertThat(counts(again.get("units"))).containsExactly(0, 0, 0, 0);
    assertThat(counts(again.get("people"))).containsExactly(0, 0, 0, 0);
    assertThat(again.get("firstPasswordsUrl")).isNull();

    // kept: who, the file's SM3, the report
    JsonNode history = json.readTree(http.withBasicAuth(ADMIN, ADMIN_PASSWORD)
        .getForEntity("/api/organisation/imports", String.class).getBody());
    JsonNode last = history.get(0);
    assertThat(last.get("importedBy").asText()).isEqualTo(ADMIN);
    assertThat(last.get("sm3").asText()).isEqualTo(OrganisationImports.sm3(file)).hasSize(64);
    assertThat(history.get(2).get("dryRun").asBoolean()).isTrue();
    String page = http.withBasicAuth(ADMIN, ADMIN_PASSWORD).getForObject("/pages/organisation/imports", String.class);
    assertThat(page).contains("导入记录", OrganisationImports.sm3(file));
  }

  @Test
  void csvAsChineseExcelSavesItInGb18030AndUtf8WithOrWithoutBom() throws IOException {
    String before = state();
    for (Charset charset : List.of(Charset.forName("GB18030"), StandardCharsets.UTF_8)) {
      for (boolean bom : charset == StandardCharsets.UTF_8 ? List.of(true, false) : List.of(false)) {
        byte[] unitCsv = OrganisationSpreadsheets.csv(UNIT_HEADERS, base().units(), charset, bom);
        byte[] peopleCsv = OrganisationSpreadsheets.csv(PEOPLE_HEADERS, base().people(), charset, bom);
        assertThat(new String(unitCsv, charset)).contains("\r\n");
        ResponseEntity<String> response = importCsv(unitCsv, "单位.csv", peopleCsv, "人员.csv", false);
        JsonNode report = json.readTree(response.getBody());
        assertThat(response.getStatusCode()).as(charset + " bom " + bom + ": " + report).isEqualTo(HttpStatus.OK);
        // every Chinese name read back exactly: the same district, nothing to change
        assertThat(counts(report.get("units"))).as(charset + " bom " + bom).containsExactly(0, 0, 0, 0);
        assertThat(counts(report.get("people"))).as(charset + " bom " + bom).containsExactly(0, 0, 0, 0);
      }
    }
    // a renamed unit in GB18030 arrives in Chinese
    District renamed = base().copy();
    renamed.units().set(0, row("D001", "区教育和体育局", "区直部门", ""));
    ResponseEntity<String> response = importCsv(OrganisationSpreadsheets.csv(UNIT_HEADERS, renamed.units(),
        Charset.forName("GB18030"), false), "units.csv", null, null, false);
    assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.OK);
    assertThat(units.findByCode("D001").orElseThrow().name()).isEqualTo("区教育和体育局");
    assertThat(state()).isNotEqualTo(before);
  }

  @Test
  void onlyOrganisationAdministratorsAndAdministratorsMayImportAndReadTheOrganisation() throws IOException {
    assertThat(http.getForEntity("/api/organisation/template.xlsx", String.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
    User visitor = identity.newUser("visitor");
    visitor.setPassword("visitor-password-1");
    identity.saveUser(visitor);
    identity.createMembership("visitor", Groups.DISCIPLINE_COMMISSION);
    try {
      assertThat(http.withBasicAuth("visitor", "visitor-password-1")
          .getForEntity("/api/organisation/template.xlsx", String.class).getStatusCode())
          .isEqualTo(HttpStatus.FORBIDDEN);
      assertThat(http.withBasicAuth("visitor", "visitor-password-1")
          .getForEntity("/api/organisation/imports", String.class).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
      // the commission reads the tree, but not the import page
      assertThat(http.withBasicAuth("visitor", "visitor-password-1")
          .getForEntity("/pages/organisation", String.class).getBody()).contains("第1街道第2社区");
      assertThat(http.withBasicAuth("visitor", "visitor-password-1")
          .getForEntity("/pages/organisation/import", String.class).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
      identity.deleteMembership("visitor", Groups.DISCIPLINE_COMMISSION);
      identity.createMembership("visitor", Groups.ORGANISATION_ADMINS);
      assertThat(http.withBasicAuth("visitor", "visitor-password-1")
          .getForEntity("/api/organisation/template.xlsx", String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
      JsonNode unitsSeen = readJson(http.withBasicAuth("visitor", "visitor-password-1")
          .getForObject("/api/units", String.class));
      assertThat(unitsSeen).hasSize(8);
      JsonNode village = readJson(http.withBasicAuth("visitor", "visitor-password-1")
          .getForObject("/api/units/T001V001", String.class));
      assertThat(village.get("parent").get("code").asText()).isEqualTo("T001");
      assertThat(village.get("parent").get("name").asText()).isEqualTo("第1街道");
      // the tree page with search
      String tree = http.withBasicAuth("visitor", "visitor-password-1")
          .getForObject("/pages/organisation?q=T001V002", String.class);
      assertThat(tree).contains("第1街道第2社区", "书记T001V002").doesNotContain("第1街道第1社区");
    } finally {
      identity.deleteUser("visitor");
    }
  }

  // ---- bad input

  record Bad(String name, byte[] workbook, String fileName, String sheet, Integer row, String column,
      String message) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Arguments> badInputs() throws IOException {
    List<Bad> bad = new ArrayList<>();
    bad.add(new Bad("wrong header", OrganisationSpreadsheets.workbook(
        List.of("单位编码", "单位名称", "单位类型", "上级单位代码"), base().units(), PEOPLE_HEADERS, base().people()),
        "x.xlsx", "单位", 1, "单位编码", "未知的列“单位编码”"));
    bad.add(new Bad("missing header", OrganisationSpreadsheets.workbook(UNIT_HEADERS, base().units(),
        PEOPLE_HEADERS.subList(0, 5), base().people().stream().map(r -> r.subList(0, 5)).toList()),
        "x.xlsx", "人员", 1, "邮箱", "缺少列“邮箱”"));
    bad.add(changed("duplicate unit code", d -> d.units().add(3, row("D001", "重复的局", "区直部门", "")),
        "单位", 5, "单位代码", "单位代码“D001”重复：第 2 行已有此代码"));
    bad.add(changed("conflicting rows for one login", d -> d.people().add(row("d001sec", "另一个人", "D001S01",
        "工作人员", "", "")), "人员", base().people().size() + 2, "姓名", "与第 2 行冲突"));
    bad.add(changed("unknown parent", d -> d.units().set(5, row("T001V001", "第1街道第1社区", "村居", "T999")),
        "单位", 7, "上级单位代码", "上级单位“T999”不存在"));
    bad.add(changed("cycle of parents", d -> {
      d.units().set(1, row("D001S01", "区第1局第1科", "科室站所", "D002S01"));
      d.units().set(3, row("D002S01", "区第2局第1科", "科室站所", "D001S01"));
    }, "单位", 3, "上级单位代码", "上级单位形成循环：D001S01 → D002S01 → D001S01"));
    bad.add(changed("a village under a department", d -> d.units().set(5,
        row("T001V001", "第1街道第1社区", "村居", "D001")), "单位", 7, "上级单位代码", "村居“第1街道第1社区”不能隶属于区直部门"));
    bad.add(changed("unknown type", d -> d.units().set(7, row("A001", "区属第1中心", "事业单位", "")),
        "单位", 9, "单位类型", "未知的单位类型“事业单位”"));
    bad.add(changed("unknown post", d -> d.people().get(0).set(3, "局长"), "人员", 2, "职务", "未知的职务“局长”"));
    bad.add(changed("a person in a unit that does not exist", d -> d.people().get(0).set(2, "X99"), "人员", 2,
        "单位代码", "单位“X99”不存在"));
    List<List<String>> lists = OrganisationSpreadsheets.commonLists("2026");
    lists.get(3).set(2, "领导责任");
    bad.add(new Bad("a 共性清单 row of an unknown responsibility", OrganisationSpreadsheets.workbook(base(), lists),
        "x.xlsx", "共性清单", 5, "责任类型", "责任类型应为“主体责任”或“监督责任”"));
    bad.add(new Bad("not what its name says (a PDF)", "%PDF-1.4\n1 0 obj <<>> endobj\n%%EOF\n"
        .getBytes(StandardCharsets.US_ASCII), "组织机构.xlsx", "组织机构.xlsx", null, null, "文件内容不是 Excel 工作簿"));
    bad.add(new Bad("macros by name", OrganisationSpreadsheets.workbook(base()), "组织机构.xlsm", "组织机构.xlsm",
        null, null, "不接受含宏的工作簿"));
    bad.add(new Bad("macros inside a .xlsx", withMacros(OrganisationSpreadsheets.workbook(base())), "组织机构.xlsx",
        "组织机构.xlsx", null, null, "工作簿含有宏"));
    bad.add(new Bad("a formula", withFormula(), "组织机构.xlsx", "单位", 2, "单位名称", "单元格含公式"));
    bad.add(new Bad("a 20 MB file", new byte[20 * 1024 * 1024], "组织机构.xlsx", "组织机构.xlsx", null, null,
        "文件过大（上限 10 MB）"));
    bad.add(new Bad("a zip bomb", zipBomb(OrganisationSpreadsheets.workbook(base())), "组织机构.xlsx",
        "组织机构.xlsx", null, null, "疑似压缩炸弹"));
    bad.add(new Bad("an empty file", new byte[0], "组织机构.xlsx", "组织机构.xlsx", null, null, "文件为空"));
    return bad.stream().map(Arguments::of);
  }

  private static Bad changed(String name, Consumer<District> change, String sheet, Integer row, String column,
      String message) {
    District district = base().copy();
    change.accept(district);
    return new Bad(name, OrganisationSpreadsheets.workbook(district), "组织机构.xlsx", sheet, row, column, message);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badInputs")
  void badInputIsRefusedWithWhereAndWhyAndChangesNothing(Bad bad) throws IOException {
    String before = state();
    for (boolean dryRun : List.of(true, false)) {
      ResponseEntity<String> response = importWorkbook(bad.workbook(), bad.fileName(), dryRun);
      assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
      JsonNode report = json.readTree(response.getBody());
      assertThat(report.get("applied").asBoolean()).isFalse();
      assertThat(report.get("problems")).as(report.toString()).anySatisfy(problem -> {
        assertThat(problem.get("sheet").asText()).isEqualTo(bad.sheet());
        assertThat(problem.path("row").isNull() || problem.path("row").isMissingNode() ? null
            : problem.get("row").asInt()).isEqualTo(bad.row());
        assertThat(problem.path("column").isMissingNode() || problem.path("column").isNull() ? null
            : problem.get("column").asText()).isEqualTo(bad.column());
        assertThat(problem.get("message").asText()).contains(bad.message());
      });
    }
    assertThat(state()).as("nothing changed").isEqualTo(before);
  }

  @Test
  void theCommonListSheetBecomesDraftsToReviewOnceAndTheSameFileAgainChangesNothing() throws IOException {
    byte[] file = OrganisationSpreadsheets.workbook(base(), OrganisationSpreadsheets.commonLists("2031"));
    JsonNode dryRun = json.readTree(importWorkbook(file, "x.xlsx", true).getBody());
    assertThat(dryRun.get("commonLists")).hasSize(5)
        .allSatisfy(list -> assertThat(list.get("outcome").asText()).isEqualTo("REVIEW_STARTED"));
    assertThat(commonListProcesses()).isZero();
    ResponseEntity<String> applied = importWorkbook(file, "x.xlsx", false);
    assertThat(applied.getStatusCode()).as(applied.getBody()).isEqualTo(HttpStatus.OK);
    assertThat(commonListProcesses()).as("one review per unit type").isEqualTo(5);
    // again while they are in review: nothing new
    JsonNode again = json.readTree(importWorkbook(file, "x.xlsx", false).getBody());
    assertThat(again.get("commonLists"))
        .allSatisfy(list -> assertThat(list.get("outcome").asText()).isEqualTo("IN_REVIEW"));
    assertThat(commonListProcesses()).isEqualTo(5);
    runtime.createProcessInstanceQuery().processDefinitionKey(CommonListProcess.KEY).list()
        .forEach(instance -> runtime.deleteProcessInstance(instance.getId(), "test", false, true));
  }

  private long commonListProcesses() {
    return runtime.createProcessInstanceQuery().processDefinitionKey(CommonListProcess.KEY).count();
  }

  @Test
  void aCsvThatIsNotWhatItsNameSaysIsRefused() throws IOException {
    String before = state();
    ResponseEntity<String> response = importCsv(OrganisationSpreadsheets.workbook(base()), "单位.csv", null, null,
        false);
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
    assertThat(json.readTree(response.getBody()).get("problems").get(0).get("message").asText())
        .contains("文件内容不是 CSV 文本");
    assertThat(state()).isEqualTo(before);
  }

  @Test
  void aUnitWithOpenWorkIsNotRetired() throws IOException {
    District without = base().copy();
    without.units().removeIf(unit -> unit.get(0).equals("T001V002"));
    without.people().removeIf(person -> person.get(2).equals("T001V002"));
    Task task = tasks.newTask();
    task.setName("未办结的工作");
    tasks.saveTask(task);
    tasks.addCandidateGroup(task.getId(), Groups.of(Role.STAFF, "T001V002"));
    String before = state();
    try {
      ResponseEntity<String> response = importWorkbook(OrganisationSpreadsheets.workbook(without), "x.xlsx", false);
      assertThat(response.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
      JsonNode report = json.readTree(response.getBody());
      assertThat(report.get("problems").toString()).contains("T001V002", "1 项未办结的工作");
      assertThat(report.get("removedUnits").toString()).contains("T001V002");
      assertThat(state()).isEqualTo(before);
    } finally {
      tasks.deleteTask(task.getId(), true);
    }
    // without open work it goes
    ResponseEntity<String> response = importWorkbook(OrganisationSpreadsheets.workbook(without), "x.xlsx", false);
    assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.OK);
    assertThat(units.findByCode("T001V002").orElseThrow().active()).isFalse();
  }

  @Test
  void anApplyWaitsForAnotherNodesApplyAndPlansFromWhatItCommitted() throws Exception {
    // another node's apply, in progress: it holds Camunda's exclusive lock as every apply does, and renames a unit
    CountDownLatch holding = new CountDownLatch(1);
    CountDownLatch commit = new CountDownLatch(1);
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try {
      Future<?> otherNode = threads.submit(() -> transaction.executeWithoutResult(status -> {
        EngineExclusiveLock.holdUntilCommit(engine.getCommandExecutorTxRequired());
        Unit d001 = units.findByCode("D001").orElseThrow();
        units.upsertAll(List.of(new Unit(d001.code(), "区第1局（另一节点）", d001.type(), d001.parentCode(), true)));
        holding.countDown();
        try {
          commit.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }));
      assertThat(holding.await(30, TimeUnit.SECONDS)).isTrue();
      Future<ResponseEntity<String>> thisNode = threads.submit(
          () -> importWorkbook(OrganisationSpreadsheets.workbook(base()), "组织机构.xlsx", false));
      assertThatThrownBy(() -> thisNode.get(2, TimeUnit.SECONDS)).as("waits until the other apply commits")
          .isInstanceOf(TimeoutException.class);
      commit.countDown();
      otherNode.get(30, TimeUnit.SECONDS);
      ResponseEntity<String> response = thisNode.get(60, TimeUnit.SECONDS);
      assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.OK);
      // planned from the committed rename: one unit changed, back to the file's name
      assertThat(counts(json.readTree(response.getBody()).get("units"))).containsExactly(0, 1, 0, 0);
      assertThat(units.findByCode("D001").orElseThrow().name()).isEqualTo("区第1局");
    } finally {
      commit.countDown();
      threads.shutdownNow();
    }
  }

  // ---- files

  private static byte[] withFormula() {
    try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(OrganisationSpreadsheets.workbook(base())));
        ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      workbook.getSheet("单位").getRow(1).getCell(1).setCellFormula("\"区第\"&\"1局\"");
      workbook.write(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The workbook as a macro-enabled one: a VBA project part, its content type declared. */
  private static byte[] withMacros(byte[] workbook) throws IOException {
    return rezip(workbook, (name, content) -> name.equals("[Content_Types].xml")
        ? new String(content, StandardCharsets.UTF_8).replace("<Default Extension=\"xml\"",
            "<Default Extension=\"bin\" ContentType=\"application/vnd.ms-office.vbaProject\"/><Default Extension=\"xml\"")
            .getBytes(StandardCharsets.UTF_8) : content, Map.of("xl/vbaProject.bin", new byte[] {1, 2, 3, 4}));
  }

  /** The workbook with a part that inflates from a few kilobytes to 64 MB of zeros. */
  private static byte[] zipBomb(byte[] workbook) throws IOException {
    return rezip(workbook, (name, content) -> content, Map.of("xl/media/bomb.bin", new byte[64 * 1024 * 1024]));
  }

  private static byte[] rezip(byte[] zip, java.util.function.BiFunction<String, byte[], byte[]> change,
      Map<String, byte[]> extra) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip));
        ZipOutputStream zipOut = new ZipOutputStream(out)) {
      for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
        zipOut.putNextEntry(new ZipEntry(entry.getName()));
        zipOut.write(change.apply(entry.getName(), in.readAllBytes()));
        zipOut.closeEntry();
      }
      for (Map.Entry<String, byte[]> entry : extra.entrySet()) {
        zipOut.putNextEntry(new ZipEntry(entry.getKey()));
        zipOut.write(entry.getValue());
        zipOut.closeEntry();
      }
    }
    return out.toByteArray();
  }

  // ---- helpers

  /** Everything an import could change, as text. */
  private String state() {
    return units.findAll().toString() + people.findAll() + new java.util.TreeSet<>(people.findLeft());
  }

  private ResponseEntity<String> importWorkbook(byte[] content, String name, boolean dryRun) {
    MultiValueMap<String, Object> body = new LinkedMultiValueMap<>();
    body.add("file", WebClient.namedFile(content, name));
    return OrganisationSpreadsheets.postImport(http.withBasicAuth(ADMIN, ADMIN_PASSWORD), body, dryRun);
  }

  private ResponseEntity<String> importCsv(byte[] unitCsv, String unitName, byte[] peopleCsv, String peopleName,
      boolean dryRun) {
    MultiValueMap<String, Object> body = new LinkedMultiValueMap<>();
    if (unitCsv != null) {
      body.add("units", WebClient.namedFile(unitCsv, unitName));
    }
    if (peopleCsv != null) {
      body.add("people", WebClient.namedFile(peopleCsv, peopleName));
    }
    return OrganisationSpreadsheets.postImport(http.withBasicAuth(ADMIN, ADMIN_PASSWORD), body, dryRun);
  }

  private static List<String> headers(Sheet sheet) {
    List<String> headers = new ArrayList<>();
    sheet.getRow(0).forEach(cell -> headers.add(cell.getStringCellValue()));
    return headers;
  }

  private static List<List<String>> listValues(Sheet sheet) {
    return sheet.getDataValidations().stream()
        .map(DataValidation::getValidationConstraint)
        .filter(constraint -> constraint.getExplicitListValues() != null)
        .map(constraint -> List.of(constraint.getExplicitListValues()))
        .toList();
  }

  private static List<Integer> counts(JsonNode counts) {
    List<Integer> values = new ArrayList<>();
    counts.forEach(value -> values.add(value.asInt()));
    return values;
  }

  private JsonNode readJson(String text) throws IOException {
    return json.readTree(text);
  }
}
