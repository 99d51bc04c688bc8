/**
 * Model bundles: one folder per trained model set under {@code models/}, with a manifest that
 * records what it was trained on, its feature schema, its hyper-parameters, its walk-forward
 * metrics beside the baselines and the SHA-256 of every file. Only this package (and its
 * sub-packages {@code gbm} and {@code nn}) imports Tribuo or DJL.
 */
package io.liqopt.ml;
