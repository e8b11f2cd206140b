/**
 * Time structure of therapy: each program's phases within its period, their interleaving, the pulse table
 * compiled into primitive arrays and the allocation-free scheduler that walks it.
 */
package io.dorsal.core.schedule;
