package org.liangze.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The prefix Camunda's REST API puts before a refused completion's message, dropped for people's messages only. */
class TaskFormErrorsTest {

  final TaskFormErrors errors = new TaskFormErrors();

  @Test
  void aChineseRefusalLosesTheEnglishPrefixAndTheTaskId() {
    assertThat(mended("{\"type\":\"RestException\",\"message\":\"Cannot submit task form 0a0b52d3-ef37: "
        + "第2项措施：不得因申诉而加重处理\",\"code\":0}"))
        .isEqualTo("{\"type\":\"RestException\",\"message\":\"第2项措施：不得因申诉而加重处理\",\"code\":0}");
    assertThat(mended("{\"message\":\"Cannot complete task 42: 请填写整改措施\"}"))
        .isEqualTo("{\"message\":\"请填写整改措施\"}");
    assertThat(mended("{\"message\":\"Cannot instantiate process definition letterSigning:3:77: 请选择年度\"}"))
        .isEqualTo("{\"message\":\"请选择年度\"}");
  }

  @Test
  void anEngineErrorForAdministratorsAndOtherBodiesStayAsTheyAre() {
    assertThat(errors.mended(bytes("{\"message\":\"Cannot submit task form 42: ENGINE-03005 concurrent update\"}")))
        .isNull();
    assertThat(errors.mended(bytes("{\"message\":\"任务不存在\"}"))).isNull();
    assertThat(errors.mended(bytes("<html>Cannot submit task form 42: 错误</html>"))).isNull();
    assertThat(errors.mended(new byte[0])).isNull();
  }

  private String mended(String body) {
    return new String(errors.mended(bytes(body)), StandardCharsets.UTF_8);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
