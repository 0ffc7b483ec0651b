package org.liangze.platform;

/**
 * No font with Chinese glyphs can be used for PDF exports. The message is for the operator's log; people get
 * {@link #FOR_PEOPLE}. Refusing beats producing a PDF whose Chinese text is missing or unreadable.
 */
public class FontUnavailableException extends RuntimeException {

  public static final String FOR_PEOPLE = "PDF 导出暂不可用：服务器未配置中文字体，请联系系统管理员。";

  FontUnavailableException(String message) {
    super(message);
  }

  FontUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
