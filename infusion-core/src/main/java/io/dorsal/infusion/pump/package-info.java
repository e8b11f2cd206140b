/** The pump kinds: programmable (stroke-driven) and constant-flow (gas-driven), with their labelled figures. */
package io.dorsal.infusion.pump;
