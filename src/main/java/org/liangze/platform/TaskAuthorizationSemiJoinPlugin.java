package org.liangze.platform;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.ibatis.builder.xml.XMLMapperBuilder;
import org.apache.ibatis.mapping.MappedStatement;
import org.apache.ibatis.session.Configuration;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.stereotype.Component;

/**
 * Makes Camunda's authorized task query cheap when a person may read many tasks one by one, as a town's posts read
 * their villages' tasks (level by level, DESIGN §2).
 *
 * <p>Camunda checks READ on a task by joining its authorizations {@code ON AUTH.RESOURCE_ID_ IN (RES.ID_, D.KEY_,
 * '*')}. An OR in a join condition cannot be hashed, so PostgreSQL compares every open task with every authorization
 * row the caller's groups hold: a town's secretary, whose supervisors groups hold a READ row for each of 1,851
 * village tasks, counted Tasklist's 全部 filter over 100,000 open tasks in 2–77 s (measured in the benchmark, every
 * Tasklist start asks for that count). This plugin replaces the two statements of the task query — the list and
 * the count — with Camunda's own SQL in which only the authorization check differs: {@code RES.ID_ IN (granted
 * resource ids UNION ALL tasks of granted process definitions UNION ALL every task if '*' is granted)}, the same
 * grants as one semi-join on the task's id, which PostgreSQL answers from the granted ids through the primary key
 * instead of from every open task. Which authorizations count (type, user or groups, resource type and
 * permissions) is Camunda's own fragment, unchanged; the revoke-check variant of the query is left as Camunda has it.
 *
 * <p>The statements are built at start-up from Camunda's mapping {@code Task.xml} of the engine on the classpath
 * (7.24, the last Community Edition): its query fragment is copied with exactly two replacements, and start-up
 * fails if either is not found, so a different engine version cannot be patched silently.
 */
@Component
class TaskAuthorizationSemiJoinPlugin extends AbstractProcessEnginePlugin {

  static final String CAMUNDA_MAPPING = "org/camunda/bpm/engine/impl/mapping/entity/Task.xml";
  static final String CAMUNDA_NAMESPACE = "org.camunda.bpm.engine.impl.persistence.entity.TaskEntity";
  static final String NAMESPACE = "org.liangze.platform.TaskAuthorizationSemiJoin";
  /** Camunda's statements of the task query, and the ids of their replacements in {@link #NAMESPACE}. */
  static final Map<String, String> STATEMENTS = Map.of(
      "selectTaskByQueryCriteria", "semiJoinSelectTaskByQueryCriteria",
      "selectTaskCountByQueryCriteria", "semiJoinSelectTaskCountByQueryCriteria");

  private static final Pattern FRAGMENT = Pattern.compile(
      "<sql id=\"selectTaskByQueryCriteriaSql\">(.*?)</sql>", Pattern.DOTALL);
  /** Camunda's authorization join of the task query (only used without revoke checks). */
  private static final Pattern JOIN = Pattern.compile(
      "<if test=\"!authCheck\\.revokeAuthorizationCheckEnabled\">\\s*"
          + "<include refid=\"org\\.camunda\\.bpm\\.engine\\.impl\\.persistence\\.entity\\.AuthorizationEntity"
          + "\\.authCheckJoinWithoutOnClause\" />\\s*"
          + "AUTH ON \\(AUTH\\.RESOURCE_ID_ \\$\\{authJoinStart} RES\\.ID_ \\$\\{authJoinSeparator} D\\.KEY_ "
          + "\\$\\{authJoinSeparator} '\\*' \\$\\{authJoinEnd}\\)\\s*</if>");
  /**
   * Camunda's condition for joining the identity links, the one join besides the ordering's that can repeat a task:
   * {@link TaskQueryRepeats} asks the same to keep {@code DISTINCT} only where it is needed.
   */
  private static final Pattern IDENTITY_LINK_JOIN = Pattern.compile(Pattern.quote(
      "<if test=\"query != null &amp;&amp; (query.candidateUser != null || query.candidateGroups != null  || "
          + "query.candidateGroupLike != null || query.involvedUser != null || query.withCandidateGroups || "
          + "query.withCandidateUsers)\">") + "\\s*<bind name=\"I_JOIN\" value=\"true\" />");
  /** A table the task query joins before its criteria, with its alias and join condition. */
  private static final Pattern JOINED_TABLE = Pattern.compile(
      "\\$\\{prefix}(\\w+) (\\w+) on (\\w+\\.\\w+ = \\w+\\.\\w+)");
  /** Those joins as Camunda 7.24 has them: the identity links, then five on a primary key. */
  private static final List<String> JOINED_TABLES = List.of(
      "ACT_RU_IDENTITYLINK I on I.TASK_ID_ = RES.ID_",
      "ACT_RE_PROCDEF D on RES.PROC_DEF_ID_ = D.ID_",
      "ACT_RU_EXECUTION E on RES.PROC_INST_ID_ = E.ID_",
      "ACT_RE_CASE_DEF CD on RES.CASE_DEF_ID_ = CD.ID_",
      "ACT_RU_CASE_EXECUTION CE on RES.CASE_INST_ID_ = CE.ID_",
      "ACT_RU_EXECUTION E1 on RES.EXECUTION_ID_ = E1.ID_");
  /** The ordering's join of a related table (a variable), which {@link TaskQueryRepeats} also counts. */
  private static final String ORDERING_JOIN =
      "${prefix}${@org.camunda.bpm.engine.impl.db.sql.MybatisJoinHelper@tableMapping(orderingProperty.relation)}";

