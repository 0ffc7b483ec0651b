package org.liangze.record;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.liangze.demo.DemoDistrict;
import org.liangze.lists.EffectiveItem;
import org.liangze.lists.ListService;
import org.liangze.organisation.IdentitySync;
import org.liangze.support.ActAs;
import org.liangze.support.CampaignRun;
import org.liangze.support.EmbeddedPostgresDatabase;
import org.liangze.support.WebClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * The record manual kept from pages, on a real PostgreSQL over HTTP as the pages' script calls it: 我的清单 and the
 * new-entry form for the unit's people, read-only for supervisors, closed to other units; uploads within the
 * limits only; an entry with uploaded files appended to the unit's chain, verifiable, and shown on the manual page
 * with its item and files; the self-check form's evidence lists follow the unit's uploads.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "liangze.evidence.max-size=64KB")
@ActiveProfiles("test")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class RecordPagesPostgresTest {

  static final String PASSWORD = "record-pages-pw";
  static final ZoneId DISTRICT = ZoneId.of("Asia/Shanghai");
  static final byte[] PDF = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
      .getBytes(StandardCharsets.US_ASCII);

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    EmbeddedPostgresDatabase.register(registry);
    registry.add("liangze.identity.initial-password", () -> PASSWORD);
  }

  @Autowired TestRestTemplate http;
  @Autowired DemoDistrict district;
  @Autowired IdentitySync identitySync;
  @Autowired JdbcClient jdbc;
  @Autowired ListService lists;
  @Autowired ChainVerifier verifier;
  @Autowired RuntimeService runtime;
  @Autowired CampaignRun campaignRun;
  @Autowired TaskService tasks;
  @Autowired ActAs actAs;
  @Autowired CitationOptions citations;
  final ObjectMapper json = new ObjectMapper();
  final int year = LocalDate.now(DISTRICT).getYear();

  @BeforeEach
  void district() throws IOException {
    if (district.seedIfEmpty(year)) {
      identitySync.sync();
    }
  }

  @Test
  void theUnitsPeopleWorkFromTheirPagesSupervisorsReadAndOtherUnitsSeeNothing() {
    List<EffectiveItem> items = lists.effectiveItems("D01", year);
    assertThat(items).isNotEmpty();
    EffectiveItem supervisory = items.stream()
        .filter(item -> item.responsibility() == org.liangze.lists.Responsibility.SUPERVISORY).findFirst().orElseThrow();

    ResponseEntity<String> list = as("d01staff").getForEntity("/pages/units/D01/list", String.class);
    assertThat(list.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(list.getBody()).contains("我的清单", "主体责任", "监督责任", year + "</span>年度", "记录履责",
        "id=\"item-" + supervisory.itemId() + "\"", "/pages/units/D01/record/new?item=" + items.get(0).itemId());
    items.forEach(item -> assertThat(list.getBody()).contains(html(item.content())));
    // grouped: every supervisory item comes after the heading of 监督责任
    assertThat(list.getBody().indexOf("id=\"item-" + supervisory.itemId() + "\""))
        .isGreaterThan(list.getBody().indexOf("id=\"supervisory\""));

    ResponseEntity<String> read = as("jiwei").getForEntity("/pages/units/D01/list", String.class);
    assertThat(read.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(read.getBody()).contains("只能查看").doesNotContain("记录履责").doesNotContain("/record/new");

    for (String user : List.of("t01staff", "d02sec", "t01v01staff")) {
      for (String page : List.of("/pages/units/D01/list", "/pages/units/D01/record/new", "/pages/units/D01/record")) {
        ResponseEntity<String> refused = as(user).getForEntity(page, String.class);
        assertThat(refused.getStatusCode()).as(user + " " + page).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(refused.getBody()).contains("无权").doesNotContain(html(items.get(0).content()));
      }
    }
    assertThat(as("jiwei").getForEntity("/pages/units/D01/record/new", String.class).getStatusCode())
        .as("supervisors read, never write").isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(http.getForEntity("/pages/units/D01/list", String.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);

    ResponseEntity<String> form = as("d01insp").getForEntity("/pages/units/D01/record/new?item="
        + supervisory.itemId(), String.class);
    assertThat(form.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(form.getBody()).contains("新增履责纪实", "capture=\"environment\"", "accept=\"image/*,application/pdf",
        "multiple", "64 KB", "<option value=\"MEETING\">会议</option>",
        "<option value=\"" + supervisory.itemId() + "\" selected=\"selected\">")
        .doesNotContain("value=\"TASK_COMPLETED\"");

    ResponseEntity<String> badYear = as("d01staff").getForEntity("/pages/units/D01/list?year=20x6", String.class);
    assertThat(badYear.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(badYear.getBody()).contains("年度格式不正确");
    assertThat(as("d01staff").getForEntity("/pages/units/D01/record/new?item=abc", String.class).getStatusCode())
        .isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(as("d01staff").getForEntity("/pages/units/D01/list?year=1999", String.class).getBody())
        .contains("年度超出范围");
  }

  @Test
  void anEntryWithFilesUploadedFromThePageIsAppendedToTheChainAndVerifiable() throws IOException {
    EffectiveItem item = lists.effectiveItems("D02", year).get(0);
    String minutes = hashOf(upload("d02staff", "党组会议纪要.pdf", pdf("会议纪要")));
    String photo = hashOf(upload("d02staff", "会场照片.png", png()));
    long before = entries("D02");

    ResponseEntity<String> added = post("d02staff", "/api/units/D02/record", entry("MEETING",
        Instant.now().minusSeconds(3600), "召开党组会专题研究党风廉政建设", item.itemId(), List.of(minutes, photo)));
    assertThat(added.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    long seq = json.readTree(added.getBody()).get("seq").asLong();
    assertThat(seq).isEqualTo(before + 1);
    assertThat(entries("D02")).isEqualTo(before + 1);

    ChainReport report = verifier.verify("D02");
    assertThat(report.intact()).isTrue();
    assertThat(report.entriesChecked()).isEqualTo(seq);
    JsonNode verification = json.readTree(as("d02sec").getForObject("/api/units/D02/record/verification",
        String.class));
    assertThat(verification.get("firstBreak")).isNull();
    assertThat(verification.get("entriesChecked").asLong()).isEqualTo(seq);

    ResponseEntity<String> page = as("d02staff").getForEntity("/pages/units/D02/record?added=" + seq, String.class);
    assertThat(page.getBody()).contains("已记入纪实手册第" + seq + "条", ">完整<", "召开党组会专题研究党风廉政建设",
        "党组会议纪要.pdf", "会场照片.png", "/api/evidence/" + minutes, html(item.content()), "id=\"add-entry\"");
    assertThat(as("jiwei").getForEntity("/pages/units/D02/record", String.class).getBody())
        .contains("召开党组会专题研究党风廉政建设", "党组会议纪要.pdf").doesNotContain("id=\"add-entry\"");
    // the new-entry form offers the unit's files for reuse; the list counts the entry against its item
    assertThat(as("d02staff").getForObject("/pages/units/D02/record/new", String.class))
        .contains("value=\"" + minutes + "\"", "会场照片.png");
    assertThat(as("d02staff").getForObject("/pages/units/D02/list", String.class))
        .contains("已记录 <b>1</b> 次");
    assertThat(as("d01staff").getForObject("/pages/units/D01/record/new", String.class))
        .as("another unit's files are not offered").doesNotContain(minutes);

    // the same content uploaded by another unit is that unit's file under its own name, not the name D02 gave it
    assertThat(hashOf(upload("d01staff", "学习材料.pdf", pdf("会议纪要")))).isEqualTo(minutes);
    assertThat(as("d01staff").getForObject("/pages/units/D01/record/new", String.class))
        .contains("value=\"" + minutes + "\"", "学习材料.pdf").doesNotContain("党组会议纪要.pdf");
    assertThat(as("d02staff").getForObject("/pages/units/D02/record", String.class))
        .contains("党组会议纪要.pdf").doesNotContain("学习材料.pdf");

    // the forms' options are each unit's own: D02's two files and its entry, D01's file under its own name, none
    // for no unit
    assertThat(citations.evidenceVariable("D02").getValue().toString()).contains(minutes, photo, "党组会议纪要.pdf");
    assertThat(citations.recordVariable("D02").getValue().toString()).contains("第" + seq + "条");
    assertThat(citations.evidenceVariable("D01").getValue().toString()).contains("学习材料.pdf")
        .doesNotContain("党组会议纪要.pdf", photo);
    assertThat(citations.evidenceVariable("X99").getValue().toString()).isEqualTo("[]");
  }

  @Test
  void uploadsOverTheLimitsAndEvidenceOfOtherUnitsAreRefusedAndChangeNothing() throws IOException {
    long files = count("evidence_files");
    long uploads = count("evidence_uploads");
    ResponseEntity<String> tooBig = upload("t02staff", "大文件.pdf", Arrays.copyOf(PDF, 70 * 1024));
    assertThat(tooBig.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(tooBig.getBody()).contains("文件超过大小限制（64 KB）");
    ResponseEntity<String> script = upload("t02staff", "照片.jpg", "#!/bin/sh\necho x\n".getBytes(StandardCharsets.UTF_8));
    assertThat(script.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(script.getBody()).contains("不支持的文件类型");
    assertThat(upload("t02staff", "空.pdf", new byte[0]).getBody()).contains("文件为空");
    assertThat(upload("jiwei", "纪要.pdf", pdf("supervisor")).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(count("evidence_files")).isEqualTo(files);
    assertThat(count("evidence_uploads")).isEqualTo(uploads);

    String foreign = hashOf(upload("t01staff", "街道纪要.pdf", pdf("T01")));
    long entries = entries("T02");
    long uses = count("evidence_uses");
    Map<String, Map<String, Object>> refusals = Map.of(
        "只能引用本单位上传的佐证材料", entry("MEETING", Instant.now(), "借用他单位材料", null, List.of(foreign)),
        "所选清单事项不属于本单位", entry("MEETING", Instant.now(), "他单位事项",
            lists.effectiveItems("D01", year).stream().filter(i -> i.origin() == org.liangze.lists.ListKind.TAILORED)
                .findFirst().orElseThrow().itemId(), List.of()),
        "请填写履责情况摘要", entry("MEETING", Instant.now(), "   ", null, List.of()),
        "请选择记录类型", entry("TASK_COMPLETED", Instant.now(), "冒充任务记录", null, List.of()),
        "履责时间不能晚于当前时间", entry("TALK", Instant.now().plusSeconds(86_400), "明天的谈话", null, List.of()),
        "请说明补录原因", entry("STUDY", Instant.now().minusSeconds(30L * 86_400), "补记学习", null, List.of()));
    refusals.forEach((message, body) -> {
      ResponseEntity<String> refused = post("t02staff", "/api/units/T02/record", body);
      assertThat(refused.getStatusCode()).as(message).isEqualTo(HttpStatus.BAD_REQUEST);
      assertThat(refused.getBody()).as(message).contains(message);
    });
    assertThat(post("jiwei", "/api/units/T02/record", entry("MEETING", Instant.now(), "监督者代记", null, List.of()))
        .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(post("t01staff", "/api/units/T02/record", entry("MEETING", Instant.now(), "他单位代记", null,
        List.of())).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(entries("T02")).isEqualTo(entries);
    assertThat(count("evidence_uses")).isEqualTo(uses);
    assertThat(verifier.verify("T02").intact()).isTrue();
  }

  @Test
  void theSelfCheckFormPicksEvidenceFromTheUnitsUploadsAndTheListFollowsNewUploads() throws IOException {
    String early = hashOf(upload("t01v01staff", "自查前的学习记录.pdf", pdf("study")));
    LocalDate today = LocalDate.now(DISTRICT);
    String quarter = today.getYear() + "Q" + ((today.getMonthValue() - 1) / 3 + 1);
    assertThat(post("jiwei", "/api/self-check-campaigns", Map.of("quarter", quarter)).getStatusCode())
        .isEqualTo(HttpStatus.CREATED);
    campaignRun.runJobs(runtime.createProcessInstanceQuery().processDefinitionKey("quarterlySelfCheck")
        .singleResult().getId());
    ProcessInstance unit = runtime.createProcessInstanceQuery().processInstanceBusinessKey(
        "selfcheck-T01V01-" + quarter).singleResult();
    assertThat(options(unit, "evidenceOptions")).containsKey(early);
    assertThat(options(unit, "evidenceOptions").get(early)).startsWith("自查前的学习记录.pdf（");

    // uploaded on the record page after the self-check opened: on the form's list at once
    String late = hashOf(upload("t01v01staff", "整改台账.pdf", pdf("ledger")));
    assertThat(options(unit, "evidenceOptions")).containsKeys(early, late);
    ResponseEntity<String> added = post("t01v01staff", "/api/units/T01V01/record", entry("STUDY", Instant.now(),
        "村党支部集中学习", null, List.of(late)));
    long seq = json.readTree(added.getBody()).get("seq").asLong();
    assertThat(options(unit, "recordOptions")).containsKey(String.valueOf(seq));
    assertThat(options(unit, "recordOptions").get(String.valueOf(seq))).contains("学习", "村党支部集中学习");
    assertThat(options(unit, "evidenceOptions")).as("other units' files are not offered")
        .doesNotContainKey(hashOf(upload("t02v01staff", "他村材料.pdf", pdf("other"))));

    // the form sends what was picked as lists
    // the secretary's share: the common list's main items, whose 责任人 the secretary is by default
    Task assess = tasks.createTaskQuery().processInstanceId(unit.getId()).taskAssignee("t01v01sec").singleResult();
    List<Map<String, Object>> rows = rowsOf(assess);
    rows.forEach(row -> row.put("status", "DONE"));
    rows.get(0).put("evidence", List.of(early, late));
    rows.get(0).put("records", List.of(String.valueOf(seq)));
    actAs.complete("t01v01sec", assess, Map.of("items",
        org.camunda.spin.plugin.variable.SpinValues.jsonValue(json.writeValueAsString(rows)).create()));
    // the 责任人 assess their own items
    for (Task share : tasks.createTaskQuery().processInstanceId(unit.getId()).taskDefinitionKey("AssessItems").list()) {
      List<Map<String, Object>> own = rowsOf(share);
      own.forEach(row -> row.put("status", "DONE"));
      actAs.complete(share.getAssignee(), share, Map.of("items",
          org.camunda.spin.plugin.variable.SpinValues.jsonValue(json.writeValueAsString(own)).create()));
    }
    Map<String, Object> stored = jdbc.sql("""
            select evidence, record_refs from self_check_results
             where unit_code = 'T01V01' and check_quarter = ? and position = 1""")
        .param(quarter).query().singleRow();
    assertThat(List.of(stored.get("evidence").toString().split(" "))).containsExactlyInAnyOrder(early, late);
    assertThat(stored.get("record_refs")).isEqualTo(String.valueOf(seq));
    // the manual names the self-check the completions belong to by its name and day, not by its instance id
    String manualPage = as("t01v01sec").getForObject("/pages/units/T01V01/record", String.class);
    assertThat(manualPage).contains(">单位季度自查（" + today + " 发起）<")
        .doesNotContain(">" + unit.getId() + "<");
    // and so does its workbook, with the id in a column of its own for finding the instance in Cockpit
    byte[] xlsx = as("t01v01sec").getForObject("/api/units/T01V01/record/export.xlsx", byte[].class);
    try (org.apache.poi.ss.usermodel.Workbook workbook = new org.apache.poi.xssf.usermodel.XSSFWorkbook(
        new java.io.ByteArrayInputStream(xlsx))) {
      org.apache.poi.ss.usermodel.Sheet sheet = workbook.getSheetAt(0);
      assertThat(sheet.getRow(1).getCell(7).getStringCellValue()).isEqualTo("关联流程");
      List<String> processes = new java.util.ArrayList<>();
      for (int i = 2; sheet.getRow(i) != null && sheet.getRow(i).getCell(11) != null; i++) {
        if (unit.getId().equals(sheet.getRow(i).getCell(11).getStringCellValue())) {
          processes.add(sheet.getRow(i).getCell(7).getStringCellValue());
        }
      }
      assertThat(processes).isNotEmpty().containsOnly("单位季度自查（" + today + " 发起）");
    }

    // what the secretary and the reviewer open from their forms: a page, with the files and entries as links
    ResponseEntity<String> results = as("t01v01sec").getForEntity("/pages/units/T01V01/self-checks?quarter="
        + quarter, String.class);
    assertThat(results.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(results.getHeaders().getContentType().isCompatibleWith(MediaType.TEXT_HTML)).isTrue();
    assertThat(results.getBody()).contains("自查结果", "待纪检委员检查", "自查前的学习记录.pdf", "整改台账.pdf",
        "/api/evidence/" + early, "/pages/units/T01V01/record#entry-" + seq, "第" + seq + "条", "已完成");
    assertThat(as("jiwei").getForEntity("/pages/units/T01V01/self-checks?quarter=" + quarter, String.class)
        .getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(as("t02v01sec").getForEntity("/pages/units/T01V01/self-checks?quarter=" + quarter, String.class)
        .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    ResponseEntity<String> badQuarter = as("t01v01sec").getForEntity("/pages/units/T01V01/self-checks?quarter=Q4",
        String.class);
    assertThat(badQuarter.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(badQuarter.getBody()).contains("季度格式不正确");
  }

  private List<Map<String, Object>> rowsOf(Task task) throws IOException {
    return json.readValue(tasks.getVariable(task.getId(), "items").toString(),
        json.getTypeFactory().constructCollectionType(List.class, Map.class));
  }

  @Test
  void aTasklistLoginWritesFromThePageOnlyWithItsSessionsToken() throws Exception {
    java.net.URI base = java.net.URI.create(http.getRootUri());
    org.liangze.support.WebClient.Session session =
        org.liangze.support.WebClient.tasklistLogin(base, "t02v01staff", PASSWORD);
    var pageResponse = org.liangze.support.WebClient.withSession("GET", base.resolve("/pages/units/T02V01/record/new"),
        session, null);
    String page = pageResponse.body();
    session = following(session, pageResponse);
    assertThat(page).contains("data-xsrf=\"" + session.csrfToken() + "\"");
    String body = json.writeValueAsString(entry("TALK", Instant.now(), "村党支部书记与新任村干部廉政谈话", null, List.of()));
    long before = entries("T02V01");

    // the cookie alone (what another site can make the browser send), or with a wrong token: no login at all
    for (String token : new String[] {null, "not-the-token", ""}) {
      java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest.newBuilder(
              base.resolve("/api/units/T02V01/record"))
          .header("Cookie", String.join("; ", session.cookies().entrySet().stream()
              .map(c -> c.getKey() + "=" + c.getValue()).toList()))
          .header("Content-Type", "application/json")
          .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body));
      if (token != null) {
        request.header("X-XSRF-TOKEN", token);
      }
      assertThat(java.net.http.HttpClient.newHttpClient().send(request.build(),
          java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode()).as("token " + token).isEqualTo(401);
    }
    assertThat(entries("T02V01")).isEqualTo(before);

    // the page's requests go in parallel (several uploads at once) on the same session: none renews it under another
    org.liangze.support.WebClient.Session tasklist = session;
    List<java.util.concurrent.CompletableFuture<java.net.http.HttpResponse<String>>> parallel = List.of(1, 2, 3)
        .stream().map(i -> java.util.concurrent.CompletableFuture.supplyAsync(() ->
            org.liangze.support.WebClient.withSession("POST", base.resolve("/api/units/T02V01/record"), tasklist,
                body)))
        .toList();
    for (var added : parallel) {
      assertThat(added.get().statusCode()).as(added.get().body()).isEqualTo(201);
      assertThat(added.get().headers().allValues("Set-Cookie")).isEmpty();
    }
    assertThat(manualEntry("T02V01", before + 3).get("actor")).isEqualTo("t02v01staff");
    assertThat(verifier.verify("T02V01").intact()).isTrue();
    assertThat(org.liangze.support.WebClient.withSession("GET", base.resolve("/pages/units/T02V01/record"), session,
        null).statusCode()).isEqualTo(200);

    // a supervisor's session and token still write nothing: supervisors read
    org.liangze.support.WebClient.Session supervisor =
        org.liangze.support.WebClient.tasklistLogin(base, "jiwei", PASSWORD);
    assertThat(org.liangze.support.WebClient.withSession("POST", base.resolve("/api/units/T02V01/record"),
        supervisor, body).statusCode()).isEqualTo(403);
    assertThat(entries("T02V01")).isEqualTo(before + 3);
  }

  /** The session as a browser keeps it: with the cookies the response set (Spring Session may renew its id). */
  private static org.liangze.support.WebClient.Session following(org.liangze.support.WebClient.Session session,
      java.net.http.HttpResponse<?> response) {
    Map<String, String> cookies = new HashMap<>(session.cookies());
    for (String cookie : response.headers().allValues("Set-Cookie")) {
      String pair = cookie.split(";", 2)[0];
      cookies.put(pair.substring(0, pair.indexOf('=')).trim(), pair.substring(pair.indexOf('=') + 1).trim());
    }
    return new org.liangze.support.WebClient.Session(session.userId(), cookies, session.csrfToken());
  }

  private Map<String, Object> manualEntry(String unit, long seq) {
    return jdbc.sql("select * from record_entries where unit_code = ? and seq = ?").params(unit, seq).query()
        .singleRow();
  }

  @Test
  void linksInFormsOpenPagesNotJson() throws IOException {
    java.util.regex.Pattern link = java.util.regex.Pattern.compile("\\]\\((/[^)]*)\\)");
    try (var forms = java.nio.file.Files.list(java.nio.file.Path.of("forms"))) {
      for (java.nio.file.Path form : forms.toList()) {
        var matcher = link.matcher(java.nio.file.Files.readString(form));
        while (matcher.find()) {
          String target = matcher.group(1);
          // the letter's document is an HTML page of its own; a PDF (a case decision) is a document, not JSON
          assertThat(target.startsWith("/pages/") || target.matches("/api/letters/\\{\\{letterId}}/document")
              || target.matches("/api/[^?]*\\.pdf"))
              .as(form.getFileName() + " links to " + target).isTrue();
        }
      }
    }
    long tailored = jdbc.sql("select id from responsibility_lists where kind = 'TAILORED' and unit_code = 'D01'"
        + " and status = 'PUBLISHED'").query(Long.class).list().get(0);
    ResponseEntity<String> list = as("d01sec").getForEntity("/pages/lists/" + tailored, String.class);
    assertThat(list.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(list.getBody()).contains("区教育和体育局" + year + "年度个性清单", "已发布", "清单事项");
    assertThat(as("jiwei").getForEntity("/pages/lists/" + tailored, String.class).getStatusCode())
        .isEqualTo(HttpStatus.OK);
    assertThat(as("t01staff").getForEntity("/pages/lists/" + tailored, String.class).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    // what is not found is a page with a Chinese sentence for a person, problem details for a program
    ResponseEntity<String> missing = as("t01staff").getForEntity("/pages/lists/999999", String.class);
    assertThat(missing.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(missing.getHeaders().getContentType().isCompatibleWith(MediaType.TEXT_HTML)).isTrue();
    assertThat(missing.getBody()).contains("<title>未找到", "清单不存在");
    ResponseEntity<String> missingJson = as("t01staff").getForEntity("/api/lists/999999", String.class);
    assertThat(missingJson.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(missingJson.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .isTrue();
  }

  /**
   * The options the secretary's assessment form offers, read as Tasklist reads them: the task's form variables over
   * the engine's REST API (a Spin JSON value, serialized). Nothing of them is kept on the process.
   */
  private Map<String, String> options(ProcessInstance instance, String name) throws IOException {
    assertThat(runtime.getVariable(instance.getId(), name)).as("not kept on the process").isNull();
    Task assess = tasks.createTaskQuery().processInstanceId(instance.getId()).taskAssignee("t01v01sec")
        .singleResult();
    ResponseEntity<String> response = as("t01v01sec").getForEntity(
        "/engine-rest/task/" + assess.getId() + "/form-variables?deserializeValues=false", String.class);
    assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.OK);
    JsonNode variable = json.readTree(response.getBody()).get(name);
    assertThat(variable.get("type").asText()).isEqualTo("Json");
    Map<String, String> options = new HashMap<>();
    json.readTree(variable.get("value").asText()).forEach(option -> options.put(option.get("value").asText(),
        option.get("label").asText()));
    return options;
  }

  private static String html(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }

  private static byte[] pdf(String marker) {
    return (new String(PDF, StandardCharsets.US_ASCII) + "% " + marker).getBytes(StandardCharsets.UTF_8);
  }

  /** A 1×1 PNG. */
  static byte[] png() {
    return java.util.Base64.getDecoder().decode(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");
  }

  private long entries(String unit) {
    return jdbc.sql("select count(*) from record_entries where unit_code = ?").param(unit).query(Long.class).single();
  }

  private long count(String table) {
    return jdbc.sql("select count(*) from " + table).query(Long.class).single();
  }

  private String hashOf(ResponseEntity<String> uploaded) throws IOException {
    assertThat(uploaded.getStatusCode()).as(uploaded.getBody()).isEqualTo(HttpStatus.CREATED);
    return json.readTree(uploaded.getBody()).get("contentHash").asText();
  }

  private static Map<String, Object> entry(String kind, Instant occurredAt, String summary, Long item,
      List<String> evidence) {
    Map<String, Object> entry = new HashMap<>();
    entry.put("kind", kind);
    entry.put("occurredAt", occurredAt.toString());
    entry.put("summary", summary);
    entry.put("listItemId", item);
    entry.put("evidence", evidence);
    return entry;
  }

  private TestRestTemplate as(String user) {
    return http.withBasicAuth(user, PASSWORD);
  }

  private ResponseEntity<String> post(String user, String path, Object body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    try {
      return as(user).exchange(path, HttpMethod.POST, new HttpEntity<>(json.writeValueAsString(body), headers),
          String.class);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private ResponseEntity<String> upload(String user, String name, byte[] content) {
    MultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
    form.add("file", WebClient.namedFile(content, name));
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.MULTIPART_FORM_DATA);
    return as(user).exchange("/api/evidence", HttpMethod.POST, new HttpEntity<>(form, headers), String.class);
  }
}
