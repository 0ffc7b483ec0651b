package org.liangze.record;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.Map;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

/** QR codes for the platform's PDFs (ZXing computes the modules): as vector squares, or as an image. */
public final class QrCodes {

  private QrCodes() {
  }

  /** The modules of a QR code of the text (UTF-8, error correction M, a quiet zone of two modules). */
  public static BitMatrix matrix(String content) {
    try {
      return new QRCodeWriter().encode(content, BarcodeFormat.QR_CODE, 0, 0, Map.of(
          EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.CHARACTER_SET, "UTF-8",
          EncodeHintType.MARGIN, 2));
    } catch (WriterException e) {
      throw new IllegalStateException("The text does not fit in a QR code", e);
    }
  }

  /**
   * Draws the QR code as an image (one pixel per module, lossless, scaled without smoothing) in a square of the
   * given size whose lower left corner is at (x, y).
   */
  public static void drawImage(PDDocument document, PDPageContentStream out, String content, float x, float y,
      float size) throws IOException {
    BitMatrix matrix = matrix(content);
    BufferedImage image = new BufferedImage(matrix.getWidth(), matrix.getHeight(), BufferedImage.TYPE_BYTE_BINARY);
    for (int row = 0; row < matrix.getHeight(); row++) {
      for (int column = 0; column < matrix.getWidth(); column++) {
        image.setRGB(column, row, matrix.get(column, row) ? 0x000000 : 0xFFFFFF);
      }
    }
    PDImageXObject xobject = LosslessFactory.createFromImage(document, image);
    out.drawImage(xobject, x, y, size, size);
  }
}
