/**
 * What a distributed engine (the {@code spark} module) plugs into: the market addressed by a URI
 * that every worker reads itself, forecasters rebuilt on the workers from a serialisable recipe,
 * and the {@link io.liqopt.training.walkforward.TaskRunner} it runs a walk-forward's tasks on.
 * Engines are found with {@link java.util.ServiceLoader}, so the command line works without them.
 */
package io.liqopt.training.distributed;
