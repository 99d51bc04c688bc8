package io.liqopt.serving.state;

/**
 * What the last reload did.
 *
 * @param atMs when it ran (wall clock)
 * @param trigger what asked for it (admin, watch, start)
 * @param bundleId the bundle it tried, or null when LATEST named none
 * @param outcome {@code loaded}, {@code unchanged} or {@code refused}
 * @param message the reason it was refused, or a summary
 */
public record ReloadStatus(
    long atMs, String trigger, String bundleId, String outcome, String message) {}
