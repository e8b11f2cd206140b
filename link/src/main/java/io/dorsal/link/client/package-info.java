/** The programmer's side of the link: pairing and a scriptable client, shared by stimctl remote and the app. */
package io.dorsal.link.client;
