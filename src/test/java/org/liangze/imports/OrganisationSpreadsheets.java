package org.liangze.imports;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;

/** Builds the files a district would upload: workbooks and CSV as Excel saves them. */
final class OrganisationSpreadsheets {

  static final List<String> UNIT_HEADERS = List.of("单位代码", "单位名称", "单位类型", "上级单位代码");
  static final List<String> PEOPLE_HEADERS = List.of("登录名", "姓名", "单位代码", "职务", "手机", "邮箱");
  static final List<String> COMMON_LIST_HEADERS = List.of("单位类型", "年度", "责任类型", "类别", "责任内容", "履责措施",
      "风险点", "频次", "佐证材料");
  static final List<String> UNIT_TYPES = List.of("区直部门", "街镇", "区属部门", "科室站所", "村居");

  /** The 共性清单 rows of a year: two items for each of the five unit types. */
  static List<List<String>> commonLists(String year) {
    List<List<String>> rows = new ArrayList<>();
    for (String type : UNIT_TYPES) {
      rows.add(row(type, year, "主体责任", "党风廉政建设", type + "党组织研究部署党风廉政建设工作", "党组织会议专题研究",
          "重部署轻落实", "每季度", "会议纪要"));
      rows.add(row(type, year, "监督责任", "日常监督", type + "纪检委员开展廉政谈话", "对重点岗位人员谈话提醒",
          "监督缺位", "每季度", "谈话记录"));
    }
    return rows;
  }

  private OrganisationSpreadsheets() {
  }

  /** A district as rows: the 单位 rows and the 人员 rows, without headers. */
  record District(List<List<String>> units, List<List<String>> people) {

    District copy() {
      return new District(deep(units), deep(people));
    }

    private static List<List<String>> deep(List<List<String>> rows) {
      List<List<String>> copy = new ArrayList<>();
      rows.forEach(row -> copy.add(new ArrayList<>(row)));
      return copy;
    }
  }

  static List<String> row(String... cells) {
    return new ArrayList<>(List.of(cells));
  }

