package io.liqopt.report.page;

/**
 * A chart image of a page.
 *
 * @param file the PNG's file name in the report folder
 * @param alt the image's alternative text
 */
public record Chart(String file, String alt) {}
