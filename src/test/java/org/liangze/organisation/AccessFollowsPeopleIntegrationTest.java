package org.liangze.organisation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.liangze.demo.DemoDistrict;
import org.liangze.record.RecordEntry;
import org.liangze.record.RecordManual;
import org.liangze.support.EmbeddedPostgresDatabase;
import org.liangze.support.WebClient;
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
 * Access follows people, on a real PostgreSQL over real HTTP: a secretary moved from one unit to another and a
 * staff member who left lose the old access through every door at once (engine REST, {@code /api}, {@code /pages},
 * the webapps' session kept by Spring Session), the moved secretary gets the new unit's access, the task the
 * secretary had claimed goes back to the old unit's group with a handover in its record manual; a first password
 * must be changed before anything else; an administrator resets one; a second sync writes nothing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "camunda.bpm.job-execution.enabled=true")
@ActiveProfiles("test")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class AccessFollowsPeopleIntegrationTest {

  static final String PASSWORD = "demo-test-pw";
  static final int YEAR = 2026;

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    EmbeddedPostgresDatabase.register(registry);
    // the demo people get this password when first created, as the demo profile does
    registry.add("liangze.identity.initial-password", () -> PASSWORD);
  }

  @LocalServerPort int port;
  @Autowired DemoDistrict district;
  @Autowired IdentitySync identitySync;
  @Autowired PersonRepository people;
  @Autowired FirstPasswords firstPasswords;
  @Autowired TransactionTemplate transaction;
  @Autowired ApplicationEventPublisher events;
  @Autowired TaskService taskService;
  @Autowired RecordManual manual;
  @Autowired JdbcClient jdbc;
  final ObjectMapper json = new ObjectMapper();

  @BeforeEach
  void district() throws IOException {
    if (district.seedIfEmpty(YEAR)) {
      identitySync.sync();
    }
  }

  @Test
  void aMovedSecretaryAndSomeoneWhoLeftLoseTheOldAccessThroughEveryDoorAtOnce() throws IOException {
    // the letter campaign gives each unit's secretary a task: T01V01's is claimed by its secretary
    if (jdbc.sql("select count(*) from letter_campaigns where campaign_year = ?").param(YEAR).query(Long.class)
        .single() == 0) {
      assertThat(basic("POST", "/api/letter-campaigns", "quwei", PASSWORD, "{\"year\":\"" + YEAR + "\"}")
          .statusCode()).isEqualTo(201);
    }
    await().atMost(Duration.ofSeconds(60)).until(() -> secretaryTask("T01V01") != null
        && secretaryTask("T02V01") != null);
    Task task = secretaryTask("T01V01");
    assertThat(basic("POST", "/engine-rest/task/" + task.getId() + "/claim", "t01v01sec", PASSWORD,
        "{\"userId\":\"t01v01sec\"}").statusCode()).isEqualTo(204);
    // and T02V01's by its secretary, who will leave
    Task departing = secretaryTask("T02V01");
    assertThat(basic("POST", "/engine-rest/task/" + departing.getId() + "/claim", "t02v01sec", PASSWORD,
        "{\"userId\":\"t02v01sec\"}").statusCode()).isEqualTo(204);
    long letterOfA = jdbc.sql("select id from letters where unit_code = 'T01V01' and letter_year = ?").param(YEAR)
        .query(Long.class).single();

    // before: the secretary and the staff member work in T01V01 through every door
    assertThat(taskIds("t01v01sec")).contains(task.getId());
    assertThat(basic("GET", "/api/letters/" + letterOfA, "t01v01sec", PASSWORD, null).statusCode()).isEqualTo(200);
    assertThat(basic("GET", "/api/units/T01V01/record", "t01v01staff", PASSWORD, null).statusCode())
        .isEqualTo(200);
    Browser secretarySession = new Browser(WebClient.tasklistLogin(base(), "t01v01sec", PASSWORD));
    Browser staffSession = new Browser(WebClient.tasklistLogin(base(), "t01v01staff", PASSWORD));
    assertThat(secretarySession.get("/pages/units/T01V01/record").statusCode()).isEqualTo(200);
    HttpResponse<String> inTasklist =
        secretarySession.get("/camunda/api/engine/engine/default/task?assignee=t01v01sec");
    assertThat(inTasklist.body()).as(inTasklist.statusCode() + " " + inTasklist.body()).contains(task.getId());
    assertThat(staffSession.get("/pages/units/T01V01/record").statusCode()).isEqualTo(200);
    // the webapp logins are indexed by principal name in Spring Session's store, so they can be found and ended
    assertThat(jdbc.sql("select count(*) from spring_session where principal_name in ('t01v01sec', 't01v01staff')")
        .query(Long.class).single()).isEqualTo(2);

    // the organisation changes: t01v01sec becomes T02V01's secretary, t01v01staff leaves (as an import does it)
    transaction.executeWithoutResult(status -> {
      Person secretary = people.find("t01v01sec").orElseThrow();
      people.upsertAll(List.of(new Person(secretary.userId(), secretary.name(), secretary.mobile(),
          secretary.email(), List.of(new Post("T02V01", Role.SECRETARY)))));
      people.markLeft(List.of("t01v01staff", "t02v01sec"), Instant.now());
      events.publishEvent(new OrganisationChanged(Set.of(), Set.of("t01v01sec"), Set.of("t01v01staff", "t02v01sec"),
          Set.of(), "zuzhi"));
    });

    // engine REST: T01V01's task is gone for the moved secretary, T02V01's is there
    List<String> visible = taskIds("t01v01sec");
    assertThat(visible).doesNotContain(task.getId()).contains(departing.getId());
    assertThat(basic("GET", "/engine-rest/task/" + task.getId(), "t01v01sec", PASSWORD, null).statusCode())
        .isIn(403, 404);
    // /api: the old unit's letter and record manual are refused, the new unit's are open
    assertThat(basic("GET", "/api/letters/" + letterOfA, "t01v01sec", PASSWORD, null).statusCode()).isEqualTo(403);
    assertThat(basic("GET", "/api/units/T01V01/record", "t01v01sec", PASSWORD, null).statusCode()).isEqualTo(403);
    assertThat(basic("GET", "/api/units/T02V01/record", "t01v01sec", PASSWORD, null).statusCode()).isEqualTo(200);
    JsonNode me = json.readTree(basic("GET", "/api/me", "t01v01sec", PASSWORD, null).body());
    assertThat(me.get("unitCodes").toString()).isEqualTo("[\"T02V01\"]");
    // /pages: the old unit's record manual is refused, the new one's is open
    assertThat(basic("GET", "/pages/units/T01V01/record", "t01v01sec", PASSWORD, null).statusCode()).isEqualTo(403);
    assertThat(basic("GET", "/pages/units/T02V01/record", "t01v01sec", PASSWORD, null).statusCode())
        .isEqualTo(200);
    // the webapp sessions opened before the change are over, on the pages and in Tasklist
    assertThat(secretarySession.get("/pages/units/T01V01/record").statusCode()).isEqualTo(401);
    assertThat(secretarySession.get("/camunda/api/engine/engine/default/task").statusCode())
        .isIn(401, 403);
    assertThat(staffSession.get("/pages/units/T01V01/record").statusCode()).isEqualTo(401);
    assertThat(jdbc.sql("select count(*) from spring_session where principal_name in ('t01v01sec', 't01v01staff')")
        .query(Long.class).single()).isZero();
    // a fresh login of the moved secretary works and sees the new unit
    Browser fresh = new Browser(WebClient.tasklistLogin(base(), "t01v01sec", PASSWORD));
    assertThat(fresh.get("/pages/units/T02V01/record").statusCode()).isEqualTo(200);
    assertThat(fresh.get("/pages/units/T01V01/record").statusCode()).isEqualTo(403);

    // the claimed task is back with T01V01's secretaries, and the handover is in T01V01's record manual
    Task back = taskService.createTaskQuery().taskId(task.getId()).singleResult();
    assertThat(back.getAssignee()).isNull();
    assertThat(taskService.getIdentityLinksForTask(task.getId()).stream().map(IdentityLink::getGroupId))
        .contains("unitT01V01secretary");
    List<RecordEntry> entries = manual.entriesOf("T01V01");
    RecordEntry handover = entries.get(entries.size() - 1);
    assertThat(handover.summary()).startsWith("工作交接：").contains("t01v01sec").contains("已调整岗位")
        .contains("党组织书记");
    assertThat(handover.taskId()).isEqualTo(task.getId());
    assertThat(handover.actor()).isEqualTo("zuzhi");
    // another secretary of T01V01 would now see it: the unit group still holds it
    assertThat(taskService.createTaskQuery().taskId(task.getId()).taskCandidateGroup("unitT01V01secretary")
        .count()).isEqualTo(1);

    // the task of the secretary who left is back with T02V01's secretaries too, with its handover
    assertThat(taskService.createTaskQuery().taskId(departing.getId()).singleResult().getAssignee()).isNull();
    List<RecordEntry> t02v01 = manual.entriesOf("T02V01");
    assertThat(t02v01.get(t02v01.size() - 1).summary()).contains("t02v01sec").contains("已离开");
    assertThat(taskIds("t01v01sec")).contains(departing.getId());

    // the person who left cannot log in anywhere
    assertThat(basic("GET", "/engine-rest/task", "t01v01staff", PASSWORD, null).statusCode()).isEqualTo(401);
    assertThat(basic("GET", "/api/me", "t01v01staff", PASSWORD, null).statusCode()).isEqualTo(401);
    assertThat(basic("GET", "/pages/units/T01V01/record", "t01v01staff", PASSWORD, null).statusCode())
        .isEqualTo(401);
    assertThatThrownBy(() -> WebClient.tasklistLogin(base(), "t01v01staff", PASSWORD))
        .hasMessageContaining("answered 401");
    assertThat(jdbc.sql("select count(*) from act_id_membership where user_id_ = 't01v01staff'")
        .query(Long.class).single()).isZero();
    // and nothing of this undoes itself at the next start-up sync
    identitySync.sync();
    assertThat(basic("GET", "/api/units/T01V01/record", "t01v01sec", PASSWORD, null).statusCode()).isEqualTo(403);
    assertThat(basic("GET", "/api/me", "t01v01staff", PASSWORD, null).statusCode()).isEqualTo(401);
  }

  @Test
  void aFirstPasswordMustBeChangedBeforeAnythingElse() throws IOException {
    String login = "newd02staff";
    String first = transaction.execute(status -> {
      people.upsertAll(List.of(new Person(login, "新同志", "13800000000", null,
          List.of(new Post("D02", Role.STAFF)))));
      String issued = firstPasswords.issue(List.of(login)).get(login);
      events.publishEvent(new OrganisationChanged(Set.of(login), Set.of(), Set.of(), Set.of(), "zuzhi"));
      return issued;
    });
    assertThat(first).hasSizeGreaterThanOrEqualTo(12);
    assertThat(jdbc.sql("select pwd_ from act_id_user where id_ = ?").param(login).query(String.class).single())
        .as("only Camunda's hash is stored").doesNotContain(first);

    // engine REST and /api: 403 with a Chinese message; the pages: to the password page
    HttpResponse<String> engine = basic("GET", "/engine-rest/task", login, first, null);
    assertThat(engine.statusCode()).isEqualTo(403);
    assertThat(engine.body()).contains("请先修改密码");
    assertThat(basic("GET", "/api/me", login, first, null).statusCode()).isEqualTo(403);
    HttpResponse<String> page = basic("GET", "/pages/units/D02/record", login, first, null);
    assertThat(page.statusCode()).isEqualTo(302);
    assertThat(page.headers().firstValue("Location").orElseThrow()).endsWith("/pages/password");
    // Tasklist: the login itself works, then nothing but the password page
    Browser tasklist = new Browser(WebClient.tasklistLogin(base(), login, first));
    HttpResponse<String> engineApi = tasklist.get("/camunda/api/engine/engine/default/task");
    assertThat(engineApi.statusCode()).isEqualTo(403);
    assertThat(engineApi.body()).contains("请先修改密码");
    assertThat(engineApi.headers().firstValue("X-Liangze-Password-Change")).contains("/pages/password");
    assertThat(tasklist.get("/camunda/app/tasklist/default/").headers().firstValue("Location")
        .orElseThrow()).endsWith("/pages/password");
    HttpResponse<String> form = tasklist.get("/pages/password");
    assertThat(form.statusCode()).isEqualTo(200);
    assertThat(form.body()).contains("修改密码").contains("须先设置自己的新密码").contains("value=\"" + login + "\"")
        .contains("至少10位");

    // the rules, with clear messages, and nothing changes
    assertThat(change(login, first, "Short1!", "Short1!").body()).contains("新密码太短：至少需要10位");
    assertThat(change(login, first, "alllowercase", "alllowercase").body())
        .contains("新密码须包含大写字母、小写字母、数字、其他字符中的至少3类");
    assertThat(change(login, first, "Abcdefgh123", "Abcdefgh124").body()).contains("两次输入的新密码不一致");
    assertThat(change(login, first, "NewD02Staff", "NewD02Staff").body()).contains("新密码不能与登录名相同");
    assertThat(change(login, first, first, first).body()).contains("新密码不能与当前密码相同");
    assertThat(basic("GET", "/api/me", login, first, null).statusCode()).isEqualTo(403);
    // a wrong current password changes nothing (and Camunda delays that login's next attempts a few seconds)
    assertThat(change(login, "wrong", "Abcdefgh123", "Abcdefgh123").body()).contains("登录名或当前密码不正确");

    await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofSeconds(1))
        .until(() -> change(login, first, "Liangze-2026", "Liangze-2026").statusCode() == 200);
    HttpResponse<String> changed = change(login, "Liangze-2026", "Liangze-2027", "Liangze-2027");
    assertThat(changed.statusCode()).isEqualTo(200);
    assertThat(changed.body()).contains("密码已修改");
    assertThat(basic("GET", "/engine-rest/task", login, "Liangze-2027", null).statusCode()).isEqualTo(200);
    assertThat(basic("GET", "/api/me", login, "Liangze-2027", null).statusCode()).isEqualTo(200);
    assertThat(tasklist.get("/camunda/api/engine/engine/default/task").statusCode()).isEqualTo(200);

    // an administrator resets it: a new one-time password, to be changed again
    assertThat(basic("POST", "/api/people/" + login + "/password-reset", "d02sec", PASSWORD, null).statusCode())
        .isEqualTo(403);
    assertThat(basic("POST", "/api/people/nobody/password-reset", "zuzhi", PASSWORD, null).statusCode())
        .isEqualTo(404);
    HttpResponse<String> reset = basic("POST", "/api/people/" + login + "/password-reset", "zuzhi", PASSWORD, null);
    assertThat(reset.statusCode()).isEqualTo(200);
    assertThat(reset.headers().firstValue("Cache-Control").orElse("")).contains("no-store");
    String again = json.readTree(reset.body()).get("password").asText();
    assertThat(again).isNotEqualTo(first).hasSizeGreaterThanOrEqualTo(12);
    assertThat(basic("GET", "/api/me", login, again, null).statusCode()).isEqualTo(403);
    assertThat(basic("GET", "/engine-rest/task", login, again, null).statusCode()).isEqualTo(403);
    assertThat(basic("POST", "/api/people/" + login + "/password-reset", "admin", "test-admin-password", null)
        .statusCode()).isEqualTo(200);
  }

  @Test
  void aSecondSyncWithNothingChangedWritesNothing() {
    identitySync.sync();
    long revisions = jdbc.sql("select coalesce(sum(rev_), 0) from act_id_user").query(Long.class).single()
        + jdbc.sql("select coalesce(sum(rev_), 0) from act_ru_authorization").query(Long.class).single();
    long memberships = jdbc.sql("select count(*) from act_id_membership").query(Long.class).single();
    IdentitySync.Result second = identitySync.sync();
    assertThat(second.writes()).as(second.toString()).isZero();
    assertThat(jdbc.sql("select coalesce(sum(rev_), 0) from act_id_user").query(Long.class).single()
        + jdbc.sql("select coalesce(sum(rev_), 0) from act_ru_authorization").query(Long.class).single())
        .isEqualTo(revisions);
    assertThat(jdbc.sql("select count(*) from act_id_membership").query(Long.class).single()).isEqualTo(memberships);
  }

  @Test
  void aRetiredUnitsGroupsAndAuthorizationsGoAndNothingElseDoes(@Autowired UnitRepository units) {
    transaction.executeWithoutResult(status -> {
      units.upsertAll(List.of(new Unit("RT01", "撤并测试村", UnitType.VILLAGE_OR_COMMUNITY, "T02")));
      people.upsertAll(List.of(new Person("rt01sec", "撤并书记", null, null, List.of(new Post("RT01",
          Role.SECRETARY)))));
    });
    identitySync.sync();
    // four posts' groups and the group of those who supervise it from T02
    assertThat(count("select count(*) from act_id_group where id_ like 'unitRT01%'")).isEqualTo(5);
    assertThat(count("select count(*) from act_ru_authorization where group_id_ like 'unitRT01%'")).isPositive();
    assertThat(count("select count(*) from act_id_membership where user_id_ = 'rt01sec'"
        + " and group_id_ = 'unitRT01secretary'")).isEqualTo(1);
    long othersBefore = count("select count(*) from act_ru_authorization where group_id_ not like 'unitRT01%'");

    // the unit is merged away and its secretary becomes T02's team member
    transaction.executeWithoutResult(status -> {
      people.upsertAll(List.of(new Person("rt01sec", "撤并书记", null, null, List.of(new Post("T02",
          Role.TEAM_MEMBER)))));
      units.retire(List.of("RT01"));
    });
    IdentitySync.Result result = identitySync.sync();
    assertThat(result.groupsDeleted()).isEqualTo(5);
    assertThat(count("select count(*) from act_id_group where id_ like 'unitRT01%'")).isZero();
    assertThat(count("select count(*) from act_ru_authorization where group_id_ like 'unitRT01%'")).isZero();
    // T02's team member, who (level by level) supervises T02's village
    assertThat(count("select count(*) from act_id_membership where user_id_ = 'rt01sec'")).isEqualTo(2);
    assertThat(count("select count(*) from act_id_membership where user_id_ = 'rt01sec'"
        + " and group_id_ = 'unitT02member'")).isEqualTo(1);
    assertThat(count("select count(*) from act_id_membership where user_id_ = 'rt01sec'"
        + " and group_id_ = 'unitT02V01supervisors'")).isEqualTo(1);
    assertThat(count("select count(*) from act_ru_authorization where group_id_ not like 'unitRT01%'"))
        .isEqualTo(othersBefore);
    assertThat(identitySync.sync().writes()).isZero();
  }

  private long count(String sql) {
    return jdbc.sql(sql).query(Long.class).single();
  }

  private HttpResponse<String> change(String login, String current, String password, String confirm) {
    return WebClient.form(base().resolve("/pages/password"),
        Map.of("login", login, "current", current, "password", password, "confirm", confirm));
  }

  private Task secretaryTask(String unit) {
    return taskService.createTaskQuery().taskCandidateGroup(Groups.of(Role.SECRETARY, unit)).includeAssignedTasks()
        .processDefinitionKey("letterSigning").singleResult();
  }

  private List<String> taskIds(String user) throws IOException {
    List<String> ids = new ArrayList<>();
    json.readTree(basic("GET", "/engine-rest/task", user, PASSWORD, null).body())
        .forEach(task -> ids.add(task.get("id").asText()));
    return ids;
  }

  private URI base() {
    return URI.create("http://localhost:" + port);
  }

  private HttpResponse<String> basic(String method, String path, String user, String password, String body) {
    return WebClient.basic(method, base().resolve(path), user, password, body);
  }

  /** A browser holding a webapp login: it keeps the session cookie the server sets, as browsers do. */
  final class Browser {
    WebClient.Session session;

    Browser(WebClient.Session session) {
      this.session = session;
    }

    HttpResponse<String> get(String path) {
      HttpResponse<String> response = session("GET", path, session);
      Map<String, String> cookies = new java.util.LinkedHashMap<>(session.cookies());
      for (String cookie : response.headers().allValues("Set-Cookie")) {
        String pair = cookie.split(";", 2)[0];
        int equals = pair.indexOf('=');
        cookies.put(pair.substring(0, equals).trim(), pair.substring(equals + 1).trim());
      }
      session = new WebClient.Session(session.userId(), cookies, session.csrfToken());
      return response;
    }
  }

  private HttpResponse<String> session(String method, String path, WebClient.Session session) {
    return WebClient.withSession(method, base().resolve(path), session, null);
  }
}