  /** The template's workbook with its example rows replaced by the district (as a person fills it in). */
  static byte[] fillTemplate(byte[] template, District district, List<List<String>> commonLists) {
    try (Workbook workbook = new XSSFWorkbook(new java.io.ByteArrayInputStream(template));
        ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      fill(workbook.getSheet("单位"), district.units());
      fill(workbook.getSheet("人员"), district.people());
      fill(workbook.getSheet("共性清单"), commonLists);
      workbook.write(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void fill(Sheet sheet, List<List<String>> rows) {
    for (int r = sheet.getLastRowNum(); r >= 1; r--) {
      Row row = sheet.getRow(r);
      if (row != null) {
        sheet.removeRow(row);
      }
    }
    for (int r = 0; r < rows.size(); r++) {
      Row row = sheet.createRow(r + 1);
      for (int c = 0; c < rows.get(r).size(); c++) {
        row.createCell(c).setCellValue(rows.get(r).get(c));
      }
    }
  }

  /** A plain workbook with the given sheets (name, header row, rows). */
  static byte[] workbook(District district) {
    return workbook(UNIT_HEADERS, district.units(), PEOPLE_HEADERS, district.people());
  }

  /** The district and a 共性清单 sheet. */
  static byte[] workbook(District district, List<List<String>> commonLists) {
    try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      sheet(workbook, "单位", UNIT_HEADERS, district.units());
      sheet(workbook, "人员", PEOPLE_HEADERS, district.people());
      sheet(workbook, "共性清单", COMMON_LIST_HEADERS, commonLists);
      workbook.write(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] workbook(List<String> unitHeaders, List<List<String>> units, List<String> peopleHeaders,
      List<List<String>> people) {
    try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      sheet(workbook, "单位", unitHeaders, units);
      sheet(workbook, "人员", peopleHeaders, people);
      workbook.write(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Sheet sheet(Workbook workbook, String name, List<String> headers, List<List<String>> rows) {
    Sheet sheet = workbook.createSheet(name);
    Row header = sheet.createRow(0);
    for (int c = 0; c < headers.size(); c++) {
      header.createCell(c).setCellValue(headers.get(c));
    }
    for (int r = 0; r < rows.size(); r++) {
      Row row = sheet.createRow(r + 1);
      for (int c = 0; c < rows.get(r).size(); c++) {
        row.createCell(c).setCellValue(rows.get(r).get(c));
      }
    }
    return sheet;
  }

  /** CSV as Excel writes it: CRLF line ends, the given encoding, optionally a UTF-8 byte-order mark. */
  static byte[] csv(List<String> headers, List<List<String>> rows, Charset charset, boolean bom) {
    StringBuilder text = new StringBuilder();
    try (CSVPrinter printer = new CSVPrinter(text, CSVFormat.EXCEL)) {
      printer.printRecord(headers);
      for (List<String> row : rows) {
        printer.printRecord(row);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    byte[] body = text.toString().getBytes(charset);
    if (!bom) {
      return body;
    }
    byte[] withBom = new byte[body.length + 3];
    withBom[0] = (byte) 0xef;
    withBom[1] = (byte) 0xbb;
    withBom[2] = (byte) 0xbf;
    System.arraycopy(body, 0, withBom, 3, body.length);
    return withBom;
  }

  /**
   * A generated district: {@code departments} 区直部门 with {@code sectionsEach} 科室站所, {@code towns} 街镇 with
   * {@code villagesEach} 村居, {@code affiliated} 区属部门; five people per unit (党组织书记, 纪检委员 who in towns also
   * sits on the team, 班子成员, two 工作人员) and the district's own posts.
   */
  static District district(int departments, int sectionsEach, int towns, int villagesEach, int affiliated) {
    List<List<String>> units = new ArrayList<>();
    for (int d = 1; d <= departments; d++) {
      String code = "D%03d".formatted(d);
      units.add(row(code, "区第" + d + "局", "区直部门", ""));
      for (int s = 1; s <= sectionsEach; s++) {
        units.add(row(code + "S%02d".formatted(s), "区第" + d + "局第" + s + "科", "科室站所", code));
      }
    }
    for (int t = 1; t <= towns; t++) {
      String code = "T%03d".formatted(t);
      units.add(row(code, "第" + t + "街道", "街镇", ""));
      for (int v = 1; v <= villagesEach; v++) {
        units.add(row(code + "V%03d".formatted(v), "第" + t + "街道第" + v + "社区", "村居", code));
      }
    }
    for (int a = 1; a <= affiliated; a++) {
      units.add(row("A%03d".formatted(a), "区属第" + a + "中心", "区属部门", ""));
    }
    List<List<String>> people = new ArrayList<>();
    for (List<String> unit : units) {
      String code = unit.get(0);
      String login = code.toLowerCase();
      String mobile = "139" + "%08d".formatted(Math.abs(code.hashCode()) % 100_000_000);
      people.add(row(login + "sec", "书记" + code, code, "党组织书记", mobile, login + "sec@example.cn"));
      people.add(row(login + "insp", "纪检" + code, code, "纪检委员", "", ""));
      if (unit.get(2).equals("街镇")) {
        // a town's discipline secretary also sits on the town's team: two posts, two rows
        people.add(row(login + "insp", "纪检" + code, code, "班子成员", "", ""));
      }
      people.add(row(login + "mem", "委员" + code, code, "班子成员", "", ""));
      people.add(row(login + "staff1", "干事甲" + code, code, "工作人员", "", ""));
      people.add(row(login + "staff2", "干事乙" + code, code, "工作人员", "", ""));
    }
    people.add(row("orgadmin", "组织管理员", "", "组织管理员", "", ""));
    people.add(row("jiwei", "纪委监委", "", "区纪委监委", "", ""));
    people.add(row("quwei", "区委", "", "区委", "", ""));
    return new District(units, people);
  }

  /** Posts an import as {@code importer} (multipart: a workbook, or the CSV files): the API's answer. */
  static ResponseEntity<String> postImport(TestRestTemplate importer, MultiValueMap<String, Object> body,
      boolean dryRun) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.MULTIPART_FORM_DATA);
    return importer.postForEntity("/api/organisation/imports?dryRun=" + dryRun, new HttpEntity<>(body, headers),
        String.class);
  }
}
