/** The rig's side of the link: TLS server, sessions, roles and the commands it applies to the generator. */
package io.dorsal.link.server;
