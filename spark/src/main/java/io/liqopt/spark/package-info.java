/**
 * liqopt's heavy jobs on Apache Spark: the same library code as the single-JVM commands, Spark only
 * partitioning, shipping and gathering. Kept out of the command line's default class path; {@code
 * --engine spark} finds it through {@link io.liqopt.training.distributed.EngineProvider}.
 */
package io.liqopt.spark;
