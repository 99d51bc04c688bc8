/**
 * Stochastic calibration (DESIGN.md): filtered-historical-simulation price paths, the liquidation
 * threshold at a venue's insolvency tolerance, and the stress distribution of cross-margin
 * positions. Primitive arrays, seeded, split across cores.
 */
package io.liqopt.core.simulation;
