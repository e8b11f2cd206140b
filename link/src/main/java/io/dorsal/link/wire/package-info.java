/** What crosses the link: length-prefixed JSON frames of bounded size, and the messages they carry. */
package io.dorsal.link.wire;