  /** Camunda's check of the join's result (or the revoke-check variant). */
  private static final Pattern CHECK = Pattern.compile(
      "<include refid=\"org\\.camunda\\.bpm\\.engine\\.impl\\.persistence\\.entity\\.AuthorizationEntity"
          + "\\.contextualAuthorizationCheck\" />");

  /**
   * The caller's grants that count: Camunda's ({@code TYPE_ < 2}, the user or the groups, its checks of resource type
   * and permissions), with the type and the resource types also written as lists of values — implied by Camunda's
   * conditions, so the same rows — which makes them conditions of Camunda's unique indexes {@code (TYPE_, GROUP_ID_ |
   * USER_ID_, RESOURCE_TYPE_, RESOURCE_ID_)}: PostgreSQL reads only the caller's grants of the checked resource types
   * (a town's secretary's 1,852 task grants instead of all 7,381 rows of their groups) and looks up '*' by all four
   * columns instead of reading every unit's grants on '*' (49,565 rows at city size).
   */
  private static final String GRANTED_RESOURCE_IDS = """
      SELECT A.RESOURCE_ID_ FROM ${prefix}ACT_RU_AUTHORIZATION A
      WHERE A.TYPE_ IN (%d, %d)
      AND ( A.USER_ID_ in ( #{authCheck.authUserId, jdbcType=VARCHAR}, '*')
      <if test="authCheck.authGroupIds != null &amp;&amp; authCheck.authGroupIds.size > 0">
        OR A.GROUP_ID_ IN <foreach item="item" index="index" collection="authCheck.authGroupIds" open="("
          separator="," close=")">#{item}</foreach>
      </if>
      )
      <bind name="atomicChecks" value="authCheck.permissionChecks.atomicChecks" />
      <bind name="disjunctive" value="authCheck.permissionChecks.disjunctive" />
      <if test="atomicChecks != null &amp;&amp; atomicChecks.size > 0">
        AND A.RESOURCE_TYPE_ IN <foreach item="permCheck" collection="atomicChecks" open="(" separator=","
          close=")">#{permCheck.resourceType, jdbcType=INTEGER}</foreach>
      </if>
      <include refid="org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity.atomicChecksOnResourceTypeAndPerms" />
      """.formatted(Authorization.AUTH_TYPE_GLOBAL, Authorization.AUTH_TYPE_GRANT);

  /** Every task, if one of the caller's grants is on every resource ('*'). */
  private static final String EVERY_TASK_IF_WILDCARD = """
      SELECT T.ID_ FROM ${prefix}ACT_RU_TASK T WHERE EXISTS (SELECT 1 FROM (%1$s) G WHERE G.RESOURCE_ID_ = '*')
      """.formatted(GRANTED_RESOURCE_IDS);

