/**
 * The clinic's records as a clinician uses them: patients found by name, number or device serial, their current
 * devices and leads (the newest row of each), with the rules that keep them straight (one serial, one patient).
 */
package io.dorsal.clinic.records;
