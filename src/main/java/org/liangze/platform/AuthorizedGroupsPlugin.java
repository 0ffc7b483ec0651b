package org.liangze.platform;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.Session;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationManager;
import org.springframework.stereotype.Component;

/**
 * Makes Camunda's per-query authorization prefilter cheap at district scale.
 *
 * <p>Before every authorized query Camunda narrows the caller's groups to those that appear in any authorization,
 * by reading {@code SELECT DISTINCT GROUP_ID_ FROM ACT_RU_AUTHORIZATION} whole and intersecting it with the groups
 * in Java. Camunda gives every candidate group of every task an authorization row, so with 100,000 open tasks that
 * read is about 117,000 rows and ~15 ms — nearly all of a unit secretary's task list (measured in the benchmark;
 * the same problem is camunda/camunda-bpm-platform#5485). This plugin puts an {@link AuthorizationManager} in the
 * engine that asks only about the caller's own groups, through the index Camunda has on {@code GROUP_ID_}: the
 * same answer (the caller's groups that have any authorization), from a few index entries.
 */
@Component
class AuthorizedGroupsPlugin extends AbstractProcessEnginePlugin {

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<SessionFactory> factories = configuration.getCustomSessionFactories() == null
        ? new ArrayList<>() : new ArrayList<>(configuration.getCustomSessionFactories());
    factories.add(new SessionFactory() {
      @Override
      public Class<?> getSessionType() {
        return AuthorizationManager.class;
      }

      @Override
      public Session openSession() {
        return new GroupFilteringAuthorizationManager();
      }
    });
    configuration.setCustomSessionFactories(factories);
  }

  /** Camunda's manager, but the prefilter asks the database only about the given groups. */
  static class GroupFilteringAuthorizationManager extends AuthorizationManager {

    /** The last question and its answer: a manager lives for one command, which may check several times. */
    private List<String> askedFor;
    private List<String> answer;

    @Override
    public List<String> filterAuthenticatedGroupIds(List<String> authenticatedGroupIds) {
      if (authenticatedGroupIds == null || authenticatedGroupIds.isEmpty()) {
        return Collections.emptyList();
      }
      List<String> groups = authenticatedGroupIds.stream().distinct().toList();
      if (!groups.equals(askedFor)) {
        answer = authorized(groups);
        askedFor = groups;
      }
      return new ArrayList<>(answer);
    }

    private List<String> authorized(List<String> groups) {
      String table = Context.getProcessEngineConfiguration().getDatabaseTablePrefix() + "ACT_RU_AUTHORIZATION";
      // one look-up per group through the GROUP_ID_ index, stopping at its first authorization: a town's secretary's
      // 19 groups hold 7,400 authorizations, which "select distinct GROUP_ID_ … in (…)" read whole (0.56 ms, twice a
      // Tasklist list; docs/performance.md, "The town's list, statement by statement")
      String sql = "select G.ID from (values " + String.join(", ", Collections.nCopies(groups.size(),
          "(cast(? as varchar(255)))")) + ") G(ID) where exists (select 1 from " + table
          + " A where A.GROUP_ID_ = G.ID)";
      // the engine's own connection, so the answer is read in the command's transaction, as Camunda's query is
      Connection connection = getDbSqlSession().getSqlSession().getConnection();
      try (PreparedStatement statement = connection.prepareStatement(sql)) {
        for (int i = 0; i < groups.size(); i++) {
          statement.setString(i + 1, groups.get(i));
        }
        List<String> authorized = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery()) {
          while (rows.next()) {
            authorized.add(rows.getString(1));
          }
        }
        return authorized;
      } catch (SQLException e) {
        throw new ProcessEngineException("Could not read the authorized groups", e);
      }
    }
  }
}
