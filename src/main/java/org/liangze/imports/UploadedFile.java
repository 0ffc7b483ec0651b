package org.liangze.imports;

import java.util.Locale;

/** A file as it was uploaded: the name its sender gave it and its bytes. */
public record UploadedFile(String name, byte[] content) {

  public UploadedFile {
    name = name == null ? "" : name;
    content = content == null ? new byte[0] : content;
  }

  String extension() {
    int dot = name.lastIndexOf('.');
    return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
  }
}
