/**
 * The programmer-to-rig link: each side's identity and its paired peers, TLS 1.3 with mutual authentication,
 * length-prefixed JSON frames, roles enforced on the rig, replay protection and a hash-chained audit log
 * (docs/security.md).
 */
package io.dorsal.link;
