/** The CI performance gate's judge: reads JMH's JSON result and fails on allocating or slow hot paths. */
package io.dorsal.bench.gate;
