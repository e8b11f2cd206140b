/** The rig's audit log: append-only JSON lines, each chained to the previous by SHA-256, fsynced, verifiable. */
package io.dorsal.link.audit;
