/**
 * The clinic's records as values: patients, their devices and leads, and everything done to them (therapies
 * applied, checks, readings, refills, interrogations, trials and their diaries), each one an append-only row
 * (docs/clinic.md).
 */
package io.dorsal.clinic;
