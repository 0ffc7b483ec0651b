package org.liangze.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.liangze.record.ChainReport;
import org.liangze.record.ChainVerifier;
import org.liangze.selfcheck.QuarterlySelfCheckProcess;
import org.liangze.selfcheck.UnitSelfCheckProcess;
import org.liangze.support.CampaignChecks;
import org.liangze.support.CampaignDistrict;
import org.liangze.support.EmbeddedPostgresDatabase;
import org.liangze.support.PlatformNode;
import org.liangze.support.WebClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A homogeneous cluster losing a node: two platform nodes, each a JVM of its own on its own port, on one PostgreSQL,
 * both executing jobs. The discipline commission starts the quarterly self-check of 200 units through the API;
 * while the units' sub-processes are being started and people write into their record manuals through both nodes,
 * the node doing the campaign's work is killed with SIGKILL. The survivor finishes the campaign, taking over the
 * jobs the dead node had locked once their locks expire. Afterwards every unit has exactly one sub-process and one
 * self-check, no job is left or failed, no incident exists, every acknowledged record entry is in the manual exactly
 * once and every chain verifies — and a Tasklist login made on the dead node still works on the survivor.
 *
 * <p>The units are started in batches, a job per batch (five units each here), and the batches' jobs are not
 * exclusive, so both nodes' job executors start units at the same time; each node acquires a few jobs at once and
 * holds their locks while it works through them. The test kills a node that has
 * done part of the campaign while it holds locks, and checks that each job it held ran once, on the survivor.
 *
 * <p>This JVM only seeds the district and looks at the database (its engine executes no jobs): the work is done by
 * the two nodes.
 */
