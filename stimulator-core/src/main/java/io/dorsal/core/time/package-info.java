/** Time as a long of nanoseconds from a {@link io.dorsal.core.time.Clock}; tests use a virtual clock and never sleep. */
package io.dorsal.core.time;
