package org.liangze.platform;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.db.AuthorizationCheck;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;

/**
 * Whether a caller holds a grant on every task or every process definition ('*'), asked by the task query of
 * {@link TaskAuthorizationSemiJoinPlugin} while MyBatis builds it, to choose its plan: one indexed look-up in the
 * command's own connection. The answer never changes what the query returns (both of its forms hold every grant,
 * the wildcard included), only how PostgreSQL reads it.
 */
public final class TaskReadWildcard {

  private TaskReadWildcard() {
  }

  /** Whether none of the caller's user and group grants is on every task or process definition. */
  public static boolean absent(AuthorizationCheck check) {
    return absent(check.getAuthUserId(), check.getAuthGroupIds());
  }

  /** READ on every task, or READ_TASK on every process definition: what Camunda's task query counts. */
  private static boolean readsEveryTask(int resourceType, int permissions) {
    int needed = resourceType == Resources.TASK.resourceType() ? Permissions.READ.getValue()
        : ProcessDefinitionPermissions.READ_TASK.getValue();
    return (permissions & needed) == needed;
  }

  /** The same for a user and their groups, in the current command. */
  public static boolean absent(String userId, List<String> groupIds) {
    CommandContext command = Context.getCommandContext();
    if (command == null) {
      return false;
    }
    List<String> groups = groupIds == null ? List.of() : groupIds;
    String prefix = Context.getProcessEngineConfiguration().getDatabaseTablePrefix();
    String sql = "select RESOURCE_TYPE_, PERMS_ from " + prefix + "ACT_RU_AUTHORIZATION"
        // global and grant (Camunda's TYPE_ < 2) as values: all four columns of Camunda's unique indexes are
        // conditions, so the look-up does not read every unit's grants on '*'
        + " where RESOURCE_ID_ = '*' and TYPE_ in (" + Authorization.AUTH_TYPE_GLOBAL + ", "
        + Authorization.AUTH_TYPE_GRANT + ")"
        + " and RESOURCE_TYPE_ in (" + Resources.TASK.resourceType() + ", "
        + Resources.PROCESS_DEFINITION.resourceType() + ") and (USER_ID_ in (?, '*')"
        + (groups.isEmpty() ? "" : " or GROUP_ID_ in (" + String.join(", ", Collections.nCopies(groups.size(), "?"))
            + ")") + ")";
    Connection connection = command.getDbSqlSession().getSqlSession().getConnection();
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      List<String> values = new ArrayList<>();
      values.add(userId);
      values.addAll(groups);
      for (int i = 0; i < values.size(); i++) {
        statement.setString(i + 1, values.get(i));
      }
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          if (readsEveryTask(rows.getInt(1), rows.getInt(2))) {
            return false;
          }
        }
        return true;
      }
    } catch (SQLException e) {
      throw new ProcessEngineException("Could not look up the caller's wildcard task grants", e);
    }
  }
}
