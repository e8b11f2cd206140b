/** JMH benchmarks of the scheduler and output path (filled by the benchmarks issue). */
package io.dorsal.bench;
