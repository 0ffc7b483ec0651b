package org.liangze.organisation;

import java.time.Instant;

/**
 * A task that a person had claimed went back to its unit's group because the person moved to another post or
 * left; the candidate groups stay, so the group's members see it again and one of them claims it. Published inside
 * the transaction that unassigned it; the record manual writes the handover into the unit's manual.
 *
 * @param unitCode the unit whose group the task is offered to
 * @param groupId that group
 * @param departed whether the person left (离开) rather than moved to another post (岗位调整)
 * @param actor who changed the organisation (the importing administrator), or {@code system} at start-up
 */
public record TaskHandedBack(String unitCode, String groupId, String taskId, String taskName,
    String processInstanceId, String fromLogin, String fromName, boolean departed, String actor, Instant at) {

  /** "工作交接：张伟（d01sec）已调整岗位，其已认领的任务「签订目标责任书」退回本单位党组织书记岗位，待重新认领" */
  public String summary() {
    String role = Groups.roleOf(groupId).map(Role::label).orElse(groupId);
    String who = fromName == null || fromName.equals(fromLogin) ? fromLogin : fromName + "（" + fromLogin + "）";
    return "工作交接：" + who + (departed ? "已离开" : "已调整岗位") + "，其已认领的任务「"
        + (taskName == null ? taskId : taskName) + "」退回本单位" + role + "岗位，待重新认领";
  }
}
