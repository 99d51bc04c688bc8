package io.liqopt.serving.state;

/**
 * One asset's thresholds in a batch: a held asset's view from the snapshot (governed), or an asset
 * the service does not hold, computed from the caller's bars (not governed).
 *
 * @param view the asset's view
 * @param held whether the service holds it
 */
public record BatchView(AssetView view, boolean held) {}