@SpringBootTest
@ActiveProfiles("test")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class NodeCrashTest {

  static final int UNITS = 200;
  static final String QUARTER = "2025Q3";
  static final String PASSWORD = "cluster-test-pw";
  static final String ADMIN_PASSWORD = "test-admin-password";
  /** Short job locks, so the survivor takes over the dead node's locked jobs within seconds rather than minutes. */
  static final int LOCK_MILLIS = 10_000;
  static final String DATABASE_URL = EmbeddedPostgresDatabase.createDatabase();
  /** Who writes record entries during the campaign, each into their own unit's manual. */
  static final Map<String, String> WRITERS = Map.of("d01staff", "D01", "t01staff", "T01", "d02staff", "D02",
      "a01staff", "A01");

  static final List<PlatformNode> NODES = new ArrayList<>();

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    EmbeddedPostgresDatabase.register(registry, DATABASE_URL);
    registry.add("liangze.identity.initial-password", () -> PASSWORD);
  }

  @Autowired CampaignDistrict district;
  @Autowired RuntimeService runtimeService;
  @Autowired RepositoryService repositoryService;
  @Autowired ManagementService management;
  @Autowired TaskService taskService;
  @Autowired ChainVerifier chainVerifier;
  @Autowired JdbcClient jdbc;
  @Autowired CampaignChecks checks;
  final ObjectMapper json = new ObjectMapper();

  @AfterAll
  static void stopNodes() {
    NODES.forEach(PlatformNode::close);
  }

  @Test
  void theSurvivorFinishesTheCampaignAndNothingIsLostOrDoneTwice() throws Exception {
    district.seed(UNITS, 2025);
    long deployments = repositoryService.createDeploymentQuery().count();

    List<PlatformNode> nodes = List.of(start("node-a"), start("node-b"));
    nodes.forEach(node -> node.awaitReady(Duration.ofMinutes(4)));
    assertThat(repositoryService.createDeploymentQuery().count())
        .as("identical nodes deploy nothing new: the models were deployed once").isEqualTo(deployments);

    // a Tasklist login on each node; the dead node's is used on the survivor
    Map<String, WebClient.Session> tasklist = new java.util.HashMap<>();
    for (PlatformNode node : nodes) {
      tasklist.put(node.name(), WebClient.tasklistLogin(node.url("/"), "d01sec", PASSWORD));
    }
    assertThat(jdbc.sql("select distinct attribute_name from spring_session_attributes").query(String.class).list())
        .as("the webapps' login and CSRF token are kept in the shared database")
        .contains("authenticatedUser", "CAMUNDA_CSRF_TOKEN");
    assertThat(jdbc.sql("select distinct max_inactive_interval from spring_session").query(Integer.class).list())
        .as("the configured session timeout (30 minutes)").containsExactly(1800);

    HttpResponse<String> started = WebClient.basic("POST", nodes.get(0).url("/api/self-check-campaigns"), "jiwei",
        PASSWORD, "{\"quarter\":\"" + QUARTER + "\"}");
    assertThat(started.statusCode()).as(started.body()).isEqualTo(201);

    // people write into their record manuals through both nodes while the campaign runs, and on past the kill
    Writer writer = new Writer(nodes.toArray(PlatformNode[]::new));
    ExecutorService writing = Executors.newSingleThreadExecutor();
    Future<?> writes = writing.submit(writer);
    JobLocks locks = new JobLocks();
    PlatformNode[] victim = new PlatformNode[1];
    long unitsAtKill;
    List<String> orphaned;
    try {
      await("a node has started some units' sub-processes, written entries and holds job locks")
          .atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(20))
          .until(() -> {
            if (checks.unitInstances() < 20) {
              return false;
            }
            for (PlatformNode node : nodes) {
              if (successfulJobs(node.name()) >= 5 && writer.acknowledged(node.name()) >= 3
                  && locks.lockedBy(locks.ownerOf(node.name())) > 0) {
                victim[0] = node;
                return true;
              }
            }
            return false;
          });
      PlatformNode dead = victim[0];
      dead.kill();
      unitsAtKill = checks.unitInstances();
      Instant killedAt = Instant.now();
      orphaned = jdbc.sql("select id_ from act_ru_job where lock_owner_ = ?").param(locks.ownerOf(dead.name()))
          .query(String.class).list();
      System.out.printf("%s killed with %d of %d units' sub-processes started, holding the locks of %d jobs%n",
          dead.name(), unitsAtKill, UNITS, orphaned.size());
      assertThat(unitsAtKill).as("the kill came midway through the campaign").isBetween(20L, UNITS - 1L);
      assertThat(orphaned).as("jobs the dead node had locked").isNotEmpty();

      await("the survivor finishes the campaign").atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofMillis(500))
          .until(() -> checks.unitInstances() == UNITS && checks.campaignJobs() == 0);
      System.out.printf("The survivor finished the campaign %d s after the kill%n",
          Duration.between(killedAt, Instant.now()).toSeconds());
      await().atMost(Duration.ofMinutes(1)).until(() -> writer.acknowledgedAfterKill() >= 3);
    } finally {
      writer.stop.set(true);
      writes.get();
      writing.shutdownNow();
    }
    PlatformNode dead = victim[0];
    PlatformNode survivor = nodes.stream().filter(node -> node != dead).findFirst().orElseThrow();
    assertThat(survivor.isAlive()).isTrue();

    // the dead node did the campaign's work until it died, the survivor the rest (Camunda's job log names each
    // engine's host)
    assertThat(successfulJobs(dead.name())).isGreaterThanOrEqualTo(5);
    assertThat(successfulJobs(survivor.name())).isGreaterThan(0);
    // the jobs the dead node held were taken over by the survivor once their locks expired, and ran once
    for (String job : orphaned) {
      assertThat(jdbc.sql("select hostname_ from act_hi_job_log where job_id_ = ? and job_state_ = 2").param(job)
          .query(String.class).list()).as("job " + job).containsExactly(survivor.name());
    }

    // exactly one sub-process and one self-check per unit
    List<String> keys = checks.assertOneSubProcessAndSelfCheckPerUnit(UNITS, QUARTER);
    assertThat(keys).contains("selfcheck-D01-" + QUARTER, "selfcheck-T01V02-" + QUARTER);
    // every unit's assessment is open: one task per 责任人 of its common items (the secretary and the 纪检委员 where
    // the unit has them), one for the staff where it has nobody
    assertThat(taskService.createTaskQuery().processDefinitionKey(UnitSelfCheckProcess.KEY).list().stream()
        .map(Task::getProcessInstanceId).distinct().count()).isEqualTo(UNITS);

    // every job ran, none failed, nothing became an incident
    assertThat(management.createJobQuery().processDefinitionKey(QuarterlySelfCheckProcess.KEY).count()).isZero();
    assertThat(management.createJobQuery().processDefinitionKey(UnitSelfCheckProcess.KEY).count()).isZero();
    assertThat(management.createJobQuery().withException().count()).isZero();
    assertThat(runtimeService.createIncidentQuery().count()).isZero();

    // the Tasklist session made on the dead node works on the survivor: who is logged in, and a form submission
    // that needs the session's CSRF token
    WebClient.Session fromTheDeadNode = tasklist.get(dead.name());
    HttpResponse<String> who = WebClient.withSession("GET", survivor.url("/camunda/api/admin/auth/user/default"),
        fromTheDeadNode, null);
    assertThat(who.statusCode()).as(who.body()).isEqualTo(200);
    assertThat(json.readTree(who.body()).get("userId").asText()).isEqualTo("d01sec");
    Task assessment = taskService.createTaskQuery().processInstanceBusinessKey("selfcheck-D01-" + QUARTER)
        .taskAssignee("d01sec").singleResult();
    HttpResponse<String> submitted = WebClient.withSession("POST",
        survivor.url("/camunda/api/engine/engine/default/task/" + assessment.getId() + "/submit-form"),
        fromTheDeadNode, assessedItems(assessment));
    assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(204);

    // the record manual: every acknowledged entry exactly once, none in doubt twice, every chain intact
    assertThat(writer.acknowledged(dead.name())).isGreaterThanOrEqualTo(3);
    Map<String, Long> copiesOf = new java.util.HashMap<>();
    jdbc.sql("select summary, count(*) from record_entries group by summary")
        .query((row, n) -> copiesOf.put(row.getString(1), row.getLong(2))).list();
    for (String summary : writer.outcomes.keySet()) {
      long copies = copiesOf.getOrDefault(summary, 0L);
      switch (writer.outcomes.get(summary)) {
        case ACKNOWLEDGED -> assertThat(copies).as(summary).isEqualTo(1);
        case REFUSED -> assertThat(copies).as(summary + " (refused)").isZero();
        case IN_DOUBT -> assertThat(copies).as(summary + " (no answer)").isLessThanOrEqualTo(1);
      }
    }
    assertThat(jdbc.sql("select count(*) from record_entries where task_id = ?").param(assessment.getId())
        .query(Long.class).single()).as("the submitted assessment's entry").isEqualTo(1);
    long entries = jdbc.sql("select count(*) from record_entries").query(Long.class).single();
    List<ChainReport> chains = chainVerifier.verifyAll();
    assertThat(chains).extracting(ChainReport::unitCode).containsAll(WRITERS.values());
    assertThat(chains).allSatisfy(chain -> assertThat(chain.intact()).as(chain.toString()).isTrue());
    assertThat(chains.stream().mapToLong(ChainReport::entriesChecked).sum()).isEqualTo(entries);
    System.out.printf("Record manual: %d entries written through both nodes, %d chains intact; requests: %s%n",
        entries, chains.size(), writer.outcomes.values().stream()
            .collect(java.util.stream.Collectors.groupingBy(o -> o, java.util.stream.Collectors.counting())));
  }

  private PlatformNode start(String name) {
    PlatformNode node = PlatformNode.start(name,
        Map.of("POSTGRES_URL", DATABASE_URL,
            "POSTGRES_USER", EmbeddedPostgresDatabase.RUNTIME, "POSTGRES_PASSWORD", EmbeddedPostgresDatabase.PASSWORD,
            "POSTGRES_OWNER_USER", EmbeddedPostgresDatabase.OWNER,
            "POSTGRES_OWNER_PASSWORD", EmbeddedPostgresDatabase.PASSWORD,
            "LIANGZE_ADMIN_PASSWORD", ADMIN_PASSWORD, "LIANGZE_DB_POOL_SIZE", "6"),
        List.of("--spring.profiles.active=postgres",
            // names the engine's host in Camunda's job log, so the test can tell which node ran which job
            "--camunda.bpm.generic-properties.properties.hostname=" + name,
            "--camunda.bpm.job-execution.enabled=true",
            "--camunda.bpm.job-execution.lock-time-in-millis=" + LOCK_MILLIS,
            // one thread per node working through a few acquired (locked) jobs at a time, and a quick look for
            // new jobs: the kill falls midway with jobs locked by the victim, the survivor notices expired locks soon
            "--camunda.bpm.job-execution.core-pool-size=1",
            "--camunda.bpm.job-execution.max-pool-size=1",
            "--camunda.bpm.job-execution.max-jobs-per-acquisition=4",
            "--camunda.bpm.job-execution.wait-time-in-millis=500",
            "--camunda.bpm.job-execution.max-wait=2000",
            // small batches of units: 40 batch jobs, so that the kill falls midway with batches locked
            "--liangze.self-check.units-per-job=5"));
    NODES.add(node);
    return node;
  }



  /** Jobs a node's engine ran to completion, from Camunda's job log (state 2: successful). */
  private long successfulJobs(String hostname) {
    return jdbc.sql("select count(*) from act_hi_job_log where hostname_ = ? and job_state_ = 2").param(hostname)
        .query(Long.class).single();
  }

  /** The assessment form, filled in: every row of the unit's lists marked done. */
  private String assessedItems(Task task) throws Exception {
    ArrayNode rows = (ArrayNode) json.readTree(taskService.getVariable(task.getId(), "items").toString());
    rows.forEach(row -> ((ObjectNode) row).put("status", "DONE").put("note", "按清单落实"));
    assertThat(rows).isNotEmpty();
    ObjectNode body = json.createObjectNode();
    body.putObject("variables").putObject("items").put("value", json.writeValueAsString(rows)).put("type", "Json");
    return json.writeValueAsString(body);
  }

  /**
   * Which job executor is which node's: Camunda's lock owner is a random id per job executor, the job log names the
   * host. A job seen locked by an owner and later logged as run by a host tells that owner's node.
   */
  final class JobLocks {
    final Map<String, String> ownerOfJob = new ConcurrentHashMap<>();
    final Map<String, String> ownerOfNode = new ConcurrentHashMap<>();

    String ownerOf(String hostname) {
      jdbc.sql("select id_, lock_owner_ from act_ru_job where lock_owner_ is not null")
          .query((row, n) -> ownerOfJob.putIfAbsent(row.getString(1), row.getString(2))).list();
      if (!ownerOfNode.containsKey(hostname)) {
        for (String job : jdbc.sql("select job_id_ from act_hi_job_log where hostname_ = ? and job_state_ = 2")
            .param(hostname).query(String.class).list()) {
          if (ownerOfJob.containsKey(job)) {
            ownerOfNode.put(hostname, ownerOfJob.get(job));
            break;
          }
        }
      }
      return ownerOfNode.get(hostname);
    }

    long lockedBy(String owner) {
      return owner == null ? 0 : jdbc.sql("select count(*) from act_ru_job where lock_owner_ = ?").param(owner)
          .query(Long.class).single();
    }
  }

  enum Outcome { ACKNOWLEDGED, REFUSED, IN_DOUBT }

  /**
   * Writes record entries through both nodes in turn, each with a summary of its own, and remembers what each
   * request was told: acknowledged entries must be in the manual exactly once; those whose answer never came (the
   * node died) at most once.
   */
  static final class Writer implements Runnable {
    final PlatformNode[] nodes;
    final AtomicBoolean stop = new AtomicBoolean();
    final Map<String, Outcome> outcomes = new ConcurrentHashMap<>();
    final Map<String, String> nodeOf = new ConcurrentHashMap<>();
    volatile int afterKill;

    Writer(PlatformNode... nodes) {
      this.nodes = nodes;
    }

    @Override
    public void run() {
      List<String> users = WRITERS.keySet().stream().sorted().toList();
      for (int i = 0; !stop.get(); i++) {
        PlatformNode node = nodes[i % nodes.length];
        if (!node.isAlive()) {
          continue; // people go to the node that answers (a load balancer's health check)
        }
        String user = users.get(i % users.size());
        String summary = "集群故障测试记录 %d（%s 经 %s）".formatted(i, user, node.name());
        String body = "{\"kind\":\"MEETING\",\"occurredAt\":\"" + Instant.now().minusSeconds(60)
            + "\",\"summary\":\"" + summary + "\"}";
        nodeOf.put(summary, node.name());
        try {
          HttpResponse<String> response = WebClient.basic("POST",
              node.url("/api/units/" + WRITERS.get(user) + "/record"), user, PASSWORD, body);
          outcomes.put(summary, response.statusCode() == 201 ? Outcome.ACKNOWLEDGED : Outcome.REFUSED);
          if (response.statusCode() == 201 && Arrays.stream(nodes).anyMatch(n -> !n.isAlive())) {
            afterKill++;
          }
        } catch (RuntimeException e) {
          outcomes.put(summary, Outcome.IN_DOUBT); // the node died while the request was in flight
        }
        pause(); // a steady stream, not a load test: the machine's cores belong to the nodes' job executors
      }
    }

    long acknowledged(String node) {
      return outcomes.entrySet().stream()
          .filter(e -> e.getValue() == Outcome.ACKNOWLEDGED && nodeOf.get(e.getKey()).equals(node)).count();
    }

    int acknowledgedAfterKill() {
      return afterKill;
    }

    private static void pause() {
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
