/**
 * The event stream of {@code GET /v1/stream}: a bounded journal of events (threshold changes,
 * positions entering and leaving the liquidatable set, guard alerts, stale assets) with increasing
 * ids, replayed to a client that reconnects with {@code Last-Event-ID} while its events are still
 * retained, and a snapshot first otherwise.
 */
package io.liqopt.serving.stream;
