/**
 * JMH benchmarks of the timing-critical loop (scheduler step and its floor, generator, rig output stage and
 * runner), of the clinician-facing pipeline (validate, compile, preview), and the real-time lateness harness.
 */
package io.dorsal.bench;
