package org.liangze.record;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.zxing.common.BitMatrix;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.liangze.platform.PdfFonts;
import org.liangze.platform.PdfText;
import org.springframework.stereotype.Component;

/**
 * A checkpoint's receipt as one A4 page for the commission to print and keep: number, time, root, size, key
 * fingerprint, signature, and a QR code of the signed statement as JSON ({@link CheckpointReceipt.Signed}: what is
 * needed to check the signature and to compare the root; the units' heads are in the JSON receipt, too many for a
 * QR code). The QR code is drawn as vector squares (ZXing computes the modules).
 */
@Component
class ReceiptPdf {

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy年M月d日 HH:mm:ss");
  private static final float MARGIN = 56;

  private final PdfFonts fonts;
  private final ObjectMapper json;

  ReceiptPdf(PdfFonts fonts, ObjectMapper json) {
    this.fonts = fonts;
    this.json = json;
  }

  byte[] write(CheckpointReceipt receipt, ZoneId zone) {
    try (PdfFonts.OpenFont glyphs = fonts.open(); PDDocument document = new PDDocument()) {
      document.getDocumentInformation().setTitle("纪实手册签名检查点回执 第" + receipt.seq() + "号");
      document.getDocumentInformation().setCreator("Liangze 两责");
      PDPage page = new PDPage(PDRectangle.A4);
      document.addPage(page);
      PdfText text = new PdfText(glyphs, glyphs.embedIn(document));
      float y = PDRectangle.A4.getHeight() - MARGIN;
      try (PDPageContentStream out = new PDPageContentStream(document, page)) {
        y = line(text, out, "纪实手册签名检查点回执", MARGIN, y - 18, 18, Color.BLACK);
        y -= 10;
        String[][] rows = {
            {"检查点编号", String.valueOf(receipt.seq())},
            {"制作时间", TIME.format(receipt.createdAt().atZone(zone)) + "（" + zone.getId() + "）"},
            {"覆盖单位数", String.valueOf(receipt.treeSize())},
            {"根哈希（SM3）", receipt.rootHash()},
            {"签名密钥指纹（SM3）", receipt.keyId()},
            {"上一把密钥指纹", receipt.previousKeyId() == null ? "—" : receipt.previousKeyId()},
            {"签名（SM2，Base64）", receipt.signature()},
        };
        for (String[] row : rows) {
          y = line(text, out, row[0], MARGIN, y - 16, 10, new Color(0x55, 0x55, 0x55));
          for (String part : chunks(row[1], 64)) {
            y = line(text, out, part, MARGIN + 12, y - 14, 10, Color.BLACK);
          }
        }
        String signed = json.writeValueAsString(receipt.signed());
        float size = 220;
        y -= 20 + size;
        qr(out, signed, (PDRectangle.A4.getWidth() - size) / 2, y, size);
        y = line(text, out, "二维码内容：本检查点的签名声明（JSON），可离线核对签名与根哈希。", MARGIN, y - 20, 9,
            Color.DARK_GRAY);
        for (String note : List.of(
            "请将本回执及同号的 JSON 回执保存在系统之外。校验时（VerifyRecordCli --receipts）与数据库中的检查点和",
            "各单位记录比对：本回执覆盖的记录（各单位至所列链头）此后的任何改写，都会被发现并定位到单位和记录。",
            "不能保证发现的：本回执之后新增、尚未纳入下一次签名检查点的记录被掌握数据库权限者改写；",
            "同时掌握数据库与签名密钥者在两次回执之间的改写，对没有更晚回执的人不可见。")) {
          y = line(text, out, note, MARGIN, y - 14, 9, Color.DARK_GRAY);
        }
      }
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      document.save(bytes);
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void qr(PDPageContentStream out, String content, float x, float y, float size) throws IOException {
    BitMatrix matrix = QrCodes.matrix(content);
    float module = size / matrix.getWidth();
    out.setNonStrokingColor(Color.BLACK);
    for (int row = 0; row < matrix.getHeight(); row++) {
      for (int column = 0; column < matrix.getWidth(); column++) {
        if (matrix.get(column, row)) {
          out.addRect(x + column * module, y + size - (row + 1) * module, module, module);
        }
      }
    }
    out.fill();
  }

  private static List<String> chunks(String text, int length) {
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < text.length(); i += length) {
      parts.add(text.substring(i, Math.min(text.length(), i + length)));
    }
    return parts;
  }

  /** One line at (x, y); answers y, where the next line is measured from. */
  private static float line(PdfText text, PDPageContentStream out, String line, float x, float y, float size,
      Color colour) throws IOException {
    text.show(out, line, x, y, size, colour);
    return y;
  }
}
