/**
 * The electrode as a circuit: each contact's tissue resistance in series with its output coupling capacitor. Used
 * to compute what passive recharge really returns, the charge left on an electrode, and the voltage a current path
 * needs; the bench rig's simulated load follows the same model.
 */
package io.dorsal.core.electrode;
