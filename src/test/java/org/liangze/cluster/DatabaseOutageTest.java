package org.liangze.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.liangze.selfcheck.QuarterlySelfCheckProcess;
import org.liangze.selfcheck.UnitSelfCheckProcess;
import org.liangze.support.CampaignChecks;
import org.liangze.support.CampaignDistrict;
import org.liangze.support.EmbeddedPostgresDatabase;
import org.liangze.support.WebClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Bean;
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

/**
 * PostgreSQL goes away for 30 seconds in the middle of a 200-unit self-check campaign, with the job executor on, and
 * comes back on the same data directory and port. Nothing is lost: every unit ends up with exactly one sub-process
 * and one self-check, and the jobs resume by themselves. Incidents appear only for work whose retries ran out, and
 * retrying them in Cockpit ({@code PUT .../job/{id}/retries} through Cockpit's engine API, with an administrator's
 * Cockpit session) finishes that work.
 *
 * <p>The outage alone exhausts no job's retries: a job that fails while the database is down cannot record its
 * failure either, so its lock simply expires and it runs again. The test therefore adds one job whose external system
 * (a stand-in delegate) is down from the outage on and beyond the job's three tries, so that exactly one piece of
 * work runs out of retries and must show as an incident — and nothing else may.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "camunda.bpm.job-execution.enabled=true",
    // jobs locked when the database went away are picked up again soon after it is back
    "camunda.bpm.job-execution.lock-time-in-millis=15000",
    "camunda.bpm.job-execution.wait-time-in-millis=500",
    "camunda.bpm.job-execution.max-wait=2000",
    // small batches: 40 batch jobs, so that the outage falls between them, as it would in a city's campaign
    "liangze.self-check.units-per-job=5"})
@ActiveProfiles("test")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class DatabaseOutageTest {

  static final int UNITS = 200;
  static final String QUARTER = "2025Q3";
  static final String PASSWORD = "outage-test-pw";
  static final String ADMIN_PASSWORD = "test-admin-password";
  static final Duration OUTAGE = Duration.ofSeconds(30);
  static final String PROBE = "outageProbe";

  static final Path DATA = Path.of("target", "cluster", "outage-postgres").toAbsolutePath();
  static final int PORT = freePort();
  static EmbeddedPostgres postgres = startPostgres(true);
  /** The database of the test, with the two roles of production (EmbeddedPostgresDatabase). */
  static final String DATABASE_URL = createDatabase();

  /** The probe's external system: down from the outage on, until the test brings it back. */
  static final AtomicBoolean EXTERNAL_SYSTEM_UP = new AtomicBoolean(true);
  static final AtomicInteger PROBE_CALLS = new AtomicInteger();

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    EmbeddedPostgresDatabase.register(registry, DATABASE_URL);
    registry.add("liangze.identity.initial-password", () -> PASSWORD);
  }

  @TestConfiguration
  static class Probe {
    /** Stands in for a call to an external system that is down: fails while it is. */
    @Bean
    JavaDelegate outageProbeDelegate() {
      return execution -> {
        PROBE_CALLS.incrementAndGet();
        if (!EXTERNAL_SYSTEM_UP.get()) {
          throw new IllegalStateException("external system unreachable");
        }
      };
    }
  }

  @Autowired CampaignDistrict district;
  @Autowired RuntimeService runtimeService;
  @Autowired RepositoryService repositoryService;
  @Autowired ManagementService management;
  @Autowired HistoryService history;
  @Autowired JdbcClient jdbc;
  @Autowired CampaignChecks checks;
  @Autowired TestRestTemplate http;

  @AfterAll
  static void stopPostgres() throws IOException {
    postgres.close();
    deleteData(); // 70 MB of a throw-away cluster
  }

  @Test
  void nothingIsLostJobsResumeAndOnlyExhaustedWorkBecomesAnIncidentThatCockpitCanRetry() throws Exception {
    district.seed(UNITS, 2025);
    repositoryService.createDeployment().name("outage-probe").addModelInstance("outage-probe.bpmn",
        Bpmn.createExecutableProcess(PROBE).name("故障探针").camundaHistoryTimeToLive(1)
            .startEvent().serviceTask("CallExternalSystem").camundaAsyncBefore()
            .camundaDelegateExpression("${outageProbeDelegate}").camundaFailedJobRetryTimeCycle("R3/PT2S")
            .endEvent().done()).deploy();

    ResponseEntity<String> started = http.withBasicAuth("jiwei", PASSWORD).exchange("/api/self-check-campaigns",
        HttpMethod.POST, json("{\"quarter\":\"" + QUARTER + "\"}"), String.class);
    assertThat(started.getStatusCode()).as(started.getBody()).isEqualTo(HttpStatus.CREATED);
    await("the campaign under way").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(20))
        .until(() -> checks.unitInstances() >= 20);

    EXTERNAL_SYSTEM_UP.set(false);
    String probe = runtimeService.startProcessInstanceByKey(PROBE).getId();
    long unitsAtOutage = checks.unitInstances();
    postgres.close();
    Instant down = Instant.now();
    System.out.printf("PostgreSQL stopped with %d of %d units' sub-processes started%n", unitsAtOutage, UNITS);
    assertThat(unitsAtOutage).as("the outage came midway through the campaign").isBetween(20L, UNITS - 1L);
    Thread.sleep(OUTAGE.toMillis());
    postgres = startPostgres(false);
    System.out.printf("PostgreSQL back after %d s%n", Duration.between(down, Instant.now()).toSeconds());

    // jobs resume by themselves: the campaign's jobs all run (or, should the outage have used up a job's retries,
    // wait as an incident), and the probe runs out of its three tries
    await("the jobs resume after the outage").atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(1))
        .ignoreExceptions().until(() -> checks.campaignJobs() == campaignJobsWithoutRetries()
            && runtimeService.createIncidentQuery().processInstanceId(probe).count() == 1);
    assertThat(http.getForEntity("/actuator/health/readiness", String.class).getStatusCode())
        .isEqualTo(HttpStatus.OK);

    // incidents only for work whose retries ran out
    List<Incident> incidents = runtimeService.createIncidentQuery().list();
    System.out.printf("Incidents after the outage: %d (%s)%n", incidents.size(),
        incidents.stream().map(Incident::getProcessInstanceId).toList());
    assertThat(incidents).extracting(Incident::getProcessInstanceId).contains(probe);
    assertThat(incidents).allSatisfy(incident -> {
      assertThat(incident.getIncidentType()).isEqualTo("failedJob");
      Job job = management.createJobQuery().jobId(incident.getConfiguration()).singleResult();
      assertThat(job.getRetries()).as("incident of job " + job.getId()).isZero();
    });
    assertThat(management.createJobQuery().jobId(incidentOf(incidents, probe).getConfiguration()).singleResult()
        .getExceptionMessage()).contains("external system unreachable");
    assertThat(PROBE_CALLS.get()).as("three tries").isGreaterThanOrEqualTo(3);

    // the external system is back; an administrator retries the incidents in Cockpit (its session, its CSRF token,
    // the engine API Cockpit calls)
    WebClient.Session cockpit = WebClient.webappLogin(URI.create(http.getRootUri()), "cockpit", "admin",
        ADMIN_PASSWORD);
    EXTERNAL_SYSTEM_UP.set(true);
    for (Incident incident : incidents) {
      HttpResponse<String> retried = WebClient.withSession("PUT", URI.create(http.getRootUri()
          + "/camunda/api/engine/engine/default/job/" + incident.getConfiguration() + "/retries"), cockpit,
          "{\"retries\":1}");
      assertThat(retried.statusCode()).as(retried.body()).isEqualTo(204);
    }
    await("the retried work and the campaign finish").atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> history.createHistoricProcessInstanceQuery().processInstanceId(probe).finished().count() == 1
            && checks.unitInstances() == UNITS && checks.campaignJobs() == 0);
    assertThat(runtimeService.createIncidentQuery().count()).isZero();
    assertThat(management.createJobQuery().withException().count()).isZero();

    // nothing lost, nothing twice
    checks.assertOneSubProcessAndSelfCheckPerUnit(UNITS, QUARTER);
  }

  private static Incident incidentOf(List<Incident> incidents, String processInstanceId) {
    return incidents.stream().filter(i -> i.getProcessInstanceId().equals(processInstanceId)).findFirst()
        .orElseThrow();
  }

  private long campaignJobsWithoutRetries() {
    return jdbc.sql("select count(*) from act_ru_job where process_def_key_ in (?, ?) and retries_ = 0")
        .params(QuarterlySelfCheckProcess.KEY, UnitSelfCheckProcess.KEY).query(Long.class).single();
  }



  private static HttpEntity<String> json(String body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return new HttpEntity<>(body, headers);
  }

  /** A PostgreSQL of its own (the other tests' server stays up), on a data directory that outlives a stop. */
  static EmbeddedPostgres startPostgres(boolean fresh) {
    try {
      if (fresh) {
        deleteData();
      }
      Files.createDirectories(DATA.getParent());
      return EmbeddedPostgres.builder().setDataDirectory(DATA).setCleanDataDirectory(false).setPort(PORT)
          .setLocaleConfig(EmbeddedPostgresDatabase.COLLATION_OPTION, EmbeddedPostgresDatabase.COLLATION).start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The owner and runtime roles and a database owned by the owner, as in production. */
  static String createDatabase() {
    EmbeddedPostgresDatabase.createRoles(postgres);
    return EmbeddedPostgresDatabase.createDatabase(postgres, "liangze");
  }

  private static void deleteData() throws IOException {
    if (Files.exists(DATA)) {
      try (Stream<Path> files = Files.walk(DATA)) {
        files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      }
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
