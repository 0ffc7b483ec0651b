package org.liangze.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.el.JuelExpressionManager;
import org.camunda.bpm.engine.impl.jobexecutor.DefaultJobExecutor;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.camunda.bpm.engine.impl.persistence.StrongUuidGenerator;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.bpm.engine.spring.components.jobexecutor.SpringJobExecutor;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.impl.juel.jakarta.el.CompositeELResolver;
import org.camunda.bpm.impl.juel.jakarta.el.ELContext;
import org.camunda.bpm.impl.juel.jakarta.el.ELResolver;
import org.liangze.selfcheck.QuarterlySelfCheckProcess;
import org.liangze.selfcheck.SelfCheckCampaigns;
import org.liangze.selfcheck.UnitSelfCheckProcess;
import org.liangze.support.BenchmarkPostgresDatabase;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * The campaign's second baseline (issue 18 part 3): stock Camunda 7.24 running the platform's own self-check model,
 * so that the platform's overhead is measured apart from Camunda's.
 *
 * <p>A pristine {@code ProcessEngineConfiguration.createStandaloneProcessEngineConfiguration()} engine on a database
 * of its own in the benchmark's PostgreSQL server deploys {@code processes/quarterly-self-check.bpmn} and
 * {@code processes/unit-self-check.bpmn} from the classpath as they are, with what they call
 * ({@code rectification.bpmn}, {@code review-routing.dmn}) and the forms they name. It takes from the platform's
 * engine Camunda's own settings (those of {@code application.yaml} and the Spring Boot starter): history level,
 * authorization checks, id generator, task permission, execution-tree prefetch, history removal strategy, and a job
 * executor with the platform's pool, queue, jobs per acquisition, lock time, waits and back-off; and the platform's
 * PostgreSQL driver settings (multi-row inserts, {@link #driverSettings}). None of the platform's code or plugins
 * runs.
 *
 * <p>Every bean the model names is a no-op ({@link NoOpExpressionManager}): any identifier that is no variable
 * resolves to a {@link NoOp}, which as a delegate or listener does nothing, and whose methods return a neutral value
 * ({@link #neutral}) so that the model takes the platform's path: the campaign's units in the platform's batches
 * ({@link SelfCheckCampaigns#batches}, so that a batch of units is started in one job as in the platform), a
 * business key, the
 * assessors of each unit exactly as the platform's campaign had them (one assessment task each, assigned to the
 * 责任人 or offered to a fixed group of the unit), a fixed due date. Variables the platform's listeners set
 * ({@code unitName}, {@code quarterLabel}, the items) are not set: task names show the identifiers' names.
 *
 * <p>Measured as the platform's campaign: a warm-up campaign of as many units as the platform's
 * ({@code benchmark.warmUpUnits}), then one campaign of every unit, started as a member of a group granted the
 * start, from the start request until every unit's sub-process has its
 * first task (one light query every 20 ms), and the CPU time of this JVM and the PostgreSQL server meanwhile.
 */
final class SelfCheckModelBaseline {

  static final String DATABASE = "benchmark_selfcheck";
  static final String WARM_UP_QUARTER = "2024Q4";
  /** What the platform's campaign starts as: a supervisor of the discipline commission. */
  static final String STARTER = "jiwei";
  static final String STARTER_GROUP = "commission";
  /** The due date of every task (the platform's deadlines are configured dates too). */
  static final Date DUE = new Date(1_800_000_000_000L);
  static final String ASSESS_ITEMS = UnitSelfCheckProcess.Element.AssessItems.name();
  static final Pattern FORM_REF = Pattern.compile("camunda:formRef=\"([^\"]+)\"");
  static final List<String> MODELS = List.of("processes/quarterly-self-check.bpmn",
      "processes/unit-self-check.bpmn", "processes/rectification.bpmn", "processes/review-routing.dmn");

  /**
   * Elapsed time and CPU (JVM + PostgreSQL, nanoseconds) of the measured campaign, its units, its assessment tasks
   * and the platform's in its campaign of the same quarter, failed job executions, and the engine's settings.
   */
  record Result(long millis, long cpuNanos, long compilerNanos, int units, long tasks, long platformTasks,
      long failures, String settings, Map<String, Double> rows) {
  }

  /** The campaign's units and their assessors ("" for the staff's share), as the model's beans return them. */
  private final Map<String, List<String>> assessors;
  private final int warmUpUnits;
  /** The platform's batch size: the model's units are started as many to a job as in the platform. */
  private final int unitsPerJob;

  private SelfCheckModelBaseline(Map<String, List<String>> assessors, int warmUpUnits, int unitsPerJob) {
    this.assessors = assessors;
    this.warmUpUnits = warmUpUnits;
    this.unitsPerJob = unitsPerJob;
  }

  /**
   * Runs the baseline after the platform's campaign of {@code quarter}: the same units with the same assessors (read
   * from the platform's open assessment tasks), {@code warmUpUnits} of them first for the warm-up, in batches of
   * {@code unitsPerJob} as the platform's ({@code liangze.self-check.units-per-job}).
   */
  static Result run(ProcessEngineConfigurationImpl platform, String quarter, String database, int warmUpUnits,
      int unitsPerJob, LongSupplier cpuTime, LongSupplier compilers) throws InterruptedException {
    Map<String, List<String>> assessors = assessorsOf(platform, quarter);
    long platformTasks = assessors.values().stream().mapToLong(List::size).sum();
    return new SelfCheckModelBaseline(assessors, warmUpUnits, unitsPerJob).launch(platform, quarter, database,
        platformTasks, cpuTime, compilers);
  }

  /** Unit code → the assessors of its open assessment tasks in the platform's campaign of the quarter. */
  private static Map<String, List<String>> assessorsOf(ProcessEngineConfigurationImpl platform, String quarter) {
    List<Task> tasks = platform.getTaskService().createTaskQuery().processDefinitionKey(UnitSelfCheckProcess.KEY)
        .taskDefinitionKey(ASSESS_ITEMS).processInstanceBusinessKeyLike("%-" + quarter).list();
    Map<String, String> unitOf = new LinkedHashMap<>();
    platform.getRuntimeService().createVariableInstanceQuery().variableName(UnitSelfCheckProcess.Variables.UNIT_CODE)
        .processInstanceIdIn(tasks.stream().map(Task::getProcessInstanceId).distinct().toArray(String[]::new))
        .list().forEach(variable -> unitOf.put(variable.getProcessInstanceId(), (String) variable.getValue()));
    Map<String, List<String>> assessors = new LinkedHashMap<>();
    for (Task task : tasks) {
      assessors.computeIfAbsent(unitOf.get(task.getProcessInstanceId()), unit -> new ArrayList<>())
          .add(task.getAssignee() == null ? "" : task.getAssignee());
    }
    return assessors;
  }

  private Result launch(ProcessEngineConfigurationImpl platform, String quarter, String database, long platformTasks,
      LongSupplier cpuTime, LongSupplier compilers) throws InterruptedException {
    BenchmarkPostgresDatabase.superuser().execute("create database " + database);
    String server = BenchmarkPostgresDatabase.server().getJdbcUrl("postgres", database);
    String url = server + (server.contains("?") ? "&" : "?") + driverSettings(platform);
    ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) ProcessEngineConfiguration
        .createStandaloneProcessEngineConfiguration()
        .setProcessEngineName("benchmark-selfcheck-model")
        .setJdbcUrl(url).setJdbcUsername("postgres").setJdbcPassword("postgres")
        .setJdbcDriver("org.postgresql.Driver")
        .setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE)
        .setHistory(platform.getHistory())
        .setAuthorizationEnabled(platform.isAuthorizationEnabled())
        .setDefaultUserPermissionNameForTask(platform.getDefaultUserPermissionNameForTask())
        .setJdbcBatchProcessing(platform.isJdbcBatchProcessing())
        .setJobExecutorActivate(true);
    configuration.setExecutionTreePrefetchEnabled(platform.isExecutionTreePrefetchEnabled());
    configuration.setHistoryCleanupStrategy(platform.getHistoryCleanupStrategy())
        .setHistoryRemovalTimeStrategy(platform.getHistoryRemovalTimeStrategy())
        .setExpressionManager(new NoOpExpressionManager())
        .setJobExecutor(jobExecutorLike(platform.getJobExecutor()));
    if (platform.getIdGenerator() instanceof StrongUuidGenerator) {
      configuration.setIdGenerator(new StrongUuidGenerator());
    }
    ProcessEngine engine = configuration.buildProcessEngine();
    try (SingleConnectionDataSource connection = new SingleConnectionDataSource(url, "postgres", "postgres", true)) {
      JdbcTemplate jdbc = new JdbcTemplate(connection);
      deploy(engine);
      grantStart(engine);
      start(engine, WARM_UP_QUARTER);
      awaitFirstTasks(jdbc, warmUpUnits);
      RowsWritten rows = RowsWritten.from(jdbc);
      long cpu = cpuTime.getAsLong();
      long jit = compilers.getAsLong();
      long start = System.nanoTime();
      start(engine, quarter);
      awaitFirstTasks(jdbc, warmUpUnits + assessors.size());
      long millis = (System.nanoTime() - start) / 1_000_000;
      cpu = cpuTime.getAsLong() - cpu;
      jit = compilers.getAsLong() - jit;
      configuration.getJobExecutor().shutdown();
      Map<String, Double> written = rows.perUnit(jdbc, assessors.size());
      assertThat(engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey(UnitSelfCheckProcess.KEY)
          .processInstanceBusinessKeyLike("%-" + quarter).count()).as("unit sub-processes").isEqualTo(assessors.size());
      long tasks = engine.getTaskService().createTaskQuery().processDefinitionKey(UnitSelfCheckProcess.KEY)
          .taskDefinitionKey(ASSESS_ITEMS).processInstanceBusinessKeyLike("%-" + quarter).count();
      assertThat(tasks).as("the platform's assessment tasks").isEqualTo(platformTasks);
      assertThat(engine.getTaskService().createTaskQuery().taskDefinitionKey(ASSESS_ITEMS).taskAssigned()
          .processInstanceBusinessKeyLike("%-" + quarter).count()).as("assigned to their 责任人, as the platform's")
          .isEqualTo(assessors.values().stream().flatMap(List::stream).filter(a -> !a.isEmpty()).count());
      assertThat(engine.getManagementService().createJobQuery().withException().count()).isZero();
      long failures = engine.getHistoryService().createHistoricJobLogQuery().failureLog().count();
      return new Result(millis, cpu, jit, assessors.size(), tasks, platformTasks, failures, settings(configuration),
          written);
    } finally {
      engine.close();
    }
  }

  /** The models as the platform deploys them, and the forms they name. */
  private static void deploy(ProcessEngine engine) {
    DeploymentBuilder deployment = engine.getRepositoryService().createDeployment().name("benchmark-selfcheck-model");
    Set<String> forms = new LinkedHashSet<>();
    for (String model : MODELS) {
      deployment.addClasspathResource(model);
      Matcher formRef = FORM_REF.matcher(read(model));
      while (formRef.find()) {
        forms.add("forms/" + formRef.group(1) + ".form");
      }
    }
    forms.forEach(deployment::addClasspathResource);
    deployment.deploy();
  }

  private static String read(String resource) {
    try (InputStream in = SelfCheckModelBaseline.class.getClassLoader().getResourceAsStream(resource)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The starter's group may start the campaign, as the platform's supervisors may. */
  private static void grantStart(ProcessEngine engine) {
    grant(engine, Resources.PROCESS_DEFINITION, QuarterlySelfCheckProcess.KEY, Permissions.CREATE_INSTANCE);
    grant(engine, Resources.PROCESS_INSTANCE, Authorization.ANY, Permissions.CREATE);
  }

  private static void grant(ProcessEngine engine, Resources resource, String resourceId, Permissions permission) {
    var authorizations = engine.getAuthorizationService();
    Authorization grant = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
    grant.setGroupId(STARTER_GROUP);
    grant.setResource(resource);
    grant.setResourceId(resourceId);
    grant.addPermission(permission);
    authorizations.saveAuthorization(grant);
  }

  /** The platform's start request: the campaign's key, business key and quarter, as an authenticated supervisor. */
  private static void start(ProcessEngine engine, String quarter) {
    engine.getIdentityService().setAuthentication(STARTER, List.of(STARTER_GROUP));
    try {
      engine.getRuntimeService().startProcessInstanceByKey(QuarterlySelfCheckProcess.KEY, "selfcheck-" + quarter,
          Map.of(QuarterlySelfCheckProcess.Variables.QUARTER, quarter));
    } finally {
      engine.getIdentityService().clearAuthentication();
    }
  }

  /** Polls, as the platform's measurement does, until {@code units} unit sub-processes have a task. */
  /**
   * Waits until the campaign's jobs are done (none left to run), then checks that every unit has its tasks. The poll
   * reads the job table only, a few hundred rows at most, every 20 ms, as the platform's launch is polled: counting
   * the units' tasks instead cost more with every task made, so the slower launch paid more for being watched.
   */
  private static void awaitFirstTasks(JdbcTemplate jdbc, int units) throws InterruptedException {
    long start = System.nanoTime();
    for (long[] jobs = jobs(jdbc); jobs[0] > 0; jobs = jobs(jdbc)) {
      assertThat(jobs[1]).as("jobs of the self-check model baseline out of retries").isZero();
      assertThat((System.nanoTime() - start) / 1_000_000).as("self-check model baseline").isLessThan(600_000);
      Thread.sleep(20);
    }
    assertThat(jdbc.queryForObject("""
        select count(distinct t.PROC_INST_ID_) from ACT_RU_TASK t join ACT_RE_PROCDEF d on d.ID_ = t.PROC_DEF_ID_
         where d.KEY_ = ?""", Long.class, UnitSelfCheckProcess.KEY)).as("unit sub-processes with their tasks")
        .isEqualTo(units);
  }

  /** The jobs still to run, and those out of retries. */
  private static long[] jobs(JdbcTemplate jdbc) {
    return jdbc.queryForObject("""
        select (select count(*) from ACT_RU_JOB where RETRIES_ > 0), (select count(*) from ACT_RU_JOB where RETRIES_ = 0)""",
        (rs, row) -> new long[] {rs.getLong(1), rs.getLong(2)});
  }

  /** A stock job executor with the platform's settings (its Spring pool's threads and queue). */
  private static JobExecutor jobExecutorLike(JobExecutor platform) {
    DefaultJobExecutor executor = new DefaultJobExecutor();
    if (platform instanceof SpringJobExecutor spring && spring.getTaskExecutor() instanceof ThreadPoolTaskExecutor pool) {
      executor.setCorePoolSize(pool.getCorePoolSize());
      executor.setMaxPoolSize(pool.getMaxPoolSize());
      executor.setQueueSize(pool.getQueueCapacity());
    }
    executor.setMaxJobsPerAcquisition(platform.getMaxJobsPerAcquisition());
    executor.setLockTimeInMillis(platform.getLockTimeInMillis());
    executor.setWaitTimeInMillis(platform.getWaitTimeInMillis());
    executor.setMaxWait(platform.getMaxWait());
    executor.setWaitIncreaseFactor(platform.getWaitIncreaseFactor());
    executor.setBackoffTimeInMillis(platform.getBackoffTimeInMillis());
    executor.setMaxBackoff(platform.getMaxBackoff());
    executor.setBackoffDecreaseThreshold(platform.getBackoffDecreaseThreshold());
    return executor;
  }

  /**
   * The platform's driver settings ({@code spring.datasource.hikari.data-source-properties}: multi-row inserts) as
   * URL parameters ({@code name=value&…}) for the baseline's JDBC URL: how the engine's rows reach PostgreSQL is a
   * connection setting of the deployment, not a cost of the platform's code, so the model baseline talks to
   * PostgreSQL as the platform does.
   */
  static String driverSettings(ProcessEngineConfigurationImpl platform) {
    Properties properties;
    try {
      properties = platform.getDataSource().unwrap(HikariDataSource.class).getDataSourceProperties();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return properties.stringPropertyNames().stream().sorted()
        .map(name -> name + "=" + properties.getProperty(name)).collect(Collectors.joining("&"));
  }

  private static String settings(ProcessEngineConfigurationImpl engine) {
    DefaultJobExecutor executor = (DefaultJobExecutor) engine.getJobExecutor();
    String url = engine.getJdbcUrl();
    String driver = url.substring(url.indexOf('?') + 1).replaceAll("user=[^&]*&?", "");
    return "driver " + driver + ", history " + engine.getHistory() + ", authorization "
        + (engine.isAuthorizationEnabled() ? "on" : "off")
        + ", job executor " + executor.getCorePoolSize() + "–" + executor.getMaxPoolSize() + " threads, queue "
        + executor.getQueueSize() + ", " + executor.getMaxJobsPerAcquisition() + " jobs per acquisition, lock "
        + executor.getLockTimeInMillis() / 1000 + " s; execution-tree prefetch "
        + (engine.isExecutionTreePrefetchEnabled() ? "on" : "off") + ", ids "
        + engine.getIdGenerator().getClass().getSimpleName();
  }

  /**
   * What a bean of the model returns in the baseline: enough for the platform's path up to the units' first tasks
   * (the campaign's units in the platform's batches and the units of a batch, the business key, each unit's
   * assessors and their assignee or candidate group, a due date), {@code null} for anything else.
   */
  private Object neutral(String bean, String method, Object[] arguments) {
    String first = arguments.length > 0 && arguments[0] != null ? arguments[0].toString() : "";
    return switch (bean + "." + method) {
      // (quarter): every unit of the platform's campaign (the first few for the warm-up), cut into batches as the
      // platform cuts them
      case "selfCheckCampaigns.unitBatches" -> SelfCheckCampaigns.batches(WARM_UP_QUARTER.equals(first)
          ? List.copyOf(assessors.keySet()).subList(0, Math.min(warmUpUnits, assessors.size()))
          : List.copyOf(assessors.keySet()), unitsPerJob);
      // (unitBatch): the batch's units
      case "selfCheckCampaigns.unitsOf", "selfCheckCampaigns.unitsAlone" -> SelfCheckCampaigns.split(first);
      // (): no batch job fails in the baseline, so every batch takes the path of one job
      case "selfCheckCampaigns.batchFailedBefore" -> false;
      // (unitCode, quarter)
      case "selfCheckCampaigns.unitBusinessKey" -> "selfcheck-" + first + "-" + arguments[1];
      // (unitCode, quarter): one assessment task per assessor
      case "selfCheckAssessors.of" -> assessors.get(first);
      // (assessor): the 责任人, none for the staff's share
      case "selfCheckAssessors.assignee" -> first.isEmpty() ? null : first;
      // (unitCode, assessor): a fixed group of the unit for the staff's share, none for a 责任人's
      case "selfCheckAssessors.candidateGroups" -> "".equals(arguments[1]) ? List.of(first + "-staff") : List.of();
      default -> switch (bean) {
        case "deadlines" -> DUE;
        case "groups" -> first + "-" + method; // (unitCode): a fixed group of the unit
        default -> null;
      };
    };
  }

  /** A bean of the model: does nothing as a delegate or listener; its name when shown as text. */
  record NoOp(String name) implements JavaDelegate, ExecutionListener, TaskListener {

    @Override
    public void execute(DelegateExecution execution) {
    }

    @Override
    public void notify(DelegateExecution execution) {
    }

    @Override
    public void notify(DelegateTask task) {
    }

    @Override
    public String toString() {
      return name;
    }
  }

  /**
   * Camunda's expression manager with two resolvers more: before its own, calls on a {@link NoOp} return
   * {@link #neutral} values (Camunda's bean resolver would look for the method); after them, an identifier nothing
   * resolved (no variable, no {@code execution}) is a {@link NoOp} of that name.
   */
  final class NoOpExpressionManager extends JuelExpressionManager {

    @Override
    protected ELResolver createElResolver() {
      CompositeELResolver resolver = new CompositeELResolver();
      resolver.add(new Resolver() {
        @Override
        public Object invoke(ELContext context, Object base, Object method, Class<?>[] types, Object[] arguments) {
          if (!(base instanceof NoOp bean)) {
            return null;
          }
          context.setPropertyResolved(true);
          return neutral(bean.name(), method.toString(), arguments == null ? new Object[0] : arguments);
        }
      });
      resolver.add(super.createElResolver());
      resolver.add(new Resolver() {
        @Override
        public Object getValue(ELContext context, Object base, Object property) {
          if (base != null) {
            return null;
          }
          context.setPropertyResolved(true);
          return new NoOp(property.toString());
        }
      });
      return resolver;
    }
  }

  /** A resolver that resolves nothing unless told. */
  abstract static class Resolver extends org.liangze.platform.ResolvesNothing {
  }
}
