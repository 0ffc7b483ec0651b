package org.liangze.imports;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.springframework.stereotype.Component;

/**
 * The first passwords of the people an import added, held in this node's memory for the importing administrator
 * until they download them once (or for {@link #KEPT} at most), then forgotten: never stored in clear, never logged.
 * The download is an Excel workbook of login, name, posts and password.
 */
@Component
class FirstPasswordDownloads {

  static final Duration KEPT = Duration.ofHours(1);

  /** One person's line on the sheet. */
  record Line(String login, String name, String posts, String password) {
  }

  private record Offer(String owner, List<Line> lines, Instant expires) {
  }

  private final Map<String, Offer> offers = new ConcurrentHashMap<>();
  private final SecureRandom random = new SecureRandom();
  private final Clock clock;

  FirstPasswordDownloads(Clock clock) {
    this.clock = clock;
  }

  /** Holds the lines for {@code owner}; returns the one-time token that fetches them. */
  String offer(String owner, List<Line> lines) {
    Instant now = clock.instant();
    offers.values().removeIf(offer -> offer.expires().isBefore(now));
    byte[] token = new byte[24];
    random.nextBytes(token);
    String id = HexFormat.of().formatHex(token);
    offers.put(id, new Offer(owner, List.copyOf(lines), now.plus(KEPT)));
    return id;
  }

  /** The workbook, once, for the administrator it was offered to; empty if taken, expired or someone else's. */
  Optional<byte[]> take(String token, String user) {
    Offer offer = offers.get(token);
    if (offer == null || !offer.owner().equals(user) || offer.expires().isBefore(clock.instant())
        || !offers.remove(token, offer)) {
      return Optional.empty();
    }
    return Optional.of(workbook(offer.lines()));
  }

  private static byte[] workbook(List<Line> lines) {
    try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      Sheet sheet = workbook.createSheet("初始密码");
      CellStyle header = workbook.createCellStyle();
      Font bold = workbook.createFont();
      bold.setBold(true);
      header.setFont(bold);
      String[] headers = {"登录名", "姓名", "职务", "初始密码", "说明"};
      int[] widths = {16, 12, 40, 18, 40};
      Row top = sheet.createRow(0);
      for (int c = 0; c < headers.length; c++) {
        top.createCell(c).setCellValue(headers[c]);
        top.getCell(c).setCellStyle(header);
        sheet.setColumnWidth(c, widths[c] * 256);
      }
      for (int i = 0; i < lines.size(); i++) {
        Line line = lines.get(i);
        Row row = sheet.createRow(i + 1);
        row.createCell(0).setCellValue(line.login());
        row.createCell(1).setCellValue(line.name());
        row.createCell(2).setCellValue(line.posts());
        row.createCell(3).setCellValue(line.password());
        row.createCell(4).setCellValue("首次登录须修改密码；本文件只提供一次，请妥善保管、分发后删除");
      }
      sheet.createFreezePane(0, 1);
      workbook.write(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
