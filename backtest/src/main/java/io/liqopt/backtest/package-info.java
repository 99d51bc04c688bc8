/**
 * Replays market history through threshold policies with a simulated borrower population,
 * liquidators and price impact, and compares policies. Depends on {@code core} only. Empty until
 * the backtest issue lands.
 */
package io.liqopt.backtest;
