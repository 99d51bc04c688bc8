/**
 * The write-ahead log of ingested bars: {@link io.liqopt.serving.wal.BarLog} makes a bar durable
 * before the service acknowledges it, {@link io.liqopt.serving.wal.LogCompactor} moves sealed
 * segments into the Parquet store, and a restart replays what is left.
 *
 * <p>Layout: {@code bars-<16-digit sequence>.wal} files in one folder; the highest sequence is the
 * active segment, lower ones are sealed and immutable. Each segment is a run of records:
 *
 * <pre>
 *   int magic | int payloadLength | int crc32c(payload) | payload
 *   magic "LQWL": payload = batch                    (an append of one batch)
 *   magic "LQWG": payload = int batchCount, batchCount x batch   (of several: one ingest request)
 *   batch = UTF symbol, UTF interval name, int barCount,
 *           barCount x (long openTimeMs, double open, high, low, close, volume, quoteVolume)
 * </pre>
 *
 * (big-endian, {@link java.io.DataOutputStream} encoding). One append is one record, so it is
 * durable, or torn, as a whole. A damaged record at the end of the active segment is a torn write
 * and is cut off; anywhere else it is corruption and an error.
 */
package io.liqopt.serving.wal;
