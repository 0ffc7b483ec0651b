package org.liangze.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.camunda.spin.Spin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What every feature's form parsing relies on: the value taken, or the caller's Chinese message. */
class FormInputsTest {

  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  private static final ObjectMapper JSON = new ObjectMapper();

  @JsonIgnoreProperties(ignoreUnknown = true)
  record Row(String content, String dueDate) {
  }

  static Stream<Arguments> accepted() {
    return Stream.of(
        Arguments.of("text stripped", (Supplier<Object>) () -> FormInputs.text("  谈话事由 ", 10, "过长"), "谈话事由"),
        Arguments.of("blank text is nothing", (Supplier<Object>) () -> FormInputs.text("  ", 10, "过长"), null),
        Arguments.of("text at its limit", (Supplier<Object>) () -> FormInputs.text("一二三", 3, "过长"), "一二三"),
        Arguments.of("required text", (Supplier<Object>) () -> FormInputs.requiredText(" 地点 ", 5, "请填写", "过长"),
            "地点"),
        Arguments.of("one of, stripped", (Supplier<Object>) () -> FormInputs.oneOf(" 通报 ", Set.of("通报", "诫勉"), "请选择"),
            "通报"),
        Arguments.of("a year as text", (Supplier<Object>) () -> FormInputs.year(" 2026 "), 2026),
        Arguments.of("a year from a form's number field", (Supplier<Object>) () -> FormInputs.year(2026L), 2026),
        Arguments.of("a year a form sent as a decimal number", (Supplier<Object>) () -> FormInputs.year(2026.0), 2026),
        Arguments.of("ISO date", (Supplier<Object>) () -> FormInputs.date("2026-12-31", SHANGHAI, "请填写", "格式不正确"),
            LocalDate.of(2026, 12, 31)),
        Arguments.of("form date-time trimmed to the date",
            (Supplier<Object>) () -> FormInputs.date(" 2026-12-31T00:00 ", SHANGHAI, "请填写", "格式不正确"),
            LocalDate.of(2026, 12, 31)),
        Arguments.of("legacy date in the zone",
            (Supplier<Object>) () -> FormInputs.date(Date.from(OffsetDateTime.parse("2026-12-30T20:00Z").toInstant()),
                SHANGHAI, "请填写", "格式不正确"),
            LocalDate.of(2026, 12, 31)),
        Arguments.of("date-time with offset",
            (Supplier<Object>) () -> FormInputs.dateTime("2026-12-01T09:30+08:00", SHANGHAI, "请填写", "格式不正确"),
            OffsetDateTime.of(2026, 12, 1, 9, 30, 0, 0, ZoneOffset.ofHours(8))),
        Arguments.of("date-time without offset taken in the zone",
            (Supplier<Object>) () -> FormInputs.dateTime("2026-12-01T09:30", SHANGHAI, "请填写", "格式不正确"),
            OffsetDateTime.of(2026, 12, 1, 9, 30, 0, 0, ZoneOffset.ofHours(8))),
        Arguments.of("rows from JSON text",
            (Supplier<Object>) () -> FormInputs.rows(JSON, "[{\"content\":\"整改\",\"dueDate\":\"2026-12-31\",\"x\":1}]",
                Row.class, "格式不正确"),
            List.of(new Row("整改", "2026-12-31"))),
        Arguments.of("rows from a Spin JSON value",
            (Supplier<Object>) () -> FormInputs.rows(JSON, Spin.JSON("[{\"content\":\"整改\"},{\"content\":\"学习\"}]"),
                Row.class, "格式不正确"),
            List.of(new Row("整改", null), new Row("学习", null))),
        Arguments.of("rows from a list of maps",
            (Supplier<Object>) () -> FormInputs.rows(JSON, List.of(Map.of("content", "整改")), Row.class, "格式不正确"),
            List.of(new Row("整改", null))),
        Arguments.of("optional rows: nothing is empty",
            (Supplier<Object>) () -> FormInputs.optionalRows(JSON, null, Row.class, "格式不正确"), List.of()),
        Arguments.of("optional rows: blank text is empty",
            (Supplier<Object>) () -> FormInputs.optionalRows(JSON, " ", Row.class, "格式不正确"), List.of()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("accepted")
  void takesWhatIsValid(String name, Supplier<Object> parse, Object expected) {
    assertThat(parse.get()).isEqualTo(expected);
  }

  static Stream<Arguments> rejected() {
    return Stream.of(
        Arguments.of("too long", (Runnable) () -> FormInputs.text("一二三四", 3, "谈话事由过长，最多3字"), "谈话事由过长，最多3字"),
        Arguments.of("required but blank", (Runnable) () -> FormInputs.requiredText(" ", 5, "请填写谈话地点", "过长"),
            "请填写谈话地点"),
        Arguments.of("required but missing", (Runnable) () -> FormInputs.required(null, "请写明谈话事由"), "请写明谈话事由"),
        Arguments.of("not one of", (Runnable) () -> FormInputs.oneOf("撤职", Set.of("通报"), "请选择问责方式"), "请选择问责方式"),
        Arguments.of("no year", (Runnable) () -> FormInputs.year(null),
            "年度格式不正确，应为四位数字年份，例如 " + java.time.Year.now().getValue()),
        Arguments.of("a two-digit year", (Runnable) () -> FormInputs.year("26"),
            "年度格式不正确，应为四位数字年份，例如 " + java.time.Year.now().getValue()),
        Arguments.of("a year with a fraction", (Runnable) () -> FormInputs.year(2026.5),
            "年度格式不正确，应为四位数字年份，例如 " + java.time.Year.now().getValue()),
        Arguments.of("a year out of range", (Runnable) () -> FormInputs.year("1999"), "年度超出范围（2000–2100）"),
        Arguments.of("no date", (Runnable) () -> FormInputs.date(" ", SHANGHAI, "请填写整改期限", "格式不正确"), "请填写整改期限"),
        Arguments.of("bad date",
            (Runnable) () -> FormInputs.date("2026-13-01", SHANGHAI, "请填写", "整改期限格式不正确，例如 2026-12-31"),
            "整改期限格式不正确，例如 2026-12-31"),
        Arguments.of("not a date at all", (Runnable) () -> FormInputs.date(42, SHANGHAI, "请填写整改期限", "格式不正确"),
            "请填写整改期限"),
        Arguments.of("no date-time", (Runnable) () -> FormInputs.dateTime(null, SHANGHAI, "请填写谈话时间", "格式不正确"),
            "请填写谈话时间"),
        Arguments.of("bad date-time",
            (Runnable) () -> FormInputs.dateTime("明天上午", SHANGHAI, "请填写", "谈话时间格式不正确，例如 2026-12-01T09:30"),
            "谈话时间格式不正确，例如 2026-12-01T09:30"),
        Arguments.of("rows: nothing", (Runnable) () -> FormInputs.rows(JSON, null, Row.class, "自查结果格式不正确"),
            "自查结果格式不正确"),
        Arguments.of("rows: blank text", (Runnable) () -> FormInputs.rows(JSON, "", Row.class, "自查结果格式不正确"),
            "自查结果格式不正确"),
        Arguments.of("rows: an object, not a list",
            (Runnable) () -> FormInputs.rows(JSON, "{\"content\":\"整改\"}", Row.class, "整改承诺格式不正确"), "整改承诺格式不正确"),
        Arguments.of("rows: a Spin object, not a list",
            (Runnable) () -> FormInputs.optionalRows(JSON, Spin.JSON("{\"content\":\"整改\"}"), Row.class, "整改承诺格式不正确"),
            "整改承诺格式不正确"),
        Arguments.of("rows: not JSON", (Runnable) () -> FormInputs.optionalRows(JSON, "整改", Row.class, "整改承诺格式不正确"),
            "整改承诺格式不正确"),
        Arguments.of("rows: a number", (Runnable) () -> FormInputs.rows(JSON, 7, Row.class, "整改承诺格式不正确"),
            "整改承诺格式不正确"),
        Arguments.of("rows: a list of numbers",
            (Runnable) () -> FormInputs.rows(JSON, List.of(1, 2), Row.class, "整改承诺格式不正确"), "整改承诺格式不正确"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rejected")
  void refusesWithTheCallersMessage(String name, Runnable parse, String message) {
    assertThatThrownBy(parse::run).isInstanceOf(InvalidInputException.class).hasMessage(message);
  }

  @Test
  void rowsWrittenAsJsonReadBackTheSame() {
    List<Row> rows = List.of(new Row("整改", "2026-12-31"));
    Object variable = FormInputs.jsonVariable(JSON, rows).getValue();
    assertThat(FormInputs.rows(JSON, variable, Row.class, "格式不正确")).isEqualTo(rows);
  }
}
