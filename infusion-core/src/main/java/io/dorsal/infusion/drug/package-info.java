/** Intrathecal drugs, the units they are prescribed in, and their consensus limits on concentration and daily dose. */
package io.dorsal.infusion.drug;