  /**
   * The granted task ids: those granted one by one, the tasks of the process definitions granted, every task if '*'
   * is granted (an uncorrelated condition, evaluated once through the resource-id index), and — as Camunda has it
   * when case tasks are queried — every case task.
   */
  private static final String GRANTED_TASK_IDS = """
      %1$s
      UNION ALL
      SELECT T.ID_ FROM ${prefix}ACT_RU_TASK T INNER JOIN ${prefix}ACT_RE_PROCDEF PD ON T.PROC_DEF_ID_ = PD.ID_
       WHERE PD.KEY_ IN (%1$s)
      UNION ALL
      %2$s
      <if test="applyAuthorizationCheckForCaseInstances">
        UNION ALL
        SELECT T.ID_ FROM ${prefix}ACT_RU_TASK T WHERE T.CASE_EXECUTION_ID_ IS NOT NULL
      </if>
      """.formatted(GRANTED_RESOURCE_IDS, EVERY_TASK_IF_WILDCARD);

  /**
   * The check as one semi-join on the task's id (no OR: the planner looks the granted ids up by the primary key).
   * On PostgreSQL, a caller without a grant on every resource ({@link TaskReadWildcard}) gets the ids as an array
   * computed once ({@code RES.ID_ = ANY (ARRAY(…))}): the planner cannot know that the '*' branch is empty and
   * would otherwise plan for every open task (a parallel scan and hash join of all of them, 25–38 ms for a town's
   * secretary at 100,000 open tasks); the array's ids are read by the primary key. Both forms hold the same grants,
   * the '*' branch included: the look-up only chooses the plan, never what is visible.
   */
  private static final String SEMI_JOIN_CHECK = """
      <choose>
        <when test="authCheck.shouldPerformAuthorizatioCheck &amp;&amp; authCheck.authUserId != null
            &amp;&amp; !authCheck.revokeAuthorizationCheckEnabled">
          %s
        </when>
        <otherwise>
          <include refid="org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity.contextualAuthorizationCheck" />
        </otherwise>
      </choose>
      """;

  private static final String IN_FORM = """
      and RES.ID_ IN (
        %s
      )
      """.formatted(GRANTED_TASK_IDS);

  /** PostgreSQL: the granted ids as an array, computed once, when the caller holds no grant on every resource. */
  private static final String ARRAY_OR_IN_FORM = """
      <choose>
        <when test="@org.liangze.platform.TaskReadWildcard@absent(authCheck)">
          and RES.ID_ = ANY (ARRAY(
            %s
          ))
        </when>
        <otherwise>
          %s
        </otherwise>
      </choose>
      """.formatted(GRANTED_TASK_IDS, IN_FORM);

  private static final String MAPPER = """
      <?xml version="1.0" encoding="UTF-8" ?>
      <!DOCTYPE mapper PUBLIC "-//mybatis.org//DTD Mapper 3.0//EN" "http://mybatis.org/dtd/mybatis-3-mapper.dtd">
      <mapper namespace="%1$s">
        <select id="semiJoinSelectTaskByQueryCriteria" parameterType="org.camunda.bpm.engine.impl.TaskQueryImpl"
            resultMap="%2$s.taskResultMap">
          <include refid="org.camunda.bpm.engine.impl.persistence.entity.Commons.bindOrderBy"/>
          ${limitBefore}
          select <if test="@org.liangze.platform.TaskQueryRepeats@possible(_parameter)">${distinct}</if>
          <include refid="%2$s.columnSelection"/>
          ${limitBetween}
          <if test="taskNameCaseInsensitive">
            , lower(RES.NAME_) LOWER_NAME_
          </if>
          <include refid="org.camunda.bpm.engine.impl.persistence.entity.Commons.orderBySelection"/>
          <include refid="semiJoinSelectTaskByQueryCriteriaSql"/>
          ${orderBy}
          ${limitAfter}
        </select>
        <select id="semiJoinSelectTaskCountByQueryCriteria" parameterType="org.camunda.bpm.engine.impl.TaskQueryImpl"
            resultType="long">
          <choose>
            <when test="@org.liangze.platform.TaskQueryRepeats@possible(_parameter)">
              ${countDistinctBeforeStart} RES.ID_ ${countDistinctBeforeEnd}
              <include refid="semiJoinSelectTaskByQueryCriteriaSql"/>
              ${countDistinctAfterEnd}
            </when>
            <otherwise>
              select count(RES.ID_)
              <include refid="semiJoinSelectTaskByQueryCriteriaSql"/>
            </otherwise>
          </choose>
        </select>
        <sql id="semiJoinSelectTaskByQueryCriteriaSql">%3$s</sql>
      </mapper>
      """;

