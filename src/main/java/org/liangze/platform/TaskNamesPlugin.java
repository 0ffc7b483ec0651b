package org.liangze.platform;

import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParse;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.stereotype.Component;

/**
 * A user task's name as people see it in Tasklist — 阅读并签订目标责任书（区住房和城乡建设局） — is the extension
 * property {@value #PROPERTY} of its element, an expression; the element's own name is plain words
 * (阅读并签订目标责任书). So the diagrams in Modeler and Cockpit, and Cockpit's activity history, read 阅读并签订目标责任书
 * instead of 阅读并签订目标责任书（${unitName}）, and every task still carries its unit in its name. A task without the
 * property is named by its element, as Camunda does.
 */
@Component
class TaskNamesPlugin extends AbstractProcessEnginePlugin {

  /** The extension property holding the task's name expression. */
  static final String PROPERTY = "taskName";

  @Override
  public void preInit(ProcessEngineConfigurationImpl engine) {
    EngineParsing.add(engine, new AbstractBpmnParseListener() {
      @Override
      public void parseUserTask(Element userTask, ScopeImpl scope, ActivityImpl activity) {
        String pattern = patternOf(userTask);
        if (pattern != null) {
          ((UserTaskActivityBehavior) activity.getActivityBehavior()).getTaskDefinition().setNameExpression(
              Context.getProcessEngineConfiguration().getExpressionManager().createExpression(pattern));
        }
      }
    });
  }

  /** The {@value #PROPERTY} extension property of a user task element, or null. */
  static String patternOf(Element userTask) {
    Element extensions = userTask.element("extensionElements");
    Element properties = extensions == null ? null
        : extensions.elementNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, "properties");
    if (properties == null) {
      return null;
    }
    for (Element property : properties.elementsNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, "property")) {
      if (PROPERTY.equals(property.attribute("name"))) {
        return property.attribute("value");
      }
    }
    return null;
  }
}
