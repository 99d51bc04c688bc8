/**
 * Training of the ML forecasters (the models themselves live in the ml module, {@code
 * io.liqopt.ml}).
 */
package io.liqopt.training.ml;
