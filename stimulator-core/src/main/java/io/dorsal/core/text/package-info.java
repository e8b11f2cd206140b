/** Text shown to people: outside input made safe to print on one line. */
package io.dorsal.core.text;
