/**
 * Replays of stored history through the live engine ({@link
 * io.liqopt.serving.replay.MarketReplay}): a mock exchange with injected faults, a synthetic book,
 * and what the API showed hour by hour.
 */
package io.liqopt.serving.replay;
