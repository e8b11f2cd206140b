/** Seeded property checks for plain JUnit 5: cases drawn from a fixed seed, each failure naming its seed. */
package io.dorsal.testing;
