/**
 * The position book in the service: {@link io.liqopt.serving.book.LiveBook} keeps core's position
 * book current with live prices and served thresholds, and {@link
 * io.liqopt.serving.book.PositionLog} makes every write durable before it is acknowledged.
 *
 * <p>Layout, in {@code DATA/state/book/}: {@code book.snapshot} and {@code positions-<16-digit
 * generation>.log} files (the logs of the snapshot's generation and newer hold the writes since
 * it). Big-endian; strings are a short byte length and UTF-8 bytes.
 *
 * <pre>
 *   log record = int payloadLength | int crc32(payload) | payload
 *   payload    = byte format (1) | byte type | string id | fields
 *     type 1 PUT:    long version, double debtQuote, short n, n x (string symbol, double quantity)
 *     type 2 DELETE: nothing more
 *   snapshot   = int magic "LQBS" | int format (1) | long generation
 *                | int assetCount, assetCount x string symbol
 *                | long count, count x (string id, long version, double debtQuote, short n,
 *                                       n x (short assetIndex, double quantity))
 *                | int crc32(everything before)
 * </pre>
 *
 * One write is one record, durable or torn as a whole. A damaged record at the end of the newest
 * log is a torn write, cut off at start; anywhere else it is corruption and refused.
 */
package io.liqopt.serving.book;
