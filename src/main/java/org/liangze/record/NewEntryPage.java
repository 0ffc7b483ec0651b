package org.liangze.record;

import java.util.List;

/**
 * The form on which a unit's people add a 履责纪实 entry: the kinds they may record, the items of their list (by
 * responsibility), the files the unit uploaded before (to reuse), and the limits the upload checks, so the page
 * can say them before a file is sent.
 *
 * @param selectedItem the item the page was opened for (from 我的清单), or null
 * @param now the district's current time as a {@code datetime-local} value ("2026-05-03T09:30")
 * @param csrfToken the webapp session's CSRF token, with which the page's requests ride on a Tasklist login (null
 *     without one: the browser's own login is used)
 * @param offset the district's UTC offset ("+08:00"): the time entered is the district's, not the phone's
 */
public record NewEntryPage(String unitCode, String unitName, int year, List<Option> kinds, List<ItemGroup> items,
    Long selectedItem, List<UploadedFile> uploaded, String now, int lateEntryDays, long maxSizeBytes,
    String maxSizeLabel, String accept, int maxSummary, String offset, String csrfToken) {

  public record Option(String value, String label) {
  }

  public record ItemGroup(String label, List<Option> options) {
  }

  public record UploadedFile(String hash, String name, String size, String uploadedAt) {
  }
}