  @Override
  public void postInit(ProcessEngineConfigurationImpl engine) {
    Configuration mybatis = engine.getSqlSessionFactory().getConfiguration();
    // engines in one JVM may share Camunda's SQL session factory: patch it once
    synchronized (mybatis) {
      if (!mybatis.hasStatement(NAMESPACE + "." + STATEMENTS.get("selectTaskByQueryCriteria"), false)) {
        String mapper = mapper(read(CAMUNDA_MAPPING), "postgres".equals(engine.getDatabaseType()));
        new XMLMapperBuilder(new ByteArrayInputStream(mapper.getBytes(StandardCharsets.UTF_8)), mybatis,
            "liangze:" + NAMESPACE, mybatis.getSqlFragments()).parse();
      }
      Map<String, MappedStatement> statements = mappedStatements(mybatis);
      STATEMENTS.forEach((camunda, ours) -> {
        MappedStatement replacement = mybatis.getMappedStatement(NAMESPACE + "." + ours, false);
        // Camunda asks by the short name; the map keeps it beside the full one
        statements.remove(camunda);
        statements.remove(CAMUNDA_NAMESPACE + "." + camunda);
        statements.put(CAMUNDA_NAMESPACE + "." + camunda, replacement);
      });
    }
  }

  /** Camunda's task query with the authorization check as a semi-join; fails if Camunda's SQL is not as expected. */
  static String mapper(String camundaTaskMapping, boolean postgres) {
    Matcher fragment = FRAGMENT.matcher(camundaTaskMapping);
    if (!fragment.find()) {
      throw new ProcessEngineException("Camunda's task query fragment not found in " + CAMUNDA_MAPPING);
    }
    checkJoins(fragment.group(1));
    String sql = replaceOnce(JOIN, fragment.group(1), "");
    sql = replaceOnce(CHECK, sql, SEMI_JOIN_CHECK.formatted(postgres ? ARRAY_OR_IN_FORM : IN_FORM));
    return MAPPER.formatted(NAMESPACE, CAMUNDA_NAMESPACE, sql);
  }

  /** Fails unless the joins before the criteria are the ones {@link TaskQueryRepeats} knows. */
  private static void checkJoins(String fragment) {
    int where = fragment.indexOf("<where>");
    String joins = where < 0 ? fragment : fragment.substring(0, where);
    Matcher joined = JOINED_TABLE.matcher(joins);
    List<String> tables = new ArrayList<>();
    while (joined.find()) {
      tables.add(joined.group(1) + " " + joined.group(2) + " on " + joined.group(3));
    }
    Matcher identityLinks = IDENTITY_LINK_JOIN.matcher(joins);
    if (!tables.equals(JOINED_TABLES) || !identityLinks.find() || identityLinks.find()
        || joins.indexOf(ORDERING_JOIN) != joins.lastIndexOf(ORDERING_JOIN) || !joins.contains(ORDERING_JOIN)) {
      throw new ProcessEngineException("Camunda's task query is not the one this platform patches (7.24): its joins "
          + tables + " or the condition of its identity links' join differ in " + CAMUNDA_MAPPING);
    }
  }

  private static String replaceOnce(Pattern pattern, String text, String replacement) {
    Matcher matcher = pattern.matcher(text);
    if (!matcher.find()) {
      throw new ProcessEngineException("Camunda's task query is not the one this platform patches (7.24): "
          + "no match for " + pattern.pattern().substring(0, 60) + "… in " + CAMUNDA_MAPPING);
    }
    String result = text.substring(0, matcher.start()) + replacement + text.substring(matcher.end());
    if (pattern.matcher(result.substring(matcher.start() + replacement.length())).find()) {
      throw new ProcessEngineException("Camunda's task query has the patched SQL more than once in " + CAMUNDA_MAPPING);
    }
    return result;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, MappedStatement> mappedStatements(Configuration mybatis) {
    try {
      Field field = Configuration.class.getDeclaredField("mappedStatements");
      field.setAccessible(true);
      return (Map<String, MappedStatement>) field.get(mybatis);
    } catch (ReflectiveOperationException e) {
      throw new ProcessEngineException("MyBatis' mapped statements cannot be replaced", e);
    }
  }

  static String read(String resource) {
    try (InputStream in = TaskAuthorizationSemiJoinPlugin.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new ProcessEngineException(resource + " not found on the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** For the statements' short and full names, as Camunda looks them up. */
  static List<String> camundaStatementIds() {
    return STATEMENTS.keySet().stream().map(id -> CAMUNDA_NAMESPACE + "." + id).toList();
  }
}
