/** Training of the ML forecasters (the models themselves live in {@code core.bundle}). */
package io.liqopt.training.ml;
